// Fuzz target `unknown`: TAGWIRE_UNKNOWN preservation. A v1 program with unknown-field members
// decodes the input and relays it; a v2 program (more fields) must read the relayed bytes as it
// reads the original, and a v1 twin without unknown-field members must agree on the known fields.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common.hpp"

namespace tagwire_fuzz {

// ---- v1, keeping unknown fields --------------------------------------------------------

struct v1_sub {
  std::int32_t a = 0;
  std::string b;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(v1_sub, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b), TAGWIRE_UNKNOWN(unknown));

struct v1 {
  std::uint64_t id = 0;
  std::string name;
  std::vector<std::int32_t> nums;
  v1_sub sub;
  std::vector<v1_sub> subs;
  std::optional<v1_sub> opt;
  v1_sub grp;
  std::map<std::int32_t, v1_sub> by_key;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(v1, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name), TAGWIRE_FIELD(3, nums), TAGWIRE_FIELD(4, sub),
                TAGWIRE_FIELD(5, subs), TAGWIRE_FIELD(6, opt), TAGWIRE_FIELD(7, grp, tagwire::group),
                TAGWIRE_FIELD(8, by_key), TAGWIRE_UNKNOWN(unknown));

// ---- the same v1 without unknown-field members -------------------------------------------

struct v1p_sub {
  std::int32_t a = 0;
  std::string b;
};
TAGWIRE_MESSAGE(v1p_sub, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b));

struct v1p {
  std::uint64_t id = 0;
  std::string name;
  std::vector<std::int32_t> nums;
  v1p_sub sub;
  std::vector<v1p_sub> subs;
  std::optional<v1p_sub> opt;
  v1p_sub grp;
  std::map<std::int32_t, v1p_sub> by_key;
};
TAGWIRE_MESSAGE(v1p, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name), TAGWIRE_FIELD(3, nums), TAGWIRE_FIELD(4, sub),
                TAGWIRE_FIELD(5, subs), TAGWIRE_FIELD(6, opt), TAGWIRE_FIELD(7, grp, tagwire::group),
                TAGWIRE_FIELD(8, by_key));

// ---- v2: every v1 field, and more at every level ----------------------------------------

struct v2_sub {
  std::int32_t a = 0;
  std::string b;
  double c = 0;
  std::vector<std::string> d;
  tagwire::box<v2_sub> e;
  std::vector<std::uint32_t> f;
};
TAGWIRE_MESSAGE(v2_sub, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b), TAGWIRE_FIELD(3, c), TAGWIRE_FIELD(4, d),
                TAGWIRE_FIELD(5, e, tagwire::group), TAGWIRE_FIELD(6, f, tagwire::fixed));

struct v2 {
  std::uint64_t id = 0;
  std::string name;
  std::vector<std::int32_t> nums;
  v2_sub sub;
  std::vector<v2_sub> subs;
  std::optional<v2_sub> opt;
  v2_sub grp;
  std::map<std::int32_t, v2_sub> by_key;
  std::string title;
  std::uint64_t stamp = 0;
  std::map<std::string, std::int32_t> counts;
  std::vector<std::int64_t> deltas;
  v2_sub extra_group;
  std::variant<std::monostate, std::int32_t, v2_sub> either;
  float ratio = 0;
  std::vector<v2_sub> more;
};
TAGWIRE_MESSAGE(v2, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name), TAGWIRE_FIELD(3, nums), TAGWIRE_FIELD(4, sub),
                TAGWIRE_FIELD(5, subs), TAGWIRE_FIELD(6, opt), TAGWIRE_FIELD(7, grp, tagwire::group),
                TAGWIRE_FIELD(8, by_key), TAGWIRE_FIELD(9, title), TAGWIRE_FIELD(10, stamp, tagwire::fixed),
                TAGWIRE_FIELD(11, counts), TAGWIRE_FIELD(12, deltas, tagwire::sint),
                TAGWIRE_FIELD(13, extra_group, tagwire::group),
                TAGWIRE_ONEOF(either, TAGWIRE_ALT(14, number), TAGWIRE_ALT(15, message)), TAGWIRE_FIELD(16, ratio),
                TAGWIRE_FIELD(1000, more));

// ---- properties ----------------------------------------------------------------------

// The wire types v1 (or v1_sub) reads for each of its field numbers; any other is unknown.
inline bool v1_knows(std::uint32_t field, tagwire::wire_type t) {
  using tagwire::wire_type;
  switch (field) {
    case 1: return t == wire_type::varint;
    case 3: return t == wire_type::varint || t == wire_type::len;
    case 7: return t == wire_type::start_group;
    case 2:
    case 4:
    case 5:
    case 6:
    case 8: return t == wire_type::len;
    default: return false;
  }
}
inline bool v1_sub_knows(std::uint32_t field, tagwire::wire_type t) {
  return (field == 1 && t == tagwire::wire_type::varint) || (field == 2 && t == tagwire::wire_type::len);
}

// Kept bytes are whole records, none of which the message could have read.
inline verdict check_unknown(const tagwire::unknown_fields& u, bool (*knows)(std::uint32_t, tagwire::wire_type)) {
  tagwire::wire_reader r(u.bytes());
  while (!r.done()) {
    const auto rec = r.next();
    if (!rec) return "kept unknown bytes are not whole records";
    if (knows(rec->field, rec->type)) return "a record the message reads was kept as unknown";
  }
  return nullptr;
}
inline verdict check_unknown(const v1_sub& s) { return check_unknown(s.unknown, v1_sub_knows); }
inline verdict check_unknown(const v1& m) {
  if (const verdict v = check_unknown(m.unknown, v1_knows)) return v;
  verdict v = check_unknown(m.sub);
  for (const auto& s : m.subs) v = v ? v : check_unknown(s);
  if (m.opt && !v) v = check_unknown(*m.opt);
  if (!v) v = check_unknown(m.grp);
  for (const auto& [k, s] : m.by_key) v = v ? v : check_unknown(s);
  return v;
}

inline v1p_sub strip(const v1_sub& s) { return {s.a, s.b}; }
inline v1p strip(const v1& m) {
  v1p p{m.id, m.name, m.nums, strip(m.sub), {}, {}, strip(m.grp), {}};
  for (const auto& s : m.subs) p.subs.push_back(strip(s));
  if (m.opt) p.opt = strip(*m.opt);
  for (const auto& [k, s] : m.by_key) p.by_key.emplace(k, strip(s));
  return p;
}

inline verdict check_relay(std::span<const std::byte> input, tagwire::decode_options opts) {
  std::optional<v1> x;
  if (const verdict v = check_decode<v1>(input, opts, &x)) return v;
  std::optional<v1p> p;
  if (const verdict v = check_decode<v1p>(input, opts, &p)) return v;
  if (x.has_value() != p.has_value()) return "v1 with and without unknown-field members disagree on success";
  std::optional<v2> wide;
  if (const verdict v = check_decode<v2>(input, opts, &wide)) return v;
  if (wide && !x) return "v2 decodes an input that v1 (which knows less) rejects";
  if (!x) return nullptr;

  if (const verdict v = check_unknown(*x)) return v;
  // to_text prints the kept records too.
  if (tagwire::to_text(*x).empty() != (tagwire::encoded_size(*x) == 0))
    return "to_text is empty for a non-empty encoding, or the reverse";
  std::vector<std::byte> known_only;
  std::vector<std::byte> twin;
  if (!tagwire::encode_to(strip(*x), known_only) || !tagwire::encode_to(*p, twin) || !equal_bytes(known_only, twin))
    return "the known fields of v1 differ from what v1 without unknown-field members decodes";

  // Relay: what v1 writes back reads in v2 exactly as the original.
  std::vector<std::byte> relayed;
  if (!tagwire::encode_to(*x, relayed)) return "encode_to failed";
  if (!wide) return nullptr;
  const auto back = tagwire::decode<v2>(relayed, opts);
  if (!back) return "v2 cannot decode what v1 relayed";
  if (!same(*wide, *back)) return "v2 reads the relayed message differently from the original";
  return nullptr;
}

/// Decodes the input as v1 (unknown fields kept), v1 without them and v2, with both option sets.
inline verdict fuzz_unknown(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  if (const verdict v = check_relay(input, strict_options)) return v;
  return check_relay(input, loose_options);
}

}  // namespace tagwire_fuzz
