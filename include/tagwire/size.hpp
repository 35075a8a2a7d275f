// tagwire — encoded_size: the exact byte count of a message, in one linear pass.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <variant>

#include "codec.hpp"
#include "config.hpp"  // std::ranges concepts

namespace tagwire {
namespace detail {

template <class T>
constexpr std::size_t message_size(const T& m) noexcept;

// Bytes of one value after its tag (a length prefix or an end-group tag included).
template <class F, class V>
constexpr std::size_t value_size(const V& v) noexcept {
  using M = field_meta<F>;
  if constexpr (M::k == kind::message) {
    const std::size_t n = message_size(v);
    return varint_size(n) + n;
  } else if constexpr (M::k == kind::group) {
    return message_size(v) + tag_for<F::number, wire_type::end_group>.size;
  } else if constexpr (M::k == kind::packed_view) {
    return varint_size(v.bytes().size()) + v.bytes().size();
  } else if constexpr (M::k == kind::string || M::k == kind::bytes) {
    return varint_size(v.size()) + v.size();
  } else if constexpr (M::width != 0) {
    return M::width;
  } else {
    return varint_size(to_raw<M::k>(v));
  }
}

// The varint bytes of n packed 32-bit values of kind K (int32, uint32, sint32 or a 32-bit enum),
// four at a time: a value takes one byte plus one per threshold (2^7, 2^14, 2^21, 2^28) it reaches,
// and a negative int32 ten. GCC/Clang vector extensions: SSE2 on x86-64, NEON on ARM; no branches
// on the values' lengths.
template <kind K>
constexpr bool varint32_kind = K == kind::int32 || K == kind::uint32 || K == kind::sint32 || K == kind::enumeration;
#if defined(__GNUC__)
template <kind K, class V, class E>
inline std::size_t packed_varint32_size(const E* p, std::size_t n) noexcept {
  static_assert(sizeof(E) == 4);
  using u32x4 = std::uint32_t __attribute__((vector_size(16)));
  using i32x4 = std::int32_t __attribute__((vector_size(16)));
  i32x4 acc{};  // minus the count of thresholds reached (a true comparison is -1)
  std::size_t i = 0;
  for (; n - i >= 4; i += 4) {
    u32x4 x;
    std::memcpy(&x, p + i, sizeof x);
    if constexpr (K == kind::sint32) x = (x << 1) ^ reinterpret_cast<u32x4>(reinterpret_cast<i32x4>(x) >> 31);
    acc += reinterpret_cast<i32x4>(x > 0x7fu) + reinterpret_cast<i32x4>(x > 0x3fffu) +
           reinterpret_cast<i32x4>(x > 0x1fffffu) + reinterpret_cast<i32x4>(x > 0xfffffffu);
    if constexpr (K == kind::int32 || K == kind::enumeration) acc += (reinterpret_cast<i32x4>(x) < 0) * 5;
  }
  std::size_t total = i - static_cast<std::size_t>(static_cast<std::int64_t>(acc[0]) + acc[1] + acc[2] + acc[3]);
  for (; i < n; ++i) total += varint_size(to_raw<K>(static_cast<V>(p[i])));
  return total;
}
#endif

// The payload of a map entry: key record and value record, both always written.
template <class F, class K, class V>
constexpr std::size_t entry_size(const K& k, const V& v) noexcept {
  using MM = map_meta<F>;
  return tag_for<1, MM::K::wt>.size + value_size<typename MM::key_part>(k) + tag_for<2, MM::V::wt>.size +
         value_size<typename MM::value_part>(v);
}

// The value a oneof alternative, optional or pointer field holds, or nullptr.
template <class F, class M>
constexpr const auto* held(const M& v) noexcept {
  if constexpr (F::form == shape::alternative) return std::get_if<F::index>(&v);
  else return v ? &*v : nullptr;
}

template <class F, class T>
constexpr std::size_t field_size(const T& m) noexcept {
  using M = field_meta<F>;
  constexpr std::size_t tag = tag_for<F::number, M::record_wt>.size;
  const auto& v = m.*F::member;
  if constexpr (M::k == kind::unsupported) {
    return 0;  // already reported by check_field; nothing more to say
  } else if constexpr (M::form == shape::single) {
    if constexpr (M::is_message && !M::is_required) {
      const std::size_t n = message_size(v);  // implicit presence: an empty message is not written
      if (n == 0) return 0;
      return tag + (M::k == kind::group ? n + tag_for<F::number, wire_type::end_group>.size : varint_size(n) + n);
    } else if constexpr (M::is_required) {
      return tag + value_size<F>(v);
    } else if constexpr (M::scalar) {
      return to_raw<M::k>(v) == 0 ? 0 : tag + value_size<F>(v);
    } else if constexpr (M::k == kind::packed_view) {
      return v.bytes().empty() ? 0 : tag + value_size<F>(v);
    } else {
      return v.size() == 0 ? 0 : tag + value_size<F>(v);
    }
  } else if constexpr (M::form == shape::optional || M::form == shape::pointer || M::form == shape::alternative) {
    const auto* x = held<F>(v);
    return x ? tag + value_size<F>(*x) : 0;
  } else if constexpr (M::form == shape::map) {
    std::size_t n = 0;
    for (const auto& [key, val] : v) {
      const std::size_t e = entry_size<F>(key, val);
      n += tag + varint_size(e) + e;
    }
    return n;
  } else {
    if (v.size() == 0) return 0;
    if constexpr (is_repeated_view<typename M::member_type>::value) {
      return v.size() * tag + view_access::record_bytes(v);
    } else if constexpr (M::packed) {
      std::size_t payload = 0;
      if constexpr (M::width != 0) {
        payload = M::width * static_cast<std::size_t>(v.size());
      } else {
#if defined(__GNUC__)
        if constexpr (varint32_kind<M::k> && std::ranges::contiguous_range<typename M::member_type> &&
                      sizeof(std::ranges::range_value_t<typename M::member_type>) == 4) {
          if (!std::is_constant_evaluated() && !optimize_size) {
            payload = packed_varint32_size<M::k, typename M::value_type>(std::data(v), std::size(v));
            return tag + varint_size(payload) + payload;
          }
        }
#endif
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
constexpr bool message_empty(const T& m) noexcept;

// True when field F of `m` would write nothing; stops at the first field that would.
template <class F, class T>
constexpr bool field_empty(const T& m) noexcept {
  using M = field_meta<F>;
  const auto& v = m.*F::member;
  if constexpr (M::k == kind::unsupported) {
    return true;
  } else if constexpr (M::form == shape::single) {
    if constexpr (M::is_required) return false;
    else if constexpr (M::is_message) return message_empty(v);
    else if constexpr (M::scalar) return to_raw<M::k>(v) == 0;
    else if constexpr (M::k == kind::packed_view) return v.bytes().empty();
    else return v.size() == 0;
  } else if constexpr (M::form == shape::optional || M::form == shape::pointer || M::form == shape::alternative) {
    return held<F>(v) == nullptr;
  } else {
    return v.size() == 0;
  }
}

// True when `m` encodes to nothing. Used where a suffix (a group's end tag) must be known to be
// needed before the content is written backwards.
template <class T>
constexpr bool message_empty(const T& m) noexcept {
  using info = message_info<T>;
  if constexpr (info::keeps_unknown) {
    if (unknown_member(m).size() != 0) return false;
  }
  // clang-format off
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (field_empty<typename info::template field_t<I>>(m) && ... && true);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
}

template <class T>
constexpr std::size_t message_size(const T& m) noexcept {
  using info = message_info<T>;
  static_assert(info::valid);
  // clang-format off
  std::size_t n = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (std::size_t{0} + ... + field_size<typename info::template field_t<I>>(m));
  }(std::make_index_sequence<info::count>{});
  // clang-format on
  if constexpr (info::keeps_unknown) n += unknown_member(m).size();
  return n;
}

// An upper bound of a message's size, cheaper than the exact one: every scalar counts with its
// longest encoding whether or not it is written, every length prefix as five bytes. `take`
// subtracts a field's bound from the budget `left`; false once the budget is exhausted, which
// stops the walk early (encode then takes the exact size). So does a repeated field of strings,
// messages or map entries with more than bound_walk_limit elements: a walk that would likely run
// out of budget anyway is not started.
inline constexpr std::size_t bound_walk_limit = 32;
constexpr bool take(std::size_t& left, std::size_t n) noexcept {
  if (n > left) return false;
  left -= n;
  return true;
}

template <class T>
constexpr bool message_within(const T& m, std::size_t& left) noexcept;

// The longest encoding of a scalar value of field meta M.
template <class M>
constexpr std::size_t max_scalar_size = M::width != 0                                  ? M::width
                                        : M::k == kind::boolean                        ? 1
                                        : M::k == kind::uint32 || M::k == kind::sint32 ? 5
                                                                                       : max_varint_size;

// One value of field F (after its tag; a length prefix or an end-group tag included).
template <class F, class V>
constexpr bool value_within(const V& v, std::size_t& left) noexcept {
  using M = field_meta<F>;
  if constexpr (M::k == kind::message) return take(left, 5) && message_within(v, left);
  else if constexpr (M::k == kind::group)
    return take(left, tag_for<F::number, wire_type::end_group>.size) && message_within(v, left);
  else if constexpr (M::k == kind::packed_view) return take(left, 5 + v.bytes().size());
  else if constexpr (M::k == kind::string || M::k == kind::bytes) return take(left, 5 + v.size());
  else return take(left, max_scalar_size<M>);
}

template <class F, class T>
constexpr bool field_within(const T& m, std::size_t& left) noexcept {
  using M = field_meta<F>;
  constexpr std::size_t tag = tag_for<F::number, M::record_wt>.size;
  const auto& v = m.*F::member;
  if constexpr (M::k == kind::unsupported || (M::form == shape::single && M::scalar)) {
    return true;  // singular scalars: counted once per message, in scalar_bound
  } else if constexpr (M::form == shape::single) {
    return take(left, tag) && value_within<F>(v, left);
  } else if constexpr (M::form == shape::optional || M::form == shape::pointer || M::form == shape::alternative) {
    const auto* x = held<F>(v);
    return x == nullptr || (take(left, tag) && value_within<F>(*x, left));
  } else if constexpr (M::form == shape::map) {
    using MM = map_meta<F>;
    constexpr std::size_t entry_tags = tag + 5 + tag_for<1, MM::K::wt>.size + tag_for<2, MM::V::wt>.size;
    if (v.size() > bound_walk_limit) return false;
    for (const auto& [key, val] : v)
      if (!take(left, entry_tags) || !value_within<typename MM::key_part>(key, left) ||
          !value_within<typename MM::value_part>(val, left))
        return false;
    return true;
  } else if constexpr (is_repeated_view<typename M::member_type>::value) {
    return take(left, v.size() * tag + view_access::record_bytes(v));
  } else if constexpr (M::packed) {
    const auto n = static_cast<std::size_t>(v.size());
    constexpr std::size_t each = M::width != 0 ? M::width : max_scalar_size<M>;
    return n <= left && take(left, tag + 5 + each * n);
  } else if constexpr (M::scalar) {
    const auto n = static_cast<std::size_t>(v.size());
    constexpr std::size_t each = tag + max_scalar_size<M>;
    return n <= left && take(left, each * n);
  } else if constexpr (M::k == kind::string || M::k == kind::bytes) {
    if (v.size() > bound_walk_limit) return false;
    for (const auto& e : v)
      if (!take(left, tag + 5 + e.size())) return false;
    return true;
  } else {
    if (v.size() > bound_walk_limit) return false;
    for (const auto& e : v)
      if (!take(left, tag) || !value_within<F>(e, left)) return false;
    return true;
  }
}

// The bound of a field if it is a singular scalar, else 0; summed over a message, a constant.
template <class F, class M = field_meta<F>>
constexpr std::size_t single_scalar_bound = (M::k != kind::unsupported && M::form == shape::single && M::scalar)
                                                ? tag_for<F::number, M::record_wt>.size + max_scalar_size<M>
                                                : 0;
// clang-format off
template <class T>
constexpr std::size_t scalar_bound = []<std::size_t... I>(std::index_sequence<I...>) {
  return (std::size_t{0} + ... + single_scalar_bound<typename message_info<T>::template field_t<I>>);
}(std::make_index_sequence<message_info<T>::count>{});
// clang-format on

template <class T>
constexpr bool message_within(const T& m, std::size_t& left) noexcept {
  using info = message_info<T>;
  if (!take(left, scalar_bound<T>)) return false;
  if constexpr (info::keeps_unknown) {
    if (!take(left, unknown_member(m).size())) return false;
  }
  // clang-format off
  return [&]<std::size_t... I>(std::index_sequence<I...>) {
    return (field_within<typename info::template field_t<I>>(m, left) && ...);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
}

}  // namespace detail

/// Returns the exact number of bytes encode() writes for `msg` (no length prefix).
template <message T>
[[nodiscard]] constexpr std::size_t encoded_size(const T& msg) noexcept {
  return detail::message_size(msg);
}

}  // namespace tagwire
