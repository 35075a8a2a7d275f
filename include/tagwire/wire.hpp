// tagwire — wire-format primitives: varints, zigzag, little-endian fixed values, tags.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "config.hpp"
#include "error.hpp"

namespace tagwire {

/// The six wire types of the protobuf encoding (6 and 7 are invalid).
enum class wire_type : std::uint8_t {
  varint = 0,
  fixed64 = 1,
  len = 2,
  start_group = 3,
  end_group = 4,
  fixed32 = 5,
};

inline constexpr std::uint32_t max_field_number = (1u << 29) - 1;
inline constexpr std::uint32_t first_reserved_field_number = 19000;
inline constexpr std::uint32_t last_reserved_field_number = 19999;
inline constexpr std::size_t max_varint_size = 10;
inline constexpr std::size_t max_tag_size = 5;
/// Largest message or length-delimited payload accepted or produced (2 GiB - 1).
inline constexpr std::size_t max_message_size = 0x7fffffff;

/// Returns the zigzag encoding of `v` (sint32).
[[nodiscard]] constexpr std::uint32_t zigzag_encode32(std::int32_t v) noexcept {
  return (static_cast<std::uint32_t>(v) << 1) ^ static_cast<std::uint32_t>(v >> 31);
}
/// Returns the zigzag encoding of `v` (sint64).
[[nodiscard]] constexpr std::uint64_t zigzag_encode64(std::int64_t v) noexcept {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
/// Returns the value whose zigzag encoding is `v` (sint32).
[[nodiscard]] constexpr std::int32_t zigzag_decode32(std::uint32_t v) noexcept {
  return static_cast<std::int32_t>((v >> 1) ^ (0u - (v & 1u)));
}
/// Returns the value whose zigzag encoding is `v` (sint64).
[[nodiscard]] constexpr std::int64_t zigzag_decode64(std::uint64_t v) noexcept {
  return static_cast<std::int64_t>((v >> 1) ^ (0ull - (v & 1ull)));
}

/// Returns the number of bytes (1..10) of the varint encoding of `v`.
[[nodiscard]] constexpr std::size_t varint_size(std::uint64_t v) noexcept {
  return (static_cast<std::size_t>(std::bit_width(v | 1)) * 9 + 64) / 64;
}

/// Returns the tag value (field number and wire type) of a record.
[[nodiscard]] constexpr std::uint32_t make_tag(std::uint32_t field, wire_type type) noexcept {
  return (field << 3) | static_cast<std::uint32_t>(type);
}

/// Writes the varint of `v` at `p` (room for varint_size(v) bytes needed); returns the end.
constexpr std::byte* write_varint(std::byte* p, std::uint64_t v) noexcept {
  while (v >= 0x80) {
    *p++ = static_cast<std::byte>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<std::byte>(v);
  return p;
}

/// Stores `v` little-endian in the 4 bytes at `p`.
constexpr void store_le32(std::byte* p, std::uint32_t v) noexcept {
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
    std::memcpy(p, &v, 4);
    return;
  }
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::byte>(v >> (8 * i));
}
/// Stores `v` little-endian in the 8 bytes at `p`.
constexpr void store_le64(std::byte* p, std::uint64_t v) noexcept {
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
    std::memcpy(p, &v, 8);
    return;
  }
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::byte>(v >> (8 * i));
}
/// Returns the little-endian 32-bit value in the 4 bytes at `p`.
[[nodiscard]] constexpr std::uint32_t load_le32(const std::byte* p) noexcept {
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::to_integer<std::uint32_t>(p[i]) << (8 * i);
  return v;
}
/// Returns the little-endian 64-bit value in the 8 bytes at `p`.
[[nodiscard]] constexpr std::uint64_t load_le64(const std::byte* p) noexcept {
  if (!std::is_constant_evaluated() && std::endian::native == std::endian::little) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= std::to_integer<std::uint64_t>(p[i]) << (8 * i);
  return v;
}

namespace detail {
// Reads a varint at `p` with at least ten bytes readable there: no bounds checks and, up to
// eight bytes, no branch on its length. The terminator is the first byte with its high bit
// clear; the 7-bit groups below it are then packed together in three mask-and-shift steps.
// Returns false (p unchanged) on a varint longer than ten bytes.
TAGWIRE_DETAIL_INLINE constexpr bool read_varint_unchecked(const std::byte*& p, std::uint64_t& value) noexcept {
  const std::uint64_t x = load_le64(p);
  if ((x & 0x80) == 0) {
    value = x & 0x7f;
    ++p;
    return true;
  }
  const std::uint64_t stops = ~x & 0x8080808080808080ull;
  std::uint64_t v = x;
  if (stops != 0) {
    const int bits = std::countr_zero(stops) + 1;  // the varint's bytes, as a bit count
    if (bits < 64) v &= (std::uint64_t{1} << bits) - 1;
    p += bits / 8;
  }
  v = ((v & 0x7f007f007f007f00ull) >> 1) | (v & 0x007f007f007f007full);
  v = ((v & 0x3fff00003fff0000ull) >> 2) | (v & 0x00003fff00003fffull);
  v = ((v & 0x0fffffff00000000ull) >> 4) | (v & 0x000000000fffffffull);
  if (stops == 0) {  // nine or ten bytes
    const auto b8 = std::to_integer<std::uint64_t>(p[8]);
    v |= (b8 & 0x7f) << 56;
    if (b8 < 0x80) {
      p += 9;
    } else {
      const auto b9 = std::to_integer<std::uint64_t>(p[9]);
      if (b9 >= 0x80) return false;
      v |= b9 << 63;  // bits beyond 64 are dropped
      p += 10;
    }
  }
  value = v;
  return true;
}

// What read_varint_long found: the end of the varint and its value, or (next == nullptr) the
// error code in `value`. Returned in two registers, so callers' cursors never go through memory.
struct varint_found {
  const std::byte* next;
  std::uint64_t value;
};

// read_varint past its first bytes: out of line, so that the short cases inline cheaply.
TAGWIRE_DETAIL_NOINLINE constexpr varint_found read_varint_long(const std::byte* p, const std::byte* end) noexcept {
  std::uint64_t value = 0;
  if (!optimize_size && end - p >= static_cast<std::ptrdiff_t>(max_varint_size)) {
    if (!read_varint_unchecked(p, value)) return {nullptr, static_cast<std::uint64_t>(errc::varint_overflow)};
    return {p, value};
  }
  for (unsigned shift = 0; shift < 70; shift += 7) {
    if (p == end) return {nullptr, static_cast<std::uint64_t>(errc::truncated)};
    const auto b = std::to_integer<std::uint64_t>(*p++);
    value |= (b & 0x7f) << shift;
    if (b < 0x80) return {p, value};
  }
  return {nullptr, static_cast<std::uint64_t>(errc::varint_overflow)};
}
}  // namespace detail

/// Reads a varint of up to 10 bytes at `p`, advancing `p` past it on success. Non-minimal
/// encodings are accepted; bits beyond 64 are dropped as protobuf does. Returns errc::ok,
/// errc::truncated (input ends inside it) or errc::varint_overflow (more than 10 bytes);
/// `p` is unchanged on an error.
TAGWIRE_DETAIL_INLINE constexpr errc read_varint(const std::byte*& p, const std::byte* end,
                                                 std::uint64_t& value) noexcept {
  if (p != end && std::to_integer<unsigned>(*p) < 0x80) {  // the common one-byte case
    value = std::to_integer<std::uint64_t>(*p);
    ++p;
    return errc::ok;
  }
  if (!detail::optimize_size && end - p >= 2 && std::to_integer<unsigned>(p[1]) < 0x80) {  // and two bytes
    value = (std::to_integer<std::uint64_t>(p[0]) & 0x7f) | (std::to_integer<std::uint64_t>(p[1]) << 7);
    p += 2;
    return errc::ok;
  }
  const detail::varint_found f = detail::read_varint_long(p, end);
  if (f.next == nullptr) return static_cast<errc>(f.value);
  p = f.next;
  value = f.value;
  return errc::ok;
}

/// Reads a tag of up to 5 bytes at `p` and splits it, advancing `p` on success. Returns
/// errc::ok, errc::truncated, errc::varint_overflow (over 5 bytes),
/// errc::invalid_field_number (0 or above 536870911) or errc::invalid_wire_type (6, 7).
/// An end-group tag is returned as such; checking it is the caller's business.
TAGWIRE_DETAIL_INLINE constexpr errc read_tag(const std::byte*& p, const std::byte* end, std::uint32_t& field,
                                              wire_type& type) noexcept {
  const std::byte* q = p;
  std::uint64_t r = 0;
  if (q != end && std::to_integer<unsigned>(q[0]) < 0x80) {  // field numbers 1..15
    r = std::to_integer<unsigned>(q[0]);
    ++q;
  } else if (!detail::optimize_size && end - q >= 2 && std::to_integer<unsigned>(q[1]) < 0x80) {  // 16..2047
    r = (std::to_integer<unsigned>(q[0]) & 0x7f) | (std::to_integer<unsigned>(q[1]) << 7);
    q += 2;
  } else {
    for (unsigned shift = 0;; shift += 7) {
      if (shift == 35) return errc::varint_overflow;
      if (q == end) return errc::truncated;
      const auto b = std::to_integer<std::uint64_t>(*q++);
      r |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
  }
  const std::uint64_t number = r >> 3;
  const auto wt = static_cast<unsigned>(r & 7);
  if (number == 0 || number > max_field_number) return errc::invalid_field_number;
  if (wt > 5) return errc::invalid_wire_type;
  field = static_cast<std::uint32_t>(number);
  type = static_cast<wire_type>(wt);
  p = q;
  return errc::ok;
}

namespace detail {
// A tag's bytes, computed at compile time so that writing a tag is a store of constants.
struct tag_bytes {
  std::byte data[max_tag_size]{};
  std::size_t size = 0;
};
template <std::uint32_t Field, wire_type Type>
inline constexpr tag_bytes tag_for = [] {
  tag_bytes t;
  t.size = static_cast<std::size_t>(write_varint(t.data, make_tag(Field, Type)) - t.data);
  return t;
}();

// Writes the varint of `v` ending at `end`; returns where it starts.
TAGWIRE_DETAIL_INLINE constexpr std::byte* put_varint_back(std::byte* end, std::uint64_t v) noexcept {
  if (v < 0x80) {  // most lengths and small numbers
    end[-1] = static_cast<std::byte>(v);
    return end - 1;
  }
  std::byte* p = end - varint_size(v);
  write_varint(p, v);
  return p;
}
template <std::uint32_t Field, wire_type Type>
constexpr std::byte* put_tag_back(std::byte* end) noexcept {
  constexpr const tag_bytes& t = tag_for<Field, Type>;
  std::byte* p = end - t.size;
  for (std::size_t i = 0; i < t.size; ++i) p[i] = t.data[i];
  return p;
}
}  // namespace detail

}  // namespace tagwire
