// Wire primitives: varint sizes and bytes, zigzag, little-endian fixed values, tags.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <tagwire/tagwire.hpp>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace {
std::string varint_hex(std::uint64_t v) {
  std::array<std::byte, 10> buf{};
  const std::byte* end = tagwire::write_varint(buf.data(), v);
  return to_hex({buf.data(), end});
}
}  // namespace

TEST_CASE("varint_size at every byte-length boundary") {
  CHECK(tagwire::varint_size(0) == 1);
  for (unsigned n = 1; n < 10; ++n) {
    const std::uint64_t last = (std::uint64_t{1} << (7 * n)) - 1;  // largest n-byte value
    CHECK(tagwire::varint_size(last) == n);
    CHECK(tagwire::varint_size(last + 1) == n + 1);
  }
  CHECK(tagwire::varint_size(std::numeric_limits<std::uint64_t>::max()) == 10);
}

TEST_CASE("write_varint produces the spec's bytes") {
  CHECK(varint_hex(0) == "00");
  CHECK(varint_hex(1) == "01");
  CHECK(varint_hex(127) == "7f");
  CHECK(varint_hex(128) == "80 01");
  CHECK(varint_hex(150) == "96 01");
  CHECK(varint_hex(300) == "ac 02");
  CHECK(varint_hex(16383) == "ff 7f");
  CHECK(varint_hex(16384) == "80 80 01");
  CHECK(varint_hex(0xffffffffu) == "ff ff ff ff 0f");
  CHECK(varint_hex(std::numeric_limits<std::uint64_t>::max()) == "ff ff ff ff ff ff ff ff ff 01");
  CHECK(varint_hex(static_cast<std::uint64_t>(std::int64_t{-1})) == "ff ff ff ff ff ff ff ff ff 01");
}

TEST_CASE("read_varint: values, non-minimal forms, truncation and overflow") {
  auto read = [](std::string_view h, std::uint64_t& v) {
    const auto b = hex(h);
    const std::byte* p = b.data();
    const tagwire::errc ec = tagwire::read_varint(p, b.data() + b.size(), v);
    return std::pair{ec, static_cast<std::size_t>(p - b.data())};
  };
  std::uint64_t v = 0;
  CHECK(read("96 01", v) == std::pair{tagwire::errc::ok, std::size_t{2}});
  CHECK(v == 150);
  CHECK(read("ff ff ff ff ff ff ff ff ff 01", v) == std::pair{tagwire::errc::ok, std::size_t{10}});
  CHECK(v == std::numeric_limits<std::uint64_t>::max());
  // Non-minimal: 1 written in 10 bytes is still 1.
  CHECK(read("81 80 80 80 80 80 80 80 80 00", v) == std::pair{tagwire::errc::ok, std::size_t{10}});
  CHECK(v == 1);
  // Bits past 64 in the tenth byte are dropped, as protobuf does.
  CHECK(read("ff ff ff ff ff ff ff ff ff 7f", v) == std::pair{tagwire::errc::ok, std::size_t{10}});
  CHECK(v == std::numeric_limits<std::uint64_t>::max());
  // Eleven bytes: overflow; the cursor does not move on an error.
  CHECK(read("80 80 80 80 80 80 80 80 80 80 01", v) == std::pair{tagwire::errc::varint_overflow, std::size_t{0}});
  CHECK(read("96", v) == std::pair{tagwire::errc::truncated, std::size_t{0}});
  CHECK(read("", v) == std::pair{tagwire::errc::truncated, std::size_t{0}});
}

TEST_CASE("read_tag: field numbers, wire types, limits") {
  auto read = [](std::string_view h) {
    const auto b = hex(h);
    const std::byte* p = b.data();
    std::uint32_t field = 0;
    tagwire::wire_type type{};
    const tagwire::errc ec = tagwire::read_tag(p, b.data() + b.size(), field, type);
    return std::tuple{ec, field, type};
  };
  using tagwire::errc;
  using tagwire::wire_type;
  CHECK(read("08") == std::tuple{errc::ok, 1u, wire_type::varint});
  CHECK(read("7d") == std::tuple{errc::ok, 15u, wire_type::fixed32});
  CHECK(read("82 01") == std::tuple{errc::ok, 16u, wire_type::len});
  CHECK(read("f9 ff ff ff 0f") == std::tuple{errc::ok, 536870911u, wire_type::fixed64});
  CHECK(std::get<0>(read("00")) == errc::invalid_field_number);              // field 0
  CHECK(std::get<0>(read("80 80 80 80 10")) == errc::invalid_field_number);  // field 2^29
  CHECK(std::get<0>(read("0e")) == errc::invalid_wire_type);                 // wire type 6
  CHECK(std::get<0>(read("0f")) == errc::invalid_wire_type);                 // wire type 7
  CHECK(std::get<0>(read("88 80 80 80 80 00")) == errc::varint_overflow);    // 6-byte tag
  CHECK(std::get<0>(read("88 80")) == errc::truncated);
  // A non-minimal tag of up to 5 bytes is accepted.
  CHECK(read("88 80 80 80 00") == std::tuple{errc::ok, 1u, wire_type::varint});
}

TEST_CASE("zigzag matches the spec's table") {
  CHECK(tagwire::zigzag_encode32(0) == 0u);
  CHECK(tagwire::zigzag_encode32(-1) == 1u);
  CHECK(tagwire::zigzag_encode32(1) == 2u);
  CHECK(tagwire::zigzag_encode32(-2) == 3u);
  CHECK(tagwire::zigzag_encode32(std::numeric_limits<std::int32_t>::max()) == 0xfffffffeu);
  CHECK(tagwire::zigzag_encode32(std::numeric_limits<std::int32_t>::min()) == 0xffffffffu);
  CHECK(tagwire::zigzag_encode64(std::numeric_limits<std::int64_t>::max()) == 0xfffffffffffffffeull);
  CHECK(tagwire::zigzag_encode64(std::numeric_limits<std::int64_t>::min()) == 0xffffffffffffffffull);
  for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{12345}, std::int64_t{-98765},
                         std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()})
    CHECK(tagwire::zigzag_decode64(tagwire::zigzag_encode64(v)) == v);
  CHECK(tagwire::zigzag_decode32(0xffffffffu) == std::numeric_limits<std::int32_t>::min());
}

TEST_CASE("fixed values are little-endian") {
  std::array<std::byte, 8> b{};
  tagwire::store_le32(b.data(), 0x01020304u);
  CHECK(to_hex({b.data(), 4}) == "04 03 02 01");
  CHECK(tagwire::load_le32(b.data()) == 0x01020304u);
  tagwire::store_le64(b.data(), 0x0102030405060708ull);
  CHECK(to_hex(b) == "08 07 06 05 04 03 02 01");
  CHECK(tagwire::load_le64(b.data()) == 0x0102030405060708ull);
}

TEST_CASE("make_tag") {
  CHECK(tagwire::make_tag(1, tagwire::wire_type::varint) == 0x08u);
  CHECK(tagwire::make_tag(2, tagwire::wire_type::len) == 0x12u);
  CHECK(tagwire::make_tag(536870911, tagwire::wire_type::fixed32) == 0xfffffffdu);
}
