// tagwire — encoded_size: the exact byte count of a message, in one linear pass.
#pragma once

#include <cstddef>
#include <utility>

#include "codec.hpp"

namespace tagwire {
namespace detail {

template <class T>
constexpr std::size_t message_size(const T& m) noexcept;

// Bytes of one value after its tag (a length prefix included where there is one).
template <class F, class V>
constexpr std::size_t value_size(const V& v) noexcept {
  using M = field_meta<F>;
  if constexpr (M::k == kind::message) {
    const std::size_t n = message_size(v);
    return varint_size(n) + n;
  } else if constexpr (M::k == kind::string || M::k == kind::bytes) {
    return varint_size(v.size()) + v.size();
  } else if constexpr (M::width != 0) {
    return M::width;
  } else {
    return varint_size(to_raw<M::k>(v));
  }
}

template <class F, class T>
constexpr std::size_t field_size(const T& m) noexcept {
  using M = field_meta<F>;
  constexpr std::size_t tag = tag_for<F::number, M::record_wt>.size;
  const auto& v = m.*F::member;
  if constexpr (M::k == kind::unsupported) {
    return 0;  // already reported by check_field; nothing more to say
  } else if constexpr (M::form == shape::single) {
    if constexpr (M::k == kind::message) {
      const std::size_t n = message_size(v);  // implicit presence: an empty message is not written
      return n == 0 ? 0 : tag + varint_size(n) + n;
    } else if constexpr (M::scalar) {
      return to_raw<M::k>(v) == 0 ? 0 : tag + value_size<F>(v);
    } else {
      return v.size() == 0 ? 0 : tag + value_size<F>(v);
    }
  } else if constexpr (M::form == shape::optional || M::form == shape::pointer) {
    return v ? tag + value_size<F>(*v) : 0;
  } else {
    if (v.size() == 0) return 0;
    if constexpr (M::packed) {
      std::size_t payload = 0;
      if constexpr (M::width != 0) {
        payload = M::width * static_cast<std::size_t>(v.size());
      } else {
        for (const auto& e : v) payload += varint_size(to_raw<M::k>(static_cast<typename M::value_type>(e)));
      }
      return tag + varint_size(payload) + payload;
    } else {
      std::size_t n = 0;
      for (const auto& e : v) n += tag + value_size<F>(e);
      return n;
    }
  }
}

template <class T>
constexpr std::size_t message_size(const T& m) noexcept {
  using info = message_info<T>;
  static_assert(info::valid);
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (std::size_t{0} + ... + field_size<typename info::template field_t<I>>(m));
  }(std::make_index_sequence<info::count>{});
}

}  // namespace detail

/// Returns the exact number of bytes encode() writes for `msg` (no length prefix).
template <message T>
[[nodiscard]] constexpr std::size_t encoded_size(const T& msg) noexcept {
  return detail::message_size(msg);
}

}  // namespace tagwire
