// Every limit of the library at its boundary: the last accepted value and the first refused one,
// with the exact errc, offset and field (docs/limits.md lists them and where each is pinned).
// Cases already pinned elsewhere are not repeated: see docs/limits.md.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tagwire/tagwire.hpp>
#include <utility>
#include <variant>
#include <vector>

#include "test_util.hpp"

using test_util::hex;

namespace lim {

using tagwire::errc;
using E = tagwire::error;

struct leaf {
  std::int32_t a = 0;
  std::string s;
};
TAGWIRE_MESSAGE(leaf, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, s));

// One node of every recursive shape: a sub-message (2), a group (3), a box (4), a repeated
// message (5), and a map whose values are messages (6).
struct node {
  std::int32_t a = 0;
  std::unique_ptr<node> msg;
  std::unique_ptr<node> grp;
  tagwire::box<node> bx;
  std::vector<node> kids;
  std::map<std::int32_t, leaf> m;
};
TAGWIRE_MESSAGE(node, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, msg), TAGWIRE_FIELD(3, grp, tagwire::group),
                TAGWIRE_FIELD(4, bx), TAGWIRE_FIELD(5, kids), TAGWIRE_FIELD(6, m));

// Nothing but nested groups.
struct gnode {
  std::int32_t a = 0;
  std::unique_ptr<gnode> child;
};
TAGWIRE_MESSAGE(gnode, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, child, tagwire::group));

// Every length-delimited field kind.
struct lengths {
  std::string s;
  std::vector<std::byte> b;
  leaf sub;
  std::vector<std::int32_t> packed;
  std::map<std::string, std::int32_t> m;
  std::string_view v;
  std::vector<std::string> rs;
  std::variant<std::monostate, std::string> o;
};
TAGWIRE_MESSAGE(lengths, TAGWIRE_FIELD(1, s), TAGWIRE_FIELD(2, b), TAGWIRE_FIELD(3, sub), TAGWIRE_FIELD(4, packed),
                TAGWIRE_FIELD(5, m), TAGWIRE_FIELD(6, v), TAGWIRE_FIELD(7, rs), TAGWIRE_ONEOF(o, TAGWIRE_ALT(8, os)));

// A bytes field that claims `n` bytes and holds none: lets the encoder's size checks run on a
// message over 2 GiB without allocating it. Touching its storage aborts the test.
struct phantom_bytes {
  using value_type = std::byte;
  std::size_t n = 0;
  [[nodiscard]] std::size_t size() const noexcept { return n; }
  void resize(std::size_t) { std::abort(); }
  [[nodiscard]] std::byte* data() { std::abort(); }
  [[nodiscard]] const std::byte* data() const { std::abort(); }
  [[nodiscard]] std::byte* begin() { std::abort(); }
  [[nodiscard]] std::byte* end() { std::abort(); }
  [[nodiscard]] const std::byte* begin() const { std::abort(); }
  [[nodiscard]] const std::byte* end() const { std::abort(); }
};
struct huge {
  phantom_bytes payload;
};
TAGWIRE_MESSAGE(huge, TAGWIRE_FIELD(1, payload));

// A std::map that holds at most N entries (the decoder reads max_size()).
template <class K, class V, std::size_t N>
struct small_map : std::map<K, V> {
  [[nodiscard]] static constexpr std::size_t max_size() noexcept { return N; }
};

struct capped {
  tagwire::fixed_vector<std::int32_t, 4> ints;               // 1: packed varints
  tagwire::fixed_vector<float, 4> floats;                    // 2: packed fixed32
  small_map<std::int32_t, std::int32_t, 2> m;                // 3
  std::map<std::int32_t, tagwire::fixed_string<4>> names;    // 4: a capped map value
  std::variant<std::monostate, tagwire::fixed_string<4>> o;  // 5
  std::optional<tagwire::fixed_vector<std::byte, 3>> blob;   // 6
};
TAGWIRE_MESSAGE(capped, TAGWIRE_FIELD(1, ints), TAGWIRE_FIELD(2, floats), TAGWIRE_FIELD(3, m), TAGWIRE_FIELD(4, names),
                TAGWIRE_ONEOF(o, TAGWIRE_ALT(5, name)), TAGWIRE_FIELD(6, blob));

template <class T>
E decode_error(const std::vector<std::byte>& in, tagwire::decode_options opts = {}) {
  auto r = tagwire::decode<T>(in, opts);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

std::vector<std::byte> cat(std::initializer_list<std::vector<std::byte>> parts) {
  std::vector<std::byte> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::vector<std::byte> varint(std::uint64_t v) {
  std::vector<std::byte> out(tagwire::varint_size(v));
  tagwire::write_varint(out.data(), v);
  return out;
}

// `content` wrapped in `levels` sub-messages of field 2 (tag 12). `shift` grows by the bytes put
// in front of the content.
std::vector<std::byte> in_messages(std::vector<std::byte> content, int levels, std::size_t& shift) {
  for (int i = 0; i < levels; ++i) {
    const auto len = varint(content.size());
    shift += 1 + len.size();
    content = cat({hex("12"), len, content});
  }
  return content;
}

// `levels` nested groups of field `field` (a 1-byte tag) around `inner`.
std::vector<std::byte> in_groups(const std::vector<std::byte>& inner, int levels, std::uint8_t field) {
  std::vector<std::byte> out(static_cast<std::size_t>(levels), static_cast<std::byte>(field << 3 | 3));
  out.insert(out.end(), inner.begin(), inner.end());
  out.insert(out.end(), static_cast<std::size_t>(levels), static_cast<std::byte>(field << 3 | 4));
  return out;
}

// A chain of `levels` nodes below the root, the kind of each link cycling through sub-message,
// group, box and repeated; the innermost node has a = 1.
node chain(int levels, int first_kind = 0) {
  node n;
  if (levels == 0) {
    n.a = 1;
    return n;
  }
  node child = chain(levels - 1, first_kind + 1);
  switch (first_kind % 4) {
    case 0: n.msg = std::make_unique<node>(std::move(child)); break;
    case 1: n.grp = std::make_unique<node>(std::move(child)); break;
    case 2: n.bx = std::move(child); break;
    default: n.kids.push_back(std::move(child)); break;
  }
  return n;
}
int depth_of(const node& n) {
  if (n.msg) return 1 + depth_of(*n.msg);
  if (n.grp) return 1 + depth_of(*n.grp);
  if (n.bx) return 1 + depth_of(*n.bx);
  if (!n.kids.empty()) return 1 + depth_of(n.kids.front());
  return 0;
}

// Offset and field number of the record that opens nesting level `level` (1 = a record of the
// top-level message) in an encoded chain: each level's first record is the next link.
std::pair<std::size_t, std::uint32_t> link_at(const std::vector<std::byte>& in, int level) {
  const std::byte* p = in.data();
  const std::byte* const end = in.data() + in.size();
  std::uint32_t field = 0;
  for (int i = 1;; ++i) {
    const std::byte* const tag_at = p;
    tagwire::wire_type type{};
    REQUIRE(tagwire::read_tag(p, end, field, type) == errc::ok);
    if (i == level) return {static_cast<std::size_t>(tag_at - in.data()), field};
    if (type == tagwire::wire_type::len) {
      std::uint64_t ignored = 0;
      REQUIRE(tagwire::read_varint(p, end, ignored) == errc::ok);
    } else {
      REQUIRE(type == tagwire::wire_type::start_group);
    }
  }
}

}  // namespace lim

using lim::E;
using tagwire::errc;

// ---- the constants ----------------------------------------------------------------------------

static_assert(tagwire::default_max_depth == 100);
static_assert(tagwire::decode_options{}.max_depth == 100);
static_assert(tagwire::max_message_size == 2147483647);  // 2 GiB - 1, as libprotobuf (INT_MAX)
static_assert(tagwire::max_field_number == 536870911);
static_assert(tagwire::max_varint_size == 10 && tagwire::max_tag_size == 5);
static_assert(tagwire::fixed_vector<int, 3>::max_size() == 3 && tagwire::fixed_string<5>::max_size() == 5);

// ---- nesting depth ------------------------------------------------------------------------------

TEST_CASE("depth: nested groups of a known field, 100 decode and 101 do not") {
  const auto at_limit = lim::in_groups(hex("08 01"), 100, 2);
  auto ok = tagwire::decode<lim::gnode>(at_limit);
  REQUIRE(ok.has_value());
  int depth = 0;
  for (const lim::gnode* p = &*ok; p->child; p = p->child.get()) ++depth;
  CHECK(depth == 100);
  // The group opened at offset 100 is the 101st level.
  CHECK(lim::decode_error<lim::gnode>(lim::in_groups(hex("08 01"), 101, 2)) == E{errc::depth_exceeded, 100, 2});
  CHECK(lim::decode_error<lim::gnode>(lim::in_groups(hex("08 01"), 5000, 2)) == E{errc::depth_exceeded, 100, 2});
  // A smaller limit, exactly at and one past it.
  CHECK(tagwire::decode<lim::gnode>(lim::in_groups({}, 3, 2), {.max_depth = 3}).has_value());
  CHECK(lim::decode_error<lim::gnode>(lim::in_groups({}, 4, 2), {.max_depth = 3}) == E{errc::depth_exceeded, 3, 2});
}

TEST_CASE("depth: sub-messages, groups, boxes and repeated messages count alike") {
  for (int first = 0; first < 4; ++first) {
    CAPTURE(first);
    std::vector<std::byte> at_limit;
    REQUIRE(tagwire::encode_to(lim::chain(100, first), at_limit).has_value());
    auto ok = tagwire::decode<lim::node>(at_limit);
    REQUIRE(ok.has_value());
    CHECK(lim::depth_of(*ok) == 100);

    std::vector<std::byte> over;
    REQUIRE(tagwire::encode_to(lim::chain(101, first), over).has_value());
    const auto [offset, field] = lim::link_at(over, 101);
    CHECK(field == static_cast<std::uint32_t>(2 + (first + 100) % 4));
    CHECK(lim::decode_error<lim::node>(over) == E{errc::depth_exceeded, offset, field});
  }
}

TEST_CASE("depth: the encoder has no limit; the reader's is settable both ways") {
  // A value 150 levels deep encodes (its depth is the caller's), but does not decode by default.
  std::vector<std::byte> deep;
  REQUIRE(tagwire::encode_to(lim::chain(150), deep).has_value());
  const auto [offset, field] = lim::link_at(deep, 101);
  CHECK(lim::decode_error<lim::node>(deep) == E{errc::depth_exceeded, offset, field});
  auto raised = tagwire::decode<lim::node>(deep, {.max_depth = 150});
  REQUIRE(raised.has_value());
  CHECK(lim::depth_of(*raised) == 150);
  CHECK(lim::decode_error<lim::node>(deep, {.max_depth = 149}) ==
        E{errc::depth_exceeded, lim::link_at(deep, 150).first, lim::link_at(deep, 150).second});
  // decode_into takes the same options.
  lim::node into;
  auto r = tagwire::decode_into(deep, into, {.max_depth = 10});
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == E{errc::depth_exceeded, lim::link_at(deep, 11).first, lim::link_at(deep, 11).second});
}

TEST_CASE("depth: max_depth 0 reads only the top level's own records") {
  const tagwire::decode_options flat{.max_depth = 0};
  auto scalars = tagwire::decode<lim::node>(hex("08 05 7a 01 00 78 01"), flat);  // a, unknown len, unknown varint
  REQUIRE(scalars.has_value());
  CHECK(scalars->a == 5);
  CHECK(lim::decode_error<lim::node>(hex("08 05 12 00"), flat) == E{errc::depth_exceeded, 2, 2});  // sub-message
  CHECK(lim::decode_error<lim::node>(hex("1b 1c"), flat) == E{errc::depth_exceeded, 0, 3});        // group
  CHECK(lim::decode_error<lim::node>(hex("22 00"), flat) == E{errc::depth_exceeded, 0, 4});        // box
  CHECK(lim::decode_error<lim::node>(hex("2a 00"), flat) == E{errc::depth_exceeded, 0, 5});        // repeated
  CHECK(lim::decode_error<lim::node>(hex("32 00"), flat) == E{errc::depth_exceeded, 0, 6});        // map entry
  CHECK(lim::decode_error<lim::node>(hex("7b 7c"), flat) == E{errc::depth_exceeded, 0, 15});       // unknown group
}

TEST_CASE("depth: a map entry is a level, and its message value one more") {
  // The innermost message holds m = {0: {a: 1}}: entry 32 06 08 00 12 02 08 01.
  const auto entry = hex("32 06 08 00 12 02 08 01");
  std::size_t shift = 0;
  const auto at_limit = lim::in_messages(entry, 98, shift);  // entry at level 99, value at 100
  auto ok = tagwire::decode<lim::node>(at_limit);
  REQUIRE(ok.has_value());
  const lim::node* p = &*ok;
  for (int i = 0; i < 98; ++i) p = p->msg.get();
  CHECK(p->m.at(0).a == 1);

  shift = 0;
  const auto over = lim::in_messages(entry, 99, shift);  // the value is the 101st level
  // The innermost field being read is the entry's value: number 2, at entry offset 4.
  CHECK(lim::decode_error<lim::node>(over) == E{errc::depth_exceeded, shift + 4, 2});
}

TEST_CASE("depth: unknown groups inside known messages count with them") {
  // 98 sub-messages, then an unknown group (field 15) nested 2 deep: 100 levels.
  std::size_t shift = 0;
  const auto at_limit = lim::in_messages(lim::in_groups(hex("78 01"), 2, 15), 98, shift);
  CHECK(tagwire::decode<lim::node>(at_limit).has_value());
  shift = 0;
  const auto over = lim::in_messages(lim::in_groups(hex("78 01"), 3, 15), 98, shift);
  CHECK(lim::decode_error<lim::node>(over) == E{errc::depth_exceeded, shift + 2, 15});  // the third group
  // The same inside a known group: 99 groups of field 3, then 2 unknown ones.
  const auto in_known = lim::in_groups(lim::in_groups({}, 2, 15), 99, 3);
  CHECK(lim::decode_error<lim::node>(in_known) == E{errc::depth_exceeded, 100, 15});
  CHECK(tagwire::decode<lim::node>(lim::in_groups(lim::in_groups({}, 1, 15), 99, 3)).has_value());
}

// ---- lengths and message size -------------------------------------------------------------------

TEST_CASE("length prefixes over 2 GiB - 1 in every kind of length-delimited field") {
  const auto over = hex("80 80 80 80 08");  // 2^31
  for (std::uint8_t field = 1; field <= 8; ++field) {
    CAPTURE(field);
    const auto in = lim::cat({{static_cast<std::byte>(field << 3 | 2)}, over, hex("00")});
    CHECK(lim::decode_error<lim::lengths>(in) == E{errc::length_overflow, 1, field});
  }
  CHECK(lim::decode_error<lim::lengths>(lim::cat({hex("7a"), over})) == E{errc::length_overflow, 1, 15});  // unknown
  // One level down: the innermost field, the offset of its length.
  CHECK(lim::decode_error<lim::lengths>(lim::cat({hex("1a 06 12"), over})) == E{errc::length_overflow, 3, 2});
  CHECK(lim::decode_error<lim::lengths>(lim::cat({hex("2a 06 0a"), over})) == E{errc::length_overflow, 3, 1});
  CHECK(lim::decode_error<lim::lengths>(lim::cat({hex("7b 0a"), over, hex("7c")})) ==
        E{errc::length_overflow, 2, 1});  // inside an unknown group
  // A length that wraps to 1 in 32 bits is still refused, not read as 1.
  CHECK(lim::decode_error<lim::lengths>(hex("0a 81 80 80 80 10 61")) == E{errc::length_overflow, 1, 1});
  CHECK(lim::decode_error<lim::lengths>(hex("0a 80 80 80 80 80 80 80 80 80 01")) == E{errc::length_overflow, 1, 1});
}

TEST_CASE("a length of exactly 2 GiB - 1 is allowed: it is the missing payload that fails") {
  // Nothing the size of the claimed payload is allocated before the payload is there.
  const auto max = hex("ff ff ff ff 07");
  for (std::uint8_t field = 1; field <= 8; ++field) {
    CAPTURE(field);
    const auto in = lim::cat({{static_cast<std::byte>(field << 3 | 2)}, max, hex("00 00")});
    CHECK(lim::decode_error<lim::lengths>(in) == E{errc::truncated, 6, field});
  }
  CHECK(lim::decode_error<lim::lengths>(lim::cat({hex("1a 07 12"), max, hex("00")})) == E{errc::truncated, 8, 2});
}

TEST_CASE("encoding: exactly 2 GiB - 1 is sized and refused only for room; one byte more is length_overflow") {
  constexpr std::size_t max = tagwire::max_message_size;
  std::array<std::byte, 16> small{};
  // Tag (1) + length (5) + payload: exactly 2 GiB - 1.
  const lim::huge at_limit{{max - 6}};
  CHECK(tagwire::encoded_size(at_limit) == max);
  auto r = tagwire::encode(at_limit, small);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == E{errc::buffer_too_small, max, 0});
  auto d = tagwire::encode_delimited(at_limit, small);
  REQUIRE_FALSE(d.has_value());
  CHECK(d.error() == E{errc::buffer_too_small, max + 5, 0});

  const lim::huge over{{max - 5}};
  CHECK(tagwire::encoded_size(over) == max + 1);
  r = tagwire::encode(over, small);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == E{errc::length_overflow, max + 1, 0});
  d = tagwire::encode_delimited(over, small);
  REQUIRE_FALSE(d.has_value());
  CHECK(d.error() == E{errc::length_overflow, max + 1, 0});
  // The appending forms refuse before touching the output.
  std::vector<std::byte> out = hex("aa bb");
  auto appended = tagwire::encode_to(over, out);
  REQUIRE_FALSE(appended.has_value());
  CHECK(appended.error() == E{errc::length_overflow, max + 1, 0});
  auto delimited = tagwire::encode_delimited_to(over, out);
  REQUIRE_FALSE(delimited.has_value());
  CHECK(delimited.error() == E{errc::length_overflow, max + 1, 0});
  CHECK(out == hex("aa bb"));
}

TEST_CASE("the largest field number is read; the stream's default maximum is 64 MiB") {
  // Field 536870911 (a 5-byte tag) is an ordinary unknown field; 536870912 is refused (errors_test).
  CHECK(tagwire::decode<lim::leaf>(hex("f8 ff ff ff 0f 00 08 07"))->a == 7);

  CHECK(tagwire::stream_options{}.max_message_size == 64u * 1024 * 1024);
  lim::leaf m;
  tagwire::stream_decoder<lim::leaf> at_limit;
  at_limit.feed(hex("80 80 80 20"));  // 2^26: allowed, so it waits for the payload
  auto r = at_limit.next(m);
  REQUIRE(r.has_value());
  CHECK_FALSE(*r);
  tagwire::stream_decoder<lim::leaf> over;
  over.feed(hex("81 80 80 20 00"));  // 2^26 + 1
  r = over.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == E{errc::message_too_large, 0, 0});
  CHECK(over.buffered() == 4);  // nothing after the refused prefix is kept
}

// ---- container capacities -----------------------------------------------------------------------

TEST_CASE("capacity: a fixed_vector filled across several records") {
  // Packed varints 3 + 2 into 4: the second value of the second run (offset 8) does not fit.
  CHECK(lim::decode_error<lim::capped>(hex("0a 03 01 02 03 0a 02 04 05")) == E{errc::capacity_exceeded, 8, 1});
  // Packed then unpacked: the fifth value's record.
  CHECK(lim::decode_error<lim::capped>(hex("0a 04 01 02 03 04 08 05")) == E{errc::capacity_exceeded, 6, 1});
  // Exactly full across records is fine.
  auto full = tagwire::decode<lim::capped>(hex("0a 02 01 02 08 03 0a 01 04"));
  REQUIRE(full.has_value());
  CHECK(full->ints == tagwire::fixed_vector<std::int32_t, 4>{1, 2, 3, 4});
  // Packed floats 3 + 2 into 4: the run is checked whole, the offset is the first value with no room.
  const auto floats = hex("12 0c 00 00 80 3f 00 00 00 40 00 00 40 40 12 08 00 00 80 40 00 00 a0 40");
  CHECK(lim::decode_error<lim::capped>(floats) == E{errc::capacity_exceeded, 20, 2});
}

TEST_CASE("capacity: decode_into counts what the container already holds") {
  lim::capped c;
  c.ints = {7, 8, 9};
  auto r = tagwire::decode_into(hex("0a 02 01 02"), c);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == E{errc::capacity_exceeded, 3, 1});
  CHECK(c.ints.size() <= 4);  // never beyond the capacity
  lim::capped f;
  f.floats = {1.0f, 2.0f, 3.0f};
  r = tagwire::decode_into(hex("12 08 00 00 80 40 00 00 a0 40"), f);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == E{errc::capacity_exceeded, 6, 2});
  CHECK(f.floats.size() == 3);  // a fixed-width run that does not fit is not appended at all
}

TEST_CASE("capacity: maps, map values, oneof strings and optional bytes") {
  // A map of at most 2 entries: the third entry's record. A full map still takes a new value for
  // a key it holds: that needs no room (last one wins, as for any map).
  CHECK(lim::decode_error<lim::capped>(hex("1a 04 08 01 10 01 1a 04 08 02 10 02 1a 04 08 03 10 03")) ==
        E{errc::capacity_exceeded, 12, 3});
  auto replaced = tagwire::decode<lim::capped>(hex("1a 04 08 01 10 01 1a 04 08 02 10 02 1a 04 08 02 10 09"));
  REQUIRE(replaced.has_value());
  CHECK(replaced->m.size() == 2);
  CHECK(replaced->m.at(2) == 9);
  auto two = tagwire::decode<lim::capped>(hex("1a 04 08 01 10 01 1a 04 08 02 10 02"));
  REQUIRE(two.has_value());
  CHECK(two->m.size() == 2);
  // A 5-byte map value into fixed_string<4>: the value record inside the entry, field 2.
  CHECK(lim::decode_error<lim::capped>(hex("22 09 08 01 12 05 61 62 63 64 65")) == E{errc::capacity_exceeded, 4, 2});
  CHECK(tagwire::decode<lim::capped>(hex("22 08 08 01 12 04 61 62 63 64")).has_value());
  // A oneof alternative and an optional fixed_vector of bytes: the record.
  CHECK(lim::decode_error<lim::capped>(hex("2a 05 61 62 63 64 65")) == E{errc::capacity_exceeded, 0, 5});
  CHECK(lim::decode_error<lim::capped>(hex("08 01 32 04 00 00 00 00")) == E{errc::capacity_exceeded, 2, 6});
  auto fits = tagwire::decode<lim::capped>(hex("2a 04 61 62 63 64 32 03 00 00 00"));
  REQUIRE(fits.has_value());
  CHECK(std::get<1>(fits->o) == "abcd");
  CHECK(fits->blob->size() == 3);
}
