// Differential tests of the data-model features against libprotobuf: maps, oneof, unknown-field
// relaying, proto2 (required, defaults, groups, is_initialized) and UTF-8 checking of strings.
// Schemas: features3.proto, features2.proto, and interop.proto's V1/V2 pair.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <features2.pb.h>
#include <features3.pb.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/delimited_message_util.h>
#include <google/protobuf/wire_format_lite.h>
#include <interop.pb.h>

#include <tagwire/tagwire.hpp>

#include "random_values.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace f3 = tagwire_features;
namespace f2 = tagwire_features2;
namespace ip = tagwire_interop;

// ---- tagwire mirrors ------------------------------------------------------------------------

namespace tw {

// features3.proto: Maps.
enum class map_enum : std::int32_t { zero = 0, one = 1, neg = -1 };

struct map_value {
  std::int32_t a = 0;
  std::string s;
  std::vector<std::int32_t> r;
};
TAGWIRE_MESSAGE(map_value, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, r));

// The same schema with std::map and with std::unordered_map members.
template <template <class...> class M>
struct maps_t {
  M<std::string, std::int32_t> str_i32;
  M<std::int32_t, std::string> i32_str;
  M<std::int32_t, std::int64_t> s32_sf64;
  M<bool, map_value> b_msg;
  M<std::uint64_t, map_enum> u64_enum;
  std::int32_t tail = 0;
  M<std::int64_t, std::string> i64_byt;
  M<std::uint32_t, double> f32_db;
};
using maps_ordered = maps_t<std::map>;
using maps_unordered = maps_t<std::unordered_map>;

#define TW_MAPS_FIELDS                                                                          \
  TAGWIRE_FIELD(1, str_i32), TAGWIRE_FIELD(2, i32_str),                                         \
      TAGWIRE_FIELD(3, s32_sf64, tagwire::key<tagwire::sint>, tagwire::value<tagwire::sfixed>), \
      TAGWIRE_FIELD(4, b_msg), TAGWIRE_FIELD(5, u64_enum), TAGWIRE_FIELD(6, tail),              \
      TAGWIRE_FIELD(7, i64_byt, tagwire::value<tagwire::bytes>),                                \
      TAGWIRE_FIELD(16, f32_db, tagwire::key<tagwire::fixed>)
TAGWIRE_MESSAGE(maps_ordered, TW_MAPS_FIELDS);
TAGWIRE_MESSAGE(maps_unordered, TW_MAPS_FIELDS);
#undef TW_MAPS_FIELDS

// features3.proto: Oneofs. `choice` holds two std::string and two std::int32_t alternatives.
struct oneof_sub {
  std::int32_t a = 0;
  std::string s;
  std::vector<std::int32_t> r;
};
TAGWIRE_MESSAGE(oneof_sub, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, r));

struct oneofs {
  std::int32_t before = 0;
  std::variant<std::monostate, std::string, std::int32_t, std::int32_t, oneof_sub, double, std::string> choice;
  std::int32_t middle = 0;
  std::string after;
  std::variant<std::monostate, std::uint64_t, std::uint32_t> second;
};
TAGWIRE_MESSAGE(oneofs, TAGWIRE_FIELD(1, before),
                TAGWIRE_ONEOF(choice, TAGWIRE_ALT(4, text), TAGWIRE_ALT(2, num), TAGWIRE_ALT(7, znum, tagwire::sint),
                              TAGWIRE_ALT(10, sub), TAGWIRE_ALT(5, real), TAGWIRE_ALT(12, raw, tagwire::bytes)),
                TAGWIRE_FIELD(6, middle), TAGWIRE_FIELD(11, after),
                TAGWIRE_ONEOF(second, TAGWIRE_ALT(3, u), TAGWIRE_ALT(2049, f, tagwire::fixed)));

// features3.proto: Utf8.
struct utf8_inner {
  std::string s;
};
TAGWIRE_MESSAGE(utf8_inner, TAGWIRE_FIELD(1, s));

struct utf8_msg {
  std::string s;
  std::string b;
  std::vector<std::string> rs;
  std::map<std::string, std::string> m;
  std::variant<std::monostate, std::string> o;
  std::optional<utf8_inner> inner;
};
TAGWIRE_MESSAGE(utf8_msg, TAGWIRE_FIELD(1, s), TAGWIRE_FIELD(2, b, tagwire::bytes), TAGWIRE_FIELD(3, rs),
                TAGWIRE_FIELD(4, m), TAGWIRE_ONEOF(o, TAGWIRE_ALT(5, os)), TAGWIRE_FIELD(6, inner));

// features2.proto: Req, with std::optional members so that presence (and absence of required
// fields) is exact.
struct p2_inner {
  std::optional<std::int32_t> a;
  std::optional<std::string> label;
};
TAGWIRE_MESSAGE(p2_inner, TAGWIRE_FIELD(1, a, tagwire::required), TAGWIRE_FIELD(2, label));

struct p2_deep {
  std::optional<std::uint32_t> d;
  std::vector<std::int32_t> r;  // proto2 repeated scalars are unpacked unless asked
};
TAGWIRE_MESSAGE(p2_deep, TAGWIRE_FIELD(15, d, tagwire::fixed), TAGWIRE_FIELD(16, r, tagwire::unpacked));

struct p2_grp {
  std::optional<std::int32_t> x;
  std::optional<std::string> s;
  std::optional<p2_deep> deep;
};
TAGWIRE_MESSAGE(p2_grp, TAGWIRE_FIELD(12, x), TAGWIRE_FIELD(13, s), TAGWIRE_FIELD(14, deep, tagwire::group));

struct p2_item {
  std::optional<std::int32_t> n;
  std::optional<p2_inner> in;
};
TAGWIRE_MESSAGE(p2_item, TAGWIRE_FIELD(18, n, tagwire::required), TAGWIRE_FIELD(19, in));

struct p2_req {
  std::optional<std::int32_t> id;
  std::optional<std::string> name;
  std::optional<p2_inner> sub;
  std::optional<std::int32_t> count;
  std::optional<std::string> greeting;
  std::optional<double> ratio;
  std::optional<std::int64_t> delta;
  std::optional<bool> flag;
  std::vector<p2_inner> subs;
  std::optional<p2_inner> opt_sub;
  std::optional<p2_grp> grp;
  std::vector<p2_item> items;
  std::optional<std::int32_t> tail;
};
TAGWIRE_MESSAGE(p2_req, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, name, tagwire::required),
                TAGWIRE_FIELD(3, sub, tagwire::required), TAGWIRE_FIELD(4, count), TAGWIRE_FIELD(5, greeting),
                TAGWIRE_FIELD(6, ratio), TAGWIRE_FIELD(7, delta, tagwire::sint), TAGWIRE_FIELD(8, flag),
                TAGWIRE_FIELD(9, subs), TAGWIRE_FIELD(10, opt_sub), TAGWIRE_FIELD(11, grp, tagwire::group),
                TAGWIRE_FIELD(17, items, tagwire::group), TAGWIRE_FIELD(20, tail));

// features2.proto: Req read with plain members: required ones always hold a value, and the
// proto2 defaults are member initialisers.
struct p2_inner_plain {
  std::int32_t a = 0;
  std::string label;
};
TAGWIRE_MESSAGE(p2_inner_plain, TAGWIRE_FIELD(1, a, tagwire::required), TAGWIRE_FIELD(2, label));

struct p2_req_plain {
  std::int32_t id = 0;
  std::string name;
  p2_inner_plain sub;
  std::int32_t count = 42;
  std::string greeting = "hello";
  double ratio = 1.5;
  std::int64_t delta = -7;
  bool flag = true;
  std::int32_t tail = 0;
};
TAGWIRE_MESSAGE(p2_req_plain, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, name, tagwire::required),
                TAGWIRE_FIELD(3, sub, tagwire::required), TAGWIRE_FIELD(4, count), TAGWIRE_FIELD(5, greeting),
                TAGWIRE_FIELD(6, ratio), TAGWIRE_FIELD(7, delta, tagwire::sint), TAGWIRE_FIELD(8, flag),
                TAGWIRE_FIELD(20, tail));

// features2.proto: UV1 (UInner1 also keeps what it does not know).
struct u_inner1 {
  std::optional<std::int32_t> a;
  std::optional<std::string> s;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(u_inner1, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, s), TAGWIRE_UNKNOWN(unknown));

struct u_v1 {
  std::optional<std::int32_t> id;
  std::optional<std::string> name;
  std::vector<std::int32_t> nums;
  std::optional<u_inner1> inner;
  std::optional<double> score;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(u_v1, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(3, name), TAGWIRE_FIELD(5, nums), TAGWIRE_FIELD(9, inner),
                TAGWIRE_FIELD(2048, score), TAGWIRE_UNKNOWN(unknown));

// interop.proto (proto3): V1 with unknown-field preservation.
struct p3_inner {
  std::string s;
  std::int32_t a = 0;
  std::vector<std::int64_t> zs;
  std::int32_t e = 0;
};
TAGWIRE_MESSAGE(p3_inner, TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(16, zs, tagwire::sint),
                TAGWIRE_FIELD(3, e));

struct p3_v1 {
  std::int32_t id = 0;
  std::string name;
  std::vector<std::int32_t> nums;
  std::optional<p3_inner> inner;
  double score = 0;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(p3_v1, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(3, name), TAGWIRE_FIELD(5, nums), TAGWIRE_FIELD(9, inner),
                TAGWIRE_FIELD(2048, score), TAGWIRE_UNKNOWN(unknown));

}  // namespace tw

namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedOutputStream;

// ---- bytes --------------------------------------------------------------------------------

using interop_support::bytes_of;
using interop_support::pb_bytes;

std::string hex(std::span<const std::byte> b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  for (std::byte x : b) {
    if (!s.empty()) s += ' ';
    s += digits[std::to_integer<int>(x) >> 4];
    s += digits[std::to_integer<int>(x) & 15];
  }
  return s;
}
std::string hex(const std::string& s) { return hex(bytes_of(s)); }

template <class T>
std::string tw_bytes(const T& t) {
  std::string out;
  const auto r = tagwire::encode_to(t, out);
  CHECK(r.has_value());
  CHECK(out.size() == tagwire::encoded_size(t));
  return out;
}

// Raw records written with libprotobuf's own CodedOutputStream.
class raw_writer {
 public:
  raw_writer& varint(int field, std::uint64_t v) {
    return put([&](CodedOutputStream& c) {
      c.WriteTag(WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_VARINT));
      c.WriteVarint64(v);
    });
  }
  raw_writer& fixed32(int field, std::uint32_t v) {
    return put([&](CodedOutputStream& c) {
      c.WriteTag(WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_FIXED32));
      c.WriteLittleEndian32(v);
    });
  }
  raw_writer& len(int field, const std::string& payload) {
    return put([&](CodedOutputStream& c) {
      c.WriteTag(WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
      c.WriteVarint32(static_cast<std::uint32_t>(payload.size()));
      c.WriteString(payload);
    });
  }
  [[nodiscard]] std::string str() const { return out_; }

 private:
  template <class F>
  raw_writer& put(F write) {
    google::protobuf::io::StringOutputStream stream(&out_);  // appends
    CodedOutputStream coded(&stream);
    write(coded);
    return *this;
  }
  std::string out_;
};

// ---- structural comparison: floats by bits, maps by key, variants by index ------------------

using interop_support::same;

#define CHECK_SAME(a, b)                                  \
  do {                                                    \
    std::string where_;                                   \
    CHECK_MESSAGE(same((a), (b), where_), "at ", where_); \
  } while (false)

// ---- seeded values ----------------------------------------------------------------------------

// Uses the engine's raw output only, so the values are the same on every platform.
class gen : public interop_support::random_source {
 public:
  using random_source::random_source;

  template <class I>
  I integer() {
    switch (below(7)) {
      case 0: return 0;
      case 1: return 1;
      case 2: return static_cast<I>(-1);
      case 3: return std::numeric_limits<I>::min();
      case 4: return std::numeric_limits<I>::max();
      case 5: return static_cast<I>(below(300));
      default: return static_cast<I>(bits());
    }
  }
  double f64() {
    switch (below(4)) {
      case 0: return 0.0;
      case 1: return -0.0;
      case 2: return static_cast<double>(static_cast<std::int64_t>(below(2001)) - 1000) / 8.0;
      default: return std::bit_cast<double>(bits());  // NaN payloads too
    }
  }
  float f32() { return one_in(3) ? 0.0f : std::bit_cast<float>(static_cast<std::uint32_t>(bits())); }
  // Valid UTF-8 of 0..max characters (1..4 bytes each, no surrogates).
  std::string utf8(std::size_t max) {
    std::string s;
    const std::size_t n = below(max + 1);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t cp = 0;
      switch (below(4)) {
        case 0: cp = static_cast<std::uint32_t>(below(0x80)); break;
        case 1: cp = static_cast<std::uint32_t>(0x80 + below(0x780)); break;
        case 2: cp = static_cast<std::uint32_t>(0x800 + below(0xf000)); break;
        default: cp = static_cast<std::uint32_t>(0x10000 + below(0x100000)); break;
      }
      if (cp >= 0xd800 && cp < 0xe000) cp -= 0x1000;
      interop_support::append_utf8(s, cp);
    }
    return s;
  }
  std::string blob(std::size_t max) {
    std::string s(below(max + 1), '\0');
    for (char& c : s) c = static_cast<char>(bits());
    return s;
  }
  std::size_t count(std::size_t max) { return one_in(4) ? 0 : below(max + 1); }
};

// ==== 1. maps ==================================================================================

void to_pb(const tw::map_value& t, f3::MapValue& p) {
  p.set_a(t.a);
  p.set_s(t.s);
  for (auto v : t.r) p.add_r(v);
}
void from_pb(const f3::MapValue& p, tw::map_value& t) {
  t.a = p.a();
  t.s = p.s();
  t.r.assign(p.r().begin(), p.r().end());
}

template <class Maps>
void to_pb(const Maps& t, f3::Maps& p) {
  for (const auto& [k, v] : t.str_i32) (*p.mutable_str_i32())[k] = v;
  for (const auto& [k, v] : t.i32_str) (*p.mutable_i32_str())[k] = v;
  for (const auto& [k, v] : t.s32_sf64) (*p.mutable_s32_sf64())[k] = v;
  for (const auto& [k, v] : t.b_msg) to_pb(v, (*p.mutable_b_msg())[k]);
  for (const auto& [k, v] : t.u64_enum) (*p.mutable_u64_enum())[k] = static_cast<f3::MapEnum>(v);
  p.set_tail(t.tail);
  for (const auto& [k, v] : t.i64_byt) (*p.mutable_i64_byt())[k] = v;
  for (const auto& [k, v] : t.f32_db) (*p.mutable_f32_db())[k] = v;
}
template <class Maps>
Maps from_pb(const f3::Maps& p) {
  Maps t;
  for (const auto& [k, v] : p.str_i32()) t.str_i32[k] = v;
  for (const auto& [k, v] : p.i32_str()) t.i32_str[k] = v;
  for (const auto& [k, v] : p.s32_sf64()) t.s32_sf64[k] = v;
  for (const auto& [k, v] : p.b_msg()) from_pb(v, t.b_msg[k]);
  for (const auto& [k, v] : p.u64_enum()) t.u64_enum[k] = static_cast<tw::map_enum>(v);
  t.tail = p.tail();
  for (const auto& [k, v] : p.i64_byt()) t.i64_byt[k] = v;
  for (const auto& [k, v] : p.f32_db()) t.f32_db[k] = v;
  return t;
}

template <class Maps>
Maps random_maps(gen& g) {
  Maps m;
  const auto n = [&] { return g.count(12); };
  for (std::size_t i = n(); i > 0; --i) m.str_i32[g.one_in(5) ? std::string() : g.utf8(6)] = g.integer<std::int32_t>();
  for (std::size_t i = n(); i > 0; --i) m.i32_str[g.integer<std::int32_t>()] = g.utf8(8);
  for (std::size_t i = n(); i > 0; --i) m.s32_sf64[g.integer<std::int32_t>()] = g.integer<std::int64_t>();
  for (std::size_t i = g.below(3); i > 0; --i) {
    tw::map_value v;
    v.a = g.integer<std::int32_t>();
    v.s = g.utf8(4);
    for (std::size_t j = g.count(4); j > 0; --j) v.r.push_back(g.integer<std::int32_t>());
    m.b_msg[g.one_in(2)] = v;
  }
  for (std::size_t i = n(); i > 0; --i)
    m.u64_enum[g.integer<std::uint64_t>()] =
        g.one_in(3) ? static_cast<tw::map_enum>(g.integer<std::int32_t>()) : tw::map_enum::neg;
  m.tail = g.integer<std::int32_t>();
  for (std::size_t i = n(); i > 0; --i) m.i64_byt[g.integer<std::int64_t>()] = g.blob(6);
  for (std::size_t i = n(); i > 0; --i) m.f32_db[g.integer<std::uint32_t>()] = g.f64();
  return m;
}

// Bytes, sizes, and values in both directions.
template <class Maps>
void check_maps(const Maps& t) {
  f3::Maps p;
  to_pb(t, p);
  const std::string theirs = pb_bytes(p);
  const std::string ours = tw_bytes(t);
  CHECK_MESSAGE(ours == theirs, "tagwire:     ", hex(ours), "\nlibprotobuf: ", hex(theirs));
  CHECK(tagwire::encoded_size(t) == p.ByteSizeLong());

  const auto back = tagwire::decode<Maps>(theirs);
  REQUIRE_MESSAGE(back.has_value(), tagwire::to_string(back.error().code), " at ", back.error().offset);
  CHECK_SAME(*back, t);

  f3::Maps q;
  REQUIRE(q.ParseFromString(ours));
  CHECK_SAME(from_pb<Maps>(q), t);
}

// Parses `bytes` with both and compares the maps.
void check_same_maps_parse(const std::string& bytes) {
  CAPTURE(hex(bytes));
  f3::Maps theirs;
  REQUIRE(theirs.ParseFromString(bytes));
  const auto ordered = tagwire::decode<tw::maps_ordered>(bytes);
  REQUIRE_MESSAGE(ordered.has_value(), tagwire::to_string(ordered.error().code), " at ", ordered.error().offset);
  CHECK_SAME(*ordered, from_pb<tw::maps_ordered>(theirs));
  const auto unordered = tagwire::decode<tw::maps_unordered>(bytes);
  REQUIRE(unordered.has_value());
  CHECK_SAME(*unordered, from_pb<tw::maps_unordered>(theirs));
}

}  // namespace

TEST_CASE("maps: hand-picked values, same bytes as libprotobuf's deterministic output") {
  tw::maps_ordered m;
  m.str_i32 = {{"", 0}, {"b", -1}, {"a", 2147483647}, {"\xc3\xa9t\xc3\xa9", 5}};
  m.i32_str = {{-1, ""}, {0, "zero"}, {INT32_MIN, "min"}, {INT32_MAX, "max"}};
  m.s32_sf64 = {{0, 0}, {-1, INT64_MIN}, {INT32_MIN, -1}, {INT32_MAX, INT64_MAX}};
  m.b_msg = {{false, {}}, {true, {-3, "t", {1, 2, 3}}}};
  m.u64_enum = {{0, tw::map_enum::zero}, {UINT64_MAX, tw::map_enum::neg}, {1, static_cast<tw::map_enum>(77)}};
  m.tail = -9;
  m.i64_byt = {{INT64_MIN, std::string("\0\xff", 2)}, {0, ""}, {1, "\x80"}};
  m.f32_db = {{0, -0.0}, {UINT32_MAX, std::bit_cast<double>(std::uint64_t{0x7ff8000000000001})}, {7, 1.0}};
  check_maps(m);
  tw::maps_unordered u;
  u.str_i32.insert(m.str_i32.begin(), m.str_i32.end());
  u.i32_str.insert(m.i32_str.begin(), m.i32_str.end());
  u.s32_sf64.insert(m.s32_sf64.begin(), m.s32_sf64.end());
  u.b_msg.insert(m.b_msg.begin(), m.b_msg.end());
  u.u64_enum.insert(m.u64_enum.begin(), m.u64_enum.end());
  u.tail = m.tail;
  u.i64_byt.insert(m.i64_byt.begin(), m.i64_byt.end());
  u.f32_db.insert(m.f32_db.begin(), m.f32_db.end());
  check_maps(u);
  CHECK(tw_bytes(u) == tw_bytes(m));
  check_maps(tw::maps_ordered{});
}

TEST_CASE("maps: 150 pseudo-random messages with std::map and std::unordered_map (fixed seed)") {
  gen g(0x6d6170735f763101);
  for (int i = 0; i < 150; ++i) {
    CAPTURE(i);
    if (i % 2 == 0) check_maps(random_maps<tw::maps_ordered>(g));
    else check_maps(random_maps<tw::maps_unordered>(g));
  }
}

TEST_CASE("maps: duplicate keys across concatenated messages, the last one wins on both sides") {
  gen g(0x6475706c6963);
  for (int i = 0; i < 40; ++i) {
    CAPTURE(i);
    const auto a = random_maps<tw::maps_ordered>(g);
    auto b = random_maps<tw::maps_ordered>(g);
    // Reuse some of a's keys in b with other values.
    // Other values, wrapping at INT32_MAX without signed overflow.
    const auto next = [](std::int32_t x) { return static_cast<std::int32_t>(static_cast<std::uint32_t>(x) + 1u); };
    for (const auto& [k, v] : a.str_i32)
      if (g.one_in(2)) b.str_i32[k] = next(v);
    for (const auto& [k, v] : a.i32_str)
      if (g.one_in(2)) b.i32_str[k] = v + "x";
    for (const auto& [k, v] : a.s32_sf64)
      if (g.one_in(2)) b.s32_sf64[k] = ~v;
    for (const auto& [k, v] : a.b_msg)
      if (g.one_in(2)) b.b_msg[k] = tw::map_value{next(v.a), "", {}};
    for (const auto& [k, v] : a.i64_byt)
      if (g.one_in(2)) b.i64_byt[k] = v + '\0';
    f3::Maps pa, pb;
    to_pb(a, pa);
    to_pb(b, pb);
    const std::string both = pb_bytes(pa) + pb_bytes(pb);
    check_same_maps_parse(both);
    check_same_maps_parse(tw_bytes(a) + tw_bytes(b));
    // And the expected merge, computed by hand.
    auto expect = a;
    for (const auto& [k, v] : b.str_i32) expect.str_i32.insert_or_assign(k, v);
    for (const auto& [k, v] : b.i32_str) expect.i32_str.insert_or_assign(k, v);
    for (const auto& [k, v] : b.s32_sf64) expect.s32_sf64.insert_or_assign(k, v);
    for (const auto& [k, v] : b.b_msg) expect.b_msg.insert_or_assign(k, v);
    for (const auto& [k, v] : b.u64_enum) expect.u64_enum.insert_or_assign(k, v);
    for (const auto& [k, v] : b.i64_byt) expect.i64_byt.insert_or_assign(k, v);
    for (const auto& [k, v] : b.f32_db) expect.f32_db.insert_or_assign(k, v);
    expect.tail = b.tail != 0 ? b.tail : a.tail;
    const auto ours = tagwire::decode<tw::maps_ordered>(both);
    REQUIRE(ours.has_value());
    CHECK_SAME(*ours, expect);
  }
}

TEST_CASE("maps: hand-built entries (missing key or value, reordered, repeated, unknown) parse alike") {
  const auto entry = [](auto build) {
    raw_writer w;
    build(w);
    return w.str();
  };
  // str_i32 (1): value only; key only; empty entry; value before key; key twice; unknown fields
  // and a key with the wrong wire type inside an entry.
  const std::string str_entries =
      raw_writer()
          .len(1, entry([](raw_writer& w) { w.varint(2, 5); }))
          .len(1, entry([](raw_writer& w) { w.len(1, "z"); }))
          .len(1, entry([](raw_writer& w) { w.varint(2, 9).len(1, "v"); }))
          .len(1, entry([](raw_writer& w) { w.len(1, "a").len(1, "b").varint(2, 3); }))
          .len(1, entry([](raw_writer& w) { w.varint(3, 1).len(1, "u").fixed32(1, 7).varint(2, 4).len(9, "x"); }))
          .len(1, "")
          .str();
  check_same_maps_parse(str_entries);
  const auto ours = tagwire::decode<tw::maps_ordered>(str_entries);
  REQUIRE(ours.has_value());
  CHECK(ours->str_i32 == std::map<std::string, std::int32_t>{{"", 0}, {"z", 0}, {"v", 9}, {"b", 3}, {"u", 4}});

  // b_msg (4): key only -> empty message; value only -> key false; the same key again replaces the
  // value; a value record twice within one entry merges.
  const std::string msg_entries =
      raw_writer()
          .len(4, entry([](raw_writer& w) { w.varint(1, 1); }))
          .len(4, entry([&](raw_writer& w) { w.len(2, entry([](raw_writer& v) { v.varint(1, 6).varint(3, 1); })); }))
          .len(4, entry([&](raw_writer& w) { w.len(2, entry([](raw_writer& v) { v.len(2, "s"); })); }))
          .len(4, entry([&](raw_writer& w) {
                 w.varint(1, 1)
                     .len(2, entry([](raw_writer& v) { v.varint(1, 7).varint(3, 2); }))
                     .len(2, entry([](raw_writer& v) { v.len(2, "m").varint(3, 3); }));
               }))
          .str();
  check_same_maps_parse(msg_entries);
  // Enum value and sint/sfixed/fixed/double entries missing a half, and a non-minimal key varint.
  const std::string scalar_entries =
      raw_writer()
          .len(5, entry([](raw_writer& w) { w.varint(2, 0xffffffffffffff85); }))  // key 0, value -123
          .len(5, entry([](raw_writer& w) { w.varint(1, 9); }))
          .len(3, entry([](raw_writer& w) { w.varint(1, 3); }))  // key -2, value 0
          .len(16, entry([](raw_writer& w) { w.fixed32(1, 0xdeadbeef); }))
          .len(7, entry([](raw_writer& w) { w.varint(1, 0xffffffffffffffff); }))
          .len(2, std::string("\x08\x80\x80\x00\x12\x01q", 7))
          .str();
  check_same_maps_parse(scalar_entries);
}

// ==== 2. oneof =================================================================================

namespace {

void to_pb(const tw::oneof_sub& t, f3::OneofSub& p) {
  p.set_a(t.a);
  p.set_s(t.s);
  for (auto v : t.r) p.add_r(v);
}

void to_pb(const tw::oneofs& t, f3::Oneofs& p) {
  p.set_before(t.before);
  switch (t.choice.index()) {
    case 1: p.set_text(std::get<1>(t.choice)); break;
    case 2: p.set_num(std::get<2>(t.choice)); break;
    case 3: p.set_znum(std::get<3>(t.choice)); break;
    case 4: to_pb(std::get<4>(t.choice), *p.mutable_sub()); break;
    case 5: p.set_real(std::get<5>(t.choice)); break;
    case 6: p.set_raw(std::get<6>(t.choice)); break;
    default: break;
  }
  p.set_middle(t.middle);
  p.set_after(t.after);
  if (t.second.index() == 1) p.set_u(std::get<1>(t.second));
  if (t.second.index() == 2) p.set_f(std::get<2>(t.second));
}

tw::oneofs from_pb(const f3::Oneofs& p) {
  tw::oneofs t;
  t.before = p.before();
  switch (p.choice_case()) {
    case f3::Oneofs::kText: t.choice.emplace<1>(p.text()); break;
    case f3::Oneofs::kNum: t.choice.emplace<2>(p.num()); break;
    case f3::Oneofs::kZnum: t.choice.emplace<3>(p.znum()); break;
    case f3::Oneofs::kSub: {
      auto& s = t.choice.emplace<4>();
      s.a = p.sub().a();
      s.s = p.sub().s();
      s.r.assign(p.sub().r().begin(), p.sub().r().end());
      break;
    }
    case f3::Oneofs::kReal: t.choice.emplace<5>(p.real()); break;
    case f3::Oneofs::kRaw: t.choice.emplace<6>(p.raw()); break;
    case f3::Oneofs::CHOICE_NOT_SET: break;
  }
  t.middle = p.middle();
  t.after = p.after();
  if (p.has_u()) t.second.emplace<1>(p.u());
  if (p.has_f()) t.second.emplace<2>(p.f());
  return t;
}

tw::oneofs random_oneofs(gen& g) {
  tw::oneofs t;
  t.before = g.integer<std::int32_t>();
  switch (g.below(7)) {
    case 1: t.choice.emplace<1>(g.utf8(5)); break;
    case 2: t.choice.emplace<2>(g.integer<std::int32_t>()); break;
    case 3: t.choice.emplace<3>(g.integer<std::int32_t>()); break;
    case 4: {
      auto& s = t.choice.emplace<4>();
      if (g.one_in(2)) {
        s.a = g.integer<std::int32_t>();
        s.s = g.utf8(3);
        for (std::size_t i = g.count(3); i > 0; --i) s.r.push_back(g.integer<std::int32_t>());
      }
      break;
    }
    case 5: t.choice.emplace<5>(g.f64()); break;
    case 6: t.choice.emplace<6>(g.blob(5)); break;
    default: break;
  }
  t.middle = g.integer<std::int32_t>();
  t.after = g.utf8(3);
  switch (g.below(3)) {
    case 1: t.second.emplace<1>(g.integer<std::uint64_t>()); break;
    case 2: t.second.emplace<2>(g.integer<std::uint32_t>()); break;
    default: break;
  }
  return t;
}

void check_oneofs(const tw::oneofs& t) {
  f3::Oneofs p;
  to_pb(t, p);
  const std::string theirs = pb_bytes(p);
  const std::string ours = tw_bytes(t);
  CHECK_MESSAGE(ours == theirs, "tagwire:     ", hex(ours), "\nlibprotobuf: ", hex(theirs));
  CHECK(tagwire::encoded_size(t) == p.ByteSizeLong());
  const auto back = tagwire::decode<tw::oneofs>(theirs);
  REQUIRE(back.has_value());
  CHECK_SAME(*back, t);
  f3::Oneofs q;
  REQUIRE(q.ParseFromString(ours));
  CHECK_SAME(from_pb(q), t);
}

void check_same_oneofs_parse(const std::string& bytes) {
  CAPTURE(hex(bytes));
  f3::Oneofs theirs;
  REQUIRE(theirs.ParseFromString(bytes));
  const auto ours = tagwire::decode<tw::oneofs>(bytes);
  REQUIRE(ours.has_value());
  CHECK_SAME(*ours, from_pb(theirs));
}

}  // namespace

TEST_CASE("oneof: every alternative, zero values included, written as libprotobuf writes it") {
  tw::oneofs t{-1, {}, 5, "after", {}};
  check_oneofs(t);
  for (int zero = 0; zero < 2; ++zero) {
    const bool z = zero == 0;
    t.choice.emplace<1>(z ? "" : "text");
    check_oneofs(t);
    t.choice.emplace<2>(z ? 0 : -1);
    check_oneofs(t);
    t.choice.emplace<3>(z ? 0 : INT32_MIN);
    check_oneofs(t);
    t.choice.emplace<4>(z ? tw::oneof_sub{} : tw::oneof_sub{1, "s", {2, 3}});
    check_oneofs(t);
    t.choice.emplace<5>(z ? 0.0 : -0.0);
    check_oneofs(t);
    t.choice.emplace<6>(z ? std::string() : std::string("\0\xff", 2));
    check_oneofs(t);
    t.second.emplace<1>(z ? 0 : UINT64_MAX);
    check_oneofs(t);
    t.second.emplace<2>(z ? 0 : UINT32_MAX);
    check_oneofs(t);
  }
  // Zero set is written: a message of only zero alternatives is not empty.
  tw::oneofs zeros;
  zeros.choice.emplace<2>(0);
  zeros.second.emplace<2>(0u);
  CHECK(hex(tw_bytes(zeros)) == "10 00 8d 80 01 00 00 00 00");
}

TEST_CASE("oneof: 200 pseudo-random messages (fixed seed)") {
  gen g(0x6f6e656f66);
  for (int i = 0; i < 200; ++i) {
    CAPTURE(i);
    check_oneofs(random_oneofs(g));
  }
}

TEST_CASE("oneof: concatenated messages, the last alternative seen wins and messages merge") {
  gen g(0x6c61737477696e73);
  for (int i = 0; i < 100; ++i) {
    CAPTURE(i);
    const auto a = random_oneofs(g);
    const auto b = random_oneofs(g);
    check_same_oneofs_parse(tw_bytes(a) + tw_bytes(b));
    f3::Oneofs pa, pb;
    to_pb(a, pa);
    to_pb(b, pb);
    check_same_oneofs_parse(pb_bytes(pa) + pb_bytes(pb));
  }
  // Sub-message twice: merged; another alternative in between: reset.
  tw::oneofs s1, s2, other;
  s1.choice.emplace<4>(tw::oneof_sub{5, "", {1}});
  s2.choice.emplace<4>(tw::oneof_sub{0, "b", {2}});
  other.choice.emplace<6>("raw");
  const std::string merged = tw_bytes(s1) + tw_bytes(s2);
  check_same_oneofs_parse(merged);
  const auto m = tagwire::decode<tw::oneofs>(merged);
  REQUIRE(m.has_value());
  REQUIRE(m->choice.index() == 4);
  CHECK(std::get<4>(m->choice).a == 5);
  CHECK(std::get<4>(m->choice).s == "b");
  CHECK(std::get<4>(m->choice).r == std::vector<std::int32_t>{1, 2});
  const std::string reset = tw_bytes(s1) + tw_bytes(other) + tw_bytes(s2);
  check_same_oneofs_parse(reset);
  const auto r = tagwire::decode<tw::oneofs>(reset);
  REQUIRE(r.has_value());
  REQUIRE(r->choice.index() == 4);
  CHECK(std::get<4>(r->choice).a == 0);
  CHECK(std::get<4>(r->choice).r == std::vector<std::int32_t>{2});
  // The same alternative-switching inside one message: num, then text, then znum.
  check_same_oneofs_parse(raw_writer().varint(2, 7).len(4, "t").varint(7, 3).len(4, "u").str());
}

// ==== 3. unknown-field relaying ===================================================================

namespace {

void random_uinner2(gen& g, f2::UInner2& p) {
  if (g.one_in(2)) p.set_a(g.integer<std::int32_t>());
  if (g.one_in(2)) p.set_s(g.utf8(4));
  if (g.one_in(2)) p.set_extra(g.integer<std::uint64_t>());
  for (std::size_t i = g.count(4); i > 0; --i) p.add_more(g.integer<std::int32_t>());
  if (g.one_in(2)) {
    p.mutable_g();
    if (g.one_in(2)) p.mutable_g()->set_x(g.integer<std::int32_t>());
  }
}

f2::UV2 random_uv2(gen& g) {
  f2::UV2 p;
  if (g.one_in(2)) p.set_id(g.integer<std::int32_t>());
  if (g.one_in(2)) p.set_new_varint(g.integer<std::uint64_t>());
  if (g.one_in(2)) p.set_name(g.utf8(6));
  if (g.one_in(2)) p.set_new_fixed64(g.integer<std::uint64_t>());
  for (std::size_t i = g.count(5); i > 0; --i) p.add_nums(g.integer<std::int32_t>());
  if (g.one_in(2)) p.set_new_fixed32(g.integer<std::uint32_t>());
  if (g.one_in(2)) random_uinner2(g, *p.mutable_new_inner());
  for (std::size_t i = g.count(5); i > 0; --i) p.add_new_packed(g.integer<std::int32_t>());
  if (g.one_in(2)) random_uinner2(g, *p.mutable_inner());
  for (std::size_t i = g.count(3); i > 0; --i) p.add_new_strings(g.utf8(3));
  if (g.one_in(2)) {
    auto& grp = *p.mutable_newgroup();
    if (g.one_in(2)) grp.set_g(g.integer<std::int32_t>());
    if (g.one_in(2)) {
      auto& deep = *grp.mutable_newdeep();
      for (std::size_t i = g.count(3); i > 0; --i) deep.add_d(g.integer<std::uint64_t>());
      if (g.one_in(2)) deep.set_ds(g.utf8(3));
    }
    if (g.one_in(2)) grp.set_gs(g.utf8(3));
  }
  for (std::size_t i = g.count(3); i > 0; --i) {
    auto& item = *p.add_newitems();
    if (g.one_in(2)) item.set_v(g.integer<std::int64_t>());
    if (g.one_in(2)) random_uinner2(g, *item.mutable_m());
  }
  for (std::size_t i = g.count(4); i > 0; --i) (*p.mutable_new_map())[g.integer<std::int32_t>()] = g.utf8(3);
  switch (g.below(3)) {
    case 1: p.set_c_text(g.utf8(4)); break;
    case 2: random_uinner2(g, *p.mutable_c_msg()); break;
    default: break;
  }
  if (g.one_in(2)) p.set_new_float(g.f32());
  for (std::size_t i = g.count(3); i > 0; --i) random_uinner2(g, *p.add_new_inners());
  if (g.one_in(2)) p.set_score(g.f64());
  for (std::size_t i = g.count(3); i > 0; --i) p.add_new_unpacked(g.integer<std::uint64_t>());
  if (g.one_in(2)) p.set_new_sint(g.integer<std::int64_t>());
  if (g.one_in(2)) p.set_new_bytes(g.blob(8));
  return p;
}

// V2 bytes -> V1 (tagwire and libprotobuf) -> V2: nothing lost, and both relays are byte-identical.
// `rename` makes the relaying program change a field it knows first.
template <class TwV1, class PbV1, class PbV2>
void check_relay(const PbV2& original, const std::string& extra, const char* rename) {
  const std::string wire = pb_bytes(original) + extra;
  CAPTURE(hex(wire));
  auto ours = tagwire::decode<TwV1>(wire);
  REQUIRE_MESSAGE(ours.has_value(), tagwire::to_string(ours.error().code), " at ", ours.error().offset);
  PbV1 theirs;
  REQUIRE(theirs.ParseFromString(wire));
  if (rename != nullptr) {
    ours->name = rename;
    theirs.set_name(rename);
  }
  const std::string ours_relayed = tw_bytes(*ours);
  const std::string theirs_relayed = pb_bytes(theirs);
  CHECK_MESSAGE(ours_relayed == theirs_relayed, "tagwire:     ", hex(ours_relayed),
                "\nlibprotobuf: ", hex(theirs_relayed));
  CHECK(tagwire::encoded_size(*ours) == theirs.ByteSizeLong());

  PbV2 again;
  REQUIRE(again.ParseFromString(ours_relayed));
  PbV2 expect = original;
  if (!extra.empty()) REQUIRE(expect.MergeFromString(extra));
  if (rename != nullptr) expect.set_name(rename);
  // Same fields <=> same deterministic bytes (unknown ones would show up too).
  CHECK_MESSAGE(pb_bytes(again) == pb_bytes(expect), "relayed V2:  ", again.ShortDebugString(),
                "\nexpected V2: ", expect.ShortDebugString());
  CHECK(again.GetReflection()->GetUnknownFields(again).empty());
}

}  // namespace

TEST_CASE("unknown fields (proto2 with groups): V2 relayed through tagwire V1 arrives intact") {
  f2::UV2 full;
  full.set_id(0);
  full.set_new_varint(UINT64_MAX);
  full.set_name("known");
  full.set_new_fixed64(0x0123456789abcdef);
  full.add_nums(1);
  full.add_nums(INT32_MIN);
  full.set_new_fixed32(UINT32_MAX);
  full.mutable_new_inner()->set_s("unknown sub-message");
  full.mutable_new_inner()->mutable_g()->set_x(-1);
  full.add_new_packed(-1);
  full.add_new_packed(INT32_MAX);
  full.mutable_inner()->set_a(7);
  full.mutable_inner()->set_extra(99);  // unknown inside a known sub-message
  full.mutable_inner()->add_more(-5);
  full.mutable_inner()->mutable_g();
  full.add_new_strings("x");
  full.add_new_strings("");
  full.mutable_newgroup()->set_g(3);
  full.mutable_newgroup()->mutable_newdeep()->add_d(1);
  full.mutable_newgroup()->mutable_newdeep()->set_ds("deep");
  full.mutable_newgroup()->set_gs("gs");
  full.add_newitems()->set_v(INT64_MIN);
  full.add_newitems()->mutable_m()->set_a(4);
  (*full.mutable_new_map())[-1] = "neg";
  (*full.mutable_new_map())[1] = "pos";
  full.mutable_c_msg()->set_s("choice");
  full.set_new_float(-0.0f);
  full.add_new_inners()->set_a(1);
  full.add_new_inners();
  full.set_score(std::bit_cast<double>(std::uint64_t{0x7ff8000000000123}));
  full.add_new_unpacked(0);
  full.add_new_unpacked(UINT64_MAX);
  full.set_new_sint(INT64_MIN);
  full.set_new_bytes(std::string("\0\x01\xff", 3));
  check_relay<tw::u_v1, f2::UV1>(full, "", nullptr);
  check_relay<tw::u_v1, f2::UV1>(full, "", "renamed");

  // A second occurrence of known and unknown fields appended (merged by both V2 readers).
  f2::UV2 more;
  more.set_name("second");
  more.add_nums(9);
  more.mutable_inner()->set_s("merged");
  more.mutable_newgroup()->set_gs("again");
  check_relay<tw::u_v1, f2::UV1>(full, pb_bytes(more), nullptr);

  gen g(0x72656c6179);
  for (int i = 0; i < 100; ++i) {
    CAPTURE(i);
    check_relay<tw::u_v1, f2::UV1>(random_uv2(g), "", i % 3 == 0 ? "r" : nullptr);
  }
}

TEST_CASE("unknown fields (proto3): interop.proto V2 relayed through tagwire V1 arrives intact") {
  gen g(0x70337265);
  for (int i = 0; i < 60; ++i) {
    CAPTURE(i);
    ip::V2 v2;
    v2.set_id(g.integer<std::int32_t>());
    v2.set_new_varint(g.integer<std::uint64_t>());
    v2.set_name(g.utf8(5));
    v2.set_new_fixed64(g.integer<std::uint64_t>());
    for (std::size_t j = g.count(4); j > 0; --j) v2.add_nums(g.integer<std::int32_t>());
    v2.set_new_fixed32(g.integer<std::uint32_t>());
    if (g.one_in(2)) v2.mutable_new_inner()->set_s(g.utf8(4));
    for (std::size_t j = g.count(4); j > 0; --j) v2.add_new_packed(g.integer<std::int32_t>());
    if (g.one_in(2)) {
      v2.mutable_inner()->set_a(g.integer<std::int32_t>());
      for (std::size_t j = g.count(3); j > 0; --j) v2.mutable_inner()->add_zs(g.integer<std::int64_t>());
      v2.mutable_inner()->set_e(static_cast<ip::Color>(g.integer<std::int32_t>()));
    }
    for (std::size_t j = g.count(3); j > 0; --j) v2.add_new_strings(g.utf8(3));
    v2.set_new_bytes(g.blob(5));
    v2.set_score(g.f64());
    for (std::size_t j = g.count(3); j > 0; --j) v2.add_new_unpacked(g.integer<std::uint64_t>());
    v2.set_new_sint(g.integer<std::int64_t>());
    check_relay<tw::p3_v1, ip::V1>(v2, "", i % 2 == 0 ? "renamed" : nullptr);
  }
}

// ==== 4. proto2: required, defaults, groups ========================================================

namespace {

void to_pb(const tw::p2_inner& t, f2::Inner& p) {
  if (t.a) p.set_a(*t.a);
  if (t.label) p.set_label(*t.label);
}
tw::p2_inner from_pb(const f2::Inner& p) {
  tw::p2_inner t;
  if (p.has_a()) t.a = p.a();
  if (p.has_label()) t.label = p.label();
  return t;
}

void to_pb(const tw::p2_req& t, f2::Req& p) {
  if (t.id) p.set_id(*t.id);
  if (t.name) p.set_name(*t.name);
  if (t.sub) to_pb(*t.sub, *p.mutable_sub());
  if (t.count) p.set_count(*t.count);
  if (t.greeting) p.set_greeting(*t.greeting);
  if (t.ratio) p.set_ratio(*t.ratio);
  if (t.delta) p.set_delta(*t.delta);
  if (t.flag) p.set_flag(*t.flag);
  for (const auto& s : t.subs) to_pb(s, *p.add_subs());
  if (t.opt_sub) to_pb(*t.opt_sub, *p.mutable_opt_sub());
  if (t.grp) {
    auto& grp = *p.mutable_grp();
    if (t.grp->x) grp.set_x(*t.grp->x);
    if (t.grp->s) grp.set_s(*t.grp->s);
    if (t.grp->deep) {
      auto& deep = *grp.mutable_deep();
      if (t.grp->deep->d) deep.set_d(*t.grp->deep->d);
      for (auto r : t.grp->deep->r) deep.add_r(r);
    }
  }
  for (const auto& it : t.items) {
    auto& item = *p.add_item();
    if (it.n) item.set_n(*it.n);
    if (it.in) to_pb(*it.in, *item.mutable_in());
  }
  if (t.tail) p.set_tail(*t.tail);
}

tw::p2_req from_pb(const f2::Req& p) {
  tw::p2_req t;
  if (p.has_id()) t.id = p.id();
  if (p.has_name()) t.name = p.name();
  if (p.has_sub()) t.sub = from_pb(p.sub());
  if (p.has_count()) t.count = p.count();
  if (p.has_greeting()) t.greeting = p.greeting();
  if (p.has_ratio()) t.ratio = p.ratio();
  if (p.has_delta()) t.delta = p.delta();
  if (p.has_flag()) t.flag = p.flag();
  for (const auto& s : p.subs()) t.subs.push_back(from_pb(s));
  if (p.has_opt_sub()) t.opt_sub = from_pb(p.opt_sub());
  if (p.has_grp()) {
    auto& grp = t.grp.emplace();
    if (p.grp().has_x()) grp.x = p.grp().x();
    if (p.grp().has_s()) grp.s = p.grp().s();
    if (p.grp().has_deep()) {
      auto& deep = grp.deep.emplace();
      if (p.grp().deep().has_d()) deep.d = p.grp().deep().d();
      deep.r.assign(p.grp().deep().r().begin(), p.grp().deep().r().end());
    }
  }
  for (const auto& it : p.item()) {
    auto& item = t.items.emplace_back();
    if (it.has_n()) item.n = it.n();
    if (it.has_in()) item.in = from_pb(it.in());
  }
  if (p.has_tail()) t.tail = p.tail();
  return t;
}

tw::p2_inner random_p2_inner(gen& g) {
  tw::p2_inner t;
  t.a = g.integer<std::int32_t>();
  if (g.one_in(2)) t.label = g.utf8(3);
  return t;
}

// All required fields set, at every level.
tw::p2_req random_p2_req(gen& g) {
  tw::p2_req t;
  t.id = g.integer<std::int32_t>();
  t.name = g.utf8(4);
  t.sub = random_p2_inner(g);
  if (g.one_in(2)) t.count = g.integer<std::int32_t>();
  if (g.one_in(2)) t.greeting = g.utf8(4);
  if (g.one_in(2)) t.ratio = g.f64();
  if (g.one_in(2)) t.delta = g.integer<std::int64_t>();
  if (g.one_in(2)) t.flag = g.one_in(2);
  for (std::size_t i = g.count(3); i > 0; --i) t.subs.push_back(random_p2_inner(g));
  if (g.one_in(2)) t.opt_sub = random_p2_inner(g);
  if (g.one_in(2)) {
    auto& grp = t.grp.emplace();
    if (g.one_in(2)) grp.x = g.integer<std::int32_t>();
    if (g.one_in(2)) grp.s = g.utf8(3);
    if (g.one_in(2)) {
      auto& deep = grp.deep.emplace();
      if (g.one_in(2)) deep.d = g.integer<std::uint32_t>();
      for (std::size_t i = g.count(3); i > 0; --i) deep.r.push_back(g.integer<std::int32_t>());
    }
  }
  for (std::size_t i = g.count(3); i > 0; --i) {
    auto& item = t.items.emplace_back();
    item.n = g.integer<std::int32_t>();
    if (g.one_in(2)) item.in = random_p2_inner(g);
  }
  if (g.one_in(2)) t.tail = g.integer<std::int32_t>();
  return t;
}

// Drops one required field somewhere (when there is one to drop at the chosen place).
void drop_required(gen& g, tw::p2_req& t) {
  switch (g.below(8)) {
    case 0: t.id.reset(); break;
    case 1: t.name.reset(); break;
    case 2: t.sub.reset(); break;
    case 3:
      if (t.sub) t.sub->a.reset();
      break;
    case 4:
      if (!t.subs.empty()) t.subs[g.below(t.subs.size())].a.reset();
      break;
    case 5:
      if (t.opt_sub) t.opt_sub->a.reset();
      break;
    case 6:
      if (!t.items.empty()) t.items[g.below(t.items.size())].n.reset();
      break;
    default:
      if (!t.items.empty() && t.items.front().in) t.items.front().in->a.reset();
      break;
  }
}

// Encoding, sizes, is_initialized, and decoding (strict and partial) against libprotobuf.
void check_p2(const tw::p2_req& t) {
  f2::Req p;
  to_pb(t, p);
  const bool init = p.IsInitialized();
  CHECK(tagwire::is_initialized(t) == init);
  const std::string theirs = pb_bytes(p, true);
  const std::string ours = tw_bytes(t);
  CHECK_MESSAGE(ours == theirs, "tagwire:     ", hex(ours), "\nlibprotobuf: ", hex(theirs));
  CHECK(tagwire::encoded_size(t) == p.ByteSizeLong());

  // Strict parse: both refuse exactly the uninitialized messages.
  f2::Req q;
  bool theirs_ok = false;
  {
    google::protobuf::LogSilencer quiet;  // libprotobuf logs the missing fields
    theirs_ok = q.ParseFromString(ours);
  }
  CHECK(theirs_ok == init);
  const auto strict = tagwire::decode<tw::p2_req>(theirs);
  CHECK(strict.has_value() == init);
  if (strict) CHECK_SAME(*strict, t);
  else CHECK(strict.error().code == tagwire::errc::missing_required);

  // Partial parse: both accept and agree.
  f2::Req q2;
  REQUIRE(q2.ParsePartialFromString(ours));
  CHECK_SAME(from_pb(q2), t);
  const auto partial = tagwire::decode<tw::p2_req>(theirs, {.partial = true});
  REQUIRE(partial.has_value());
  CHECK_SAME(*partial, t);
  CHECK(tagwire::is_initialized(*partial) == init);
}

// Parses `bytes` with both, strictly and partially, and compares.
void check_same_p2_parse(const std::string& bytes) {
  CAPTURE(hex(bytes));
  f2::Req theirs;
  bool theirs_ok = false;
  {
    google::protobuf::LogSilencer quiet;
    theirs_ok = theirs.ParseFromString(bytes);
  }
  const auto ours = tagwire::decode<tw::p2_req>(bytes);
  CHECK_MESSAGE(ours.has_value() == theirs_ok, "libprotobuf ", theirs_ok ? "accepts" : "refuses",
                ", tagwire: ", ours ? "ok" : tagwire::to_string(ours.error().code));
  if (!ours) CHECK(ours.error().code == tagwire::errc::missing_required);
  if (ours && theirs_ok) CHECK_SAME(*ours, from_pb(theirs));
  f2::Req partial_theirs;
  REQUIRE(partial_theirs.ParsePartialFromString(bytes));
  const auto partial_ours = tagwire::decode<tw::p2_req>(bytes, {.partial = true});
  REQUIRE(partial_ours.has_value());
  CHECK_SAME(*partial_ours, from_pb(partial_theirs));
  CHECK(tagwire::is_initialized(*partial_ours) == partial_theirs.IsInitialized());
}

}  // namespace

TEST_CASE("proto2: required fields, defaults and groups, same bytes and values as libprotobuf") {
  tw::p2_req t;
  t.id = 0;
  t.name = "";
  t.sub = tw::p2_inner{0, std::nullopt};
  check_p2(t);
  CHECK(hex(tw_bytes(t)) == "08 00 12 00 1a 02 08 00");
  t.count = 42;  // equal to the default but set: written by both
  t.greeting = "hello";
  t.ratio = -0.0;
  t.delta = -7;
  t.flag = false;
  t.subs = {{1, "a"}, {0, ""}};
  t.opt_sub = tw::p2_inner{INT32_MIN, std::nullopt};
  t.grp = tw::p2_grp{};  // an empty group that is set: start and end tags only
  t.items = {{1, std::nullopt}, {2, tw::p2_inner{3, "i"}}};
  t.tail = 0;
  check_p2(t);
  t.grp = tw::p2_grp{-1, "g", tw::p2_deep{0xdeadbeef, {0, -1, 300}}};
  check_p2(t);
  t.grp->deep = tw::p2_deep{};
  check_p2(t);

  gen g(0x70726f746f32);
  for (int i = 0; i < 150; ++i) {
    CAPTURE(i);
    auto r = random_p2_req(g);
    check_p2(r);
    drop_required(g, r);
    check_p2(r);
  }
}

TEST_CASE("proto2: absent optional fields read as the schema defaults (member initialisers)") {
  f2::Req p;
  p.set_id(5);
  p.set_name("n");
  p.mutable_sub()->set_a(0);
  p.add_subs()->set_a(1);     // unknown to p2_req_plain: skipped
  p.mutable_grp()->set_x(1);  // a group unknown to p2_req_plain: skipped
  const std::string bytes = pb_bytes(p);
  const auto t = tagwire::decode<tw::p2_req_plain>(bytes);
  REQUIRE(t.has_value());
  CHECK(t->id == p.id());
  CHECK(t->name == p.name());
  CHECK(t->sub.a == p.sub().a());
  CHECK(t->count == p.count());
  CHECK(t->greeting == p.greeting());
  CHECK(t->ratio == p.ratio());
  CHECK(t->delta == p.delta());
  CHECK(t->flag == p.flag());
  CHECK(t->tail == p.tail());
  // Plain required members are written even at zero, as a set required field is.
  f2::Req zero;
  zero.set_id(0);
  zero.set_name("");
  zero.mutable_sub()->set_a(0);
  tw::p2_req_plain z;
  z.count = 0;
  z.greeting.clear();
  z.ratio = 0;
  z.delta = 0;
  z.flag = false;
  CHECK(hex(tw_bytes(z)) == hex(pb_bytes(zero)));
  // Missing required fields in the plain form: both refuse, both accept partially.
  const std::string no_id = raw_writer().len(2, "n").len(3, std::string("\x08\x01", 2)).str();
  f2::Req q;
  {
    google::protobuf::LogSilencer quiet;
    CHECK_FALSE(q.ParseFromString(no_id));
  }
  const auto r = tagwire::decode<tw::p2_req_plain>(no_id);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == tagwire::errc::missing_required);
  CHECK(r.error().field == 1);
  CHECK(q.ParsePartialFromString(no_id));
  CHECK(tagwire::decode<tw::p2_req_plain>(no_id, {.partial = true}).has_value());
}

TEST_CASE("proto2: hand-built inputs with required fields missing, split or mistyped parse alike") {
  const std::string sub_ok = raw_writer().varint(1, 1).str();
  const std::string base = raw_writer().varint(1, 7).len(2, "n").len(3, sub_ok).str();
  check_same_p2_parse(base);
  check_same_p2_parse(raw_writer().len(2, "n").len(3, sub_ok).str());                       // no id
  check_same_p2_parse(raw_writer().varint(1, 7).len(3, sub_ok).str());                      // no name
  check_same_p2_parse(raw_writer().varint(1, 7).len(2, "n").str());                         // no sub
  check_same_p2_parse(raw_writer().varint(1, 7).len(2, "n").len(3, "").str());              // sub without a
  check_same_p2_parse(base + raw_writer().len(9, "").str());                                // subs[0] without a
  check_same_p2_parse(base + raw_writer().len(10, raw_writer().len(2, "l").str()).str());   // opt_sub without a
  check_same_p2_parse(base + std::string("\x8b\x01\x8c\x01", 4));                           // item without n
  check_same_p2_parse(base + std::string("\x8b\x01\x90\x01\x05\x9a\x01\x00\x8c\x01", 10));  // item.in without a
  check_same_p2_parse(raw_writer().fixed32(1, 7).len(2, "n").len(3, sub_ok).str());         // id mistyped: unknown
  // Required fields split across two occurrences of a merged sub-message or group: the merged
  // message is complete, so libprotobuf accepts it. TODO(tagwire): tagwire checks each occurrence
  // on its own and gives missing_required (reported as a library bug).
  check_same_p2_parse(
      raw_writer().varint(1, 7).len(2, "n").len(3, raw_writer().len(2, "l").str()).len(3, sub_ok).str());
  check_same_p2_parse(base + raw_writer().len(10, raw_writer().len(2, "l").str()).len(10, sub_ok).str());
  // The required fields of the top-level message split across two concatenated messages.
  check_same_p2_parse(raw_writer().varint(1, 7).str() + raw_writer().len(2, "n").len(3, sub_ok).str());
}

TEST_CASE("proto2: decode_into merging into a message that already has the required fields") {
  // libprotobuf's MergeFromString checks the merged message, not the input alone.
  tw::p2_req t;
  t.id = 1;
  t.name = "n";
  t.sub = tw::p2_inner{1, std::nullopt};
  f2::Req p;
  to_pb(t, p);
  const std::string tail_only = raw_writer().varint(20, 9).str();
  bool theirs_ok = false;
  {
    google::protobuf::LogSilencer quiet;
    theirs_ok = p.MergeFromString(tail_only);
  }
  CHECK(theirs_ok);
  const auto r = tagwire::decode_into(tail_only, t);
  // TODO(tagwire): decode_into checks required fields of the input only (reported as a library bug).
  CHECK_MESSAGE(r.has_value() == theirs_ok, "tagwire: ", r ? "ok" : tagwire::to_string(r.error().code));
  CHECK(t.tail == 9);
}

// ==== 5. UTF-8 =====================================================================================

namespace {

// Every place a proto3 string can sit, with `s` in it, as a raw message.
std::vector<std::pair<const char*, std::string>> utf8_placements(const std::string& s) {
  return {
      {"s", raw_writer().len(1, s).str()},
      {"rs", raw_writer().len(3, "ok").len(3, s).str()},
      {"m key", raw_writer().len(4, raw_writer().len(1, s).len(2, "v").str()).str()},
      {"m value", raw_writer().len(4, raw_writer().len(1, "k").len(2, s).str()).str()},
      {"os", raw_writer().len(5, s).str()},
      {"inner.s", raw_writer().len(6, raw_writer().len(1, s).str()).str()},
  };
}

void check_utf8(const std::string& s) {
  CAPTURE(hex(s));
  const bool valid = tagwire::is_valid_utf8(bytes_of(s));
  for (const auto& placement : utf8_placements(s)) {
    const std::string& bytes = placement.second;
    CAPTURE(placement.first);
    f3::Utf8 theirs;
    bool theirs_ok = false;
    {
      google::protobuf::LogSilencer quiet;  // libprotobuf logs invalid UTF-8
      theirs_ok = theirs.ParseFromString(bytes);
    }
    const auto ours = tagwire::decode<tw::utf8_msg>(bytes);
    CHECK_MESSAGE(ours.has_value() == theirs_ok, "libprotobuf ", theirs_ok ? "accepts" : "refuses", ", tagwire ",
                  ours ? "accepts" : tagwire::to_string(ours.error().code));
    CHECK(valid == theirs_ok);
    if (!ours) CHECK(ours.error().code == tagwire::errc::invalid_utf8);
    // Unchecked, tagwire reads the bytes as they are.
    const auto unchecked = tagwire::decode<tw::utf8_msg>(bytes, {.check_utf8 = false});
    CHECK(unchecked.has_value());
  }
  // A bytes field is never checked.
  f3::Utf8 b;
  REQUIRE(b.ParseFromString(raw_writer().len(2, s).str()));
  const auto ours_b = tagwire::decode<tw::utf8_msg>(raw_writer().len(2, s).str());
  REQUIRE(ours_b.has_value());
  CHECK(ours_b->b == b.b());
}

}  // namespace

TEST_CASE("UTF-8: libprotobuf and tagwire accept and refuse the same proto3 strings") {
  // clang-format off
  const std::vector<std::string> cases = {
      "", "ascii", std::string("\0", 1), "\x7f",
      "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
      "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80",
      // overlong forms
      "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf",
      // surrogates U+D800, U+DBFF, U+DC00, U+DFFF, and a CESU-8 pair
      "\xed\xa0\x80", "\xed\xaf\xbf", "\xed\xb0\x80", "\xed\xbf\xbf", "\xed\xa0\xbd\xed\xb8\x80",
      // above U+10FFFF, and bytes that never occur
      "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf7\xbf\xbf\xbf", "\xf8\x88\x80\x80\x80", "\xfe", "\xff",
      // truncated sequences, at the end and in the middle
      "\xc3", "\xe2\x82", "\xf0\x9f\x98", "a\xe2\x82z", "\xf0\x9f\x98z",
      // stray continuation bytes
      "\x80", "\xbf", "a\x80" "b", "\xc3\xa9\xa9",
      // long runs, so that the word-at-a-time paths are used, with the fault near the end
      std::string(40, 'a') + "\xc3\xa9" + std::string(20, 'b'), std::string(40, 'a') + "\xed\xa0\x80",
      std::string(31, 'a') + "\xe2\x82", std::string(64, 'x') + "\x80", std::string(15, 'q') + "\xf0\x9f\x98\x80",
  };
  // clang-format on
  for (const auto& s : cases) check_utf8(s);
}

TEST_CASE("UTF-8: 300 pseudo-random byte strings (fixed seed), mostly high bytes") {
  gen g(0x75746638);
  for (int i = 0; i < 300; ++i) {
    CAPTURE(i);
    std::string s;
    if (g.one_in(3)) {  // valid text with one byte replaced
      s = g.utf8(8);
      if (!s.empty()) s[g.below(s.size())] = static_cast<char>(0x80 | g.below(0x80));
    } else {
      const std::size_t n = g.below(12);
      for (std::size_t j = 0; j < n; ++j) {
        const std::uint64_t kind = g.below(4);
        s += static_cast<char>(kind == 0 ? g.below(0x80) : kind == 1 ? 0x80 | g.below(0x40) : 0xc0 | g.below(0x40));
      }
    }
    check_utf8(s);
  }
}

// ---- length-delimited streams ----------------------------------------------------------------

TEST_CASE("delimited: tagwire's framing equals SerializeDelimitedToOstream, and both parse the other's") {
  // Sizes around the 1-, 2- and 3-byte length prefix boundaries, and an empty message.
  std::string theirs;
  std::vector<std::byte> ours;
  std::vector<tw::oneof_sub> sent;
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{60}, std::size_t{63}, std::size_t{64},
                        std::size_t{8000}, std::size_t{8200}}) {
    tw::oneof_sub m;
    m.a = static_cast<std::int32_t>(n);
    m.r.assign(n, 1);  // n one-byte values: payload n, plus tags
    if (n == 0) m.a = 0;
    f3::OneofSub pb;
    pb.set_a(m.a);
    for (std::int32_t v : m.r) pb.add_r(v);
    std::ostringstream os;
    REQUIRE(google::protobuf::util::SerializeDelimitedToOstream(pb, &os));
    theirs += os.str();
    REQUIRE(tagwire::encode_delimited_to(m, ours).has_value());
    sent.push_back(m);
  }
  CHECK(theirs == std::string(reinterpret_cast<const char*>(ours.data()), ours.size()));

  // libprotobuf reads tagwire's stream back, message by message.
  google::protobuf::io::ArrayInputStream in(ours.data(), static_cast<int>(ours.size()));
  for (const auto& m : sent) {
    f3::OneofSub pb;
    bool clean_eof = false;
    REQUIRE(google::protobuf::util::ParseDelimitedFromZeroCopyStream(&pb, &in, &clean_eof));
    CHECK(pb.a() == m.a);
    CHECK(static_cast<std::size_t>(pb.r_size()) == m.r.size());
  }
  // tagwire reads libprotobuf's stream back, with decode_delimited and with stream_decoder.
  std::span<const std::byte> rest = std::as_bytes(std::span(theirs));
  tagwire::stream_decoder<tw::oneof_sub> dec;
  dec.feed(rest);
  for (const auto& m : sent) {
    auto d = tagwire::decode_delimited<tw::oneof_sub>(rest);
    REQUIRE(d.has_value());
    CHECK(d->message.a == m.a);
    CHECK(d->message.r == m.r);
    rest = rest.subspan(d->consumed);
    tw::oneof_sub s;
    auto got = dec.next(s);
    REQUIRE(got.has_value());
    REQUIRE(*got);
    CHECK(s.r.size() == m.r.size());
  }
  CHECK(rest.empty());
}
