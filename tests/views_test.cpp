// Zero-copy views into the input, and UTF-8 checking of string fields.
#include <doctest/doctest.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace vw {

struct viewed {
  std::string_view name;
  std::span<const std::byte> blob;
  std::vector<std::string_view> tags;
  tagwire::packed_view<std::int32_t> values;
  tagwire::packed_view<std::int64_t, tagwire::sint> deltas;
  tagwire::packed_view<float> floats;
};
TAGWIRE_MESSAGE(viewed, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, blob), TAGWIRE_FIELD(3, tags),
                TAGWIRE_FIELD(4, values), TAGWIRE_FIELD(5, deltas), TAGWIRE_FIELD(6, floats));

struct owning {
  std::string name;
  std::vector<std::byte> blob;
  std::vector<std::string> tags;
  std::vector<std::int32_t> values;
  std::vector<std::int64_t> deltas;
  std::vector<float> floats;
};
TAGWIRE_MESSAGE(owning, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, blob), TAGWIRE_FIELD(3, tags),
                TAGWIRE_FIELD(4, values), TAGWIRE_FIELD(5, deltas, tagwire::sint), TAGWIRE_FIELD(6, floats));

struct text {
  std::string s;
  std::string raw;
  std::string_view v;
};
TAGWIRE_MESSAGE(text, TAGWIRE_FIELD(1, s), TAGWIRE_FIELD(2, raw, tagwire::bytes), TAGWIRE_FIELD(3, v));

struct boxed_text {
  text inner;
  std::string raw;
};
TAGWIRE_MESSAGE(boxed_text, TAGWIRE_FIELD(1, inner), TAGWIRE_FIELD(2, raw, tagwire::bytes));

}  // namespace vw

TEST_CASE("views point into the input buffer; nothing is copied") {
  vw::owning o{"player", {std::byte{1}, std::byte{2}}, {"a", "", "bc"}, {1, -1, 300}, {-5, 5}, {1.5f, -0.0f}};
  std::vector<std::byte> wire;
  REQUIRE(tagwire::encode_to(o, wire).has_value());
  auto v = tagwire::decode<vw::viewed>(wire);
  REQUIRE(v.has_value());
  const auto inside = [&](const void* p) {
    const auto* b = static_cast<const std::byte*>(p);
    return b >= wire.data() && b < wire.data() + wire.size();
  };
  CHECK(v->name == "player");
  CHECK(inside(v->name.data()));
  CHECK(to_hex(v->blob) == "01 02");
  CHECK(inside(v->blob.data()));
  CHECK(v->tags == std::vector<std::string_view>{"a", "", "bc"});
  CHECK(inside(v->tags[2].data()));
  CHECK(inside(v->values.bytes().data()));
  CHECK(std::vector<std::int32_t>(v->values.begin(), v->values.end()) == o.values);
  CHECK(v->values.size() == 3);
  CHECK(std::vector<std::int64_t>(v->deltas.begin(), v->deltas.end()) == o.deltas);
  CHECK(v->floats.size() == 2);
  CHECK(std::vector<float>(v->floats.begin(), v->floats.end()) == o.floats);

  // A view message re-encodes to the same bytes (packed views are copied as they are).
  std::vector<std::byte> again;
  REQUIRE(tagwire::encode_to(*v, again).has_value());
  CHECK(again == wire);
}

TEST_CASE("packed_view: one run only; malformed runs are errors") {
  // Two packed runs for `values`: a view cannot hold both.
  auto two = tagwire::decode<vw::viewed>(hex("22 01 01 22 01 02"));
  REQUIRE_FALSE(two.has_value());
  CHECK(two.error() == tagwire::error{tagwire::errc::capacity_exceeded, 3, 4});
  // An unpacked element (a varint record) is the field's data too, and has nowhere to go: an
  // error, not an unknown field dropped silently. After a packed run as well.
  auto unpacked = tagwire::decode<vw::viewed>(hex("20 01"));
  REQUIRE_FALSE(unpacked.has_value());
  CHECK(unpacked.error() == tagwire::error{tagwire::errc::capacity_exceeded, 0, 4});
  auto mixed = tagwire::decode<vw::viewed>(hex("22 01 01 20 02"));
  REQUIRE_FALSE(mixed.has_value());
  CHECK(mixed.error() == tagwire::error{tagwire::errc::capacity_exceeded, 3, 4});
  auto unpacked_float = tagwire::decode<vw::viewed>(hex("35 00 00 80 3f"));
  REQUIRE_FALSE(unpacked_float.has_value());
  CHECK(unpacked_float.error() == tagwire::error{tagwire::errc::capacity_exceeded, 0, 6});
  // A record of another wire type is not this field's: skipped as unknown, as for any field.
  auto other = tagwire::decode<vw::viewed>(hex("25 00 00 00 00"));
  REQUIRE(other.has_value());
  CHECK(other->values.empty());
  auto cut = tagwire::decode<vw::viewed>(hex("22 02 01 96"));
  REQUIRE_FALSE(cut.has_value());
  CHECK(cut.error() == tagwire::error{tagwire::errc::truncated, 3, 4});
  auto floats = tagwire::decode<vw::viewed>(hex("32 05 00 00 80 3f 00"));
  REQUIRE_FALSE(floats.has_value());
  CHECK(floats.error() == tagwire::error{tagwire::errc::truncated, 6, 6});
  // An empty run holds nothing, so it never conflicts: before or after the real one.
  const auto after_wire = hex("22 01 01 22 00");  // views point into it: it must outlive them
  auto empty_after = tagwire::decode<vw::viewed>(after_wire);
  REQUIRE(empty_after.has_value());
  CHECK(std::vector<std::int32_t>(empty_after->values.begin(), empty_after->values.end()) ==
        std::vector<std::int32_t>{1});
  const auto before_wire = hex("22 00 22 01 02");
  auto empty_before = tagwire::decode<vw::viewed>(before_wire);
  REQUIRE(empty_before.has_value());
  CHECK(std::vector<std::int32_t>(empty_before->values.begin(), empty_before->values.end()) ==
        std::vector<std::int32_t>{2});
  auto empty = tagwire::decode<vw::viewed>(hex("22 00"));
  REQUIRE(empty.has_value());
  CHECK(empty->values.empty());
  CHECK(empty->values.begin() == empty->values.end());
}

TEST_CASE("string fields reject invalid UTF-8; bytes fields and the option do not check") {
  // s = "\xc3\x28" (invalid 2-byte sequence)
  auto bad = tagwire::decode<vw::text>(hex("0a 02 c3 28"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == tagwire::error{tagwire::errc::invalid_utf8, 2, 1});
  auto view = tagwire::decode<vw::text>(hex("1a 03 ed a0 80"));  // a surrogate, through a string_view
  REQUIRE_FALSE(view.has_value());
  CHECK(view.error() == tagwire::error{tagwire::errc::invalid_utf8, 2, 3});
  auto raw = tagwire::decode<vw::text>(hex("12 02 c3 28"));  // tagwire::bytes: not checked
  REQUIRE(raw.has_value());
  CHECK(raw->raw == "\xc3\x28");
  auto off = tagwire::decode<vw::text>(hex("0a 02 c3 28"), {.check_utf8 = false});
  REQUIRE(off.has_value());
  CHECK(off->s == "\xc3\x28");
  auto good = tagwire::decode<vw::text>(hex("0a 06 c3 a9 e2 82 ac 21"));  // é € !
  REQUIRE(good.has_value());
  CHECK(good->s == "\xc3\xa9\xe2\x82\xac!");
}

TEST_CASE("a short string is checked by its own bytes, not the invalid UTF-8 beside it") {
  // Short strings are checked with 16-byte loads around them; here the bytes around a nested
  // 3-byte string are sixteen 0xFF (a bytes field), after it and before it.
  std::string ffs = "12 10";
  for (int i = 0; i < 16; ++i) ffs += " ff";
  auto after = tagwire::decode<vw::boxed_text>(hex("0a 05 0a 03 61 62 63 " + ffs));
  REQUIRE(after.has_value());
  CHECK(after->inner.s == "abc");
  CHECK(after->raw == std::string(16, '\xff'));
  const auto before_wire = hex(ffs + " 0a 05 1a 03 61 62 63");  // ends the input; the view points into it
  auto before = tagwire::decode<vw::boxed_text>(before_wire);
  REQUIRE(before.has_value());
  CHECK(before->inner.v == "abc");
  // One bad byte inside is still found, at the string's offset: 18 (the bytes record) + 2 + 2.
  auto bad = tagwire::decode<vw::boxed_text>(hex(ffs + " 0a 05 0a 03 61 ff 63"));
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == tagwire::error{tagwire::errc::invalid_utf8, 22, 1});
  auto bad_after = tagwire::decode<vw::boxed_text>(hex("0a 05 1a 03 61 62 80 " + ffs));
  REQUIRE_FALSE(bad_after.has_value());
  CHECK(bad_after.error() == tagwire::error{tagwire::errc::invalid_utf8, 4, 3});
}
