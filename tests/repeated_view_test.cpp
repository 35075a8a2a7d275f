// repeated_view: repeated message fields left in the input, checked when decoded, decoded again
// when iterated.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace rv {

enum class phone_type : std::int32_t { mobile = 0, home = 1, work = 2 };
TAGWIRE_ENUM(phone_type, mobile, home, work);

struct phone_view {
  std::string_view number;
  phone_type type = phone_type::mobile;
};
TAGWIRE_MESSAGE(phone_view, TAGWIRE_FIELD(1, number), TAGWIRE_FIELD(2, type));

struct person_view {
  std::string_view name;
  std::int32_t id = 0;
  tagwire::repeated_view<phone_view> phones;
};
TAGWIRE_MESSAGE(person_view, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(4, phones));

struct holder {
  person_view person;
};
TAGWIRE_MESSAGE(holder, TAGWIRE_FIELD(1, person));

struct needs_a {
  std::int32_t a = 0;
};
TAGWIRE_MESSAGE(needs_a, TAGWIRE_FIELD(1, a, tagwire::required));

struct list_of_needs_a {
  tagwire::repeated_view<needs_a> items;
};
TAGWIRE_MESSAGE(list_of_needs_a, TAGWIRE_FIELD(1, items));

struct node {
  std::int32_t value = 0;
  tagwire::repeated_view<node> kids;
};
TAGWIRE_MESSAGE(node, TAGWIRE_FIELD(1, value), TAGWIRE_FIELD(2, kids));

struct point {
  std::int32_t x = 0;
  std::int32_t y = 0;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y, tagwire::sint));

struct path {
  tagwire::repeated_view<point> points;
};
TAGWIRE_MESSAGE(path, TAGWIRE_FIELD(1, points));

std::string numbers(const person_view& p) {
  std::string out;
  for (const phone_view ph : p.phones) {
    out += std::string(ph.number) + "/" + std::to_string(static_cast<int>(ph.type)) + ";";
  }
  return out;
}

// A person whose phone records are spread among other records, an unknown group among them:
// phone "555" home, name "Ann", phone "777", id 7, group 9 { 1: 1 }, an empty phone.
const std::vector<std::byte> spread =
    hex("22 07 0a 03 35 35 35 10 01"
        "0a 03 41 6e 6e"
        "22 05 0a 03 37 37 37"
        "10 07"
        "4b 08 01 4c"
        "22 00");

}  // namespace rv

static_assert(std::ranges::forward_range<tagwire::repeated_view<rv::phone_view>>);
static_assert(std::ranges::sized_range<tagwire::repeated_view<rv::phone_view>>);

TEST_CASE("repeated_view: the elements are found among the other records and decoded when read") {
  const auto p = tagwire::decode<rv::person_view>(rv::spread);
  REQUIRE(p.has_value());
  CHECK(p->name == "Ann");
  CHECK(p->id == 7);
  REQUIRE(p->phones.size() == 3);
  CHECK_FALSE(p->phones.empty());
  CHECK(rv::numbers(*p) == "555/1;777/0;/0;");
  // Each element's bytes are its record's payload, in the input.
  auto it = p->phones.begin();
  CHECK(it.bytes().data() == rv::spread.data() + 2);
  CHECK(to_hex(it.bytes()) == "0a 03 35 35 35 10 01");
  ++it;
  CHECK(to_hex(it.bytes()) == "0a 03 37 37 37");
  CHECK(it.bytes().data() == rv::spread.data() + 16);
  const auto third = ++it;
  CHECK(it.bytes().empty());
  CHECK(++it == p->phones.end());
  CHECK(third != p->phones.end());
  CHECK(std::ranges::distance(p->phones) == 3);
  CHECK(p->phones.begin() != p->phones.end());
}

TEST_CASE("repeated_view: encoding writes each record's payload as read, in field order") {
  const auto p = tagwire::decode<rv::person_view>(rv::spread);
  REQUIRE(p.has_value());
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(*p, out).has_value());
  // name, id, then the three phone records; the unknown group is not kept by person_view.
  CHECK(to_hex(out) == "0a 03 41 6e 6e 10 07 22 07 0a 03 35 35 35 10 01 22 05 0a 03 37 37 37 22 00");
  CHECK(tagwire::encoded_size(*p) == out.size());
  std::array<std::byte, 24> small{};
  const auto r = tagwire::encode(*p, small);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::buffer_too_small, 25, 0});

  // An element written in an unusual order stays as it was: the view does not re-encode it.
  const auto reordered = hex("22 07 10 02 0a 03 39 39 39");
  const auto q = tagwire::decode<rv::person_view>(reordered);
  REQUIRE(q.has_value());
  CHECK(rv::numbers(*q) == "999/2;");
  out.clear();
  REQUIRE(tagwire::encode_to(*q, out).has_value());
  CHECK(to_hex(out) == "22 07 10 02 0a 03 39 39 39");

  // An empty view writes nothing.
  const auto e_in = hex("10 05");
  const auto e = tagwire::decode<rv::person_view>(e_in);
  REQUIRE(e.has_value());
  CHECK(e->phones.empty());
  CHECK(e->phones.begin() == e->phones.end());
  out.clear();
  REQUIRE(tagwire::encode_to(*e, out).has_value());
  CHECK(to_hex(out) == "10 05");
}

TEST_CASE("repeated_view: every element is checked when decoding, with the exact error") {
  using tagwire::errc;
  using E = tagwire::error;
  auto err = [](const std::vector<std::byte>& in, tagwire::decode_options o = {}) {
    const auto r = tagwire::decode<rv::person_view>(in, o);
    REQUIRE_FALSE(r.has_value());
    return r.error();
  };
  // Invalid UTF-8 in the second phone's number (payload at offset 11).
  CHECK(err(hex("22 03 0a 01 35 0a 01 41 22 03 0a 01 ff")) == E{errc::invalid_utf8, 12, 1});
  CHECK(tagwire::decode<rv::person_view>(hex("22 03 0a 01 ff"), {.check_utf8 = false}).has_value());
  // A phone whose string runs past the end of its record.
  CHECK(err(hex("22 02 0a 05")) == E{errc::truncated, 4, 1});
  // A phone record cut short.
  CHECK(err(hex("22 09 0a 01 35")) == E{errc::truncated, 2, 4});
  // A wrong wire type for field 4 is an unknown record, not an element.
  const auto wt_in = hex("20 01 22 00");
  const auto wt = tagwire::decode<rv::person_view>(wt_in);
  REQUIRE(wt.has_value());
  CHECK(wt->phones.size() == 1);

  // Required fields of elements: checked on every element unless partial.
  const auto missing = tagwire::decode<rv::list_of_needs_a>(hex("0a 02 08 01 0a 00"));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error() == E{errc::missing_required, 6, 1});
  const auto partial_in = hex("0a 02 08 01 0a 00");
  const auto partial = tagwire::decode<rv::list_of_needs_a>(partial_in, {.partial = true});
  REQUIRE(partial.has_value());
  CHECK(partial->items.size() == 2);

  // Depth: elements count as a level, as sub-messages do.
  const auto three = hex("08 01 12 06 08 02 12 02 08 03");
  CHECK(tagwire::decode<rv::node>(three, {.max_depth = 2}).has_value());
  const auto deep = tagwire::decode<rv::node>(three, {.max_depth = 1});
  REQUIRE_FALSE(deep.has_value());
  CHECK(deep.error() == E{errc::depth_exceeded, 6, 2});
}

TEST_CASE("repeated_view: records from a second input or a second part of a message are refused") {
  using tagwire::errc;
  using E = tagwire::error;
  const auto first = hex("22 03 0a 01 31");
  const auto second = hex("22 03 0a 01 32");
  rv::person_view p;
  REQUIRE(tagwire::decode_into(first, p).has_value());
  const auto again = tagwire::decode_into(second, p);
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error() == E{errc::capacity_exceeded, 0, 4});
  // The same input twice: its records are not after the view's last one.
  const auto twice = tagwire::decode_into(first, p);
  REQUIRE_FALSE(twice.has_value());
  CHECK(twice.error() == E{errc::capacity_exceeded, 0, 4});
  CHECK(rv::numbers(p) == "1/0;");
  // After clear() the view takes the next input.
  p.phones.clear();
  CHECK(p.phones.empty());
  REQUIRE(tagwire::decode_into(second, p).has_value());
  CHECK(rv::numbers(p) == "2/0;");

  // A singular sub-message in two records (merged by protobuf): the second part's phones are
  // in another message's bytes.
  const auto split = tagwire::decode<rv::holder>(hex("0a 04 22 02 0a 00 0a 04 22 02 0a 00"));
  REQUIRE_FALSE(split.has_value());
  CHECK(split.error() == E{errc::capacity_exceeded, 8, 4});
}

TEST_CASE("repeated_view: recursive elements, equality, text and schema") {
  // node 1 { kids: node 2 { kids: node 3 }, node 4 }
  const auto in = hex("08 01 12 06 08 02 12 02 08 03 12 02 08 04");
  const auto n = tagwire::decode<rv::node>(in);
  REQUIRE(n.has_value());
  std::string walk;
  for (const rv::node k : n->kids) {
    walk += std::to_string(k.value) + "(";
    for (const rv::node g : k.kids) walk += std::to_string(g.value);
    walk += ")";
  }
  CHECK(walk == "2(3)4()");

  // Equal when the records are equal byte for byte, wherever they are.
  const auto copy = in;
  const auto m = tagwire::decode<rv::node>(copy);
  REQUIRE(m.has_value());
  CHECK(m->kids == n->kids);
  const auto other_in = hex("12 06 08 02 12 02 08 03 12 02 08 05");  // views need their input alive
  const auto other = tagwire::decode<rv::node>(other_in);
  REQUIRE(other.has_value());
  CHECK_FALSE(other->kids == n->kids);
  CHECK_FALSE(tagwire::repeated_view<rv::node>() == n->kids);
  CHECK(tagwire::repeated_view<rv::node>() == tagwire::repeated_view<rv::node>());

  const auto p = tagwire::decode<rv::person_view>(rv::spread);
  REQUIRE(p.has_value());
  CHECK(tagwire::to_text(*p) ==
        "name: \"Ann\"\nid: 7\nphones {\n  number: \"555\"\n  type: home\n}\nphones {\n  number: \"777\"\n}\n"
        "phones {\n}\n");
  const std::string schema = tagwire::proto_schema<rv::person_view>();
  CHECK(schema.find("  repeated phone_view phones = 4;\n") != std::string::npos);
}

namespace {
constexpr std::int32_t sum_of_path() {
  // points (1, -1) and (2, 3); y is sint32.
  constexpr std::array<std::byte, 12> in{std::byte{0x0a}, std::byte{0x04}, std::byte{0x08}, std::byte{0x01},
                                         std::byte{0x10}, std::byte{0x01}, std::byte{0x0a}, std::byte{0x04},
                                         std::byte{0x08}, std::byte{0x02}, std::byte{0x10}, std::byte{0x06}};
  const auto r = tagwire::decode<rv::path>(in);
  if (!r) return -1000;
  std::int32_t sum = 0;
  for (const rv::point pt : r->points) sum += 10 * pt.x + pt.y;
  return sum;
}
}  // namespace

TEST_CASE("repeated_view: decoding and iterating in constant evaluation") {
  static_assert(sum_of_path() == 10 * 1 - 1 + 10 * 2 + 3);
  CHECK(sum_of_path() == 32);
}
