// Unknown-field preservation: a v1 program relays v2 fields intact.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace unk {

struct sub2 {
  std::int32_t a = 0;
  std::string b;
  friend bool operator==(const sub2&, const sub2&) = default;
};
TAGWIRE_MESSAGE(sub2, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b));

struct v2 {
  std::int32_t id = 0;
  std::string name;
  double score = 0;                // new in v2
  std::vector<std::int32_t> tags;  // new in v2
  sub2 extra;                      // new in v2
  std::uint32_t flags = 0;         // new in v2, fixed32
};
TAGWIRE_MESSAGE(v2, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name), TAGWIRE_FIELD(3, score), TAGWIRE_FIELD(4, tags),
                TAGWIRE_FIELD(5, extra), TAGWIRE_FIELD(6, flags, tagwire::fixed));

struct v1 {
  std::int32_t id = 0;
  std::string name;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(v1, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name), TAGWIRE_UNKNOWN(unknown));

struct v1_plain {
  std::int32_t id = 0;
  std::string name;
};
TAGWIRE_MESSAGE(v1_plain, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name));

}  // namespace unk

TEST_CASE("unknown records are kept raw, in arrival order, and written back after the known fields") {
  // Unknown 9 (varint), then id, then unknown 10 (len), then name, then an unknown group 11.
  const auto in = hex("48 05  08 01  52 01 7a  12 01 61  5b 08 01 5c");
  auto m = tagwire::decode<unk::v1>(in);
  REQUIRE(m.has_value());
  CHECK(m->id == 1);
  CHECK(m->name == "a");
  CHECK(to_hex(m->unknown.bytes()) == "48 05 52 01 7a 5b 08 01 5c");
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(*m, out).has_value());
  CHECK(to_hex(out) == "08 01 12 01 61 48 05 52 01 7a 5b 08 01 5c");
  CHECK(tagwire::encoded_size(*m) == out.size());
}

TEST_CASE("a known number with the wrong wire type is kept as unknown too") {
  auto m = tagwire::decode<unk::v1>(hex("0a 01 05"));  // id as len
  REQUIRE(m.has_value());
  CHECK(m->id == 0);
  CHECK(to_hex(m->unknown.bytes()) == "0a 01 05");
}

TEST_CASE("v2 -> v1 relay -> v2: every v2 field arrives intact") {
  unk::v2 original{42, "relay", 2.5, {1, -2, 300}, {7, "x"}, 0xdeadbeef};
  std::vector<std::byte> wire;
  REQUIRE(tagwire::encode_to(original, wire).has_value());

  // The v1 program decodes, changes a field it knows, and re-encodes.
  auto relay = tagwire::decode<unk::v1>(wire);
  REQUIRE(relay.has_value());
  relay->name = "relayed";
  std::vector<std::byte> relayed;
  REQUIRE(tagwire::encode_to(*relay, relayed).has_value());

  auto back = tagwire::decode<unk::v2>(relayed);
  REQUIRE(back.has_value());
  CHECK(back->id == 42);
  CHECK(back->name == "relayed");
  CHECK(back->score == 2.5);
  CHECK(back->tags == std::vector<std::int32_t>{1, -2, 300});
  CHECK(back->extra == unk::sub2{7, "x"});
  CHECK(back->flags == 0xdeadbeef);

  // Without the member, the same relay loses the v2 fields.
  auto plain = tagwire::decode<unk::v1_plain>(wire);
  REQUIRE(plain.has_value());
  std::vector<std::byte> lossy;
  REQUIRE(tagwire::encode_to(*plain, lossy).has_value());
  auto lost = tagwire::decode<unk::v2>(lossy);
  REQUIRE(lost.has_value());
  CHECK(lost->score == 0);
  CHECK(lost->tags.empty());
}

namespace {
// A message of nothing but unknown fields: every record is kept and written back as it came.
struct only_unknown {
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(only_unknown, TAGWIRE_UNKNOWN(unknown));
}  // namespace

TEST_CASE("a message with only TAGWIRE_UNKNOWN keeps and relays every record") {
  const auto wire = hex("08 96 01 12 02 68 69 1d 00 00 80 3f");
  auto m = tagwire::decode<only_unknown>(wire);
  REQUIRE(m.has_value());
  CHECK(m->unknown.bytes().size() == wire.size());
  std::vector<std::byte> again;
  REQUIRE(tagwire::encode_to(*m, again).has_value());
  CHECK(to_hex(again) == "08 96 01 12 02 68 69 1d 00 00 80 3f");
}
