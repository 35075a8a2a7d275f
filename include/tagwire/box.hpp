// tagwire — box<T>: a copyable, comparable owning indirection for recursive messages.
#pragma once

#include <memory>
#include <utility>

namespace tagwire {

/// Holds at most one T on the heap, like std::unique_ptr, but copies deeply and compares by
/// value, so recursive message trees stay regular types. An empty box is an absent field. T may be
/// incomplete where the box is declared (struct node { tagwire::box<node> next; };).
template <class T>
class box {
 public:
  constexpr box() noexcept = default;
  constexpr box(std::nullptr_t) noexcept {}
  /// A box holding a copy (or the moved value) of `v`.
  box(const T& v) : p_(std::make_unique<T>(v)) {}
  box(T&& v) : p_(std::make_unique<T>(std::move(v))) {}
  box(const box& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  box(box&&) noexcept = default;
  box& operator=(const box& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  box& operator=(box&&) noexcept = default;
  ~box() = default;

  /// Replaces the content with a T built from `args`; returns it.
  template <class... A>
  T& emplace(A&&... args) {
    p_ = std::make_unique<T>(std::forward<A>(args)...);
    return *p_;
  }
  void reset() noexcept { p_.reset(); }

  [[nodiscard]] bool has_value() const noexcept { return p_ != nullptr; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  [[nodiscard]] T* get() noexcept { return p_.get(); }
  [[nodiscard]] const T* get() const noexcept { return p_.get(); }
  T& operator*() noexcept { return *p_; }
  const T& operator*() const noexcept { return *p_; }
  T* operator->() noexcept { return p_.get(); }
  const T* operator->() const noexcept { return p_.get(); }

  /// Two boxes are equal when both are empty or both hold equal values.
  friend bool operator==(const box& a, const box& b) {
    if (!a.p_ || !b.p_) return !a.p_ && !b.p_;
    return *a.p_ == *b.p_;
  }

 private:
  std::unique_ptr<T> p_;
};

}  // namespace tagwire
