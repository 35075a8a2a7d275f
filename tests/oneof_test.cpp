// oneof: a std::variant<std::monostate, ...> member, one field number per alternative.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <tagwire/tagwire.hpp>
#include <variant>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace one {

struct point {
  std::int32_t x = 0;
  std::int32_t y = 0;
  friend bool operator==(const point&, const point&) = default;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y));

struct shape {
  std::int32_t id = 0;
  std::variant<std::monostate, std::string, std::int32_t, point, double> body;
  std::int32_t after = 0;
};
// The oneof's numbers (4, 7, 10, 2) interleave with the other fields' (1, 5): output is in number order.
TAGWIRE_MESSAGE(shape, TAGWIRE_FIELD(1, id),
                TAGWIRE_ONEOF(body, TAGWIRE_ALT(4, text), TAGWIRE_ALT(7, delta, tagwire::sint), TAGWIRE_ALT(10, at),
                              TAGWIRE_ALT(2, weight)),
                TAGWIRE_FIELD(5, after));

std::string encode_hex(const shape& s) {
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(s, out).has_value());
  CHECK(out.size() == tagwire::encoded_size(s));
  return to_hex(out);
}

}  // namespace one

TEST_CASE("only the active alternative is written, at its number's place, even when zero") {
  one::shape s{1, {}, 3};
  CHECK(one::encode_hex(s) == "08 01 28 03");
  s.body = std::string("hi");
  CHECK(one::encode_hex(s) == "08 01 22 02 68 69 28 03");
  s.body = std::int32_t{0};  // zero, still written
  CHECK(one::encode_hex(s) == "08 01 28 03 38 00");
  s.body = std::int32_t{-1};  // sint: zigzag 1
  CHECK(one::encode_hex(s) == "08 01 28 03 38 01");
  s.body = one::point{};  // an empty message alternative is written
  CHECK(one::encode_hex(s) == "08 01 28 03 52 00");
  s.body = 0.0;
  CHECK(one::encode_hex(s) == "08 01 11 00 00 00 00 00 00 00 00 28 03");
}

TEST_CASE("decode: the last alternative seen wins") {
  auto r = tagwire::decode<one::shape>(hex("22 01 61  38 04  28 09"));
  REQUIRE(r.has_value());
  REQUIRE(std::holds_alternative<std::int32_t>(r->body));
  CHECK(std::get<std::int32_t>(r->body) == 2);
  CHECK(r->after == 9);
  auto s = tagwire::decode<one::shape>(hex("38 04  22 01 61"));
  REQUIRE(s.has_value());
  CHECK(std::get<std::string>(s->body) == "a");
}

TEST_CASE("decode: a message alternative seen twice is merged") {
  auto r = tagwire::decode<one::shape>(hex("52 02 08 05  52 02 10 06"));
  REQUIRE(r.has_value());
  CHECK(std::get<one::point>(r->body) == one::point{5, 6});
  // But another alternative in between resets it.
  auto s = tagwire::decode<one::shape>(hex("52 02 08 05  38 02  52 02 10 06"));
  REQUIRE(s.has_value());
  CHECK(std::get<one::point>(s->body) == one::point{0, 6});
}

TEST_CASE("decode: an alternative with the wrong wire type is an unknown field") {
  auto r = tagwire::decode<one::shape>(hex("20 01"));  // text (len) as a varint
  REQUIRE(r.has_value());
  CHECK(std::holds_alternative<std::monostate>(r->body));
}

TEST_CASE("oneof round-trips every alternative") {
  for (const auto& body :
       {one::shape{}.body, decltype(one::shape::body){std::string(300, 'x')}, decltype(one::shape::body){INT32_MIN},
        decltype(one::shape::body){one::point{-1, 2}}, decltype(one::shape::body){-0.0}}) {
    one::shape s{7, body, -7};
    std::vector<std::byte> out;
    REQUIRE(tagwire::encode_to(s, out).has_value());
    auto back = tagwire::decode<one::shape>(out);
    REQUIRE(back.has_value());
    CHECK(back->body.index() == body.index());
    CHECK(back->id == 7);
    CHECK(back->after == -7);
    CHECK(tagwire::encoded_size(*back) == out.size());
  }
}
