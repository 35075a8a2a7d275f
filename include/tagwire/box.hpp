// tagwire — box<T>: a copyable, comparable owning indirection for recursive messages.
#pragma once

#include <cstddef>
#include <utility>

namespace tagwire {

/// Holds at most one T on the heap, like std::unique_ptr, but copies deeply and compares by
/// value, so recursive message trees stay regular types. An empty box is an absent field. T may be
/// incomplete where the box is declared (struct node { tagwire::box<node> next; };).
// It owns a plain pointer: std::unique_ptr would cost every user of tagwire.hpp the heavy <memory>.
template <class T>
class box {
 public:
  constexpr box() noexcept = default;
  constexpr box(std::nullptr_t) noexcept {}
  /// A box holding a copy (or the moved value) of `v`.
  box(const T& v) : p_(new T(v)) {}
  box(T&& v) : p_(new T(std::move(v))) {}
  box(const box& o) : p_(o.p_ ? new T(*o.p_) : nullptr) {}
  box(box&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  box& operator=(const box& o) {
    if (this != &o) replace(o.p_ ? new T(*o.p_) : nullptr);
    return *this;
  }
  box& operator=(box&& o) noexcept {
    if (this != &o) replace(std::exchange(o.p_, nullptr));
    return *this;
  }
  ~box() { destroy(p_); }

  /// Replaces the content with a T built from `args`; returns it.
  template <class... A>
  T& emplace(A&&... args) {
    T* const p = new T(std::forward<A>(args)...);
    replace(p);
    return *p;
  }
  void reset() noexcept { replace(nullptr); }

  [[nodiscard]] bool has_value() const noexcept { return p_ != nullptr; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  [[nodiscard]] T* get() noexcept { return p_; }
  [[nodiscard]] const T* get() const noexcept { return p_; }
  T& operator*() noexcept { return *p_; }
  const T& operator*() const noexcept { return *p_; }
  T* operator->() noexcept { return p_; }
  const T* operator->() const noexcept { return p_; }

  /// Two boxes are equal when both are empty or both hold equal values.
  friend bool operator==(const box& a, const box& b) {
    if (!a.p_ || !b.p_) return !a.p_ && !b.p_;
    return *a.p_ == *b.p_;
  }

 private:
  static void destroy(T* p) noexcept {
    static_assert(sizeof(T) > 0, "tagwire::box: T must be complete where the box is destroyed");
    delete p;
  }
  // Takes ownership of `p` and deletes the old value after, as unique_ptr::reset does.
  void replace(T* p) noexcept { destroy(std::exchange(p_, p)); }

  T* p_ = nullptr;
};

}  // namespace tagwire
