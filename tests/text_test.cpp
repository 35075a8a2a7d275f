// to_text / to_text_compact: the protobuf text format. Every expected string below was checked
// once against `protoc --decode` on the bytes tagwire writes (tests/text_interop does so always).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tagwire/tagwire.hpp>
#include <tagwire/text.hpp>
#include <unordered_map>
#include <variant>
#include <vector>

#include "test_util.hpp"

namespace tx {
enum class color : std::int32_t { red = 0, green = 1 };
TAGWIRE_ENUM(color, red, green);
enum class bare : std::int32_t { a = 0, b = 1 };        // no TAGWIRE_ENUM: printed as numbers
enum class wide : std::uint32_t { top = 0xffffffffu };  // -1 on the wire
TAGWIRE_ENUM(wide, top);

struct basic {
  std::int32_t id = 0;
  std::string name;
  double ratio = 0;
  bool on = false;
  tx::color c = tx::color::red;
  std::vector<unsigned char> data;
  std::int8_t small = 0;
  std::uint16_t port = 0;
};
TAGWIRE_MESSAGE(basic, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name), TAGWIRE_FIELD(3, ratio), TAGWIRE_FIELD(4, on),
                TAGWIRE_FIELD(5, c), TAGWIRE_FIELD(6, data), TAGWIRE_FIELD(7, small), TAGWIRE_FIELD(8, port));

struct outer {
  basic b;
  std::optional<basic> ob;
  std::vector<basic> list;
  tagwire::box<outer> next;
};
TAGWIRE_MESSAGE(outer, TAGWIRE_FIELD(4, next), TAGWIRE_FIELD(1, b), TAGWIRE_FIELD(2, ob), TAGWIRE_FIELD(3, list));

struct views {
  std::string_view name;
  std::span<const std::byte> raw;
  std::vector<std::string_view> tags;
  tagwire::packed_view<std::int32_t, tagwire::sint> deltas;
  tagwire::fixed_string<8> code;
  tagwire::fixed_vector<float, 4> temps;
  std::vector<bool> bits;
  std::vector<bare> bares;
};
TAGWIRE_MESSAGE(views, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, raw), TAGWIRE_FIELD(3, tags), TAGWIRE_FIELD(4, deltas),
                TAGWIRE_FIELD(5, code), TAGWIRE_FIELD(6, temps), TAGWIRE_FIELD(7, bits), TAGWIRE_FIELD(8, bares));

struct maps {
  std::unordered_map<std::string, std::int32_t> counts;
  std::map<std::int32_t, color, std::greater<>> colors;  // printed in ascending key order regardless
  std::map<bool, basic> subs;
};
TAGWIRE_MESSAGE(maps, TAGWIRE_FIELD(1, counts), TAGWIRE_FIELD(2, colors), TAGWIRE_FIELD(3, subs));

struct choice {
  std::int32_t before = 0;
  std::variant<std::monostate, std::int32_t, std::string, basic> pick;
  std::int32_t after = 0;
  wide w = wide::top;
};
TAGWIRE_MESSAGE(choice, TAGWIRE_FIELD(1, before),
                TAGWIRE_ONEOF(pick, TAGWIRE_ALT(3, num), TAGWIRE_ALT(2, word), TAGWIRE_ALT(5, sub)),
                TAGWIRE_FIELD(4, after), TAGWIRE_FIELD(6, w));

namespace deep {
struct Result {  // named like the .proto group: `repeated group Result = 1 { ... }`
  std::string url;
};
TAGWIRE_MESSAGE(Result, TAGWIRE_FIELD(2, url));
}  // namespace deep

struct search {
  std::vector<deep::Result> result;
  std::int32_t total = 0;
};
TAGWIRE_MESSAGE(search, TAGWIRE_FIELD(1, result, tagwire::group), TAGWIRE_FIELD(3, total, tagwire::required));

struct old {
  std::int32_t a = 0;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(old, TAGWIRE_FIELD(1, a), TAGWIRE_UNKNOWN(unknown));
}  // namespace tx

TEST_CASE("scalars, enums, strings and bytes") {
  CHECK(tagwire::to_text(tx::basic{}) == "");
  tx::basic b{7, "Ada \"x\"\n\xc3\xa9", 0.1, true, tx::color::green, {0, 0x7f, 0x80, 'A'}, -1, 65535};
  CHECK(tagwire::to_text(b) ==
        "id: 7\n"
        "name: \"Ada \\\"x\\\"\\n\\303\\251\"\n"
        "ratio: 0.1\n"
        "on: true\n"
        "c: green\n"
        "data: \"\\000\\177\\200A\"\n"
        "small: -1\n"
        "port: 65535\n");
  CHECK(tagwire::to_text_compact(b) ==
        "id: 7 name: \"Ada \\\"x\\\"\\n\\303\\251\" ratio: 0.1 on: true c: green data: \"\\000\\177\\200A\" "
        "small: -1 port: 65535");
  b = {};
  b.c = static_cast<tx::color>(9);  // open enum: an unnamed value prints as its number
  b.ratio = -0.0;                   // written, so printed
  CHECK(tagwire::to_text(b) == "ratio: -0\nc: 9\n");
}

TEST_CASE("nested messages: number order, empty ones, indentation") {
  tx::outer o;
  CHECK(tagwire::to_text(o) == "");  // a plain empty sub-message is not written, so not printed
  o.ob.emplace();
  o.list.resize(2);
  o.list[1].id = 3;
  o.next.emplace().next.emplace().b.on = true;
  CHECK(tagwire::to_text(o) ==
        "ob {\n"
        "}\n"
        "list {\n"
        "}\n"
        "list {\n"
        "  id: 3\n"
        "}\n"
        "next {\n"
        "  next {\n"
        "    b {\n"
        "      on: true\n"
        "    }\n"
        "  }\n"
        "}\n");
  CHECK(tagwire::to_text_compact(o) == "ob { } list { } list { id: 3 } next { next { b { on: true } } }");
}

TEST_CASE("repeated fields, views and fixed containers") {
  const auto wire = test_util::hex("0a 02 68 69  12 02 00 ff  1a 01 61  1a 00  22 03 01 02 03");
  auto v = tagwire::decode<tx::views>(wire);
  REQUIRE(v);
  v->code = "X";
  v->temps = {1.5f, -0.25f};
  v->bits = {true, false};
  v->bares = {tx::bare::b, tx::bare::a};
  CHECK(tagwire::to_text(*v) ==
        "name: \"hi\"\n"
        "raw: \"\\000\\377\"\n"
        "tags: \"a\"\n"
        "tags: \"\"\n"
        "deltas: -1\n"
        "deltas: 1\n"
        "deltas: -2\n"
        "code: \"X\"\n"
        "temps: 1.5\n"
        "temps: -0.25\n"
        "bits: true\n"
        "bits: false\n"
        "bares: 1\n"
        "bares: 0\n");
}

TEST_CASE("maps print in key order with key and value always present") {
  tx::maps m;
  m.counts = {{"b", 0}, {"", 2}, {"a", -1}};
  m.colors = {{5, tx::color::green}, {-3, tx::color::red}};
  m.subs[true] = {};
  CHECK(tagwire::to_text(m) ==
        "counts {\n  key: \"\"\n  value: 2\n}\n"
        "counts {\n  key: \"a\"\n  value: -1\n}\n"
        "counts {\n  key: \"b\"\n  value: 0\n}\n"
        "colors {\n  key: -3\n  value: red\n}\n"
        "colors {\n  key: 5\n  value: green\n}\n"
        "subs {\n  key: true\n  value {\n  }\n}\n");
  CHECK(tagwire::to_text_compact(m) ==
        "counts { key: \"\" value: 2 } counts { key: \"a\" value: -1 } counts { key: \"b\" value: 0 } "
        "colors { key: -3 value: red } colors { key: 5 value: green } subs { key: true value { } }");
}

TEST_CASE("oneof: the active alternative in number order, even when zero") {
  tx::choice c;
  c.w = static_cast<tx::wide>(0);
  CHECK(tagwire::to_text(c) == "");
  c.before = 1;
  c.after = 4;
  c.pick = std::int32_t{0};
  CHECK(tagwire::to_text(c) == "before: 1\nnum: 0\nafter: 4\n");
  c.pick = std::string("w");
  CHECK(tagwire::to_text(c) == "before: 1\nword: \"w\"\nafter: 4\n");
  c.pick = tx::basic{};
  c.w = tx::wide::top;  // an enum whose value is -1 on the wire
  CHECK(tagwire::to_text(c) == "before: 1\nafter: 4\nsub {\n}\nw: top\n");
}

TEST_CASE("groups print under their type's name; required fields always print") {
  tx::search s;
  CHECK(tagwire::to_text(s) == "total: 0\n");
  s.result.resize(2);
  s.result[0].url = "u";
  CHECK(tagwire::to_text(s) == "Result {\n  url: \"u\"\n}\nResult {\n}\ntotal: 0\n");
  CHECK(tagwire::to_text_compact(s) == "Result { url: \"u\" } Result { } total: 0");
  CHECK(tagwire::detail::type_name<tx::deep::Result>() == "Result");
  CHECK(tagwire::detail::type_name<tagwire::unknown_fields>() == "unknown_fields");
}

TEST_CASE("unknown fields print after the known ones, as protoc prints them") {
  // a = 1; 5: varint 150; 6: fixed32; 7: fixed64; 8: "hi!" (not a message: "hi" would be); 9: a message;
  // 10: a group; 11: empty.
  const auto wire = test_util::hex(
      "08 01  28 96 01  35 ef be ad de  39 01 00 00 00 00 00 00 00  42 03 68 69 21  4a 04 08 01 12 00  "
      "53 08 02 54  5a 00");
  auto o = tagwire::decode<tx::old>(wire);
  REQUIRE(o);
  CHECK(tagwire::to_text(*o) ==
        "a: 1\n"
        "5: 150\n"
        "6: 0xdeadbeef\n"
        "7: 0x0000000000000001\n"
        "8: \"hi!\"\n"
        "9 {\n  1: 1\n  2: \"\"\n}\n"
        "10 {\n  1: 2\n}\n"
        "11: \"\"\n");
  CHECK(tagwire::to_text_compact(*o) ==
        "a: 1 5: 150 6: 0xdeadbeef 7: 0x0000000000000001 8: \"hi!\" 9 { 1: 1 2: \"\" } 10 { 1: 2 } 11: \"\"");
}

TEST_CASE("append_text appends") {
  std::string out = "> ";
  tx::basic b;
  b.id = 2;
  tagwire::append_text(b, out, {.single_line = true});
  CHECK(out == "> id: 2");
  tagwire::append_text(tx::basic{}, out, {.single_line = true});  // nothing, and nothing trimmed
  CHECK(out == "> id: 2");
}

TEST_CASE("floating point as protobuf's SimpleFtoa / SimpleDtoa") {
  const auto f = [](float v) {
    std::string s;
    tagwire::detail::append_floating(s, v);
    return s;
  };
  const auto d = [](double v) {
    std::string s;
    tagwire::detail::append_floating(s, v);
    return s;
  };
  CHECK(f(std::numeric_limits<float>::infinity()) == "inf");
  CHECK(f(-std::numeric_limits<float>::infinity()) == "-inf");
  CHECK(f(std::numeric_limits<float>::quiet_NaN()) == "nan");
  CHECK(f(-std::numeric_limits<float>::quiet_NaN()) == "nan");
  CHECK(f(-0.0f) == "-0");
  CHECK(f(0.1f) == "0.1");
  CHECK(f(1e30f) == "1e+30");
  CHECK(f(1e-5f) == "1e-05");
  CHECK(f(1e6f) == "1e+06");
  CHECK(f(123456789.0f) == "123456792");  // 6 digits do not read back: 9
  CHECK(f(16777216.0f) == "16777216");
  CHECK(f(std::numeric_limits<float>::max()) == "3.40282347e+38");
  CHECK(f(std::numeric_limits<float>::denorm_min()) == "1.40129846e-45");  // subnormal: always 9
  CHECK(d(0.1) == "0.1");
  CHECK(d(1.0 / 3) == "0.33333333333333331");
  CHECK(d(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(d(9007199254740993.0) == "9007199254740992");
  CHECK(d(std::numeric_limits<double>::denorm_min()) == "4.94065645841247e-324");  // 15 digits read back
  CHECK(d(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
  CHECK(d(1e22) == "1e+22");
  CHECK(d(1e-7) == "1e-07");
  CHECK(d(-2.5) == "-2.5");
}

TEST_CASE("C escaping as protobuf's CEscape") {
  std::string s;
  const std::string_view in("\"'\\\n\r\t\x01\x1f\x7f\x80\xff ~a\0", 15);
  tagwire::detail::append_escaped(s, std::as_bytes(std::span(in.data(), in.size())));
  CHECK(s == "\\\"\\'\\\\\\n\\r\\t\\001\\037\\177\\200\\377 ~a\\000");
}
