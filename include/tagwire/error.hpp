// tagwire — error codes and result<T>: errors are values, the core never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <type_traits>
#include <utility>
#if defined(__cpp_exceptions)
#include <exception>
#endif

#include "config.hpp"  // std::construct_at, destroy_at, addressof

namespace tagwire {

/// Why an operation failed; `ok` only inside the library, never in an `error` you receive.
enum class errc : std::uint8_t {
  ok = 0,
  truncated,             // input ended inside a record, a packed run or an open group
  varint_overflow,       // varint longer than 10 bytes, or tag longer than 5
  invalid_wire_type,     // wire type 6 or 7
  invalid_field_number,  // field number 0 or above 536870911
  length_overflow,       // a length or a message over 2 GiB - 1
  depth_exceeded,        // nesting deeper than decode_options::max_depth
  buffer_too_small,      // encode: the output span cannot hold the message
  group_mismatch,        // an end-group without its start, or with another number
  missing_required,      // a tagwire::required field was absent (field: its number)
  invalid_utf8,          // a string field holds invalid UTF-8
  capacity_exceeded,     // a fixed-capacity container or string is full
  need_more,             // streams: the input ends before the message does; feed more bytes
  message_too_large,     // streams: a length prefix over the configured maximum
};

/// Returns a short English description of `code`.
[[nodiscard]] constexpr std::string_view to_string(errc code) noexcept {
  switch (code) {
    case errc::ok: return "ok";
    case errc::truncated: return "truncated input";
    case errc::varint_overflow: return "varint too long";
    case errc::invalid_wire_type: return "invalid wire type";
    case errc::invalid_field_number: return "invalid field number";
    case errc::length_overflow: return "length over 2 GiB";
    case errc::depth_exceeded: return "nesting too deep";
    case errc::buffer_too_small: return "output buffer too small";
    case errc::group_mismatch: return "mismatched end-group";
    case errc::missing_required: return "missing required field";
    case errc::invalid_utf8: return "invalid UTF-8 in a string field";
    case errc::capacity_exceeded: return "container capacity exceeded";
    case errc::need_more: return "need more bytes";
    case errc::message_too_large: return "message over the size limit";
  }
  return "unknown error";
}

/// What went wrong and where. For decoding, `offset` is the input offset of the item
/// that failed and `field` the number of the field being read (0 if none). For
/// `buffer_too_small`, `offset` is the size the message needs.
struct error {
  errc code = errc::ok;
  std::size_t offset = 0;
  std::uint32_t field = 0;
  friend constexpr bool operator==(const error&, const error&) = default;
};

#if defined(__cpp_exceptions)
/// Thrown by result<T>::value() on an error, when exceptions are enabled.
class bad_result_access : public std::exception {
 public:
  explicit bad_result_access(error e) noexcept : err_(e) {}
  [[nodiscard]] const char* what() const noexcept override { return to_string(err_.code).data(); }
  [[nodiscard]] error get() const noexcept { return err_; }

 private:
  error err_;
};
#endif

namespace detail {
[[noreturn]] inline void fail_access([[maybe_unused]] const error& e) {
#if defined(__cpp_exceptions)
  throw bad_result_access(e);
#else
  std::abort();
#endif
}
}  // namespace detail

/// A value or an error, shaped like std::expected<T, tagwire::error>.
template <class T>
class result {
 public:
  using value_type = T;
  using error_type = tagwire::error;

  constexpr result(const T& v) : val_(v), ok_(true) {}  // NOLINT: implicit like expected
  constexpr result(T&& v) : val_(std::move(v)), ok_(true) {}
  constexpr result(const tagwire::error& e) : err_(e), ok_(false) {}
  /// Holds a T made from `args`, in place.
  template <class... Args>
  constexpr explicit result(std::in_place_t, Args&&... args) : val_(std::forward<Args>(args)...), ok_(true) {}
  /// Holds T{}: for an aggregate, members with default constructors run them, and the object is
  /// not zero-filled first as T() would (a fixed_vector's storage stays untouched).
  constexpr explicit result(std::in_place_t) requires requires { T{}; } : val_{}, ok_(true) {
  }
  constexpr result(const result& o) : ok_(o.ok_) {
    if (ok_) std::construct_at(std::addressof(val_), o.val_);
    else std::construct_at(std::addressof(err_), o.err_);
  }
  constexpr result(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) : ok_(o.ok_) {
    if (ok_) std::construct_at(std::addressof(val_), std::move(o.val_));
    else std::construct_at(std::addressof(err_), o.err_);
  }
  constexpr result& operator=(const result& o) {
    if (this != &o) {
      destroy();
      ok_ = o.ok_;
      if (ok_) std::construct_at(std::addressof(val_), o.val_);
      else std::construct_at(std::addressof(err_), o.err_);
    }
    return *this;
  }
  constexpr result& operator=(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (this != &o) {
      destroy();
      ok_ = o.ok_;
      if (ok_) std::construct_at(std::addressof(val_), std::move(o.val_));
      else std::construct_at(std::addressof(err_), o.err_);
    }
    return *this;
  }
  constexpr ~result() { destroy(); }

  [[nodiscard]] constexpr bool has_value() const noexcept { return ok_; }
  constexpr explicit operator bool() const noexcept { return ok_; }

  /// The value; throws bad_result_access (or aborts without exceptions) on an error.
  [[nodiscard]] constexpr T& value() & {
    if (!ok_) detail::fail_access(err_);
    return val_;
  }
  [[nodiscard]] constexpr const T& value() const& {
    if (!ok_) detail::fail_access(err_);
    return val_;
  }
  [[nodiscard]] constexpr T&& value() && {
    if (!ok_) detail::fail_access(err_);
    return std::move(val_);
  }
  template <class U>
  [[nodiscard]] constexpr T value_or(U&& other) const& {
    return ok_ ? val_ : static_cast<T>(std::forward<U>(other));
  }

  /// Unchecked access; the caller has checked has_value().
  [[nodiscard]] constexpr T& operator*() & noexcept { return val_; }
  [[nodiscard]] constexpr const T& operator*() const& noexcept { return val_; }
  [[nodiscard]] constexpr T&& operator*() && noexcept { return std::move(val_); }
  [[nodiscard]] constexpr T* operator->() noexcept { return std::addressof(val_); }
  [[nodiscard]] constexpr const T* operator->() const noexcept { return std::addressof(val_); }

  /// The error; meaningful only when !has_value().
  [[nodiscard]] constexpr const tagwire::error& error() const noexcept { return err_; }

 private:
  constexpr void destroy() noexcept {
    if (ok_) std::destroy_at(std::addressof(val_));
  }
  union {
    T val_;
    tagwire::error err_;
  };
  bool ok_;
};

/// Success or an error, shaped like std::expected<void, tagwire::error>.
template <>
class result<void> {
 public:
  using value_type = void;
  using error_type = tagwire::error;
  constexpr result() noexcept = default;
  constexpr result(const tagwire::error& e) noexcept : err_(e) {}
  [[nodiscard]] constexpr bool has_value() const noexcept { return err_.code == errc::ok; }
  constexpr explicit operator bool() const noexcept { return has_value(); }
  constexpr void value() const {
    if (!has_value()) detail::fail_access(err_);
  }
  constexpr void operator*() const noexcept {}
  [[nodiscard]] constexpr const tagwire::error& error() const noexcept { return err_; }

 private:
  tagwire::error err_{};
};

}  // namespace tagwire
