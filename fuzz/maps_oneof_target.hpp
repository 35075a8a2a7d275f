// Fuzz target `maps_oneof`: maps of every key kind (ordered and unordered, with key and value
// encodings, message values) and oneofs of scalars, strings, bytes, messages and groups.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "common.hpp"
#include "scalars_target.hpp"

namespace tagwire_fuzz {

struct entry {
  std::int32_t n = 0;
  std::string s;
  std::map<std::int32_t, std::int32_t> inner;
  std::variant<std::monostate, std::uint64_t, std::string> pick;
};
TAGWIRE_MESSAGE(entry, TAGWIRE_FIELD(1, n), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, inner),
                TAGWIRE_ONEOF(pick, TAGWIRE_ALT(4, number), TAGWIRE_ALT(5, word)));

struct note {
  std::string text;
  std::int32_t level = 0;
};
TAGWIRE_MESSAGE(note, TAGWIRE_FIELD(1, text), TAGWIRE_FIELD(2, level));

struct mapped {
  std::map<std::string, std::int32_t> by_name;
  std::unordered_map<std::int64_t, std::string> by_id;
  std::map<std::uint32_t, double> by_fixed;
  std::map<bool, entry> by_flag;
  std::map<std::int32_t, color> colors;
  std::map<std::uint64_t, std::vector<std::byte>> blobs;
  std::map<std::int64_t, float> by_sfixed;
  std::unordered_map<std::string, entry> entries;
  std::map<std::int32_t, std::int64_t> zigzag;
  std::map<std::uint64_t, std::uint32_t> fixed_values;
  std::map<std::string, std::string> raw_values;
  std::variant<std::monostate, std::int32_t, std::string, entry, double, bool, std::vector<std::byte>, float> choice;
  std::variant<std::monostate, std::uint64_t, note, std::string> other;
  std::int32_t after = 0;  // an ordinary field between and after the others
};
TAGWIRE_MESSAGE(mapped, TAGWIRE_FIELD(1, by_name), TAGWIRE_FIELD(2, by_id, tagwire::key<tagwire::sint>),
                TAGWIRE_FIELD(3, by_fixed, tagwire::key<tagwire::fixed>), TAGWIRE_FIELD(4, by_flag),
                TAGWIRE_FIELD(5, colors), TAGWIRE_FIELD(6, blobs),
                TAGWIRE_FIELD(7, by_sfixed, tagwire::key<tagwire::sfixed>), TAGWIRE_FIELD(8, entries),
                TAGWIRE_FIELD(9, zigzag, tagwire::key<tagwire::sint>, tagwire::value<tagwire::sint>),
                TAGWIRE_FIELD(10, fixed_values, tagwire::key<tagwire::fixed>, tagwire::value<tagwire::fixed>),
                TAGWIRE_FIELD(11, raw_values, tagwire::value<tagwire::bytes>),
                TAGWIRE_ONEOF(choice, TAGWIRE_ALT(12, i), TAGWIRE_ALT(13, s), TAGWIRE_ALT(14, m), TAGWIRE_ALT(15, d),
                              TAGWIRE_ALT(16, b), TAGWIRE_ALT(17, raw), TAGWIRE_ALT(18, f)),
                TAGWIRE_ONEOF(other, TAGWIRE_ALT(20, fx, tagwire::fixed), TAGWIRE_ALT(21, grp, tagwire::group),
                              TAGWIRE_ALT(22, text, tagwire::bytes)),
                TAGWIRE_FIELD(19, after, tagwire::sint));

/// Decodes the input as `mapped` (both option sets); to_text does not crash.
inline verdict fuzz_maps_oneof(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  std::optional<mapped> x;
  if (const verdict v = check_decode<mapped>(input, strict_options, &x)) return v;
  if (x && tagwire::to_text(*x).empty() != (tagwire::encoded_size(*x) == 0))
    return "to_text is empty for a non-empty encoding, or the reverse";
  return check_decode<mapped>(input, loose_options);
}

}  // namespace tagwire_fuzz
