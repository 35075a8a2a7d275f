// Every decoding error: its errc, the offset of the item that failed and the field being read.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::hex;

namespace err {

struct inner {
  std::int32_t a = 0;
};
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, a));

struct msg {
  std::int32_t a = 0;
  std::string s;
  inner sub;
  double d = 0;
  float f = 0;
  std::vector<std::int32_t> packed;
  std::unique_ptr<msg> next;
  std::vector<float> floats;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, sub), TAGWIRE_FIELD(4, d),
                TAGWIRE_FIELD(5, f), TAGWIRE_FIELD(6, packed), TAGWIRE_FIELD(7, next), TAGWIRE_FIELD(8, floats));

// The packed field alone as a view: checked (not counted) by the decoder.
struct msg_view {
  tagwire::packed_view<std::int32_t> packed;
};
TAGWIRE_MESSAGE(msg_view, TAGWIRE_FIELD(6, packed));

tagwire::error decode_error(const std::vector<std::byte>& in, tagwire::decode_options opts = {}) {
  auto r = tagwire::decode<msg>(in, opts);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}
tagwire::error decode_error(std::string_view h) { return decode_error(hex(h)); }

using tagwire::errc;
using E = tagwire::error;

}  // namespace err

using err::decode_error;
using err::E;
using tagwire::errc;

TEST_CASE("truncation at every point of a record") {
  CHECK(decode_error("88") == E{errc::truncated, 0, 0});              // inside a tag
  CHECK(decode_error("08") == E{errc::truncated, 1, 1});              // value missing
  CHECK(decode_error("08 96") == E{errc::truncated, 1, 1});           // inside a varint
  CHECK(decode_error("12") == E{errc::truncated, 1, 2});              // length missing
  CHECK(decode_error("12 05 61 62") == E{errc::truncated, 2, 2});     // payload past the end
  CHECK(decode_error("21 00 00 00") == E{errc::truncated, 1, 4});     // fixed64 short
  CHECK(decode_error("2d 00 00") == E{errc::truncated, 1, 5});        // fixed32 short
  CHECK(decode_error("08 01 1a 03 08") == E{errc::truncated, 4, 3});  // sub-message past the end
}

TEST_CASE("varints and tags that are too long") {
  CHECK(decode_error("08 ff ff ff ff ff ff ff ff ff ff 01") == E{errc::varint_overflow, 1, 1});
  CHECK(decode_error("88 80 80 80 80 00") == E{errc::varint_overflow, 0, 0});                       // 6-byte tag
  CHECK(decode_error("32 0b ff ff ff ff ff ff ff ff ff ff 01") == E{errc::varint_overflow, 2, 6});  // in a packed run
}

TEST_CASE("an 11-byte varint anywhere in a packed run is an error; a 10-byte one is a value") {
  // The run check works eight bytes at a time: the long varint is placed at every offset from 0
  // to 24 among one-byte values, so its continuation bytes cross word boundaries in every way.
  for (std::size_t before = 0; before <= 24; ++before) {
    for (const std::size_t len : {10, 11}) {
      std::vector<std::byte> payload(before, std::byte{0x05});
      payload.insert(payload.end(), len - 1, std::byte{0xff});
      payload.push_back(std::byte{0x01});
      payload.insert(payload.end(), 9, std::byte{0x07});
      std::vector<std::byte> in = {std::byte{0x32}, static_cast<std::byte>(payload.size())};
      in.insert(in.end(), payload.begin(), payload.end());
      auto r = tagwire::decode<err::msg>(in);
      auto v = tagwire::decode<err::msg_view>(in);
      if (len == 11) {
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error() == E{errc::varint_overflow, 2 + before, 6});
        REQUIRE_FALSE(v.has_value());
        CHECK(v.error() == E{errc::varint_overflow, 2 + before, 6});
      } else {
        REQUIRE(v.has_value());
        CHECK(v->packed.size() == before + 10);
        REQUIRE(r.has_value());
        std::vector<std::int32_t> expected(before, 5);
        expected.push_back(-1);  // 2^64 - 1, truncated to 32 bits
        expected.insert(expected.end(), 9, 7);
        CHECK(r->packed == expected);
      }
    }
  }
}

TEST_CASE("invalid field numbers and wire types") {
  CHECK(decode_error("08 01 00 01") == E{errc::invalid_field_number, 2, 0});        // field 0
  CHECK(decode_error("02 00") == E{errc::invalid_field_number, 0, 0});              // field 0, len
  CHECK(decode_error("80 80 80 80 10 00") == E{errc::invalid_field_number, 0, 0});  // 536870912
  CHECK(decode_error("0e") == E{errc::invalid_wire_type, 0, 0});                    // wire type 6
  CHECK(decode_error("08 01 0f") == E{errc::invalid_wire_type, 2, 0});              // wire type 7
}

TEST_CASE("lengths over 2 GiB") {
  CHECK(decode_error("12 80 80 80 80 08") == E{errc::length_overflow, 1, 2});  // 2^31
  CHECK(decode_error("12 ff ff ff ff ff ff ff ff ff 01") == E{errc::length_overflow, 1, 2});
  CHECK(decode_error("12 ff ff ff ff 07") == E{errc::truncated, 6, 2});  // 2^31-1: fits, but not here
}

TEST_CASE("packed runs that end inside a value") {
  CHECK(decode_error("32 02 01 96") == E{errc::truncated, 3, 6});           // varint cut by the length
  CHECK(decode_error("42 05 00 00 80 3f 00") == E{errc::truncated, 6, 8});  // 5 bytes of floats
}

TEST_CASE("errors inside a sub-message report absolute offsets and the innermost field") {
  CHECK(decode_error("1a 02 08 96") == E{errc::truncated, 3, 1});  // inner a's varint cut at the sub-message end
  CHECK(decode_error("1a 01 88") == E{errc::truncated, 2, 3});     // inner tag cut: the enclosing field
  CHECK(decode_error("1a 01 0f") == E{errc::invalid_wire_type, 2, 3});
  CHECK(decode_error("3a 04 3a 02 08 80") == E{errc::truncated, 5, 1});  // two levels down
}

TEST_CASE("groups: unterminated, mismatched, stray end") {
  CHECK(decode_error("4b 08 01") == E{errc::truncated, 3, 9});             // group 9 never ends
  CHECK(decode_error("4b 08 01 54") == E{errc::group_mismatch, 3, 10});    // ended as group 10
  CHECK(decode_error("4c") == E{errc::group_mismatch, 0, 9});              // end without start
  CHECK(decode_error("08 01 4b 53 4c") == E{errc::group_mismatch, 4, 9});  // inner group 10 ended as 9
  CHECK(decode_error("4b 53 54") == E{errc::truncated, 3, 9});             // outer group 9 never ends
  CHECK(decode_error("4b 08") == E{errc::truncated, 2, 1});                // value cut inside a group
  CHECK(decode_error("4b 88") == E{errc::truncated, 1, 9});                // tag cut inside a group
  CHECK(decode_error("1a 02 4b 4c 4c") == E{errc::group_mismatch, 4, 9});  // stray end after a sub-message
}

namespace {
// `levels` nested `next` messages (field 7), the innermost holding a = 1.
std::vector<std::byte> nested_messages(int levels) {
  std::vector<std::byte> m = hex("08 01");
  for (int i = 0; i < levels; ++i) {
    std::vector<std::byte> outer = hex("3a");
    std::array<std::byte, 10> len{};
    std::byte* end = tagwire::write_varint(len.data(), m.size());
    outer.insert(outer.end(), len.data(), end);
    outer.insert(outer.end(), m.begin(), m.end());
    m = std::move(outer);
  }
  return m;
}
// Offset of the tag of the record at nesting level `level` (0 = the outermost record).
std::size_t tag_offset_at_level(const std::vector<std::byte>& in, int level) {
  std::size_t off = 0;
  for (int i = 0; i < level; ++i) {
    std::uint64_t len = 0;
    const std::byte* p = in.data() + off + 1;
    REQUIRE(tagwire::read_varint(p, in.data() + in.size(), len) == errc::ok);
    off = static_cast<std::size_t>(p - in.data());
  }
  return off;
}
std::size_t depth_of(const err::msg& m) {
  std::size_t d = 0;
  for (const err::msg* p = &m; p->next; p = p->next.get()) ++d;
  return d;
}
}  // namespace

TEST_CASE("nesting depth is limited, settably, without exhausting the stack") {
  const auto at_limit = nested_messages(100);
  auto ok = tagwire::decode<err::msg>(at_limit);
  REQUIRE(ok.has_value());
  CHECK(depth_of(*ok) == 100);

  const auto over = nested_messages(101);
  CHECK(decode_error(over) == E{errc::depth_exceeded, tag_offset_at_level(over, 100), 7});

  const auto deep = nested_messages(5000);
  CHECK(decode_error(deep) == E{errc::depth_exceeded, tag_offset_at_level(deep, 100), 7});

  CHECK(decode_error(nested_messages(6), {.max_depth = 5}) ==
        E{errc::depth_exceeded, tag_offset_at_level(nested_messages(6), 5), 7});
  CHECK(tagwire::decode<err::msg>(nested_messages(5), {.max_depth = 5}).has_value());
  CHECK(tagwire::decode<err::msg>(nested_messages(300), {.max_depth = 1000}).has_value());
}

TEST_CASE("deeply nested unknown groups are limited the same way") {
  std::vector<std::byte> in;
  for (int i = 0; i < 5000; ++i) in.push_back(std::byte{0x4b});  // start group 9
  for (int i = 0; i < 5000; ++i) in.push_back(std::byte{0x4c});  // end group 9
  // The group opened at offset 100 is the 101st level.
  CHECK(decode_error(in) == E{errc::depth_exceeded, 100, 9});
  std::vector<std::byte> ok(in.begin() + 4900, in.begin() + 5100);  // 100 levels
  CHECK(tagwire::decode<err::msg>(ok).has_value());
}

TEST_CASE("to_string names every error") {
  CHECK(tagwire::to_string(errc::truncated) == "truncated input");
  CHECK(tagwire::to_string(errc::varint_overflow) == "varint too long");
  CHECK(tagwire::to_string(errc::invalid_wire_type) == "invalid wire type");
  CHECK(tagwire::to_string(errc::invalid_field_number) == "invalid field number");
  CHECK(tagwire::to_string(errc::length_overflow) == "length over 2 GiB");
  CHECK(tagwire::to_string(errc::depth_exceeded) == "nesting too deep");
  CHECK(tagwire::to_string(errc::buffer_too_small) == "output buffer too small");
  CHECK(tagwire::to_string(errc::group_mismatch) == "mismatched end-group");
  static_assert(tagwire::to_string(errc::truncated) == "truncated input");
}
