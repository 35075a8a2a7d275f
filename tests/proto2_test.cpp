// proto2: required fields, is_initialized, groups; defaults through initialisers and std::optional.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace p2 {

struct inner {
  std::int32_t a = 0;
  std::optional<std::string> label;
  friend bool operator==(const inner&, const inner&) = default;
};
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, a, tagwire::required), TAGWIRE_FIELD(2, label, tagwire::required));

struct req {
  std::int32_t id = 0;                // required: written even when 0
  std::string name = "unnamed";       // a proto2 default through the initialiser
  std::optional<std::int32_t> count;  // optional with presence
  std::optional<inner> sub;
  std::vector<inner> subs;
};
TAGWIRE_MESSAGE(req, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, name), TAGWIRE_FIELD(3, count),
                TAGWIRE_FIELD(4, sub), TAGWIRE_FIELD(5, subs));

struct grouped_item {
  std::int32_t x = 0;
  std::string s;
  friend bool operator==(const grouped_item&, const grouped_item&) = default;
};
TAGWIRE_MESSAGE(grouped_item, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, s));

struct nest_group {
  grouped_item deep;
  friend bool operator==(const nest_group&, const nest_group&) = default;
};
TAGWIRE_MESSAGE(nest_group, TAGWIRE_FIELD(3, deep, tagwire::group));

struct grouped {
  grouped_item single;
  std::vector<grouped_item> many;
  std::optional<nest_group> nested;
  std::int32_t tail = 0;
};
TAGWIRE_MESSAGE(grouped, TAGWIRE_FIELD(1, single, tagwire::group), TAGWIRE_FIELD(2, many, tagwire::group),
                TAGWIRE_FIELD(4, nested, tagwire::group), TAGWIRE_FIELD(5, tail));

template <class T>
std::string encode_hex(const T& m) {
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(m, out).has_value());
  CHECK(out.size() == tagwire::encoded_size(m));
  return to_hex(out);
}

}  // namespace p2

TEST_CASE("required fields are always written, even at their zero value") {
  p2::req r;
  r.name.clear();
  CHECK(p2::encode_hex(r) == "08 00");
  r.sub = p2::inner{};  // inner.a is required: 08 00; inner.label is absent (optional)
  CHECK(p2::encode_hex(r) == "08 00 22 02 08 00");
}

TEST_CASE("decoding fails with missing_required naming the field, unless partial") {
  auto r = tagwire::decode<p2::req>(hex("12 01 61"));  // id missing
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::missing_required, 3, 1});

  // Missing inside a sub-message: inner.label (2) is absent; the offset is the sub-message's end.
  auto s = tagwire::decode<p2::req>(hex("08 01 22 02 08 05"));
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error() == tagwire::error{tagwire::errc::missing_required, 6, 2});

  auto partial = tagwire::decode<p2::req>(hex("12 01 61 22 00"), {.partial = true});
  REQUIRE(partial.has_value());
  CHECK(partial->name == "a");
  CHECK_FALSE(tagwire::is_initialized(*partial));  // sub.label is an empty optional

  auto ok = tagwire::decode<p2::req>(hex("08 07 22 05 08 01 12 01 78"));
  REQUIRE(ok.has_value());
  CHECK(ok->id == 7);
  CHECK(ok->sub == p2::inner{1, "x"});
  CHECK(tagwire::is_initialized(*ok));
}

TEST_CASE("is_initialized checks recursively: optional, repeated and nested required fields") {
  p2::req r;
  CHECK(tagwire::is_initialized(r));  // plain required members always hold a value
  r.subs.push_back(p2::inner{1, "a"});
  CHECK(tagwire::is_initialized(r));
  r.subs.push_back(p2::inner{2, std::nullopt});
  CHECK_FALSE(tagwire::is_initialized(r));
  r.subs.back().label = "";
  CHECK(tagwire::is_initialized(r));
  r.sub = p2::inner{};
  CHECK_FALSE(tagwire::is_initialized(r));
}

TEST_CASE("defaults: absent fields keep the member initialisers") {
  auto r = tagwire::decode<p2::req>(hex("08 01"));
  REQUIRE(r.has_value());
  CHECK(r->name == "unnamed");
  CHECK_FALSE(r->count.has_value());
}

TEST_CASE("groups are written with start/end-group tags, nested groups too") {
  p2::grouped g;
  g.single = {1, "a"};
  g.many = {{2, ""}, {}};
  g.nested = p2::nest_group{{3, "b"}};
  g.tail = 9;
  // single: 0b 08 01 12 01 61 0c; many: 13 08 02 14, 13 14; nested: 23 1b 08 03 12 01 62 1c 24; tail: 28 09
  CHECK(p2::encode_hex(g) == "0b 08 01 12 01 61 0c 13 08 02 14 13 14 23 1b 08 03 12 01 62 1c 24 28 09");
  auto back = tagwire::decode<p2::grouped>(hex(p2::encode_hex(g)));
  REQUIRE(back.has_value());
  CHECK(back->single == g.single);
  CHECK(back->many == g.many);
  CHECK(back->nested == g.nested);
  CHECK(back->tail == 9);
}

TEST_CASE("an empty singular group is not written; an optional one is") {
  p2::grouped g;
  CHECK(p2::encode_hex(g).empty());
  g.nested = p2::nest_group{};
  CHECK(p2::encode_hex(g) == "23 24");
}

TEST_CASE("group decoding: merge, wrong wire type, mismatched end") {
  auto m = tagwire::decode<p2::grouped>(hex("0b 08 01 0c 0b 12 01 61 0c"));
  REQUIRE(m.has_value());
  CHECK(m->single == p2::grouped_item{1, "a"});
  // A group field arriving as len is an unknown field.
  auto u = tagwire::decode<p2::grouped>(hex("0a 02 08 01"));
  REQUIRE(u.has_value());
  CHECK(u->single == p2::grouped_item{});
  auto bad = tagwire::decode<p2::grouped>(hex("0b 08 01 14"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == tagwire::error{tagwire::errc::group_mismatch, 3, 2});
}
