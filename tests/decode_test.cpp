// Decoder semantics (DESIGN.md §3): order, unknown fields, packed/unpacked, last-wins, merging,
// protobuf's value-reading rules.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::hex;

namespace dec {

enum class color : std::int32_t { red = 0, green = 1 };

struct inner {
  std::int32_t a = 0;
  std::int32_t b = 0;
  std::vector<std::int32_t> list;
};
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b), TAGWIRE_FIELD(3, list));

struct msg {
  std::int32_t i32 = 0;
  std::string s;
  inner sub;
  std::vector<std::int32_t> nums;
  std::uint32_t u32 = 0;
  std::int32_t z32 = 0;
  bool flag = false;
  color c = color::red;
  std::optional<std::int32_t> opt;
  std::unique_ptr<inner> ptr;
  std::vector<std::string> names;
  std::vector<inner> subs;
  std::vector<std::uint32_t> fx;
  std::int64_t i64 = 0;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, sub), TAGWIRE_FIELD(4, nums),
                TAGWIRE_FIELD(5, u32), TAGWIRE_FIELD(6, z32, tagwire::sint), TAGWIRE_FIELD(7, flag),
                TAGWIRE_FIELD(8, c), TAGWIRE_FIELD(9, opt), TAGWIRE_FIELD(10, ptr), TAGWIRE_FIELD(11, names),
                TAGWIRE_FIELD(12, subs), TAGWIRE_FIELD(13, fx, tagwire::fixed), TAGWIRE_FIELD(14, i64));

msg must_decode(std::string_view h) {
  auto r = tagwire::decode<msg>(hex(h));
  REQUIRE_MESSAGE(r.has_value(), "errc=", tagwire::to_string(r.error().code), " offset=", r.error().offset);
  return std::move(*r);
}

}  // namespace dec

using dec::must_decode;

TEST_CASE("fields are accepted in any order") {
  const auto m = must_decode("12 02 68 69  08 07");  // s="hi" before i32=7
  CHECK(m.i32 == 7);
  CHECK(m.s == "hi");
}

TEST_CASE("unknown fields of every wire type are skipped") {
  // 08 07: i32=7. Unknown 100 varint, 101 fixed64, 102 len, 103 group holding a nested group
  // and records of every type, 104 fixed32; then s="x".
  const auto m = must_decode(
      "08 07"
      " a0 06 96 01"                                                    // 100: varint 150
      " a9 06 01 02 03 04 05 06 07 08"                                  // 101: fixed64
      " b2 06 03 61 62 63"                                              // 102: len "abc"
      " bb 06  08 01  c3 06 10 02 c4 06  7d 00 00 00 00  0a 00  bc 06"  // 103: group{1,group 104{2},fixed32 15, len 1}
      " c5 06 01 02 03 04"                                              // 104: fixed32
      " 12 01 78");
  CHECK(m.i32 == 7);
  CHECK(m.s == "x");
}

TEST_CASE("a known number with an unexpected wire type is an unknown field") {
  // i32 (varint) arriving as len, s (len) arriving as varint, sub as fixed32: all skipped.
  const auto m = must_decode("0a 01 05  10 01  1d 01 02 03 04  08 09");
  CHECK(m.i32 == 9);
  CHECK(m.s.empty());
  CHECK(m.sub.a == 0);
  // A repeated message field arriving as a varint is skipped too, not appended.
  CHECK(must_decode("60 01").subs.empty());
}

TEST_CASE("repeated scalars accept packed and unpacked records mixed") {
  // nums: packed [1,2], unpacked 3, packed [4], unpacked 300.
  const auto m = must_decode("22 02 01 02  20 03  22 01 04  20 ac 02");
  CHECK(m.nums == std::vector<std::int32_t>{1, 2, 3, 4, 300});
  // fixed32 repeated: packed [1,2] then an unpacked 3.
  const auto f = must_decode("6a 08 01 00 00 00 02 00 00 00  6d 03 00 00 00");
  CHECK(f.fx == std::vector<std::uint32_t>{1, 2, 3});
  // An empty packed run appends nothing.
  CHECK(must_decode("22 00").nums.empty());
}

TEST_CASE("last one wins for singular scalars and strings") {
  const auto m = must_decode("08 01  12 01 61  08 02  12 02 62 63  40 01 40 00");
  CHECK(m.i32 == 2);
  CHECK(m.s == "bc");
  CHECK(m.c == dec::color::red);
}

TEST_CASE("a singular sub-message seen twice is merged") {
  // sub{a=5, list=[1]} then sub{b=6, list=[2]} -> a=5, b=6, list=[1,2]
  const auto m = must_decode("1a 04 08 05 18 01  1a 04 10 06 18 02");
  CHECK(m.sub.a == 5);
  CHECK(m.sub.b == 6);
  CHECK(m.sub.list == std::vector<std::int32_t>{1, 2});
  // The same through unique_ptr.
  const auto p = must_decode("52 02 08 05  52 02 10 06");
  REQUIRE(p.ptr);
  CHECK(p.ptr->a == 5);
  CHECK(p.ptr->b == 6);
}

TEST_CASE("repeated fields append; each repeated message record is a new element") {
  const auto m = must_decode("5a 01 61  5a 00  5a 01 62  62 02 08 01  62 00");
  CHECK(m.names == std::vector<std::string>{"a", "", "b"});
  REQUIRE(m.subs.size() == 2);
  CHECK(m.subs[0].a == 1);
  CHECK(m.subs[1].a == 0);
}

TEST_CASE("decode_into merges into an existing message") {
  dec::msg m;
  m.i32 = 1;
  m.s = "keep";
  m.nums = {9};
  m.sub.a = 4;
  REQUIRE(tagwire::decode_into(hex("08 02  20 0a  1a 02 10 05"), m).has_value());
  CHECK(m.i32 == 2);                                  // replaced
  CHECK(m.s == "keep");                               // absent: untouched
  CHECK(m.nums == std::vector<std::int32_t>{9, 10});  // appended
  CHECK(m.sub.a == 4);                                // merged
  CHECK(m.sub.b == 5);
}

TEST_CASE("presence: a record makes optional and pointer fields present even with zero values") {
  const auto m = must_decode("48 00  52 00");
  REQUIRE(m.opt.has_value());
  CHECK(*m.opt == 0);
  REQUIRE(m.ptr);
  CHECK(m.ptr->a == 0);
  const auto none = must_decode("");
  CHECK_FALSE(none.opt.has_value());
  CHECK_FALSE(none.ptr);
}

TEST_CASE("values follow protobuf's reading rules") {
  // Non-minimal varints of up to 10 bytes are accepted.
  CHECK(must_decode("08 85 80 80 80 80 80 80 80 80 00").i32 == 5);
  // int32 negative as the 10-byte sign-extended varint.
  CHECK(must_decode("08 ff ff ff ff ff ff ff ff ff 01").i32 == -1);
  // int32, uint32 and enum read from a 64-bit varint keep the low 32 bits.
  CHECK(must_decode("08 85 80 80 80 10").i32 == 5);                // 0x1_0000_0005
  CHECK(must_decode("08 ff ff ff ff 0f").i32 == -1);               // 0xffffffff
  CHECK(must_decode("28 87 80 80 80 10").u32 == 7u);               // 0x1_0000_0007
  CHECK(must_decode("40 81 80 80 80 10").c == dec::color::green);  // 0x1_0000_0001
  // sint32 truncates to 32 bits before zigzag decoding: 0x1_0000_0003 -> 3 -> -2.
  CHECK(must_decode("30 83 80 80 80 10").z32 == -2);
  // Any nonzero bool is true, including one whose only set bit is bit 63.
  CHECK(must_decode("38 02").flag);
  CHECK(must_decode("38 80 80 80 80 80 80 80 80 80 01").flag);
  CHECK_FALSE(must_decode("38 80 00").flag);
  // Open enums keep unknown values.
  CHECK(static_cast<std::int32_t>(must_decode("40 2a").c) == 42);
  CHECK(static_cast<std::int32_t>(must_decode("40 f9 ff ff ff ff ff ff ff ff 01").c) == -7);
  // int64 keeps all 64 bits.
  CHECK(must_decode("70 80 80 80 80 80 80 80 80 80 01").i64 == INT64_MIN);
}

TEST_CASE("every input range type decodes") {
  const auto b = hex("08 96 01");
  const std::string s(reinterpret_cast<const char*>(b.data()), b.size());
  const std::vector<unsigned char> uc(b.size(), 0);
  std::vector<unsigned char> u(reinterpret_cast<const unsigned char*>(b.data()),
                               reinterpret_cast<const unsigned char*>(b.data()) + b.size());
  std::vector<std::uint8_t> u8(u.begin(), u.end());
  std::array<std::byte, 3> arr{b[0], b[1], b[2]};
  unsigned char raw[3] = {0x08, 0x96, 0x01};
  CHECK(tagwire::decode<dec::msg>(b)->i32 == 150);
  CHECK(tagwire::decode<dec::msg>(std::span<const std::byte>(b))->i32 == 150);
  CHECK(tagwire::decode<dec::msg>(s)->i32 == 150);
  CHECK(tagwire::decode<dec::msg>(std::string_view(s))->i32 == 150);
  CHECK(tagwire::decode<dec::msg>(u)->i32 == 150);
  CHECK(tagwire::decode<dec::msg>(u8)->i32 == 150);
  CHECK(tagwire::decode<dec::msg>(arr)->i32 == 150);
  CHECK(tagwire::decode<dec::msg>(raw)->i32 == 150);
}
