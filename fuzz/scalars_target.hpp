// Fuzz target `scalars`: every scalar type and encoding, singular, optional, repeated packed and
// unpacked, in vector, deque and list containers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"

namespace tagwire_fuzz {

enum class color : std::int32_t { red = 0, green = 1, blue = 2 };
enum small_enum : std::int16_t { small_a = 0, small_b = -3 };

struct scalars {
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint32_t u32 = 0;
  std::uint64_t u64 = 0;
  std::int32_t s32 = 0;
  std::int64_t s64 = 0;
  std::uint32_t fx32 = 0;
  std::uint64_t fx64 = 0;
  std::int32_t sf32 = 0;
  std::int64_t sf64 = 0;
  bool flag = false;
  color hue = color::red;
  small_enum small = small_a;
  float f = 0;
  double d = 0;
  std::string text;
  std::string raw;
  std::vector<std::byte> blob;
  std::int8_t i8 = 0;
  std::int16_t i16 = 0;
  std::uint8_t u8 = 0;
  std::uint16_t u16 = 0;
  std::optional<std::int32_t> opt_i32;
  std::optional<double> opt_d;
  std::optional<std::string> opt_text;
  std::optional<bool> opt_flag;
  // Repeated, packed.
  std::vector<std::int32_t> r_i32;
  std::vector<std::int64_t> r_s64;
  std::vector<std::uint32_t> r_fx32;
  std::vector<std::uint64_t> r_u64;
  std::vector<std::int64_t> r_sf64;
  std::vector<bool> r_flag;
  std::vector<color> r_hue;
  std::vector<float> r_f;
  std::vector<double> r_d;
  std::deque<std::uint32_t> q_u32;
  std::list<double> l_d;
  std::list<std::int32_t> l_s32;
  // Repeated, unpacked.
  std::vector<std::int32_t> u_i32;
  std::vector<std::int64_t> u_s64;
  std::vector<float> u_f;
  std::vector<bool> u_flag;
  std::vector<std::uint64_t> u_fx64;
  // Repeated strings and bytes.
  std::vector<std::string> r_text;
  std::vector<std::string> r_raw;
  std::vector<std::vector<unsigned char>> r_blob;
  // Field numbers at the tag-size boundaries.
  std::int32_t n15 = 0;
  std::int32_t n16 = 0;
  std::int32_t n2047 = 0;
  std::int32_t n2048 = 0;
  std::int32_t n_max = 0;
};
TAGWIRE_MESSAGE(scalars, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, u32), TAGWIRE_FIELD(4, u64),
                TAGWIRE_FIELD(5, s32, tagwire::sint), TAGWIRE_FIELD(6, s64, tagwire::sint),
                TAGWIRE_FIELD(7, fx32, tagwire::fixed), TAGWIRE_FIELD(8, fx64, tagwire::fixed),
                TAGWIRE_FIELD(9, sf32, tagwire::sfixed), TAGWIRE_FIELD(10, sf64, tagwire::sfixed),
                TAGWIRE_FIELD(11, flag), TAGWIRE_FIELD(12, hue), TAGWIRE_FIELD(13, small), TAGWIRE_FIELD(14, f),
                TAGWIRE_FIELD(17, d), TAGWIRE_FIELD(18, text), TAGWIRE_FIELD(19, raw, tagwire::bytes),
                TAGWIRE_FIELD(20, blob), TAGWIRE_FIELD(21, i8), TAGWIRE_FIELD(22, i16), TAGWIRE_FIELD(23, u8),
                TAGWIRE_FIELD(24, u16), TAGWIRE_FIELD(25, opt_i32), TAGWIRE_FIELD(26, opt_d),
                TAGWIRE_FIELD(27, opt_text), TAGWIRE_FIELD(28, opt_flag), TAGWIRE_FIELD(31, r_i32),
                TAGWIRE_FIELD(32, r_s64, tagwire::sint), TAGWIRE_FIELD(33, r_fx32, tagwire::fixed),
                TAGWIRE_FIELD(34, r_u64), TAGWIRE_FIELD(35, r_sf64, tagwire::sfixed), TAGWIRE_FIELD(36, r_flag),
                TAGWIRE_FIELD(37, r_hue), TAGWIRE_FIELD(38, r_f), TAGWIRE_FIELD(39, r_d), TAGWIRE_FIELD(40, q_u32),
                TAGWIRE_FIELD(41, l_d), TAGWIRE_FIELD(42, l_s32, tagwire::sint),
                TAGWIRE_FIELD(51, u_i32, tagwire::unpacked), TAGWIRE_FIELD(52, u_s64, tagwire::sint, tagwire::unpacked),
                TAGWIRE_FIELD(53, u_f, tagwire::unpacked), TAGWIRE_FIELD(54, u_flag, tagwire::unpacked),
                TAGWIRE_FIELD(55, u_fx64, tagwire::fixed, tagwire::unpacked), TAGWIRE_FIELD(61, r_text),
                TAGWIRE_FIELD(62, r_raw, tagwire::bytes), TAGWIRE_FIELD(63, r_blob), TAGWIRE_FIELD(15, n15),
                TAGWIRE_FIELD(16, n16), TAGWIRE_FIELD(2047, n2047), TAGWIRE_FIELD(2048, n2048),
                TAGWIRE_FIELD(536870911, n_max));

/// Decodes the input as `scalars` (both option sets): round trip, and to_text does not crash.
inline verdict fuzz_scalars(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  std::optional<scalars> x;
  if (const verdict v = check_decode<scalars>(input, strict_options, &x)) return v;
  if (x && tagwire::to_text(*x).empty() != (tagwire::encoded_size(*x) == 0))
    return "to_text is empty for a non-empty encoding, or the reverse";
  return check_decode<scalars>(input, loose_options);
}

}  // namespace tagwire_fuzz
