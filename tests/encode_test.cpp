// Encoder output, byte for byte. Every expected value below is derived by hand from the
// protobuf encoding spec (https://protobuf.dev/programming-guides/encoding/).
#include <doctest/doctest.h>

#include <tagwire/tagwire.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace tagwire_encode_test {

// ---- helpers ------------------------------------------------------------------------

constexpr std::byte enc_sentinel{0xa5};
constexpr std::size_t enc_guard = 16;

// "08 96 01" style: lowercase, one space between bytes.
std::string enc_hex(std::span<const std::byte> b) {
  constexpr char digits[] = "0123456789abcdef";
  std::string s;
  for (const std::byte x : b) {
    const auto v = std::to_integer<unsigned>(x);
    if (!s.empty()) s += ' ';
    s += digits[v >> 4];
    s += digits[v & 15];
  }
  return s;
}

// `count` copies of the hex byte `one`, space separated.
std::string enc_hex_repeat(const std::string& one, std::size_t count) {
  std::string s;
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0) s += ' ';
    s += one;
  }
  return s;
}

std::string enc_join(std::initializer_list<std::string> parts) {
  std::string s;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!s.empty()) s += ' ';
    s += p;
  }
  return s;
}

std::size_t enc_count_not_sentinel(std::span<const std::byte> b) {
  std::size_t n = 0;
  for (const std::byte x : b) n += x != enc_sentinel;
  return n;
}

// Encodes `msg` into the middle of a sentinel-filled buffer and returns the bytes as hex.
// Checks on the way that encoded_size is the number of bytes written (nothing before or
// after the returned prefix is touched) and that encode_to appends the same bytes.
template <class T>
std::string enc_bytes(const T& msg) {
  const std::size_t n = tagwire::encoded_size(msg);
  std::vector<std::byte> buf(enc_guard + n + enc_guard, enc_sentinel);
  const std::span<std::byte> out = std::span<std::byte>(buf).subspan(enc_guard);
  const auto r = tagwire::encode(msg, out);
  CHECK(r.has_value());
  if (!r) return "<encode failed: " + std::string(tagwire::to_string(r.error().code)) + ">";
  CHECK(r->data() == out.data());
  CHECK(r->size() == n);
  CHECK(enc_count_not_sentinel(std::span<const std::byte>(buf).first(enc_guard)) == 0);
  CHECK(enc_count_not_sentinel(std::span<const std::byte>(buf).last(enc_guard)) == 0);

  std::vector<std::byte> appended;
  const auto a = tagwire::encode_to(msg, appended);
  CHECK(a.has_value());
  if (a) CHECK(*a == n);
  CHECK(enc_hex(appended) == enc_hex(*r));
  return enc_hex(*r);
}

// ---- messages -----------------------------------------------------------------------

// The spec's examples.
struct enc_test1 {
  std::int32_t a = 0;
};
TAGWIRE_MESSAGE(enc_test1, TAGWIRE_FIELD(1, a));

struct enc_test2 {
  std::string b;
};
TAGWIRE_MESSAGE(enc_test2, TAGWIRE_FIELD(2, b));

struct enc_test3 {
  enc_test1 c;
};
TAGWIRE_MESSAGE(enc_test3, TAGWIRE_FIELD(3, c));

struct enc_packed4 {
  std::vector<std::int32_t> d;
};
TAGWIRE_MESSAGE(enc_packed4, TAGWIRE_FIELD(4, d));

struct enc_packed6 {
  std::vector<std::int32_t> f;
};
TAGWIRE_MESSAGE(enc_packed6, TAGWIRE_FIELD(6, f));

struct enc_test4_unpacked {
  std::string d;
  std::vector<std::int32_t> e;
};
TAGWIRE_MESSAGE(enc_test4_unpacked, TAGWIRE_FIELD(4, d), TAGWIRE_FIELD(5, e, tagwire::unpacked));

struct enc_test4_packed {
  std::string d;
  std::vector<std::int32_t> e;
};
TAGWIRE_MESSAGE(enc_test4_packed, TAGWIRE_FIELD(4, d), TAGWIRE_FIELD(5, e));

enum class enc_color : std::int32_t { red = 0, green = 1, blue = 2 };

struct enc_scalars {
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint32_t u32 = 0;
  std::uint64_t u64 = 0;
  std::int32_t s32 = 0;
  std::int64_t s64 = 0;
  std::uint32_t fx32 = 0;
  std::uint64_t fx64 = 0;
  std::int32_t sfx32 = 0;
  std::int64_t sfx64 = 0;
  bool b = false;
  enc_color e = enc_color::red;
  float f = 0;
  double d = 0;
};
TAGWIRE_MESSAGE(enc_scalars, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, u32), TAGWIRE_FIELD(4, u64),
                TAGWIRE_FIELD(5, s32, tagwire::sint), TAGWIRE_FIELD(6, s64, tagwire::sint),
                TAGWIRE_FIELD(7, fx32, tagwire::fixed), TAGWIRE_FIELD(8, fx64, tagwire::fixed),
                TAGWIRE_FIELD(9, sfx32, tagwire::sfixed), TAGWIRE_FIELD(10, sfx64, tagwire::sfixed),
                TAGWIRE_FIELD(11, b), TAGWIRE_FIELD(12, e), TAGWIRE_FIELD(13, f), TAGWIRE_FIELD(14, d));

struct enc_tags {
  std::int32_t f1 = 0, f15 = 0, f16 = 0, f2047 = 0, f2048 = 0, f262143 = 0, f262144 = 0, f33554431 = 0, f33554432 = 0,
               f536870911 = 0;
};
TAGWIRE_MESSAGE(enc_tags, TAGWIRE_FIELD(1, f1), TAGWIRE_FIELD(15, f15), TAGWIRE_FIELD(16, f16),
                TAGWIRE_FIELD(2047, f2047), TAGWIRE_FIELD(2048, f2048), TAGWIRE_FIELD(262143, f262143),
                TAGWIRE_FIELD(262144, f262144), TAGWIRE_FIELD(33554431, f33554431), TAGWIRE_FIELD(33554432, f33554432),
                TAGWIRE_FIELD(536870911, f536870911));

// Declared, described and numbered in three different orders.
struct enc_order {
  std::string z;
  std::int32_t a = 0;
  std::int32_t m = 0;
};
TAGWIRE_MESSAGE(enc_order, TAGWIRE_FIELD(30, z), TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(16, m));

struct enc_order_manual {
  std::int32_t x = 0;
  std::int32_t y = 0;
  std::int32_t w = 0;
};
}  // namespace tagwire_encode_test

template <>
struct tagwire::descriptor<tagwire_encode_test::enc_order_manual> {
  using m = tagwire_encode_test::enc_order_manual;
  static constexpr auto fields = std::tuple{tagwire::field<3, &m::x>{"x"}, tagwire::field<2, &m::y, tagwire::sint>{"y"},
                                            tagwire::field<1, &m::w>{"w"}};
};

namespace tagwire_encode_test {

struct enc_nested_presence {
  enc_test1 plain;
  std::string s;
  std::vector<std::int32_t> v;
  std::vector<std::string> vs;
};
TAGWIRE_MESSAGE(enc_nested_presence, TAGWIRE_FIELD(1, plain), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, v),
                TAGWIRE_FIELD(4, vs));

struct enc_presence {
  std::optional<std::int32_t> i;
  std::optional<std::string> s;
  std::optional<enc_test1> m;
  std::optional<float> f;
  std::optional<bool> b;
  std::unique_ptr<enc_test1> p;
  std::optional<enc_color> e;
};
TAGWIRE_MESSAGE(enc_presence, TAGWIRE_FIELD(1, i), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, m), TAGWIRE_FIELD(4, f),
                TAGWIRE_FIELD(5, b), TAGWIRE_FIELD(6, p), TAGWIRE_FIELD(7, e));

struct enc_packed {
  std::vector<std::uint32_t> fx32;
  std::vector<std::uint64_t> fx64;
  std::vector<float> f;
  std::vector<double> d;
  std::vector<bool> b;
  std::vector<enc_color> e;
  std::vector<std::int32_t> s32;
  std::vector<std::int64_t> s64;
  std::vector<std::int32_t> sfx32;
  std::vector<std::int64_t> sfx64;
  std::vector<std::int32_t> i32;
  std::vector<std::uint64_t> u64;
};
TAGWIRE_MESSAGE(enc_packed, TAGWIRE_FIELD(1, fx32, tagwire::fixed), TAGWIRE_FIELD(2, fx64, tagwire::fixed),
                TAGWIRE_FIELD(3, f), TAGWIRE_FIELD(4, d), TAGWIRE_FIELD(5, b), TAGWIRE_FIELD(6, e),
                TAGWIRE_FIELD(7, s32, tagwire::sint), TAGWIRE_FIELD(8, s64, tagwire::sint),
                TAGWIRE_FIELD(9, sfx32, tagwire::sfixed), TAGWIRE_FIELD(10, sfx64, tagwire::sfixed),
                TAGWIRE_FIELD(11, i32), TAGWIRE_FIELD(12, u64));

struct enc_unpacked {
  std::vector<std::int32_t> i32;
  std::vector<std::uint32_t> fx32;
  std::vector<float> f;
  std::vector<bool> b;
  std::vector<std::int64_t> s64;
  std::vector<double> d;
  std::vector<enc_color> e;
};
TAGWIRE_MESSAGE(enc_unpacked, TAGWIRE_FIELD(1, i32, tagwire::unpacked),
                TAGWIRE_FIELD(2, fx32, tagwire::fixed, tagwire::unpacked), TAGWIRE_FIELD(3, f, tagwire::unpacked),
                TAGWIRE_FIELD(4, b, tagwire::unpacked), TAGWIRE_FIELD(5, s64, tagwire::unpacked, tagwire::sint),
                TAGWIRE_FIELD(6, d, tagwire::unpacked), TAGWIRE_FIELD(7, e, tagwire::unpacked));

struct enc_repeated_len {
  std::vector<std::string> s;
  std::vector<enc_test1> m;
  std::vector<std::vector<std::byte>> by;
};
TAGWIRE_MESSAGE(enc_repeated_len, TAGWIRE_FIELD(1, s), TAGWIRE_FIELD(2, m), TAGWIRE_FIELD(3, by));

struct enc_bytes_types {
  std::string s;
  std::vector<std::byte> vb;
  std::vector<unsigned char> vu;
  std::vector<char> vc;
  std::vector<std::uint8_t> v8;
};
TAGWIRE_MESSAGE(enc_bytes_types, TAGWIRE_FIELD(1, s, tagwire::bytes), TAGWIRE_FIELD(2, vb), TAGWIRE_FIELD(3, vu),
                TAGWIRE_FIELD(4, vc), TAGWIRE_FIELD(5, v8));

struct enc_small {
  std::int8_t i8 = 0;
  std::int16_t i16 = 0;
  std::uint8_t u8 = 0;
  std::uint16_t u16 = 0;
  std::int16_t s16 = 0;
  std::vector<std::uint16_t> vu16;
};
TAGWIRE_MESSAGE(enc_small, TAGWIRE_FIELD(1, i8), TAGWIRE_FIELD(2, i16), TAGWIRE_FIELD(3, u8), TAGWIRE_FIELD(4, u16),
                TAGWIRE_FIELD(5, s16, tagwire::sint), TAGWIRE_FIELD(6, vu16));

struct enc_outer {
  enc_test3 x;
  enc_test2 big;
};
TAGWIRE_MESSAGE(enc_outer, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, big));

// ---- the spec's examples ------------------------------------------------------------

TEST_CASE("encode: the spec's examples byte for byte") {
  enc_test1 t1;
  t1.a = 150;
  CHECK(enc_bytes(t1) == "08 96 01");

  enc_test2 t2;
  t2.b = "testing";
  CHECK(enc_bytes(t2) == "12 07 74 65 73 74 69 6e 67");

  enc_test3 t3;
  t3.c.a = 150;
  CHECK(enc_bytes(t3) == "1a 03 08 96 01");

  // Packed: 3 -> 03, 270 -> 8e 02, 86942 -> 9e a7 05; 6 payload bytes.
  enc_packed4 p4;
  p4.d = {3, 270, 86942};
  CHECK(enc_bytes(p4) == "22 06 03 8e 02 9e a7 05");
  enc_packed6 p6;
  p6.f = {3, 270, 86942};
  CHECK(enc_bytes(p6) == "32 06 03 8e 02 9e a7 05");

  // Test4 {d: "hello", e: [1, 2, 3]}, expanded and packed.
  enc_test4_unpacked u4;
  u4.d = "hello";
  u4.e = {1, 2, 3};
  CHECK(enc_bytes(u4) == "22 05 68 65 6c 6c 6f 28 01 28 02 28 03");
  enc_test4_packed k4;
  k4.d = "hello";
  k4.e = {1, 2, 3};
  CHECK(enc_bytes(k4) == "22 05 68 65 6c 6c 6f 2a 03 01 02 03");
}

TEST_CASE("encode: zigzag table") {
  CHECK(tagwire::zigzag_encode32(0) == 0u);
  CHECK(tagwire::zigzag_encode32(-1) == 1u);
  CHECK(tagwire::zigzag_encode32(1) == 2u);
  CHECK(tagwire::zigzag_encode32(-2) == 3u);
  CHECK(tagwire::zigzag_encode32(2) == 4u);
  CHECK(tagwire::zigzag_encode32(std::numeric_limits<std::int32_t>::max()) == 4294967294u);
  CHECK(tagwire::zigzag_encode32(std::numeric_limits<std::int32_t>::min()) == 4294967295u);
  CHECK(tagwire::zigzag_encode64(0) == 0u);
  CHECK(tagwire::zigzag_encode64(-1) == 1u);
  CHECK(tagwire::zigzag_encode64(1) == 2u);
  CHECK(tagwire::zigzag_encode64(-2) == 3u);
  CHECK(tagwire::zigzag_encode64(2147483647) == 4294967294u);
  CHECK(tagwire::zigzag_encode64(-2147483648LL) == 4294967295u);
  CHECK(tagwire::zigzag_encode64(std::numeric_limits<std::int64_t>::max()) == 0xfffffffffffffffeu);
  CHECK(tagwire::zigzag_encode64(std::numeric_limits<std::int64_t>::min()) == 0xffffffffffffffffu);

  // The same values as sint32 (field 5, tag 28) and sint64 (field 6, tag 30) on the wire.
  enc_scalars m;
  m.s32 = 0;
  CHECK(enc_bytes(m) == "");
  m.s32 = -1;
  CHECK(enc_bytes(m) == "28 01");
  m.s32 = 1;
  CHECK(enc_bytes(m) == "28 02");
  m.s32 = -2;
  CHECK(enc_bytes(m) == "28 03");
  m.s32 = 2;
  CHECK(enc_bytes(m) == "28 04");
  m.s32 = -64;
  CHECK(enc_bytes(m) == "28 7f");
  m.s32 = 64;
  CHECK(enc_bytes(m) == "28 80 01");
  m.s32 = std::numeric_limits<std::int32_t>::max();
  CHECK(enc_bytes(m) == "28 fe ff ff ff 0f");
  m.s32 = std::numeric_limits<std::int32_t>::min();
  CHECK(enc_bytes(m) == "28 ff ff ff ff 0f");
  m.s32 = 0;
  m.s64 = std::numeric_limits<std::int64_t>::max();
  CHECK(enc_bytes(m) == "30 fe ff ff ff ff ff ff ff ff 01");
  m.s64 = std::numeric_limits<std::int64_t>::min();
  CHECK(enc_bytes(m) == "30 ff ff ff ff ff ff ff ff ff 01");
  m.s64 = -1;
  CHECK(enc_bytes(m) == "30 01");
}

TEST_CASE("encode: varint scalars") {
  enc_scalars m;
  SUBCASE("int32") {
    m.i32 = 1;
    CHECK(enc_bytes(m) == "08 01");
    m.i32 = 127;
    CHECK(enc_bytes(m) == "08 7f");
    m.i32 = 128;
    CHECK(enc_bytes(m) == "08 80 01");
    m.i32 = std::numeric_limits<std::int32_t>::max();
    CHECK(enc_bytes(m) == "08 ff ff ff ff 07");
    // Negative int32 is sign-extended to 64 bits: always 10 bytes.
    m.i32 = -1;
    CHECK(enc_bytes(m) == "08 ff ff ff ff ff ff ff ff ff 01");
    m.i32 = std::numeric_limits<std::int32_t>::min();
    CHECK(enc_bytes(m) == "08 80 80 80 80 f8 ff ff ff ff 01");
  }
  SUBCASE("int64") {
    m.i64 = -1;
    CHECK(enc_bytes(m) == "10 ff ff ff ff ff ff ff ff ff 01");
    m.i64 = std::numeric_limits<std::int64_t>::min();
    CHECK(enc_bytes(m) == "10 80 80 80 80 80 80 80 80 80 01");
    m.i64 = std::numeric_limits<std::int64_t>::max();
    CHECK(enc_bytes(m) == "10 ff ff ff ff ff ff ff ff 7f");
    m.i64 = 300;
    CHECK(enc_bytes(m) == "10 ac 02");
  }
  SUBCASE("uint32 and uint64") {
    m.u32 = std::numeric_limits<std::uint32_t>::max();
    CHECK(enc_bytes(m) == "18 ff ff ff ff 0f");
    m.u32 = 0x80000000u;
    CHECK(enc_bytes(m) == "18 80 80 80 80 08");
    m.u32 = 0;
    m.u64 = std::numeric_limits<std::uint64_t>::max();
    CHECK(enc_bytes(m) == "20 ff ff ff ff ff ff ff ff ff 01");
    m.u64 = 1ull << 63;
    CHECK(enc_bytes(m) == "20 80 80 80 80 80 80 80 80 80 01");
  }
  SUBCASE("bool and enum") {
    m.b = true;
    CHECK(enc_bytes(m) == "58 01");
    m.b = false;
    m.e = enc_color::blue;
    CHECK(enc_bytes(m) == "60 02");
    // Open enum: a value outside the enumerators is written as it is, negative ones in 10 bytes.
    m.e = static_cast<enc_color>(-7);
    CHECK(enc_bytes(m) == "60 f9 ff ff ff ff ff ff ff ff 01");
    m.e = static_cast<enc_color>(42);
    CHECK(enc_bytes(m) == "60 2a");
  }
}

TEST_CASE("encode: fixed-width scalars") {
  enc_scalars m;
  m.fx32 = 1;
  CHECK(enc_bytes(m) == "3d 01 00 00 00");
  m.fx32 = 0xdeadbeefu;
  CHECK(enc_bytes(m) == "3d ef be ad de");
  m.fx32 = 0;
  m.fx64 = 0x0102030405060708u;
  CHECK(enc_bytes(m) == "41 08 07 06 05 04 03 02 01");
  m.fx64 = 0;
  m.sfx32 = -2;
  CHECK(enc_bytes(m) == "4d fe ff ff ff");
  m.sfx32 = 0;
  m.sfx64 = -2;
  CHECK(enc_bytes(m) == "51 fe ff ff ff ff ff ff ff");
  m.sfx64 = std::numeric_limits<std::int64_t>::min();
  CHECK(enc_bytes(m) == "51 00 00 00 00 00 00 00 80");
  m.sfx64 = 0;

  m.f = 1.0f;
  CHECK(enc_bytes(m) == "6d 00 00 80 3f");
  m.f = -2.0f;
  CHECK(enc_bytes(m) == "6d 00 00 00 c0");
  m.f = 0;
  m.d = 1.0;
  CHECK(enc_bytes(m) == "71 00 00 00 00 00 00 f0 3f");
  m.d = -2.0;
  CHECK(enc_bytes(m) == "71 00 00 00 00 00 00 00 c0");
}

TEST_CASE("encode: field numbers 1, 15, 16, 2047, 2048, 262143, 262144, 2^25-1, 2^25, 2^29-1") {
  // Tag = number << 3 | 0; 1-byte tags up to 15, 2 up to 2047, 3 up to 262143,
  // 4 up to 33554431, 5 above.
  struct row {
    std::int32_t enc_tags::*member;
    const char* tag;
    std::size_t tag_size;
  };
  const row rows[] = {
      {&enc_tags::f1, "08", 1},
      {&enc_tags::f15, "78", 1},
      {&enc_tags::f16, "80 01", 2},
      {&enc_tags::f2047, "f8 7f", 2},
      {&enc_tags::f2048, "80 80 01", 3},
      {&enc_tags::f262143, "f8 ff 7f", 3},
      {&enc_tags::f262144, "80 80 80 01", 4},
      {&enc_tags::f33554431, "f8 ff ff 7f", 4},
      {&enc_tags::f33554432, "80 80 80 80 01", 5},
      {&enc_tags::f536870911, "f8 ff ff ff 0f", 5},
  };
  enc_tags all;
  std::string expected_all;
  for (const row& r : rows) {
    CAPTURE(r.tag);
    enc_tags m;
    m.*r.member = 1;
    CHECK(tagwire::encoded_size(m) == r.tag_size + 1);
    CHECK(enc_bytes(m) == std::string(r.tag) + " 01");
    all.*r.member = 1;
    expected_all = enc_join({expected_all, std::string(r.tag) + " 01"});
  }
  CHECK(enc_bytes(all) == expected_all);
  CHECK(tagwire::encoded_size(all) == 1 + 1 + 2 + 2 + 3 + 3 + 4 + 4 + 5 + 5 + 10);

  // The tag bytes themselves, from the low-level helpers.
  CHECK(tagwire::make_tag(536870911, tagwire::wire_type::fixed32) == 0xfffffffdu);
  CHECK(tagwire::varint_size(tagwire::make_tag(536870911, tagwire::wire_type::len)) == 5);
  CHECK(tagwire::varint_size(tagwire::make_tag(15, tagwire::wire_type::len)) == 1);
  CHECK(tagwire::varint_size(tagwire::make_tag(16, tagwire::wire_type::varint)) == 2);
}

TEST_CASE("encode: output is in field-number order regardless of declaration order") {
  enc_order m;
  m.z = "x";
  m.a = 1;
  m.m = 2;
  // 1 -> 08, 16 -> 80 01, 30 (len) -> f2 01.
  CHECK(enc_bytes(m) == "08 01 80 01 02 f2 01 01 78");

  enc_order_manual k;
  k.x = 3;
  k.y = -1;
  k.w = 1;
  CHECK(enc_bytes(k) == "08 01 10 01 18 03");
}

TEST_CASE("encode: implicit presence") {
  CHECK(enc_bytes(enc_scalars{}) == "");
  CHECK(tagwire::encoded_size(enc_scalars{}) == 0);

  // A plain nested message with only default fields, an empty string, vector and
  // repeated string field are all left out.
  enc_nested_presence n;
  CHECK(enc_bytes(n) == "");
  n.plain.a = 0;
  n.s.clear();
  CHECK(enc_bytes(n) == "");
  enc_test3 t3;
  CHECK(enc_bytes(t3) == "");
  enc_outer o;
  CHECK(enc_bytes(o) == "");

  // -0.0 is not the all-zero bit pattern, so it is written (like libprotobuf).
  enc_scalars m;
  m.f = -0.0f;
  CHECK(enc_bytes(m) == "6d 00 00 00 80");
  m.f = 0.0f;
  m.d = -0.0;
  CHECK(enc_bytes(m) == "71 00 00 00 00 00 00 00 80");
  m.d = 0.0;
  CHECK(enc_bytes(m) == "");

  // NaN is written with its payload.
  m.f = std::bit_cast<float>(0x7fc00001u);
  CHECK(enc_bytes(m) == "6d 01 00 c0 7f");
  m.f = 0.0f;
  m.d = std::bit_cast<double>(0xfff8000000000123u);
  CHECK(enc_bytes(m) == "71 23 01 00 00 00 00 f8 ff");
  m.d = std::numeric_limits<double>::infinity();
  CHECK(enc_bytes(m) == "71 00 00 00 00 00 00 f0 7f");
}

TEST_CASE("encode: explicit presence with std::optional and std::unique_ptr") {
  enc_presence m;
  CHECK(enc_bytes(m) == "");

  SUBCASE("set to zero values, each is written") {
    m.i = 0;
    CHECK(enc_bytes(m) == "08 00");
    m.i.reset();
    m.s = std::string();
    CHECK(enc_bytes(m) == "12 00");
    m.s.reset();
    m.m = enc_test1{};
    CHECK(enc_bytes(m) == "1a 00");
    m.m.reset();
    m.f = 0.0f;
    CHECK(enc_bytes(m) == "25 00 00 00 00");
    m.f.reset();
    m.b = false;
    CHECK(enc_bytes(m) == "28 00");
    m.b.reset();
    m.p = std::make_unique<enc_test1>();
    CHECK(enc_bytes(m) == "32 00");
    m.p.reset();
    m.e = enc_color::red;
    CHECK(enc_bytes(m) == "38 00");
  }
  SUBCASE("all set together") {
    m.i = -1;
    m.s = "hi";
    m.m = enc_test1{};
    m.m->a = 150;
    m.f = -0.0f;
    m.b = true;
    m.p = std::make_unique<enc_test1>();
    m.p->a = 150;
    m.e = enc_color::green;
    CHECK(enc_bytes(m) ==
          "08 ff ff ff ff ff ff ff ff ff 01 12 02 68 69 1a 03 08 96 01 25 00 00 00 80 28 01 "
          "32 03 08 96 01 38 01");
  }
  SUBCASE("a null unique_ptr is not written") {
    m.p.reset();
    m.i = 5;
    CHECK(enc_bytes(m) == "08 05");
  }
}

TEST_CASE("encode: packed repeated scalars of every wire width") {
  enc_packed m;
  SUBCASE("fixed32") {
    m.fx32 = {1, 0xffffffffu};
    CHECK(enc_bytes(m) == "0a 08 01 00 00 00 ff ff ff ff");
  }
  SUBCASE("fixed64") {
    m.fx64 = {1, 1ull << 63};
    CHECK(enc_bytes(m) == "12 10 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 80");
  }
  SUBCASE("float, zeros included") {
    m.f = {1.0f, -0.0f, 0.0f};
    CHECK(enc_bytes(m) == "1a 0c 00 00 80 3f 00 00 00 80 00 00 00 00");
  }
  SUBCASE("double") {
    m.d = {-2.0, 0.0};
    CHECK(enc_bytes(m) == "22 10 00 00 00 00 00 00 00 c0 00 00 00 00 00 00 00 00");
  }
  SUBCASE("bool") {
    m.b = {true, false, true};
    CHECK(enc_bytes(m) == "2a 03 01 00 01");
  }
  SUBCASE("enum, negative is 10 bytes") {
    m.e = {enc_color::red, enc_color::blue, static_cast<enc_color>(-1)};
    CHECK(enc_bytes(m) == "32 0c 00 02 ff ff ff ff ff ff ff ff ff 01");
  }
  SUBCASE("sint32") {
    m.s32 = {0, -1, 1, -64, 64, std::numeric_limits<std::int32_t>::min()};
    CHECK(enc_bytes(m) == "3a 0b 00 01 02 7f 80 01 ff ff ff ff 0f");
  }
  SUBCASE("sint64") {
    m.s64 = {std::numeric_limits<std::int64_t>::min(), -2};
    CHECK(enc_bytes(m) == "42 0b ff ff ff ff ff ff ff ff ff 01 03");
  }
  SUBCASE("sfixed32") {
    m.sfx32 = {-1, 2};
    CHECK(enc_bytes(m) == "4a 08 ff ff ff ff 02 00 00 00");
  }
  SUBCASE("sfixed64") {
    m.sfx64 = {-1};
    CHECK(enc_bytes(m) == "52 08 ff ff ff ff ff ff ff ff");
  }
  SUBCASE("zero elements are kept") {
    m.i32 = {0, 0};
    CHECK(enc_bytes(m) == "5a 02 00 00");
  }
  SUBCASE("payload of 128 bytes takes a 2-byte length") {
    m.u64.assign(128, 1);
    CHECK(enc_bytes(m) == "62 80 01 " + enc_hex_repeat("01", 128));
    CHECK(tagwire::encoded_size(m) == 1 + 2 + 128);
    m.u64.resize(127);
    CHECK(enc_bytes(m) == "62 7f " + enc_hex_repeat("01", 127));
  }
  SUBCASE("everything at once, in field order") {
    m.fx32 = {1};
    m.b = {true};
    m.u64 = {300};
    CHECK(enc_bytes(m) == "0a 04 01 00 00 00 2a 01 01 62 02 ac 02");
  }
}

TEST_CASE("encode: unpacked repeated scalars, one record per element") {
  enc_unpacked m;
  m.i32 = {1, 0, -1};
  CHECK(enc_bytes(m) == "08 01 08 00 08 ff ff ff ff ff ff ff ff ff 01");
  m.i32.clear();
  m.fx32 = {1, 2};
  CHECK(enc_bytes(m) == "15 01 00 00 00 15 02 00 00 00");
  m.fx32.clear();
  m.f = {-0.0f};
  CHECK(enc_bytes(m) == "1d 00 00 00 80");
  m.f.clear();
  m.b = {false, true};
  CHECK(enc_bytes(m) == "20 00 20 01");
  m.b.clear();
  m.s64 = {-1, 1};
  CHECK(enc_bytes(m) == "28 01 28 02");
  m.s64.clear();
  m.d = {1.0};
  CHECK(enc_bytes(m) == "31 00 00 00 00 00 00 f0 3f");
  m.d.clear();
  m.e = {enc_color::green, enc_color::red};
  CHECK(enc_bytes(m) == "38 01 38 00");
}

TEST_CASE("encode: repeated strings, bytes and messages keep empty elements") {
  enc_repeated_len m;
  m.s = {"a", "", "bc"};
  CHECK(enc_bytes(m) == "0a 01 61 0a 00 0a 02 62 63");
  m.s.clear();
  m.m.resize(2);
  m.m[0].a = 150;
  CHECK(enc_bytes(m) == "12 03 08 96 01 12 00");
  m.m.clear();
  m.by = {{}, {std::byte{0xff}}};
  CHECK(enc_bytes(m) == "1a 00 1a 01 ff");
}

TEST_CASE("encode: bytes member types") {
  enc_bytes_types m;
  m.s = std::string("\0\xff", 2);
  m.vb = {std::byte{0x00}, std::byte{0xff}};
  m.vu = {0x00, 0xff};
  m.vc = {'\0', '\xff'};
  m.v8 = {0x00, 0xff};
  CHECK(enc_bytes(m) == "0a 02 00 ff 12 02 00 ff 1a 02 00 ff 22 02 00 ff 2a 02 00 ff");

  // Length varint boundary: 127 -> 7f, 128 -> 80 01.
  enc_bytes_types b;
  b.vb.assign(127, std::byte{0x41});
  CHECK(enc_bytes(b) == "12 7f " + enc_hex_repeat("41", 127));
  b.vb.push_back(std::byte{0x41});
  CHECK(enc_bytes(b) == "12 80 01 " + enc_hex_repeat("41", 128));
}

TEST_CASE("encode: small integer members map to int32 and uint32") {
  enc_small m;
  m.i8 = -1;
  CHECK(enc_bytes(m) == "08 ff ff ff ff ff ff ff ff ff 01");
  m.i8 = 0;
  m.i16 = std::numeric_limits<std::int16_t>::min();
  CHECK(enc_bytes(m) == "10 80 80 fe ff ff ff ff ff ff 01");
  m.i16 = 0;
  m.u8 = 255;
  CHECK(enc_bytes(m) == "18 ff 01");
  m.u8 = 0;
  m.u16 = 65535;
  CHECK(enc_bytes(m) == "20 ff ff 03");
  m.u16 = 0;
  m.s16 = std::numeric_limits<std::int16_t>::min();  // zigzag 65535
  CHECK(enc_bytes(m) == "28 ff ff 03");
  m.s16 = 0;
  m.vu16 = {1, 65535};
  CHECK(enc_bytes(m) == "32 04 01 ff ff 03");
}

TEST_CASE("encode: nested messages") {
  enc_outer o;
  o.x.c.a = 150;
  CHECK(enc_bytes(o) == "0a 05 1a 03 08 96 01");

  // A 200-byte string inside: inner is 12 c8 01 + 200 bytes = 203 bytes -> length cb 01.
  o.x.c.a = 0;
  o.big.b.assign(200, 'x');
  CHECK(enc_bytes(o) == "12 cb 01 12 c8 01 " + enc_hex_repeat("78", 200));
  CHECK(tagwire::encoded_size(o) == 1 + 2 + 203);
}

// ---- output buffers -----------------------------------------------------------------

template <class T>
void enc_check_span_sizes(const T& msg) {
  const std::size_t n = tagwire::encoded_size(msg);
  CHECK(n > 0);
  const std::string expected = enc_bytes(msg);

  std::vector<std::byte> exact(n, enc_sentinel);
  const auto ok = tagwire::encode(msg, std::span<std::byte>(exact));
  CHECK(ok.has_value());
  if (ok) {
    CHECK(ok->data() == exact.data());
    CHECK(ok->size() == n);
    CHECK(enc_hex(exact) == expected);
  }

  // A larger output: only the prefix is written.
  std::vector<std::byte> roomy(n + 64, enc_sentinel);
  const auto in_roomy = tagwire::encode(msg, std::span<std::byte>(roomy));
  CHECK(in_roomy.has_value());
  if (in_roomy) CHECK(enc_hex(*in_roomy) == expected);
  CHECK(enc_count_not_sentinel(std::span<const std::byte>(roomy).subspan(n)) == 0);

  std::vector<std::byte> small(n - 1, enc_sentinel);
  const auto bad = tagwire::encode(msg, std::span<std::byte>(small));
  CHECK_FALSE(bad.has_value());
  if (!bad) {
    CHECK(bad.error().code == tagwire::errc::buffer_too_small);
    CHECK(bad.error().offset == n);
    CHECK(bad.error().field == 0u);
  }
  CHECK(enc_count_not_sentinel(small) == 0);  // nothing written

  const auto none = tagwire::encode(msg, std::span<std::byte>());
  CHECK_FALSE(none.has_value());
  if (!none) {
    CHECK(none.error().code == tagwire::errc::buffer_too_small);
    CHECK(none.error().offset == n);
  }
}

TEST_CASE("encode: an exactly sized span succeeds, one byte less fails and is left untouched") {
  enc_test1 t1;
  t1.a = 150;
  enc_check_span_sizes(t1);

  enc_test2 t2;
  t2.b = "testing";
  enc_check_span_sizes(t2);

  enc_packed p;
  p.u64.assign(128, 7);
  p.f = {1.0f};
  enc_check_span_sizes(p);

  enc_outer o;
  o.x.c.a = -1;
  o.big.b.assign(300, 'q');
  enc_check_span_sizes(o);

  enc_scalars one_byte;
  one_byte.b = true;
  CHECK(tagwire::encoded_size(one_byte) == 2);
  enc_check_span_sizes(one_byte);

  // An empty message fits an empty span.
  const auto empty = tagwire::encode(enc_scalars{}, std::span<std::byte>());
  CHECK(empty.has_value());
  if (empty) CHECK(empty->empty());

  // A std::array works as the output too.
  std::array<std::byte, 3> arr{};
  const auto in_array = tagwire::encode(t1, arr);
  CHECK(in_array.has_value());
  CHECK(enc_hex(arr) == "08 96 01");
}

TEST_CASE("encode: messages either side of the stack-buffer bound give the spec's bytes") {
  // Messages whose size bound (a string counts 1 + 5 + its length here) is at most 1024 bytes are
  // written once into a stack buffer and copied; larger ones are sized first and written in place.
  for (const std::size_t len : {std::size_t{1000}, std::size_t{1017}, std::size_t{1018}, std::size_t{1019},
                                std::size_t{1020}, std::size_t{2000}}) {
    CAPTURE(len);
    enc_test2 t;
    t.b.assign(len, 'x');
    std::vector<std::byte> expected{std::byte{0x12}, static_cast<std::byte>(0x80 | (len & 0x7f)),
                                    static_cast<std::byte>(len >> 7)};
    expected.resize(3 + len, std::byte{'x'});
    CHECK(tagwire::encoded_size(t) == expected.size());

    std::vector<std::byte> span_out(expected.size() + 8, enc_sentinel);
    const auto in_span = tagwire::encode(t, std::span<std::byte>(span_out));
    REQUIRE(in_span.has_value());
    CHECK(std::vector<std::byte>(in_span->begin(), in_span->end()) == expected);
    CHECK(enc_count_not_sentinel(std::span<const std::byte>(span_out).subspan(expected.size())) == 0);
    const auto too_small = tagwire::encode(t, std::span<std::byte>(span_out).first(expected.size() - 1));
    CHECK(too_small.error() == tagwire::error{tagwire::errc::buffer_too_small, expected.size(), 0});

    std::vector<std::byte> appended{std::byte{0xAA}};
    REQUIRE(tagwire::encode_to(t, appended).value() == expected.size());
    CHECK(appended.front() == std::byte{0xAA});
    CHECK(std::vector<std::byte>(appended.begin() + 1, appended.end()) == expected);

    std::vector<std::byte> delimited_expected{static_cast<std::byte>(0x80 | (expected.size() & 0x7f)),
                                              static_cast<std::byte>(expected.size() >> 7)};
    delimited_expected.insert(delimited_expected.end(), expected.begin(), expected.end());
    std::vector<std::byte> delimited_span(delimited_expected.size(), enc_sentinel);
    const auto in_delimited = tagwire::encode_delimited(t, std::span<std::byte>(delimited_span));
    REQUIRE(in_delimited.has_value());
    CHECK(delimited_span == delimited_expected);
    CHECK(tagwire::encode_delimited(t, std::span<std::byte>(delimited_span).first(delimited_expected.size() - 1))
              .error() == tagwire::error{tagwire::errc::buffer_too_small, delimited_expected.size(), 0});
    std::vector<std::byte> delimited_to;
    REQUIRE(tagwire::encode_delimited_to(t, delimited_to).value() == delimited_expected.size());
    CHECK(delimited_to == delimited_expected);
  }
}

TEST_CASE("encode_to appends to a non-empty container without touching the prefix") {
  enc_test2 t2;
  t2.b = "testing";
  const std::string expected = "12 07 74 65 73 74 69 6e 67";

  SUBCASE("std::vector<std::byte>") {
    std::vector<std::byte> out{std::byte{0xde}, std::byte{0xad}};
    const auto r = tagwire::encode_to(t2, out);
    CHECK(r.has_value());
    if (r) CHECK(*r == 9);
    CHECK(enc_hex(out) == "de ad " + expected);
    // A second call appends again.
    const auto r2 = tagwire::encode_to(t2, out);
    CHECK(r2.has_value());
    CHECK(enc_hex(out) == "de ad " + expected + " " + expected);
  }
  SUBCASE("std::string") {
    std::string out = "pre";
    const auto r = tagwire::encode_to(t2, out);
    CHECK(r.has_value());
    if (r) CHECK(*r == 9);
    CHECK(out.size() == 12);
    CHECK(out.substr(0, 3) == "pre");
    CHECK(out.substr(3) == std::string("\x12\x07testing"));
  }
  SUBCASE("std::vector<unsigned char>") {
    std::vector<unsigned char> out{0x00, 0xff, 0x7f};
    const auto r = tagwire::encode_to(t2, out);
    CHECK(r.has_value());
    if (r) CHECK(*r == 9);
    const std::vector<unsigned char> want{0x00, 0xff, 0x7f, 0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'};
    CHECK(out == want);
  }
  SUBCASE("an empty message appends nothing") {
    std::vector<std::byte> out{std::byte{1}};
    const auto r = tagwire::encode_to(enc_scalars{}, out);
    CHECK(r.has_value());
    if (r) CHECK(*r == 0);
    CHECK(enc_hex(out) == "01");
  }
}

namespace tagwire_encode_test {
enum class small_kind : std::int32_t { none = 0, big = 1000000, negative = -3 };
struct one_byte_runs {
  std::vector<std::int32_t> i32;
  std::vector<std::uint32_t> u32;
  std::vector<std::int32_t> s32;
  std::vector<std::int64_t> i64;
  std::vector<std::uint64_t> u64;
  std::vector<std::int64_t> s64;
  tagwire::fixed_vector<bool, 64> flags;  // contiguous, unlike std::vector<bool>: the fast loops
  std::vector<small_kind> kinds;
  tagwire::fixed_vector<std::uint32_t, 64> fixed_u32;
};
TAGWIRE_MESSAGE(one_byte_runs, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, u32), TAGWIRE_FIELD(3, s32, tagwire::sint),
                TAGWIRE_FIELD(4, i64), TAGWIRE_FIELD(5, u64), TAGWIRE_FIELD(6, s64, tagwire::sint),
                TAGWIRE_FIELD(7, flags), TAGWIRE_FIELD(8, kinds), TAGWIRE_FIELD(9, fixed_u32));
}  // namespace tagwire_encode_test

TEST_CASE("packed runs of one-byte varints, alone or with a few longer ones, decode exactly") {
  using namespace tagwire_encode_test;
  // Runs where every varint is one byte take a widening loop, the rest the branch-free byte loop
  // or the eight-bytes-at-a-time reader. Runs of 0..40 elements with 0..3 long values (up to ten
  // bytes: negative int32/enum, large 64-bit) for every kind; each value checked against the source.
  for (std::size_t n = 0; n <= 40; ++n) {
    for (std::size_t longs = 0; longs <= 3 && longs <= n; ++longs) {
      one_byte_runs m;
      for (std::size_t i = 0; i < n; ++i) {
        const bool is_long = longs != 0 && i % (n / longs) == n / longs - 1 && i / (n / longs) < longs;
        const auto small = static_cast<std::int32_t>((i * 37) % 64);  // one byte even zigzagged
        const std::int32_t v32 = is_long ? -static_cast<std::int32_t>(i + 1) * 1000 : small;
        const std::int64_t v64 =
            is_long ? (std::int64_t{1} << (8 + 7 * (i % 8))) + static_cast<std::int64_t>(i) : small;
        m.i32.push_back(v32);
        m.u32.push_back(static_cast<std::uint32_t>(is_long ? 300 + i : static_cast<std::size_t>(small)));
        m.s32.push_back(v32);
        m.i64.push_back(is_long ? -v64 : v64);
        m.u64.push_back(static_cast<std::uint64_t>(v64));
        m.s64.push_back(is_long ? -v64 : v64);
        m.flags.push_back(small % 3 == 0);
        m.kinds.push_back(is_long ? (i % 2 ? small_kind::big : small_kind::negative)
                                  : (small % 2 ? small_kind::none : static_cast<small_kind>(small)));
        m.fixed_u32.push_back(m.u32.back());
      }
      std::vector<std::byte> bytes;
      REQUIRE(tagwire::encode_to(m, bytes).has_value());
      auto back = tagwire::decode<one_byte_runs>(bytes);
      REQUIRE(back.has_value());
      CHECK(back->i32 == m.i32);
      CHECK(back->u32 == m.u32);
      CHECK(back->s32 == m.s32);
      CHECK(back->i64 == m.i64);
      CHECK(back->u64 == m.u64);
      CHECK(back->s64 == m.s64);
      CHECK(std::ranges::equal(back->flags, m.flags));
      CHECK(back->kinds == m.kinds);
      CHECK(std::ranges::equal(back->fixed_u32, m.fixed_u32));
    }
  }
  // A bool varint is true whenever any bit is set, even past the low 32 bits: 2^35 as five
  // continuation bytes then 0x01, among 4 one-byte values and among 40; the same run as uint64
  // keeps all of 2^35.
  const std::array<std::byte, 6> wide = {std::byte{0x80}, std::byte{0x80}, std::byte{0x80},
                                         std::byte{0x80}, std::byte{0x80}, std::byte{0x01}};
  for (const std::size_t around : {2, 20}) {
    std::vector<std::byte> payload(around, std::byte{0x01});
    payload.insert(payload.end(), wide.begin(), wide.end());
    payload.insert(payload.end(), around, std::byte{0x00});
    std::vector<std::byte> in;
    for (const auto tag : {std::byte{0x2a}, std::byte{0x3a}}) {  // fields 5 (u64) and 7 (flags), packed
      in.push_back(tag);
      in.push_back(static_cast<std::byte>(payload.size()));
      in.insert(in.end(), payload.begin(), payload.end());
    }
    std::vector<bool> flags(around, true);
    std::vector<std::uint64_t> u64(around, 1);
    flags.push_back(true);
    u64.push_back(std::uint64_t{1} << 35);
    flags.insert(flags.end(), around, false);
    u64.insert(u64.end(), around, 0);
    auto got = tagwire::decode<one_byte_runs>(in);
    REQUIRE(got.has_value());
    CHECK(std::ranges::equal(got->flags, flags));
    CHECK(got->u64 == u64);
  }
}

TEST_CASE("encode: encoded_size is usable at compile time") {
  static_assert(tagwire::encoded_size(enc_test1{150}) == 3);
  static_assert(tagwire::encoded_size(enc_test1{-1}) == 11);
  static_assert(tagwire::encoded_size(enc_test1{}) == 0);
  CHECK(tagwire::encoded_size(enc_test1{150}) == 3);
}

}  // namespace tagwire_encode_test

namespace tagwire_encode_test {
struct packed_runs {
  std::vector<std::int64_t> i64;
  std::vector<std::uint32_t> u32;
  std::vector<std::int32_t> s32;
};
TAGWIRE_MESSAGE(packed_runs, TAGWIRE_FIELD(1, i64), TAGWIRE_FIELD(2, u32), TAGWIRE_FIELD(3, s32, tagwire::sint));

// The spec's varint, a byte at a time: the reference the fast writers must match.
void reference_varint(std::vector<std::byte>& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<std::byte>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<std::byte>(v));
}
void reference_packed(std::vector<std::byte>& out, std::uint32_t field, const std::vector<std::uint64_t>& raw) {
  if (raw.empty()) return;
  std::vector<std::byte> payload;
  for (const std::uint64_t v : raw) reference_varint(payload, v);
  reference_varint(out, field << 3 | 2);
  reference_varint(out, payload.size());
  out.insert(out.end(), payload.begin(), payload.end());
}
}  // namespace tagwire_encode_test

TEST_CASE("packed varints of every length, in runs of every size, are the spec's bytes") {
  using namespace tagwire_encode_test;
  // Values of 1 to 10 bytes, and negative int32 (ten bytes); runs of 0..24 elements cover the
  // wide writer (at least eight elements), the exact writer (the last seven) and the switch between.
  std::vector<std::int64_t> pool;
  for (int bits = 0; bits <= 63; bits += 3) pool.push_back(static_cast<std::int64_t>((std::uint64_t{1} << bits) | 1));
  pool.push_back(-1);
  pool.push_back(std::numeric_limits<std::int64_t>::min());
  pool.push_back(std::numeric_limits<std::int64_t>::max());
  pool.push_back(0);
  for (std::size_t n = 0; n <= 24; ++n) {
    for (std::size_t start = 0; start < pool.size(); start += 5) {
      packed_runs m;
      std::vector<std::uint64_t> raw64, raw32, rawz;
      for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t x = pool[(start + i * 7) % pool.size()];
        m.i64.push_back(x);
        raw64.push_back(static_cast<std::uint64_t>(x));
        m.u32.push_back(static_cast<std::uint32_t>(x));
        raw32.push_back(static_cast<std::uint32_t>(x));
        m.s32.push_back(static_cast<std::int32_t>(x));
        rawz.push_back(tagwire::zigzag_encode32(static_cast<std::int32_t>(x)));
      }
      std::vector<std::byte> expected;
      reference_packed(expected, 1, raw64);
      reference_packed(expected, 2, raw32);
      reference_packed(expected, 3, rawz);
      std::vector<std::byte> got;
      REQUIRE(tagwire::encode_to(m, got).has_value());
      CHECK(got == expected);
      CHECK(tagwire::encoded_size(m) == expected.size());
      auto back = tagwire::decode<packed_runs>(got);
      REQUIRE(back.has_value());
      CHECK(back->i64 == m.i64);
      CHECK(back->u32 == m.u32);
      CHECK(back->s32 == m.s32);
    }
  }
}

TEST_CASE("packed runs of short varints (the byte-at-a-time decoder) round-trip exactly") {
  using namespace tagwire_encode_test;
  for (std::size_t n = 0; n <= 40; ++n) {
    packed_runs m;
    std::vector<std::uint64_t> raw;
    for (std::size_t i = 0; i < n; ++i) {
      const auto x = static_cast<std::uint32_t>((i * 2654435761u) >> (11 + i % 21));  // 1..3 bytes
      m.u32.push_back(x);
      raw.push_back(x);
    }
    std::vector<std::byte> expected;
    reference_packed(expected, 2, raw);
    std::vector<std::byte> got;
    REQUIRE(tagwire::encode_to(m, got).has_value());
    CHECK(got == expected);
    auto back = tagwire::decode<packed_runs>(got);
    REQUIRE(back.has_value());
    CHECK(back->u32 == m.u32);
    if (n > 0) {  // cut inside the last varint or drop its terminator: exact errors, never garbage
      std::vector<std::byte> cut(got.begin(), got.end() - 1);
      cut[1] = static_cast<std::byte>(std::to_integer<unsigned>(cut[1]) - 1);  // length - 1 (runs < 128 bytes)
      auto bad = tagwire::decode<packed_runs>(cut);
      if (raw.back() < 0x80) {
        REQUIRE(bad.has_value());  // the last value simply gone
        CHECK(bad->u32.size() == n - 1);
      } else {
        REQUIRE_FALSE(bad.has_value());
        CHECK(bad.error().code == tagwire::errc::truncated);
      }
    }
  }
}
