// proto_schema: the exact .proto text for messages covering every feature, and the compile-time
// checks on names and groups. tests/schema_interop runs protoc and Python on such schemas.
#include <doctest/doctest.h>

#include <tagwire/schema.hpp>
#include <tagwire/tagwire.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace sc {

enum class phone_type : std::int32_t { mobile = 1, home = 0, work = 2 };
TAGWIRE_ENUM(phone_type, mobile, home, work);

struct phone_number {
  std::string number;
  phone_type type = phone_type::home;
};
TAGWIRE_MESSAGE(phone_number, TAGWIRE_FIELD(1, number), TAGWIRE_FIELD(2, type));

struct person {
  std::string name;
  std::int32_t id = 0;
  std::optional<std::string> email;
  std::vector<phone_number> phones;
  std::int32_t delta = 0;
};
TAGWIRE_MESSAGE(person, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(3, email), TAGWIRE_FIELD(4, phones),
                TAGWIRE_FIELD(5, delta, tagwire::sint));

// Every scalar type and override, presence and repetition.
struct scalars {
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint32_t u32 = 0;
  std::uint64_t u64 = 0;
  std::int32_t s32 = 0;
  std::int64_t s64 = 0;
  std::uint32_t f32 = 0;
  std::uint64_t f64 = 0;
  std::int32_t sf32 = 0;
  std::int64_t sf64 = 0;
  bool flag = false;
  float f = 0;
  double d = 0;
  std::string text;
  std::string raw;
  std::vector<std::byte> blob;
  std::int16_t small = 0;
  std::optional<std::int32_t> maybe;
  std::unique_ptr<std::uint64_t> owned;
  std::optional<person> sub;
  std::vector<std::int32_t> packed;
  std::vector<std::int64_t> loose;
  std::vector<std::string> words;
  std::vector<phone_type> kinds;
};
TAGWIRE_MESSAGE(scalars, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, u32), TAGWIRE_FIELD(4, u64),
                TAGWIRE_FIELD(5, s32, tagwire::sint), TAGWIRE_FIELD(6, s64, tagwire::sint),
                TAGWIRE_FIELD(7, f32, tagwire::fixed), TAGWIRE_FIELD(8, f64, tagwire::fixed),
                TAGWIRE_FIELD(9, sf32, tagwire::sfixed), TAGWIRE_FIELD(10, sf64, tagwire::sfixed),
                TAGWIRE_FIELD(11, flag), TAGWIRE_FIELD(12, f), TAGWIRE_FIELD(13, d), TAGWIRE_FIELD(14, text),
                TAGWIRE_FIELD(15, raw, tagwire::bytes), TAGWIRE_FIELD(16, blob), TAGWIRE_FIELD(17, small),
                TAGWIRE_FIELD(18, maybe), TAGWIRE_FIELD(19, owned), TAGWIRE_FIELD(20, sub), TAGWIRE_FIELD(21, packed),
                TAGWIRE_FIELD(22, loose, tagwire::unpacked), TAGWIRE_FIELD(23, words), TAGWIRE_FIELD(24, kinds));

// Oneof, maps, and recursion through box, unique_ptr and vector.
enum class color : std::uint8_t { red = 1, green = 2 };  // no zero enumerator
TAGWIRE_ENUM(color, red, green);

struct leaf {
  std::string label;
};
TAGWIRE_MESSAGE(leaf, TAGWIRE_FIELD(1, label));

struct tree {
  std::uint64_t id = 0;
  std::variant<std::monostate, std::string, std::int32_t, leaf, color> payload;
  std::map<std::string, std::int32_t> counts;
  std::map<std::int64_t, tree> kids;
  std::unordered_map<std::uint32_t, color> shades;
  std::map<bool, std::string> flags;
  tagwire::box<tree> left;
  std::unique_ptr<tree> right;
  std::vector<tree> forest;
  tagwire::unknown_fields unknown;  // not part of the schema
};
// The oneof's alternatives are 3 and 9 (declared out of order): the block sits at number 3.
TAGWIRE_MESSAGE(tree, TAGWIRE_FIELD(1, id),
                TAGWIRE_ONEOF(payload, TAGWIRE_ALT(9, text), TAGWIRE_ALT(3, code, tagwire::sint), TAGWIRE_ALT(10, note),
                              TAGWIRE_ALT(11, shade)),
                TAGWIRE_FIELD(2, counts), TAGWIRE_FIELD(4, kids, tagwire::key<tagwire::sfixed>),
                TAGWIRE_FIELD(5, shades, tagwire::key<tagwire::fixed>),
                TAGWIRE_FIELD(6, flags, tagwire::value<tagwire::bytes>), TAGWIRE_FIELD(7, left),
                TAGWIRE_FIELD(8, right), TAGWIRE_FIELD(12, forest), TAGWIRE_UNKNOWN(unknown));

// proto2: required fields, groups (nested, repeated, in a oneof) and a name a group shadows.
struct header {
  std::optional<std::int32_t> version;
  std::string agent = "tagwire";
};
TAGWIRE_MESSAGE(header, TAGWIRE_FIELD(1, version, tagwire::required), TAGWIRE_FIELD(2, agent));
TAGWIRE_NAME(header, "Header");

struct inner {
  std::int32_t a = 0;
};
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, a));

struct deep {
  std::int32_t level = 0;
  inner more;
};
TAGWIRE_MESSAGE(deep, TAGWIRE_FIELD(1, level), TAGWIRE_FIELD(2, more, tagwire::group));

struct request {
  std::int32_t id = 0;
  sc::header hdr;
  std::vector<sc::header> history;
  sc::header header;  // a group named Header: inside request, `Header` means it
  sc::header copy;    // so the top-level message is written .pkg.Header
  std::vector<std::int32_t> xs;
  std::vector<std::int32_t> ys;
  std::optional<double> ratio;
  std::variant<std::monostate, std::string, inner> pick;
  std::map<std::string, sc::header> by_name;
  deep d;
  color shade = color::red;
  tagwire::packed_view<std::uint32_t, tagwire::fixed> raw;
};
TAGWIRE_MESSAGE(request, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, hdr, tagwire::group),
                TAGWIRE_FIELD(3, history, tagwire::group), TAGWIRE_FIELD(4, header, tagwire::group),
                TAGWIRE_FIELD(5, copy), TAGWIRE_FIELD(6, xs), TAGWIRE_FIELD(7, ys, tagwire::unpacked),
                TAGWIRE_FIELD(8, ratio), TAGWIRE_ONEOF(pick, TAGWIRE_ALT(9, name), TAGWIRE_ALT(10, in, tagwire::group)),
                TAGWIRE_FIELD(11, by_name), TAGWIRE_FIELD(12, d, tagwire::group), TAGWIRE_FIELD(13, shade),
                TAGWIRE_FIELD(14, raw));

// Names: template arguments and anonymous namespaces are dropped, TAGWIRE_NAME on an enum,
// enumerator aliases, a field of a hand-written descriptor without a name.
template <class X>
struct wrapped {
  X value{};
};
TAGWIRE_MESSAGE(wrapped<std::int32_t>, TAGWIRE_FIELD(1, value));

enum class status : std::int32_t { failed = 2, ok = 0, success = 0 };
TAGWIRE_ENUM(status, failed, ok, success);
TAGWIRE_NAME(status, "StatusCode");

namespace {
struct hidden {
  wrapped<std::int32_t> w;
  status s = status::ok;
  std::int32_t anonymous = 0;
};
}  // namespace

// Views and fixed-capacity containers map like the owning types.
struct frame {
  std::string_view sender;
  std::vector<std::string_view> tags;
  tagwire::packed_view<std::int32_t, tagwire::sint> deltas;
  std::span<const std::byte> payload;
  tagwire::fixed_string<8> node;
  tagwire::fixed_vector<float, 4> temps;
};
TAGWIRE_MESSAGE(frame, TAGWIRE_FIELD(1, sender), TAGWIRE_FIELD(2, tags), TAGWIRE_FIELD(3, deltas),
                TAGWIRE_FIELD(4, payload), TAGWIRE_FIELD(5, node), TAGWIRE_FIELD(6, temps));

}  // namespace sc

template <>
struct tagwire::descriptor<sc::hidden> {
  static constexpr auto fields =
      std::tuple{tagwire::field<1, &sc::hidden::w>{"w"}, tagwire::field<2, &sc::hidden::s>{"s"},
                 tagwire::field<3, &sc::hidden::anonymous>{}};
};

namespace sc_their {
struct vec2 {
  float x = 0;
  float y = 0;
};
}  // namespace sc_their
template <>
struct tagwire::descriptor<sc_their::vec2> {
  static constexpr auto fields =
      std::tuple{tagwire::field<1, &sc_their::vec2::x>{"x"}, tagwire::field<2, &sc_their::vec2::y>{"y"}};
};
template <>
struct tagwire::proto_name<sc_their::vec2> {
  static constexpr std::string_view value = "Vec2";
};

static_assert(tagwire::schema_name<sc::person>() == "person");
static_assert(tagwire::schema_name<sc::header>() == "Header");
static_assert(tagwire::schema_name<sc::wrapped<std::int32_t>>() == "wrapped");
static_assert(tagwire::schema_name<sc::hidden>() == "hidden");
static_assert(tagwire::schema_name<sc::status>() == "StatusCode");
static_assert(tagwire::schema_name<sc_their::vec2>() == "Vec2");

TEST_CASE("proto_schema: proto3 message with its nested message and enum") {
  CHECK(tagwire::proto_schema<sc::person>("demo") ==
        R"(syntax = "proto3";

package demo;

message person {
  string name = 1;
  int32 id = 2;
  optional string email = 3;
  repeated phone_number phones = 4;
  sint32 delta = 5;
}

message phone_number {
  string number = 1;
  phone_type type = 2;
}

enum phone_type {
  PHONE_TYPE_HOME = 0;
  PHONE_TYPE_MOBILE = 1;
  PHONE_TYPE_WORK = 2;
}
)");
}

TEST_CASE("proto_schema: every scalar type, override, presence and repetition (proto3)") {
  const std::string s = tagwire::proto_schema<sc::scalars>("demo");
  CHECK(s == R"(syntax = "proto3";

package demo;

message scalars {
  int32 i32 = 1;
  int64 i64 = 2;
  uint32 u32 = 3;
  uint64 u64 = 4;
  sint32 s32 = 5;
  sint64 s64 = 6;
  fixed32 f32 = 7;
  fixed64 f64 = 8;
  sfixed32 sf32 = 9;
  sfixed64 sf64 = 10;
  bool flag = 11;
  float f = 12;
  double d = 13;
  string text = 14;
  bytes raw = 15;
  bytes blob = 16;
  int32 small = 17;
  optional int32 maybe = 18;
  optional uint64 owned = 19;
  person sub = 20;
  repeated int32 packed = 21;
  repeated int64 loose = 22 [packed = false];
  repeated string words = 23;
  repeated phone_type kinds = 24;
}

message person {
  string name = 1;
  int32 id = 2;
  optional string email = 3;
  repeated phone_number phones = 4;
  sint32 delta = 5;
}

enum phone_type {
  PHONE_TYPE_HOME = 0;
  PHONE_TYPE_MOBILE = 1;
  PHONE_TYPE_WORK = 2;
}

message phone_number {
  string number = 1;
  phone_type type = 2;
}
)");
}

TEST_CASE("proto_schema: oneof, maps with key and value overrides, recursion") {
  CHECK(tagwire::proto_schema<sc::tree>("demo") == R"(syntax = "proto3";

package demo;

message tree {
  uint64 id = 1;
  map<string, int32> counts = 2;
  oneof payload {
    sint32 code = 3;
    string text = 9;
    leaf note = 10;
    color shade = 11;
  }
  map<sfixed64, tree> kids = 4;
  map<fixed32, color> shades = 5;
  map<bool, bytes> flags = 6;
  tree left = 7;
  tree right = 8;
  repeated tree forest = 12;
}

enum color {
  COLOR_UNSPECIFIED = 0;
  COLOR_RED = 1;
  COLOR_GREEN = 2;
}

message leaf {
  string label = 1;
}
)");
}

TEST_CASE("proto_schema: proto2 with required fields and groups") {
  CHECK(tagwire::proto_schema<sc::request>("p2") == R"(syntax = "proto2";

package p2;

message request {
  required int32 id = 1;
  optional group Hdr = 2 {
    required int32 version = 1;
    optional string agent = 2;
  }
  repeated group History = 3 {
    required int32 version = 1;
    optional string agent = 2;
  }
  optional group Header = 4 {
    required int32 version = 1;
    optional string agent = 2;
  }
  optional .p2.Header copy = 5;
  repeated int32 xs = 6 [packed = true];
  repeated int32 ys = 7;
  optional double ratio = 8;
  oneof pick {
    string name = 9;
    group In = 10 {
      optional int32 a = 1;
    }
  }
  map<string, .p2.Header> by_name = 11;
  optional group D = 12 {
    optional int32 level = 1;
    optional group More = 2 {
      optional int32 a = 1;
    }
  }
  optional color shade = 13;
  repeated fixed32 raw = 14 [packed = true];
}

message Header {
  required int32 version = 1;
  optional string agent = 2;
}

enum color {
  COLOR_UNSPECIFIED = 0;
  COLOR_RED = 1;
  COLOR_GREEN = 2;
}
)");
  // Without a package, a shadowed name is qualified from the root.
  const std::string bare = tagwire::proto_schema<sc::request>();
  CHECK(bare.find("optional .Header copy = 5;\n") != std::string::npos);
  CHECK(bare.find("package") == std::string::npos);
}

TEST_CASE("proto_schema: names, enum aliases, no package, several roots") {
  CHECK(tagwire::proto_schema<sc::hidden, sc_their::vec2, sc::color>() == R"(syntax = "proto3";

message hidden {
  wrapped w = 1;
  StatusCode s = 2;
  int32 field_3 = 3;
}

message Vec2 {
  float x = 1;
  float y = 2;
}

enum color {
  COLOR_UNSPECIFIED = 0;
  COLOR_RED = 1;
  COLOR_GREEN = 2;
}

message wrapped {
  int32 value = 1;
}

enum StatusCode {
  option allow_alias = true;
  STATUS_CODE_OK = 0;
  STATUS_CODE_FAILED = 2;
  STATUS_CODE_SUCCESS = 0;
}
)");
  // A type given twice, or reached again, is declared once; the given types come first.
  CHECK(tagwire::proto_schema<sc::person, sc::person>("demo") == tagwire::proto_schema<sc::person>("demo"));
  const std::string roots = tagwire::proto_schema<sc::person, sc::phone_type>("demo");
  CHECK(roots.find("enum phone_type {") < roots.find("message phone_number {"));
  CHECK(roots.size() == tagwire::proto_schema<sc::person>("demo").size());
}

TEST_CASE("proto_schema: views and fixed-capacity containers") {
  CHECK(tagwire::proto_schema<sc::frame>("v") == R"(syntax = "proto3";

package v;

message frame {
  string sender = 1;
  repeated string tags = 2;
  repeated sint32 deltas = 3;
  bytes payload = 4;
  string node = 5;
  repeated float temps = 6;
}
)");
}

// ---- the compile-time checks, tested on their predicates ---------------------------------------

namespace sc_dup_a {
struct point {
  std::int32_t x = 0;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x));
}  // namespace sc_dup_a
namespace sc_dup_b {
struct point {
  std::int32_t y = 0;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, y));
struct holder {
  sc_dup_a::point a;
  point b;
};
TAGWIRE_MESSAGE(holder, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b));
}  // namespace sc_dup_b

namespace sc_enum_clash {
enum class a_b : std::int32_t { c = 0 };
TAGWIRE_ENUM(a_b, c);
enum class a : std::int32_t { b_c = 0 };
TAGWIRE_ENUM(a, b_c);
enum class odd : std::int32_t { unspecified = 1 };  // collides with the synthetic ODD_UNSPECIFIED
TAGWIRE_ENUM(odd, unspecified);
enum class fine : std::int32_t { unspecified = 0 };
TAGWIRE_ENUM(fine, unspecified);
struct both {
  a_b x = a_b::c;
  a y = a::b_c;
};
TAGWIRE_MESSAGE(both, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y));
struct uses_odd {
  odd o = odd::unspecified;
};
TAGWIRE_MESSAGE(uses_odd, TAGWIRE_FIELD(1, o));
struct uses_fine {
  fine f = fine::unspecified;
  a_b x = a_b::c;
};
TAGWIRE_MESSAGE(uses_fine, TAGWIRE_FIELD(1, f), TAGWIRE_FIELD(2, x));
}  // namespace sc_enum_clash

namespace sc_cycles {
struct g2;
struct g1 {
  tagwire::box<g2> next;
};
struct g2 {
  std::vector<g1> back;
};
TAGWIRE_MESSAGE(g1, TAGWIRE_FIELD(1, next, tagwire::group));
TAGWIRE_MESSAGE(g2, TAGWIRE_FIELD(1, back, tagwire::group));
struct half {  // the cycle goes through a plain message field: fine
  tagwire::box<half> self;
  sc::inner in;
};
TAGWIRE_MESSAGE(half, TAGWIRE_FIELD(1, self), TAGWIRE_FIELD(2, in, tagwire::group));
}  // namespace sc_cycles

namespace tdet = tagwire::detail;
static_assert(!tdet::symbols_unique(tdet::reachable<sc_dup_b::holder>{}));
static_assert(tdet::symbols_unique(tdet::reachable<sc_dup_a::point>{}));
static_assert(!tdet::symbols_unique(tdet::reachable<sc_enum_clash::both>{}));  // A_B_C twice
static_assert(!tdet::symbols_unique(tdet::reachable<sc_enum_clash::uses_odd>{}));
static_assert(tdet::symbols_unique(tdet::reachable<sc_enum_clash::uses_fine>{}));
static_assert(!tdet::groups_acyclic<sc_cycles::g1>());
static_assert(!tdet::groups_acyclic<sc_cycles::g2>());
static_assert(tdet::groups_acyclic<sc_cycles::half>());
static_assert(tdet::groups_acyclic<sc::request>());

// Names parsed from __PRETTY_FUNCTION__ as g++ and clang spell it.
static constexpr std::string_view component(std::string_view pretty) {
  const auto r = tdet::last_component(pretty);
  return pretty.substr(r.pos, r.len);
}
static_assert(component("f() [with T = a::b::point; std::string_view = x]") == "point");
static_assert(component("f() [T = (anonymous namespace)::point]") == "point");
static_assert(component("f() [with T = {anonymous}::point; y]") == "point");
static_assert(component("f() [T = ns::wrap<ns::x<int>, other::y>]") == "wrap");
static_assert(component("f() [T = main()::local]") == "local");
static_assert(component("f() [T = point]") == "point");
static_assert(tdet::is_proto_identifier("_x9"));
static_assert(!tdet::is_proto_identifier("9x"));
static_assert(!tdet::is_proto_identifier("(lambda at a.cpp:3:4)"));
static_assert(!tdet::is_proto_identifier(""));

TEST_CASE("proto_schema: enumerator prefixes in UPPER_SNAKE_CASE") {
  CHECK(tagwire::proto_schema<sc_enum_clash::uses_fine>("e") == R"(syntax = "proto3";

package e;

message uses_fine {
  fine f = 1;
  a_b x = 2;
}

enum fine {
  FINE_UNSPECIFIED = 0;
}

enum a_b {
  A_B_C = 0;
}
)");
}

namespace schema_reserved {
struct retired {
  std::int32_t kept = 0;
  std::string renamed;
};
TAGWIRE_MESSAGE(retired, TAGWIRE_FIELD(1, kept), TAGWIRE_RESERVED(2), TAGWIRE_RESERVED(4, 6), TAGWIRE_FIELD(7, renamed),
                TAGWIRE_RESERVED(100, 536870911));
}  // namespace schema_reserved

TEST_CASE("proto_schema: TAGWIRE_RESERVED ranges become reserved statements") {
  CHECK(tagwire::proto_schema<schema_reserved::retired>("r") ==
        "syntax = \"proto3\";\n"
        "\n"
        "package r;\n"
        "\n"
        "message retired {\n"
        "  reserved 2, 4 to 6, 100 to 536870911;\n"
        "  int32 kept = 1;\n"
        "  string renamed = 7;\n"
        "}\n");
  // Reserved ranges do not change the encoding.
  std::string wire;
  REQUIRE(tagwire::encode_to(schema_reserved::retired{3, "x"}, wire).has_value());
  CHECK(wire == std::string("\x08\x03\x3a\x01x", 5));
}
