// The public low-level layer: wire_reader walks any message; wire_writer builds raw records.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using tagwire::errc;
using tagwire::wire_type;
using test_util::hex;
using test_util::to_hex;

TEST_CASE("wire_reader walks every record of a message without a schema") {
  const auto in = hex("08 96 01  12 03 61 62 63  1d 01 02 03 04  21 08 07 06 05 04 03 02 01  2b 08 01 2c  30 01");
  tagwire::wire_reader r(in);
  std::vector<tagwire::record> recs;
  while (!r.done()) {
    auto rec = r.next();
    REQUIRE(rec.has_value());
    recs.push_back(*rec);
  }
  REQUIRE(recs.size() == 6);
  CHECK(recs[0].field == 1);
  CHECK(recs[0].type == wire_type::varint);
  CHECK(recs[0].value == 150);
  CHECK(recs[0].offset == 0);
  CHECK(recs[1].type == wire_type::len);
  CHECK(to_hex(recs[1].bytes) == "61 62 63");
  CHECK(recs[1].offset == 3);
  CHECK(recs[2].type == wire_type::fixed32);
  CHECK(recs[2].value == 0x04030201u);
  CHECK(recs[3].type == wire_type::fixed64);
  CHECK(recs[3].value == 0x0102030405060708ull);
  CHECK(recs[4].field == 5);
  CHECK(recs[4].type == wire_type::start_group);
  CHECK(to_hex(recs[4].bytes) == "08 01");  // group content, without the end tag
  CHECK(recs[5].field == 6);
  CHECK(recs[5].offset == in.size() - 2);
}

TEST_CASE("wire_reader: nested readers report absolute offsets") {
  const auto in = hex("1a 05 08 01 12 01 88");
  tagwire::wire_reader r(in);
  auto outer = r.next();
  REQUIRE(outer.has_value());
  auto sub = r.nested(*outer);
  REQUIRE(sub.has_value());
  CHECK(sub->depth() == 1);
  CHECK(sub->offset() == 2);
  auto a = sub->next();
  REQUIRE(a.has_value());
  CHECK(a->offset == 2);
  auto b = sub->next();
  REQUIRE(b.has_value());
  CHECK(b->offset == 4);
  CHECK(to_hex(b->bytes) == "88");
  CHECK(sub->done());
  auto subsub = sub->nested(*b);
  REQUIRE(subsub.has_value());
  auto bad = subsub->next();
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == tagwire::error{errc::truncated, 6, 0});
  // The reader stays where it was after an error.
  CHECK(subsub->offset() == 6);
}

TEST_CASE("wire_reader: depth limit applies to nested() and to groups") {
  const auto in = hex("0a 02 0a 00");
  tagwire::wire_reader r(in, {.max_depth = 1});
  auto rec = r.next();
  REQUIRE(rec.has_value());
  auto sub = r.nested(*rec);
  REQUIRE(sub.has_value());
  auto inner = sub->next();
  REQUIRE(inner.has_value());
  auto too_deep = sub->nested(*inner);
  REQUIRE_FALSE(too_deep.has_value());
  CHECK(too_deep.error() == tagwire::error{errc::depth_exceeded, 2, 1});

  const auto groups = hex("0b 0b 0c 0c");
  tagwire::wire_reader g(groups, {.max_depth = 1});
  auto gr = g.next();
  REQUIRE_FALSE(gr.has_value());
  CHECK(gr.error() == tagwire::error{errc::depth_exceeded, 1, 1});
  tagwire::wire_reader g2(groups, {.max_depth = 2});
  CHECK(g2.next().has_value());
  CHECK(g2.done());
}

TEST_CASE("wire_writer builds records and never writes past the end") {
  std::array<std::byte, 64> buf{};
  tagwire::wire_writer w(buf);
  w.varint(1, 150)
      .string(2, "testing")
      .sint(3, -1)
      .fixed32(4, 1)
      .fixed64(5, 2)
      .float32(6, 1.0f)
      .start_group(7)
      .end_group(7);
  auto out = w.finish();
  REQUIRE(out.has_value());
  CHECK(to_hex(*out) ==
        "08 96 01 12 07 74 65 73 74 69 6e 67 18 01 25 01 00 00 00 29 02 00 00 00 00 00 00 00 35 00 00 80 3f 3b 3c");

  std::array<std::byte, 6> small{};
  small.fill(std::byte{0xee});
  std::array<std::byte, 8> guard{};
  guard.fill(std::byte{0xee});
  tagwire::wire_writer s(std::span<std::byte>(small.data(), 4));
  s.varint(1, 1).string(2, "abc").varint(3, 1);
  auto r = s.finish();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{errc::buffer_too_small, 9, 0});
  CHECK(to_hex(small) == "08 01 12 03 ee ee");  // the string did not fit, and nothing went past 4 bytes
}

TEST_CASE("wire_reader and wire_writer agree: a schema-less copy is byte-identical") {
  const auto in = hex("08 96 01 12 03 61 62 63 1d 01 02 03 04 21 08 07 06 05 04 03 02 01 2b 08 01 2c");
  std::array<std::byte, 64> buf{};
  tagwire::wire_writer w(buf);
  tagwire::wire_reader r(in);
  while (!r.done()) {
    auto rec = r.next();
    REQUIRE(rec.has_value());
    switch (rec->type) {
      case wire_type::varint: w.varint(rec->field, rec->value); break;
      case wire_type::fixed32: w.fixed32(rec->field, static_cast<std::uint32_t>(rec->value)); break;
      case wire_type::fixed64: w.fixed64(rec->field, rec->value); break;
      case wire_type::len: w.bytes(rec->field, rec->bytes); break;
      case wire_type::start_group: w.start_group(rec->field).raw(rec->bytes).end_group(rec->field); break;
      case wire_type::end_group: FAIL("end groups are never returned"); break;
    }
  }
  auto out = w.finish();
  REQUIRE(out.has_value());
  CHECK(to_hex(*out) == to_hex(in));
}
