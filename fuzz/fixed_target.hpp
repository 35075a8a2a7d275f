// Fuzz target `fixed`: fixed_string and fixed_vector members (no heap), checked against the same
// message with std::string and std::vector: both decode alike while the input fits, and the fixed
// one fails only as the heap one does, or with capacity_exceeded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"

namespace tagwire_fuzz {

struct small_inner {
  tagwire::fixed_string<8> name;
  tagwire::fixed_vector<std::int32_t, 4> v;
};
TAGWIRE_MESSAGE(small_inner, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, v, tagwire::sint));

struct small {
  tagwire::fixed_string<16> name;
  tagwire::fixed_vector<float, 4> temps;
  tagwire::fixed_vector<std::int64_t, 3> ids;
  tagwire::fixed_vector<std::byte, 8> raw;
  tagwire::fixed_vector<small_inner, 2> inners;
  tagwire::fixed_vector<tagwire::fixed_string<4>, 3> names;
  tagwire::fixed_vector<bool, 5> flags;
  tagwire::fixed_vector<double, 2> unpacked_doubles;
  tagwire::fixed_vector<std::uint32_t, 3> fixeds;
  std::optional<small_inner> opt;
  tagwire::fixed_string<4> raw_text;
  tagwire::fixed_vector<std::byte, 24> unknown;
};
TAGWIRE_MESSAGE(small, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, temps), TAGWIRE_FIELD(3, ids, tagwire::unpacked),
                TAGWIRE_FIELD(4, raw), TAGWIRE_FIELD(5, inners), TAGWIRE_FIELD(6, names), TAGWIRE_FIELD(7, flags),
                TAGWIRE_FIELD(8, unpacked_doubles, tagwire::unpacked), TAGWIRE_FIELD(9, fixeds, tagwire::fixed),
                TAGWIRE_FIELD(10, opt), TAGWIRE_FIELD(11, raw_text, tagwire::bytes), TAGWIRE_UNKNOWN(unknown));

// The same fields with heap containers.
struct big_inner {
  std::string name;
  std::vector<std::int32_t> v;
};
TAGWIRE_MESSAGE(big_inner, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, v, tagwire::sint));

struct big {
  std::string name;
  std::vector<float> temps;
  std::vector<std::int64_t> ids;
  std::vector<std::byte> raw;
  std::vector<big_inner> inners;
  std::vector<std::string> names;
  std::vector<bool> flags;
  std::vector<double> unpacked_doubles;
  std::vector<std::uint32_t> fixeds;
  std::optional<big_inner> opt;
  std::string raw_text;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(big, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, temps), TAGWIRE_FIELD(3, ids, tagwire::unpacked),
                TAGWIRE_FIELD(4, raw), TAGWIRE_FIELD(5, inners), TAGWIRE_FIELD(6, names), TAGWIRE_FIELD(7, flags),
                TAGWIRE_FIELD(8, unpacked_doubles, tagwire::unpacked), TAGWIRE_FIELD(9, fixeds, tagwire::fixed),
                TAGWIRE_FIELD(10, opt), TAGWIRE_FIELD(11, raw_text, tagwire::bytes), TAGWIRE_UNKNOWN(unknown));

inline verdict check_fixed(std::span<const std::byte> input, tagwire::decode_options opts) {
  std::optional<small> s;
  if (const verdict v = check_decode<small>(input, opts, &s)) return v;
  std::optional<big> b;
  if (const verdict v = check_decode<big>(input, opts, &b)) return v;
  const auto fixed_error = tagwire::decode<small>(input, opts);
  if (s) {
    std::vector<std::byte> a;
    std::vector<std::byte> c;
    if (!b) return "the heap message rejects an input that the fixed-capacity one accepts";
    if (!tagwire::encode_to(*s, a) || !tagwire::encode_to(*b, c) || !equal_bytes(a, c))
      return "the fixed-capacity and the heap message decode differently";
  } else if (fixed_error.error().code != tagwire::errc::capacity_exceeded) {
    // Not a capacity problem: the heap message fails in the same way. (A capacity error proves
    // less: a string that does not fit may be replaced by a shorter one later in the input.)
    const auto heap_error = tagwire::decode<big>(input, opts);
    if (heap_error || !(heap_error.error() == fixed_error.error()))
      return "the fixed-capacity message fails otherwise than the heap one, not for capacity";
  }
  return nullptr;
}

/// Decodes the input as the fixed-capacity message and its heap twin, with both option sets.
inline verdict fuzz_fixed(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  if (const verdict v = check_fixed(input, strict_options)) return v;
  return check_fixed(input, loose_options);
}

}  // namespace tagwire_fuzz
