// encoded_size, encode and decode in constant expressions: static_assert on exact bytes.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <tagwire/tagwire.hpp>
#include <vector>

namespace cx {

enum class mode : std::int32_t { off = 0, on = 1, neg = -1 };

struct point {
  std::int32_t x = 0;
  std::int32_t y = 0;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x, tagwire::sint), TAGWIRE_FIELD(2, y, tagwire::sint));

struct shape {
  std::uint64_t id = 0;
  float scale = 0;
  double angle = 0;
  mode m = mode::off;
  point origin;
  bool visible = false;
  std::uint32_t flags = 0;
  std::int64_t big = 0;
};
// Declared out of number order on purpose: the output is in number order.
TAGWIRE_MESSAGE(shape, TAGWIRE_FIELD(5, origin), TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, scale), TAGWIRE_FIELD(3, angle),
                TAGWIRE_FIELD(4, m), TAGWIRE_FIELD(6, visible), TAGWIRE_FIELD(7, flags, tagwire::fixed),
                TAGWIRE_FIELD(8, big, tagwire::sfixed));

template <std::size_t N>
struct bytes_n {
  std::array<std::byte, N> data{};
  std::size_t size = 0;
  friend constexpr bool operator==(const bytes_n&, const bytes_n&) = default;
};

template <std::size_t N, class... B>
constexpr bytes_n<N> lit(B... b) {
  bytes_n<N> r;
  ((r.data[r.size++] = static_cast<std::byte>(b)), ...);
  return r;
}

template <std::size_t N, class T>
constexpr bytes_n<N> encode_const(const T& msg) {
  bytes_n<N> r;
  auto w = tagwire::encode(msg, r.data);
  r.size = w ? w->size() : 0;
  return r;
}

constexpr shape sample{150, 1.0f, -2.0, mode::neg, {-1, 2}, true, 0xdeadbeef, -2};

// 08 96 01 | 15 00 00 80 3f | 19 00..00 c0 | 20 ff*9 01 | 2a 04 08 01 10 04 | 30 01 | 3d ef be ad de | 41 fe ff*7
static_assert(encode_const<64>(sample) ==
              lit<64>(0x08, 0x96, 0x01, 0x15, 0x00, 0x00, 0x80, 0x3f, 0x19, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x20, 0xff, 0xff,
                      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x2a, 0x04, 0x08, 0x01, 0x10, 0x04, 0x30, 0x01,
                      0x3d, 0xef, 0xbe, 0xad, 0xde, 0x41, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
static_assert(tagwire::encoded_size(sample) == 50);
static_assert(tagwire::encoded_size(shape{}) == 0);

constexpr bool round_trips() {
  const auto enc = encode_const<64>(sample);
  auto back = tagwire::decode<shape>(std::span<const std::byte>(enc.data.data(), enc.size));
  return back && back->id == 150 && back->scale == 1.0f && back->angle == -2.0 && back->m == mode::neg &&
         back->origin.x == -1 && back->origin.y == 2 && back->visible && back->flags == 0xdeadbeef && back->big == -2;
}
static_assert(round_trips());

// Errors are constant expressions too.
constexpr tagwire::errc decode_error_code(std::array<std::byte, 2> in) {
  auto r = tagwire::decode<shape>(in);
  return r ? tagwire::errc::ok : r.error().code;
}
static_assert(decode_error_code({std::byte{0x08}, std::byte{0x96}}) == tagwire::errc::truncated);
static_assert(decode_error_code({std::byte{0x0f}, std::byte{0x00}}) == tagwire::errc::invalid_wire_type);

constexpr tagwire::errc too_small() {
  std::array<std::byte, 3> buf{};
  auto r = tagwire::encode(sample, buf);
  return r ? tagwire::errc::ok : r.error().code;
}
static_assert(too_small() == tagwire::errc::buffer_too_small);

// std::vector members: transient constexpr allocation (C++20). The output is an array: clang 14
// cannot constant-evaluate libstdc++ 12's vector<std::byte>::resize (encode_to is proven on g++).
struct listed {
  std::vector<std::int32_t> values;
  std::vector<point> points;
};
TAGWIRE_MESSAGE(listed, TAGWIRE_FIELD(2, values), TAGWIRE_FIELD(3, points));

constexpr bool vectors() {
  listed n;
  n.values = {1, -1, 300};
  n.points = {{1, -1}, {}};
  std::array<std::byte, 32> buf{};
  auto w = tagwire::encode(n, buf);
  if (!w) return false;
  const std::span<std::byte> out = *w;
  // values: 12 0d 01 ff*9 01 ac 02; points: 1a 04 08 02 10 01, 1a 00
  const std::array<int, 23> want{0x12, 0x0d, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                 0x01, 0xac, 0x02, 0x1a, 0x04, 0x08, 0x02, 0x10, 0x01, 0x1a, 0x00};
  if (out.size() != want.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i)
    if (out[i] != static_cast<std::byte>(want[i])) return false;
  auto back = tagwire::decode<listed>(out);
  return back && back->values == n.values && back->points.size() == 2 && back->points[0].x == 1 &&
         back->points[0].y == -1 && back->points[1].x == 0;
}
static_assert(vectors());

// std::string members: g++ only. clang 14 cannot constant-evaluate libstdc++ 12's short-string
// buffer (std::string's default constructor included), so no constexpr std::string there.
#if !defined(__clang__)
struct named {
  std::string name;
  std::string tag;
};
TAGWIRE_MESSAGE(named, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, tag));

constexpr bool strings() {
  named n{"a string longer than the small-buffer optimisation", "hi"};
  std::vector<std::byte> out{std::byte{0xaa}};  // encode_to appends
  if (!tagwire::encode_to(n, out) || out[0] != std::byte{0xaa}) return false;
  out.erase(out.begin());
  // 0a 32 <50 bytes> 12 02 68 69
  if (out.size() != 2 + 50 + 4 || out[0] != std::byte{0x0a} || out[1] != std::byte{0x32}) return false;
  if (out[52] != std::byte{0x12} || out[53] != std::byte{0x02} || out[54] != std::byte{'h'}) return false;
  auto back = tagwire::decode<named>(out);
  return back && back->name == n.name && back->tag == "hi";
}
static_assert(strings());
#endif

}  // namespace cx

TEST_CASE("the constexpr results hold at run time too") {
  const auto enc = cx::encode_const<64>(cx::sample);
  CHECK(enc.size == 50);
  CHECK(cx::round_trips());
  CHECK(cx::vectors());
}
