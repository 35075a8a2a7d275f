// tagwire — encode and encode_to. The encoder writes backwards from the end of the exact-sized
// output, so a sub-message's length is known once its content is written: every message is
// sized once and written once, linear in the output at any nesting depth.
#pragma once

#include <concepts>
#include <vector>
#include <cstddef>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>

#include "codec.hpp"
#include "config.hpp"  // std::less, std::ranges concepts, std::begin/end
#include "error.hpp"
#include "size.hpp"

namespace tagwire {
namespace detail {

template <class T>
constexpr std::byte* write_message_back(const T& m, std::byte* p) noexcept;

template <class C>
constexpr void copy_in(std::byte* dst, const C* src, std::size_t n) noexcept {
  if (std::is_constant_evaluated()) {
    for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<std::byte>(src[i]);
  } else if (n != 0) {
    // encode() refuses messages over 2 GiB before writing, so no value here is larger; g++ 12
    // explores paths where sizes wrapped around and warns (-Wstringop-overflow) at -O1/-O2.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
    if (n > max_message_size) __builtin_unreachable();
#endif
    copy_bytes_short_inline(dst, src, n);
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  }
}

// Writes the varint of `v` ending at `p` with one eight-byte store and no branch on its length
// (up to eight bytes): its 7-bit groups are spread one per byte in three mask-and-shift steps.
// Precondition: the eight bytes below `p` are in the output and not yet written.
inline std::byte* put_varint_back_wide(std::byte* p, std::uint64_t v) noexcept {
  const std::size_t k = varint_size(v);
  std::uint64_t x = v & 0x00ffffffffffffffull;
  x = (x & 0x000000000fffffffull) | ((x & 0x00fffffff0000000ull) << 4);
  x = (x & 0x00003fff00003fffull) | ((x & 0x0fffc0000fffc000ull) << 2);
  x = (x & 0x007f007f007f007full) | ((x & 0x3f803f803f803f80ull) << 1);
  if (k <= 8) {
    const std::uint64_t more = 0x8080808080808080ull & ((std::uint64_t{1} << (8 * (k - 1))) - 1);
    store_le64(p - 8, (x | more) << (8 * (8 - k)));
    return p - k;
  }
  p -= k;  // nine or ten bytes: the low eight all continue
  store_le64(p, x | 0x8080808080808080ull);
  p[8] = static_cast<std::byte>(((v >> 56) & 0x7f) | (k == 10 ? 0x80 : 0));
  if (k == 10) p[9] = static_cast<std::byte>(v >> 63);
  return p;
}

// Writes one value (with its length prefix or end-group tag) ending at `p`; returns where it starts.
template <class F, class V>
constexpr std::byte* write_value_back(std::byte* p, const V& v) noexcept {
  using M = field_meta<F>;
  if constexpr (M::k == kind::message) {
    std::byte* const after = p;
    p = write_message_back(v, p);
    return put_varint_back(p, static_cast<std::size_t>(after - p));
  } else if constexpr (M::k == kind::group) {
    return write_message_back(v, put_tag_back<F::number, wire_type::end_group>(p));
  } else if constexpr (M::k == kind::packed_view) {
    const std::size_t n = v.bytes().size();
    p -= n;
    copy_in(p, v.bytes().data(), n);
    return put_varint_back(p, n);
  } else if constexpr (M::k == kind::string || M::k == kind::bytes) {
    const std::size_t n = v.size();
    p -= n;
    copy_in(p, std::data(v), n);
    return put_varint_back(p, n);
  } else if constexpr (M::width == 4) {
    p -= 4;
    store_le32(p, static_cast<std::uint32_t>(to_raw<M::k>(v)));
    return p;
  } else if constexpr (M::width == 8) {
    p -= 8;
    store_le64(p, to_raw<M::k>(v));
    return p;
  } else {
    return put_varint_back(p, to_raw<M::k>(v));
  }
}

template <class F, class K, class V>
constexpr std::byte* write_entry_back(std::byte* p, const K& k, const V& v) noexcept {
  using MM = map_meta<F>;
  std::byte* const after = p;
  p = put_tag_back<2, MM::V::wt>(write_value_back<typename MM::value_part>(p, v));
  p = put_tag_back<1, MM::K::wt>(write_value_back<typename MM::key_part>(p, k));
  p = put_varint_back(p, static_cast<std::size_t>(after - p));
  return put_tag_back<F::number, wire_type::len>(p);
}

// Map entries go out sorted by key (libprotobuf's deterministic order). A std::map with the
// default ordering is walked as it is; other maps are sorted through a vector of pointers.
// clang-format off
template <class Map>
concept key_ordered = requires { typename Map::key_compare; } &&
                      (std::same_as<typename Map::key_compare, std::less<typename Map::key_type>> ||
                       std::same_as<typename Map::key_compare, std::less<>>);
// clang-format on

template <class F, class Map>
constexpr std::byte* write_map_back(std::byte* p, const Map& v) {
  if constexpr (key_ordered<Map>) {
    for (auto it = v.end(); it != v.begin();) {
      --it;
      p = write_entry_back<F>(p, it->first, it->second);
    }
  } else {
    std::vector<const typename Map::value_type*> sorted;
    sorted.reserve(v.size());
    for (const auto& e : v) sorted.push_back(&e);
    sort_by_key(sorted.data(), sorted.size());
    for (auto it = sorted.rbegin(); it != sorted.rend(); ++it) p = write_entry_back<F>(p, (*it)->first, (*it)->second);
  }
  return p;
}

template <class F, class T>
constexpr std::byte* write_field_back(const T& m, std::byte* p) noexcept {
  using M = field_meta<F>;
  using V = typename M::value_type;
  constexpr auto put_tag = put_tag_back<F::number, M::record_wt>;
  const auto& v = m.*F::member;
  if constexpr (M::k == kind::unsupported) {
    return p;  // already reported by check_field
  } else if constexpr (M::form == shape::single) {
    if constexpr (M::k == kind::message && !M::is_required) {
      // Implicit presence: a message whose encoding is empty is not written. Its length prefix
      // goes before the content, so the content is written first and checked.
      std::byte* const after = p;
      p = write_message_back(v, p);
      if (p == after) return p;
      return put_tag(put_varint_back(p, static_cast<std::size_t>(after - p)));
    } else if constexpr (M::k == kind::group && !M::is_required) {
      // A group's end tag goes after the content: ask first, never write outside the output.
      return message_empty(v) ? p : put_tag(write_value_back<F>(p, v));
    } else if constexpr (M::is_required) {
      return put_tag(write_value_back<F>(p, v));
    } else if constexpr (M::scalar) {
      return to_raw<M::k>(v) == 0 ? p : put_tag(write_value_back<F>(p, v));
    } else if constexpr (M::k == kind::packed_view) {
      return v.bytes().empty() ? p : put_tag(write_value_back<F>(p, v));
    } else {
      return v.size() == 0 ? p : put_tag(write_value_back<F>(p, v));
    }
  } else if constexpr (M::form == shape::optional || M::form == shape::pointer || M::form == shape::alternative) {
    const auto* x = held<F>(v);
    return x ? put_tag(write_value_back<F>(p, *x)) : p;
  } else if constexpr (M::form == shape::map) {
    return write_map_back<F>(p, v);
  } else {
    if (v.size() == 0) return p;
    if constexpr (is_repeated_view<typename M::member_type>::value) {
      // The records' payloads as they were read, written forwards: the view only walks forwards.
      constexpr const tag_bytes& tag = tag_for<F::number, wire_type::len>;
      p -= v.size() * tag.size + view_access::record_bytes(v);
      std::byte* q = p;
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::span<const std::byte> payload = it.bytes();
        copy_in(q, tag.data, tag.size);
        q += tag.size + varint_size(payload.size());
        put_varint_back(q, payload.size());
        copy_in(q, payload.data(), payload.size());
        q += payload.size();
      }
      return p;
    } else if constexpr (M::packed) {
      std::byte* const after = p;
      if constexpr (M::memcpy_ok && std::ranges::contiguous_range<typename M::member_type>) {
        if (!std::is_constant_evaluated()) {
          const std::size_t n = M::width * static_cast<std::size_t>(v.size());
          p -= n;
          std::memcpy(p, std::data(v), n);
          return put_tag(put_varint_back(p, n));
        }
      }
      // The cast reads vector<bool>'s proxies; scalars are cheap to copy. The bounds are read once:
      // a byte stored to the output may alias the container, so v.begin() would be reloaded.
      const auto first = std::begin(v);
      auto it = std::end(v);
      // Only for 64-bit values: for 32-bit ones (mostly short) the exact writer measured faster.
      if constexpr (M::width == 0 && sizeof(V) == 8 && std::ranges::sized_range<typename M::member_type>) {
        if (!std::is_constant_evaluated() && !optimize_size) {
          // While seven or more elements (at least seven bytes) are still to go below, a varint
          // may be stored as eight bytes ending at p: what spills below is overwritten later.
          for (std::size_t left = std::ranges::size(v); left >= 8; --left)
            p = put_varint_back_wide(p, to_raw<M::k>(static_cast<V>(*--it)));
        }
      }
      while (it != first) p = write_value_back<F>(p, static_cast<V>(*--it));
      return put_tag(put_varint_back(p, static_cast<std::size_t>(after - p)));
    } else if constexpr (M::scalar) {
      for (auto it = std::end(v), first = std::begin(v); it != first;)
        p = put_tag(write_value_back<F>(p, static_cast<V>(*--it)));
      return p;
    } else {
      for (auto it = std::end(v), first = std::begin(v); it != first;) p = put_tag(write_value_back<F>(p, *--it));
      return p;
    }
  }
}

template <class T>
constexpr std::byte* write_message_back(const T& m, std::byte* p) noexcept {
  using info = message_info<T>;
  static_assert(info::valid);
  if constexpr (info::keeps_unknown) {  // unknown records go after the known fields
    const auto& u = unknown_member(m);
    p -= u.size();
    copy_in(p, std::data(u), u.size());
  }
  // The cursor is the lambda's own local, not a capture: a captured one lives in memory, and every
  // byte stored to the output (std::byte may alias anything) would force it to be reloaded.
  // clang-format off
  return []<std::size_t... I>(std::index_sequence<I...>, const T& msg, std::byte* q) {
    ((q = write_field_back<typename info::template field_t<info::order[info::count - 1 - I]>>(msg, q)), ...);
    return q;
  }(std::make_index_sequence<info::count>{}, m, p);
  // clang-format on
}

// clang-format off
template <class C>
concept output_container = requires(C& c, std::size_t n) {
  c.resize(n);
  c.size();
  { std::data(c) };
} && byte_like<std::remove_cv_t<std::ranges::range_value_t<C>>>;
// clang-format on

}  // namespace detail

namespace detail {
// Messages whose size bound (message_within) is at most this many bytes are written once into a
// buffer on the stack, without the exact sizing pass, then copied out: sizing was a third of
// encoding small messages. Larger ones are sized exactly first and written in place. Not under
// -Os, where the bound's code would be a second sizing pass.
inline constexpr std::size_t scratch_size = TAGWIRE_ENCODE_STACK_BUFFER;
inline constexpr bool use_scratch = scratch_size != 0 && !optimize_size;
using scratch_buffer = std::byte[use_scratch ? scratch_size : 1];

// Encodes `msg` into `scratch` (scratch_size bytes) when its bound fits; returns the encoding, or
// a span whose data() is null when it does not fit.
template <class T>
std::span<const std::byte> encode_in_scratch(const T& msg, std::byte* scratch) noexcept {
  std::size_t left = scratch_size;
  if (!message_within(msg, left)) return {};
  std::byte* const end = scratch + (scratch_size - left);  // the bound: never written below scratch
  const std::byte* const start = write_message_back(msg, end);
  return {start, static_cast<std::size_t>(end - start)};
}

// The one choice every encoder makes: `copy_out(encoding)` when msg fits the stack buffer (never
// in constant evaluation), else `in_place(exact size)`. Both must return the same type.
template <class T, class CopyOut, class InPlace>
constexpr auto encode_either(const T& msg, CopyOut copy_out, InPlace in_place) {
  if constexpr (use_scratch) {
    if (!std::is_constant_evaluated()) {
      scratch_buffer scratch;
      if (const auto s = encode_in_scratch(msg, scratch); s.data() != nullptr) return copy_out(s);
    }
  }
  return in_place(message_size(msg));
}
}  // namespace detail

/// Encodes `msg` into the front of `out` (bytes past the returned prefix are not touched).
/// Returns the written prefix; errors: buffer_too_small (offset: the size needed; nothing is
/// written), length_overflow (over 2 GiB).
template <message T>
[[nodiscard]] constexpr result<std::span<std::byte>> encode(const T& msg, std::span<std::byte> out) noexcept {
  using R = result<std::span<std::byte>>;
  return detail::encode_either(
      msg,
      [&](std::span<const std::byte> s) -> R {
        if (s.size() > out.size()) return error{errc::buffer_too_small, s.size(), 0};
        if (!s.empty()) detail::copy_bytes(out.data(), s.data(), s.size());  // out may be empty, data() null
        return out.first(s.size());
      },
      [&](std::size_t n) -> R {
        if (n > max_message_size) return error{errc::length_overflow, n, 0};
        if (n > out.size()) return error{errc::buffer_too_small, n, 0};
        detail::write_message_back(msg, out.data() + n);
        return out.first(n);
      });
}

namespace detail {
// Appends `head` (a length prefix, or nothing) and the n-byte encoding of `msg` to `out`: copied
// from `body` when it is given (encode_in_scratch), else written in place.
template <class T, class Out>
constexpr result<std::size_t> append_encoded(const T& msg, Out& out, std::size_t n, std::span<const std::byte> head,
                                             const std::byte* body = nullptr) {
  if (n > max_message_size) return error{errc::length_overflow, n, 0};
  const std::size_t old = out.size();
  const std::size_t total = head.size() + n;
  if constexpr (requires { out.max_size(); }) {  // a fixed-capacity output must not overflow
    if (total > out.max_size() - old) return error{errc::capacity_exceeded, total, 0};
  }
  out.resize(old + total);
  using V = std::remove_cv_t<std::ranges::range_value_t<Out>>;
  for (std::size_t i = 0; i < head.size(); ++i) std::data(out)[old + i] = static_cast<V>(head[i]);
  std::byte* const at = [&] {
    if constexpr (std::same_as<V, std::byte>) return std::data(out) + old;
    else return reinterpret_cast<std::byte*>(std::data(out)) + old;
  }();
  if (body == nullptr) write_message_back(msg, at + total);
  else if (n != 0) copy_bytes(at + head.size(), body, n);  // an empty `out` may have a null data()
  return total;
}
}  // namespace detail

/// Appends the encoding of `msg` to `out` (std::vector<std::byte>, std::string,
/// std::vector<unsigned char>, fixed_vector, ...). Returns the number of bytes appended; errors:
/// length_overflow (over 2 GiB), capacity_exceeded (a fixed-capacity `out` has no room; offset:
/// the bytes needed); nothing is appended on an error.
template <message T, detail::output_container Out>
constexpr result<std::size_t> encode_to(const T& msg, Out& out) {
  return detail::encode_either(
      msg, [&](std::span<const std::byte> s) { return detail::append_encoded(msg, out, s.size(), {}, s.data()); },
      [&](std::size_t n) { return detail::append_encoded(msg, out, n, {}); });
}

}  // namespace tagwire
