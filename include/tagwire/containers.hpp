// tagwire — fixed_vector<T, N> and fixed_string<N>: inline storage, no heap, no exceptions.
//
// What the decoder needs from a container (the idea behind its container concept; these two
// types are models of it, and a user's own container works if it provides the same):
//   - every field kind: size(), max_size() (the decoder checks size() < max_size() before
//     adding and reports errc::capacity_exceeded instead of overflowing), begin()/end()
//     (bidirectional; the encoder walks them), clear();
//   - repeated fields: push_back(value) for scalars and emplace_back() returning a reference
//     to a new value-initialised element for messages, strings and bytes;
//   - string and bytes fields: contiguous storage, data() and resize(n) (the decoder resizes,
//     then copies the payload over data()); a char container with c_str() is a string
//     field, any other container of byte-sized values is a bytes field.
// reserve(n) is optional; here it is a no-op whatever n is, since the decoder may ask for
// more than fits before it checks each element.
//
// Capacity is a precondition: push_back, emplace_back, insert, emplace, resize, assign,
// append and the constructors call std::abort() when the result would not fit (and so does
// pop_back on an empty container). They never write out of bounds and never truncate. The
// try_* members return false instead and leave the container unchanged. In a constant
// expression an overflow is a compile error. Element access (operator[], front, back) is
// unchecked, as in the standard containers.
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <utility>

#include "config.hpp"  // std::construct_at, destroy_at, destroy, equal, reverse_iterator, ...

namespace tagwire {
namespace detail {

// Called on a capacity precondition violation; never returns.
[[noreturn]] inline void capacity_overflow() noexcept { std::abort(); }

// The smallest unsigned type that holds 0..N, used for the stored size.
template <std::size_t N>
using small_size_t =
    std::conditional_t<N <= UINT8_MAX, std::uint8_t,
                       std::conditional_t<N <= UINT16_MAX, std::uint16_t,
                                          std::conditional_t<N <= UINT32_MAX, std::uint32_t, std::size_t>>>;

// Element types stored in a plain array member: no constructor or destructor runs for the
// unused slots, and every operation is usable in constant expressions.
// clang-format off
template <class T>
inline constexpr bool plain_storage =
    std::is_trivially_default_constructible_v<T> && std::is_trivially_destructible_v<T>;
// clang-format on

template <class T, std::size_t N, bool = plain_storage<T>>
struct fixed_storage {
  T elems[N];  // deliberately left uninitialised: slots past size() hold no value
};

// Other element types live in an array inside a union, so that no element is constructed
// or destroyed except by fixed_vector itself.
template <class T, std::size_t N>
struct fixed_storage<T, N, false> {
  constexpr fixed_storage() noexcept {}  // NOLINT: must not construct the elements
  constexpr ~fixed_storage() {}          // NOLINT: fixed_vector destroys the live elements
  fixed_storage(const fixed_storage&) = delete;
  fixed_storage& operator=(const fixed_storage&) = delete;
  union {
    T elems[N];
  };
};

}  // namespace detail

/// A vector of at most N (>= 1) elements stored inline; see the header comment for the capacity
/// rules. A moved-from fixed_vector is empty.
template <class T, std::size_t N>
class fixed_vector {
  static_assert(N > 0, "tagwire::fixed_vector: the capacity N must be at least 1");
  static_assert(std::is_object_v<T> && !std::is_const_v<T> && !std::is_volatile_v<T> && !std::is_array_v<T>,
                "tagwire::fixed_vector: T must be a non-const, non-volatile, non-array object type");
  static_assert(std::is_destructible_v<T>, "tagwire::fixed_vector: T must be destructible");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  /// The capacity N, as a constant.
  static constexpr size_type static_capacity = N;

  // --- construction, assignment, destruction ---

  /// An empty vector.
  constexpr fixed_vector() noexcept {}  // NOLINT: the storage stays uninitialised on purpose

  /// A vector of n value-initialised elements; aborts if n > N.
  constexpr explicit fixed_vector(size_type n) : fixed_vector() { resize(n); }

  /// A vector of n copies of value; aborts if n > N.
  constexpr fixed_vector(size_type n, const T& value) : fixed_vector() { assign(n, value); }

  /// A vector holding copies of the list's elements; aborts if it has more than N.
  constexpr fixed_vector(std::initializer_list<T> list) : fixed_vector() { assign(list); }

  /// A vector holding the elements of [first, last); aborts if there are more than N.
  template <std::input_iterator It, std::sentinel_for<It> S>
  constexpr fixed_vector(It first, S last) : fixed_vector() {
    assign(std::move(first), std::move(last));
  }

  // The copy and move constructors delegate to the default constructor so that, should an
  // element constructor throw (with exceptions on), the destructor frees what was built.

  // clang-format off
  /// A copy of other's elements.
  constexpr fixed_vector(const fixed_vector& other) requires std::is_copy_constructible_v<T>
      : fixed_vector() {
    for (const T& v : other) unchecked_emplace_back(v);
  }

  /// Takes other's elements by moving each one; other is left empty.
  constexpr fixed_vector(fixed_vector&& other) noexcept(std::is_nothrow_move_constructible_v<T>)
    requires std::is_move_constructible_v<T>
      : fixed_vector() {
    for (T& v : other) unchecked_emplace_back(std::move(v));
    other.clear();
  }

  /// Replaces the elements with copies of other's; returns *this.
  constexpr fixed_vector& operator=(const fixed_vector& other)
    requires std::is_copy_constructible_v<T> && std::is_copy_assignable_v<T>
  {
    if (this != &other) assign_from(other.begin(), other.size());
    return *this;
  }

  /// Replaces the elements with other's, moved one by one; other is left empty. Returns *this.
  constexpr fixed_vector& operator=(fixed_vector&& other) noexcept(std::is_nothrow_move_constructible_v<T> &&
                                                                   std::is_nothrow_move_assignable_v<T>)
    requires std::is_move_constructible_v<T> && std::is_move_assignable_v<T>
  {
    if (this != &other) {
      assign_from(std::make_move_iterator(other.begin()), other.size());
      other.clear();
    }
    return *this;
  }
  // clang-format on

  /// Replaces the elements with copies of the list's; aborts if it has more than N. Returns *this.
  constexpr fixed_vector& operator=(std::initializer_list<T> list) {
    assign(list);
    return *this;
  }

  constexpr ~fixed_vector() { clear(); }

  /// Replaces the elements with n copies of value; aborts if n > N.
  constexpr void assign(size_type n, const T& value) {
    if (n > N) detail::capacity_overflow();
    clear();
    while (size_ < n) unchecked_emplace_back(value);
  }

  /// Replaces the elements with copies of the list's; aborts if it has more than N.
  constexpr void assign(std::initializer_list<T> list) {
    if (list.size() > N) detail::capacity_overflow();
    assign_from(list.begin(), list.size());
  }

  /// Replaces the elements with those of [first, last); aborts if there are more than N.
  template <std::input_iterator It, std::sentinel_for<It> S>
  constexpr void assign(It first, S last) {
    if constexpr (std::sized_sentinel_for<S, It>) {
      if (static_cast<size_type>(last - first) > N) detail::capacity_overflow();
    }
    clear();
    for (; first != last; ++first) emplace_back(*first);
  }

  // --- element access ---

  /// The element at index i (unchecked: i < size()).
  [[nodiscard]] constexpr reference operator[](size_type i) noexcept { return data()[i]; }
  /// The element at index i (unchecked: i < size()).
  [[nodiscard]] constexpr const_reference operator[](size_type i) const noexcept { return data()[i]; }
  /// The first element (unchecked: !empty()).
  [[nodiscard]] constexpr reference front() noexcept { return data()[0]; }
  /// The first element (unchecked: !empty()).
  [[nodiscard]] constexpr const_reference front() const noexcept { return data()[0]; }
  /// The last element (unchecked: !empty()).
  [[nodiscard]] constexpr reference back() noexcept { return data()[size_ - 1]; }
  /// The last element (unchecked: !empty()).
  [[nodiscard]] constexpr const_reference back() const noexcept { return data()[size_ - 1]; }
  /// A pointer to the first element (valid, not null, even when empty).
  [[nodiscard]] constexpr T* data() noexcept { return storage_.elems; }
  /// A pointer to the first element (valid, not null, even when empty).
  [[nodiscard]] constexpr const T* data() const noexcept { return storage_.elems; }

  // --- iterators ---

  /// An iterator to the first element.
  [[nodiscard]] constexpr iterator begin() noexcept { return data(); }
  /// An iterator to the first element.
  [[nodiscard]] constexpr const_iterator begin() const noexcept { return data(); }
  /// An iterator to the first element.
  [[nodiscard]] constexpr const_iterator cbegin() const noexcept { return data(); }
  /// An iterator past the last element.
  [[nodiscard]] constexpr iterator end() noexcept { return data() + size_; }
  /// An iterator past the last element.
  [[nodiscard]] constexpr const_iterator end() const noexcept { return data() + size_; }
  /// An iterator past the last element.
  [[nodiscard]] constexpr const_iterator cend() const noexcept { return data() + size_; }
  /// A reverse iterator to the last element.
  [[nodiscard]] constexpr reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
  /// A reverse iterator to the last element.
  [[nodiscard]] constexpr const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end()); }
  /// A reverse iterator to the last element.
  [[nodiscard]] constexpr const_reverse_iterator crbegin() const noexcept { return const_reverse_iterator(end()); }
  /// A reverse iterator before the first element.
  [[nodiscard]] constexpr reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
  /// A reverse iterator before the first element.
  [[nodiscard]] constexpr const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin()); }
  /// A reverse iterator before the first element.
  [[nodiscard]] constexpr const_reverse_iterator crend() const noexcept { return const_reverse_iterator(begin()); }

  // --- capacity ---

  /// Whether there are no elements.
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  /// Whether size() == N, so nothing more can be added.
  [[nodiscard]] constexpr bool full() const noexcept { return size_ == N; }
  /// The number of elements.
  [[nodiscard]] constexpr size_type size() const noexcept { return size_; }
  /// The capacity N: the most elements the vector can hold.
  [[nodiscard]] static constexpr size_type max_size() noexcept { return N; }
  /// The capacity N.
  [[nodiscard]] static constexpr size_type capacity() noexcept { return N; }
  /// Does nothing, for any n: the capacity is fixed (the decoder may ask for more than N).
  constexpr void reserve(size_type /*n*/) noexcept {}
  /// Does nothing: the capacity is fixed.
  constexpr void shrink_to_fit() noexcept {}

  // --- modifiers ---

  /// Destroys every element; size() becomes 0.
  constexpr void clear() noexcept {
    if constexpr (!std::is_trivially_destructible_v<T>) {
      while (size_ != 0) std::destroy_at(data() + --size_);
    }
    size_ = 0;
  }

  /// Appends a copy of value; aborts if full().
  constexpr void push_back(const T& value) { emplace_back(value); }
  /// Appends value, moved; aborts if full().
  constexpr void push_back(T&& value) { emplace_back(std::move(value)); }

  /// Appends an element built from args and returns a reference to it; aborts if full().
  template <class... Args>
  constexpr reference emplace_back(Args&&... args) {
    if (size_ == N) detail::capacity_overflow();
    return unchecked_emplace_back(std::forward<Args>(args)...);
  }

  /// Appends a copy of value; returns false (nothing changed) if full().
  [[nodiscard]] constexpr bool try_push_back(const T& value) { return try_emplace_back(value); }
  /// Appends value, moved; returns false (value untouched) if full().
  [[nodiscard]] constexpr bool try_push_back(T&& value) { return try_emplace_back(std::move(value)); }

  /// Appends an element built from args; returns false (nothing built) if full().
  template <class... Args>
  [[nodiscard]] constexpr bool try_emplace_back(Args&&... args) {
    if (size_ == N) return false;
    unchecked_emplace_back(std::forward<Args>(args)...);
    return true;
  }

  /// Destroys the last element; aborts if empty().
  constexpr void pop_back() noexcept {
    if (size_ == 0) detail::capacity_overflow();
    --size_;
    std::destroy_at(data() + size_);
  }

  /// Inserts an element built from args before pos and returns an iterator to it; aborts if full().
  template <class... Args>
  constexpr iterator emplace(const_iterator pos, Args&&... args) {
    const auto index = static_cast<difference_type>(pos - cbegin());
    emplace_back(std::forward<Args>(args)...);
    // Swaps the new element down to pos: std::rotate's effect, without <algorithm>.
    for (iterator i = end() - 1; i != begin() + index; --i) {
      using std::swap;
      swap(*(i - 1), *i);
    }
    return begin() + index;
  }
  /// Inserts a copy of value before pos and returns an iterator to it; aborts if full().
  constexpr iterator insert(const_iterator pos, const T& value) { return emplace(pos, value); }
  /// Inserts value, moved, before pos and returns an iterator to it; aborts if full().
  constexpr iterator insert(const_iterator pos, T&& value) { return emplace(pos, std::move(value)); }

  /// Removes the element at pos; returns an iterator to the element that followed it.
  constexpr iterator erase(const_iterator pos) { return erase(pos, pos + 1); }

  /// Removes the elements of [first, last); returns an iterator to the element that followed them.
  constexpr iterator erase(const_iterator first, const_iterator last) {
    const iterator f = begin() + (first - cbegin());
    const iterator l = begin() + (last - cbegin());
    if (f != l) {
      const iterator new_end = std::move(l, end(), f);
      const auto removed = static_cast<size_type>(end() - new_end);
      if constexpr (!std::is_trivially_destructible_v<T>) std::destroy(new_end, end());
      size_ = static_cast<size_t_>(size_ - removed);
    }
    return f;
  }

  /// Makes size() == n, destroying extra elements or appending value-initialised ones; aborts if n > N.
  constexpr void resize(size_type n) {
    if (n > N) detail::capacity_overflow();
    shrink_to(n);
    if constexpr (std::is_scalar_v<T> && !std::is_member_pointer_v<T>) {
      // Value-initialised scalars are zero bytes: one memset. Its length is hidden from g++,
      // which otherwise explores wrapped-around lengths and warns (-Wstringop-overflow).
      if (!std::is_constant_evaluated()) {
        if (n > size_) {
          std::size_t bytes = (n - size_) * sizeof(T);
#if defined(__GNUC__) || defined(__clang__)
          __asm__("" : "+r"(bytes));
#endif
          std::memset(static_cast<void*>(data() + size_), 0, bytes);
          size_ = static_cast<size_t_>(n);
        }
        return;
      }
    }
    if constexpr (std::is_nothrow_default_constructible_v<T>) {
      // No constructor can fail: build them all, then store the size once (a loop that updates
      // size_ per element cannot be turned into a memset).
      for (size_type i = size_; i < n; ++i) std::construct_at(data() + i);
      if (n > size_) size_ = static_cast<size_t_>(n);
    } else {
      while (size_ < n) unchecked_emplace_back();
    }
  }

  /// Makes size() == n like resize(n), but appended elements are default-initialised: scalars and
  /// other trivial types get no value (write them before reading). Aborts if n > N.
  constexpr void resize_for_overwrite(size_type n) {
    if constexpr (detail::plain_storage<T>) {
      if (n > N) detail::capacity_overflow();
      size_ = static_cast<size_t_>(n);  // trivially destructible: nothing to destroy on shrinking
    } else {
      resize(n);
    }
  }

  /// Makes size() == n, destroying extra elements or appending copies of value; aborts if n > N.
  constexpr void resize(size_type n, const T& value) {
    if (n > N) detail::capacity_overflow();
    shrink_to(n);
    while (size_ < n) unchecked_emplace_back(value);
  }

  // clang-format off
  /// Exchanges the elements of *this and other, element by element.
  constexpr void swap(fixed_vector& other) noexcept(std::is_nothrow_swappable_v<T> &&
                                                    std::is_nothrow_move_constructible_v<T>) {
    if (this == &other) return;
    fixed_vector& shorter = size_ <= other.size_ ? *this : other;
    fixed_vector& longer = size_ <= other.size_ ? other : *this;
    const size_type common = shorter.size_;
    for (size_type i = 0; i < common; ++i) {
      using std::swap;
      swap(shorter[i], longer[i]);
    }
    for (size_type i = common; i < longer.size_; ++i) shorter.unchecked_emplace_back(std::move(longer[i]));
    longer.shrink_to(common);
  }
  // clang-format on

  /// Exchanges the elements of a and b.
  friend constexpr void swap(fixed_vector& a, fixed_vector& b) noexcept(noexcept(a.swap(b))) { a.swap(b); }

  // clang-format off
  /// Whether a and b hold equal elements in the same order.
  friend constexpr bool operator==(const fixed_vector& a, const fixed_vector& b)
    requires std::equality_comparable<T>
  {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

  /// The lexicographic order of a and b.
  friend constexpr auto operator<=>(const fixed_vector& a, const fixed_vector& b)
    requires std::three_way_comparable<T>
  {
    return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end());
  }
  // clang-format on

 private:
  using size_t_ = detail::small_size_t<N>;

  // Builds an element at end(); the caller has checked size_ < N.
  template <class... Args>
  constexpr reference unchecked_emplace_back(Args&&... args) {
    T* p = std::construct_at(data() + size_, std::forward<Args>(args)...);
    ++size_;
    return *p;
  }

  // Destroys the elements from index n on (n <= size_).
  constexpr void shrink_to(size_type n) noexcept {
    if constexpr (std::is_trivially_destructible_v<T>) {
      if (n < size_) size_ = static_cast<size_t_>(n);
    } else {
      while (size_ > n) std::destroy_at(data() + --size_);
    }
  }

  // Replaces the elements with the n values from src (n <= N): assigns over the live ones,
  // then builds or destroys the rest.
  template <class It>
  constexpr void assign_from(It src, size_type n) {
    const size_type common = n < size_ ? n : size_;
    for (size_type i = 0; i < common; ++i, ++src) data()[i] = *src;
    shrink_to(n);
    for (; size_ < n; ++src) unchecked_emplace_back(*src);
  }

  detail::fixed_storage<T, N> storage_;
  size_t_ size_ = 0;
};

/// A string of at most N chars stored inline, always followed by a NUL so that c_str() works.
/// The whole buffer is zero-filled on construction, so the type is trivially copyable and
/// usable in constant expressions; see the header comment for the capacity rules.
template <std::size_t N>
class fixed_string {
  using traits = std::string_view::traits_type;

 public:
  using value_type = char;
  using traits_type = traits;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = char&;
  using const_reference = const char&;
  using pointer = char*;
  using const_pointer = const char*;
  using iterator = char*;
  using const_iterator = const char*;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  /// The capacity N, as a constant.
  static constexpr size_type static_capacity = N;

  // --- construction and assignment ---

  /// An empty string.
  constexpr fixed_string() noexcept {
    // At run time only the terminator: zeroing all N + 1 chars made a fresh message of a few
    // strings cost more than decoding it. In constant evaluation every char must hold a value.
    if (std::is_constant_evaluated()) {
      for (char& c : buf_) c = '\0';
    } else {
      buf_[0] = '\0';
    }
  }

  /// A copy of the NUL-terminated s; aborts if s is null or longer than N.
  constexpr fixed_string(const char* s) : fixed_string() {  // NOLINT: implicit, like std::string
    if (s == nullptr) detail::capacity_overflow();
    assign(std::string_view(s));
  }

  /// A copy of s; aborts if s is longer than N.
  constexpr explicit fixed_string(std::string_view s) : fixed_string() { assign(s); }

  /// A copy of [s, s + n); aborts if n > N.
  constexpr fixed_string(const char* s, size_type n) : fixed_string() { assign(std::string_view(s, n)); }

  /// n copies of c; aborts if n > N.
  constexpr fixed_string(size_type n, char c) : fixed_string() { assign(n, c); }

  /// Replaces the contents with the NUL-terminated s; aborts if s is null or too long. Returns *this.
  constexpr fixed_string& operator=(const char* s) {
    if (s == nullptr) detail::capacity_overflow();
    return assign(std::string_view(s));
  }
  /// Replaces the contents with s; aborts if s is longer than N. Returns *this.
  constexpr fixed_string& operator=(std::string_view s) { return assign(s); }

  /// Replaces the contents with s (which may point into *this); aborts if s is longer than N. Returns *this.
  constexpr fixed_string& assign(std::string_view s) {
    if (s.size() > N) detail::capacity_overflow();
    move_chars(buf_, s.data(), s.size());
    set_size(s.size());
    return *this;
  }
  /// Replaces the contents with n copies of c; aborts if n > N. Returns *this.
  constexpr fixed_string& assign(size_type n, char c) {
    if (n > N) detail::capacity_overflow();
    traits::assign(buf_, n, c);
    set_size(n);
    return *this;
  }

  // --- element access ---

  /// The char at index i (unchecked: i < size()).
  [[nodiscard]] constexpr reference operator[](size_type i) noexcept { return buf_[i]; }
  /// The char at index i (unchecked: i <= size(); index size() reads the NUL).
  [[nodiscard]] constexpr const_reference operator[](size_type i) const noexcept { return buf_[i]; }
  /// The first char (unchecked: !empty()).
  [[nodiscard]] constexpr reference front() noexcept { return buf_[0]; }
  /// The first char (unchecked: !empty()).
  [[nodiscard]] constexpr const_reference front() const noexcept { return buf_[0]; }
  /// The last char (unchecked: !empty()).
  [[nodiscard]] constexpr reference back() noexcept { return buf_[size_ - 1]; }
  /// The last char (unchecked: !empty()).
  [[nodiscard]] constexpr const_reference back() const noexcept { return buf_[size_ - 1]; }
  /// A pointer to the chars, followed by a NUL.
  [[nodiscard]] constexpr char* data() noexcept { return buf_; }
  /// A pointer to the chars, followed by a NUL.
  [[nodiscard]] constexpr const char* data() const noexcept { return buf_; }
  /// A pointer to the NUL-terminated chars.
  [[nodiscard]] constexpr const char* c_str() const noexcept { return buf_; }
  /// A view of the chars.
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {buf_, size_}; }
  /// A view of the chars.
  constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT: implicit on purpose

  // --- iterators ---

  /// An iterator to the first char.
  [[nodiscard]] constexpr iterator begin() noexcept { return buf_; }
  /// An iterator to the first char.
  [[nodiscard]] constexpr const_iterator begin() const noexcept { return buf_; }
  /// An iterator to the first char.
  [[nodiscard]] constexpr const_iterator cbegin() const noexcept { return buf_; }
  /// An iterator past the last char.
  [[nodiscard]] constexpr iterator end() noexcept { return buf_ + size_; }
  /// An iterator past the last char.
  [[nodiscard]] constexpr const_iterator end() const noexcept { return buf_ + size_; }
  /// An iterator past the last char.
  [[nodiscard]] constexpr const_iterator cend() const noexcept { return buf_ + size_; }
  /// A reverse iterator to the last char.
  [[nodiscard]] constexpr reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
  /// A reverse iterator to the last char.
  [[nodiscard]] constexpr const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end()); }
  /// A reverse iterator before the first char.
  [[nodiscard]] constexpr reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
  /// A reverse iterator before the first char.
  [[nodiscard]] constexpr const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin()); }

  // --- capacity ---

  /// Whether the string has no chars.
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  /// Whether size() == N, so nothing more can be appended.
  [[nodiscard]] constexpr bool full() const noexcept { return size_ == N; }
  /// The number of chars, not counting the NUL.
  [[nodiscard]] constexpr size_type size() const noexcept { return size_; }
  /// The number of chars, not counting the NUL.
  [[nodiscard]] constexpr size_type length() const noexcept { return size_; }
  /// The capacity N: the most chars the string can hold.
  [[nodiscard]] static constexpr size_type max_size() noexcept { return N; }
  /// The capacity N.
  [[nodiscard]] static constexpr size_type capacity() noexcept { return N; }
  /// Does nothing, for any n: the capacity is fixed.
  constexpr void reserve(size_type /*n*/) noexcept {}

  // --- modifiers ---

  /// Empties the string.
  constexpr void clear() noexcept { set_size(0); }

  /// Makes size() == n, appending NULs if it grows; aborts if n > N.
  constexpr void resize(size_type n) { resize(n, '\0'); }
  /// Makes size() == n, appending copies of c if it grows; aborts if n > N.
  constexpr void resize(size_type n, char c) {
    if (n > N) detail::capacity_overflow();
    if (n > size_) traits::assign(buf_ + size_, n - size_, c);
    set_size(n);
  }

  /// Appends c; aborts if full().
  constexpr void push_back(char c) {
    if (size_ == N) detail::capacity_overflow();
    buf_[size_] = c;
    set_size(size_ + 1u);
  }
  /// Appends c; returns false (nothing changed) if full().
  [[nodiscard]] constexpr bool try_push_back(char c) noexcept {
    if (size_ == N) return false;
    buf_[size_] = c;
    set_size(size_ + 1u);
    return true;
  }
  /// Removes the last char; aborts if empty().
  constexpr void pop_back() noexcept {
    if (size_ == 0) detail::capacity_overflow();
    set_size(size_ - 1u);
  }

  /// Appends s (which may point into *this); aborts if the result would be longer than N. Returns *this.
  constexpr fixed_string& append(std::string_view s) {
    if (s.size() > N - size_) detail::capacity_overflow();
    move_chars(buf_ + size_, s.data(), s.size());
    set_size(size_ + s.size());
    return *this;
  }
  /// Appends n copies of c; aborts if the result would be longer than N. Returns *this.
  constexpr fixed_string& append(size_type n, char c) {
    if (n > N - size_) detail::capacity_overflow();
    traits::assign(buf_ + size_, n, c);
    set_size(size_ + n);
    return *this;
  }
  /// Appends s; returns false (nothing changed) if the result would be longer than N.
  [[nodiscard]] constexpr bool try_append(std::string_view s) noexcept {
    if (s.size() > N - size_) return false;
    append(s);
    return true;
  }
  /// Appends s; aborts if the result would be longer than N. Returns *this.
  constexpr fixed_string& operator+=(std::string_view s) { return append(s); }
  /// Appends c; aborts if full(). Returns *this.
  constexpr fixed_string& operator+=(char c) {
    push_back(c);
    return *this;
  }

  /// Exchanges the contents of a and b.
  friend constexpr void swap(fixed_string& a, fixed_string& b) noexcept {
    fixed_string t = a;
    a = b;
    b = t;
  }

 private:
  using size_t_ = detail::small_size_t<N>;

  // Copies n chars from src, which may overlap dst.
  static constexpr void move_chars(char* dst, const char* src, size_type n) noexcept {
    if (std::is_constant_evaluated()) {
      char tmp[N + 1] = {};  // through a copy: comparing unrelated pointers is not constant
      for (size_type i = 0; i < n; ++i) tmp[i] = src[i];
      for (size_type i = 0; i < n; ++i) dst[i] = tmp[i];
    } else if (!detail::optimize_size && N >= 16 && n <= 16) {
      // Most strings are short: no call. (Not below N = 16, where g++ cannot see that n <= N
      // and warns about the 8-byte stores.)
      detail::move_bytes_short(dst, src, n);
    } else if (n != 0) {
#if defined(__GNUC__) || defined(__clang__)
      __asm__("" : "+r"(n));  // a known bound makes g++ inline `rep movs`, slow for short strings
#endif
      std::memmove(dst, src, n);
    }
  }

  constexpr void set_size(size_type n) noexcept {
    size_ = static_cast<size_t_>(n);
    buf_[n] = '\0';
  }

  char buf_[N + 1];  // at run time, the chars past size() + 1 hold no value
  size_t_ size_ = 0;
};

/// Whether a and b hold the same chars (capacities may differ).
template <std::size_t N, std::size_t M>
[[nodiscard]] constexpr bool operator==(const fixed_string<N>& a, const fixed_string<M>& b) noexcept {
  return a.view() == b.view();
}
/// Whether a holds the chars of b.
template <std::size_t N>
[[nodiscard]] constexpr bool operator==(const fixed_string<N>& a, std::string_view b) noexcept {
  return a.view() == b;
}
/// Whether a holds the chars of the NUL-terminated b (b must not be null).
template <std::size_t N>
[[nodiscard]] constexpr bool operator==(const fixed_string<N>& a, const char* b) noexcept {
  return a.view() == std::string_view(b);
}
/// The lexicographic order of a and b, as for std::string_view.
template <std::size_t N, std::size_t M>
[[nodiscard]] constexpr std::strong_ordering operator<=>(const fixed_string<N>& a, const fixed_string<M>& b) noexcept {
  return a.view() <=> b.view();
}
/// The lexicographic order of a and b, as for std::string_view.
template <std::size_t N>
[[nodiscard]] constexpr std::strong_ordering operator<=>(const fixed_string<N>& a, std::string_view b) noexcept {
  return a.view() <=> b;
}
/// The lexicographic order of a and the NUL-terminated b, as for std::string_view.
template <std::size_t N>
[[nodiscard]] constexpr std::strong_ordering operator<=>(const fixed_string<N>& a, const char* b) noexcept {
  return a.view() <=> std::string_view(b);
}

}  // namespace tagwire
