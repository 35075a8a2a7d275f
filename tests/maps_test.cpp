// Maps: std::map and std::unordered_map members as protobuf map fields.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <tagwire/tagwire.hpp>
#include <unordered_map>
#include <vector>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace maps {

enum class level : std::int32_t { low = 0, high = 1 };

struct item {
  std::int32_t n = 0;
  std::string s;
  friend bool operator==(const item&, const item&) = default;
};
TAGWIRE_MESSAGE(item, TAGWIRE_FIELD(1, n), TAGWIRE_FIELD(2, s));

struct msg {
  std::map<std::string, std::int32_t> scores;
  std::unordered_map<std::int32_t, std::string> names;
  std::map<std::int32_t, std::int64_t> zz;
  std::map<bool, item> items;
  std::map<std::uint64_t, level> levels;
  std::map<std::uint32_t, double> fixed_keys;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, scores), TAGWIRE_FIELD(2, names),
                TAGWIRE_FIELD(3, zz, tagwire::key<tagwire::sint>, tagwire::value<tagwire::sfixed>),
                TAGWIRE_FIELD(4, items), TAGWIRE_FIELD(5, levels),
                TAGWIRE_FIELD(6, fixed_keys, tagwire::key<tagwire::fixed>));

std::string encode_hex(const msg& m) {
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(m, out).has_value());
  CHECK(out.size() == tagwire::encoded_size(m));
  return to_hex(out);
}
msg must_decode(std::string_view h) {
  auto r = tagwire::decode<msg>(hex(h));
  REQUIRE_MESSAGE(r.has_value(), tagwire::to_string(r.error().code), " at ", r.error().offset);
  return std::move(*r);
}

}  // namespace maps

TEST_CASE("map entries are key=1, value=2 messages, both always written, sorted by key") {
  maps::msg m;
  m.scores = {{"b", 2}, {"a", 0}};
  // entry "a": 0a 05 0a 01 61 10 00 (a zero value is still written); then "b".
  CHECK(maps::encode_hex(m) == "0a 05 0a 01 61 10 00 0a 05 0a 01 62 10 02");
}

TEST_CASE("unordered_map entries are written in key order, deterministically") {
  maps::msg m;
  for (std::int32_t k : {5, -1, 3, 100, 0}) m.names[k] = std::to_string(k);
  // -1 sorts first: its int32 key is a 10-byte varint.
  CHECK(maps::encode_hex(m) ==
        "12 0f 08 ff ff ff ff ff ff ff ff ff 01 12 02 2d 31"
        " 12 05 08 00 12 01 30"
        " 12 05 08 03 12 01 33"
        " 12 05 08 05 12 01 35"
        " 12 07 08 64 12 03 31 30 30");
}

TEST_CASE("a large unordered_map is written in key order, whatever order it was filled in") {
  // Many keys in hash order: the entries are sorted (a heapsort) before writing.
  maps::msg u;
  std::map<std::int32_t, std::string> ordered;
  for (std::int32_t i = 0; i < 500; ++i) {
    const std::int32_t k = (i * 7919) % 1009 - 300;  // distinct, scattered, some negative
    u.names[k] = std::to_string(i);
    ordered[k] = std::to_string(i);
  }
  REQUIRE(u.names.size() == 500);
  maps::msg same = u;
  same.names.clear();
  for (auto it = ordered.rbegin(); it != ordered.rend(); ++it) same.names[it->first] = it->second;  // other order
  const std::string hex = maps::encode_hex(u);
  CHECK(hex == maps::encode_hex(same));
  // The first entry is the smallest key, -300 (i = 0): a 10-byte varint.
  CHECK(hex.rfind("12 0e 08 d4 fd ff ff ff ff ff ff ff 01 12 01 30 ", 0) == 0);
  // Every entry's key, in the order written: ascending, all 500.
  std::vector<std::byte> bytes;
  REQUIRE(tagwire::encode_to(u, bytes).has_value());
  tagwire::wire_reader r(bytes);
  std::vector<std::int32_t> keys;
  while (!r.done()) {
    const auto entry = r.next();
    REQUIRE(entry.has_value());
    REQUIRE(entry->field == 2);
    auto sub = r.nested(*entry);
    REQUIRE(sub.has_value());
    const auto key = sub->next();
    REQUIRE(key.has_value());
    REQUIRE(key->field == 1);
    keys.push_back(static_cast<std::int32_t>(key->value));
  }
  std::vector<std::int32_t> expected;
  for (const auto& [k, v] : ordered) expected.push_back(k);
  CHECK(keys == expected);
}

TEST_CASE("key and value encodings: sint32 keys, sfixed64 values, fixed32 keys") {
  maps::msg m;
  m.zz = {{-1, -2}};
  m.fixed_keys = {{7, 1.0}};
  // zz: key 1 zigzag -> 08 01; value sfixed64 -2 -> 11 fe ff ff ff ff ff ff ff
  // fixed_keys: key 0d 07 00 00 00; value double 1.0 -> 11 00 00 00 00 00 00 f0 3f
  CHECK(maps::encode_hex(m) ==
        "1a 0b 08 01 11 fe ff ff ff ff ff ff ff"
        " 32 0e 0d 07 00 00 00 11 00 00 00 00 00 00 f0 3f");
  CHECK(maps::must_decode(maps::encode_hex(m)).zz == m.zz);
  CHECK(maps::must_decode(maps::encode_hex(m)).fixed_keys == m.fixed_keys);
}

TEST_CASE("message and enum values; bool keys") {
  maps::msg m;
  m.items = {{true, {1, "x"}}, {false, {}}};
  m.levels = {{9, maps::level::high}};
  // false -> empty item still written: 22 04 08 00 12 00; true -> 22 09 08 01 12 05 08 01 12 01 78
  CHECK(maps::encode_hex(m) == "22 04 08 00 12 00 22 09 08 01 12 05 08 01 12 01 78 2a 04 08 09 10 01");
  const auto back = maps::must_decode(maps::encode_hex(m));
  CHECK(back.items == m.items);
  CHECK(back.levels == m.levels);
}

TEST_CASE("decode: duplicate key, last one wins; missing key or value gets the default") {
  // scores: {"a":1}, {"a":2}; an entry with no key {value 5}; an entry with no value {key "z"}.
  const auto m = maps::must_decode("0a 05 0a 01 61 10 01  0a 05 0a 01 61 10 02  0a 02 10 05  0a 03 0a 01 7a");
  CHECK(m.scores == std::map<std::string, std::int32_t>{{"", 5}, {"a", 2}, {"z", 0}});
}

TEST_CASE("decode: unknown fields and mistyped records inside an entry are ignored; order in an entry is free") {
  // value first, then key, plus unknown field 3 and field 1 with a wrong wire type (fixed32).
  const auto m = maps::must_decode("0a 0e 10 07 18 09 0d 00 00 00 00 0a 01 61 2a 00");
  CHECK(m.scores == std::map<std::string, std::int32_t>{{"a", 7}});
}

TEST_CASE("decode: a message value seen twice for one key is replaced, not merged") {
  // items[true] = {n:1}, then items[true] = {s:"y"}
  const auto m = maps::must_decode("22 06 08 01 12 02 08 01  22 07 08 01 12 03 12 01 79");
  REQUIRE(m.items.size() == 1);
  CHECK(m.items.at(true) == maps::item{0, "y"});
}

TEST_CASE("decode: errors inside an entry keep absolute offsets") {
  auto r = tagwire::decode<maps::msg>(hex("0a 04 0a 05 61 62"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::truncated, 4, 1});
  // Invalid UTF-8 in a string key.
  auto u = tagwire::decode<maps::msg>(hex("0a 05 0a 01 ff 10 01"));
  REQUIRE_FALSE(u.has_value());
  CHECK(u.error() == tagwire::error{tagwire::errc::invalid_utf8, 4, 1});
}

TEST_CASE("maps round-trip") {
  maps::msg m;
  m.scores = {{"", 0}, {"long key with spaces", -5}, {"\xc3\xa9", 2147483647}};
  m.names = {{INT32_MIN, "min"}, {INT32_MAX, ""}};
  m.zz = {{0, 0}, {INT32_MIN, INT64_MIN}, {INT32_MAX, INT64_MAX}};
  m.items = {{false, {-1, "neg"}}};
  m.levels = {{UINT64_MAX, static_cast<maps::level>(42)}};
  m.fixed_keys = {{0, -0.0}, {UINT32_MAX, 1e300}};
  const auto back = maps::must_decode(maps::encode_hex(m));
  CHECK(back.scores == m.scores);
  CHECK(back.names == m.names);
  CHECK(back.zz == m.zz);
  CHECK(back.items == m.items);
  CHECK(back.levels == m.levels);
  CHECK(back.fixed_keys == m.fixed_keys);
}
