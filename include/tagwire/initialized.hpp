// tagwire — is_initialized: are all tagwire::required fields present, at every level?
#pragma once

#include <utility>

#include "codec.hpp"
#include "size.hpp"

namespace tagwire {

template <message T>
[[nodiscard]] constexpr bool is_initialized(const T& msg) noexcept;

namespace detail {
template <class F, class T>
constexpr bool field_initialized(const T& m) noexcept {
  using M = field_meta<F>;
  const auto& v = m.*F::member;
  if constexpr (M::is_required && (M::form == shape::optional || M::form == shape::pointer)) {
    if (!v) return false;
  }
  if constexpr (M::is_message) {
    if constexpr (M::form == shape::single) {
      return is_initialized(v);
    } else if constexpr (M::form == shape::repeated) {
      for (const auto& e : v)
        if (!is_initialized(e)) return false;
      return true;
    } else {
      const auto* x = held<F>(v);
      return !x || is_initialized(*x);
    }
  } else if constexpr (M::form == shape::map) {
    if constexpr (map_meta<F>::V::is_message) {
      for (const auto& [key, val] : v)
        if (!is_initialized(val)) return false;
    }
    return true;
  } else {
    return true;
  }
}
}  // namespace detail

/// Returns true when every tagwire::required field held in a std::optional or pointer is set, in
/// `msg` and in every sub-message it holds. (A plain required member always has a value.)
template <message T>
[[nodiscard]] constexpr bool is_initialized(const T& msg) noexcept {
  using info = detail::message_info<T>;
  static_assert(info::valid);
  // clang-format off
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (detail::field_initialized<typename info::template field_t<I>>(msg) && ... && true);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
}

}  // namespace tagwire
