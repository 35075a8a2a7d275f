// Differential test: tagwire::to_text(msg) must equal what `protoc --decode` prints for the bytes
// tagwire::encode writes, byte for byte. The structs mirror text3.proto and text2.proto.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <stdlib.h>  // mkstemp
#include <unistd.h>  // write, close, unlink

#include <bit>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tagwire/tagwire.hpp>
#include <tagwire/text.hpp>
#include <unordered_map>
#include <variant>
#include <vector>

namespace tt {
enum class color : std::int32_t { red = 0, green = 1, blue = 2, neg = -1 };
TAGWIRE_ENUM(color, red, green, blue, neg);

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
  bool b = false;
  tt::color color = tt::color::red;
  float fl = 0;
  double db = 0;
  std::string str;
  std::vector<std::byte> by;
};
TAGWIRE_MESSAGE(scalars, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, u32), TAGWIRE_FIELD(4, u64),
                TAGWIRE_FIELD(5, s32, tagwire::sint), TAGWIRE_FIELD(6, s64, tagwire::sint),
                TAGWIRE_FIELD(7, f32, tagwire::fixed), TAGWIRE_FIELD(8, f64, tagwire::fixed),
                TAGWIRE_FIELD(9, sf32, tagwire::sfixed), TAGWIRE_FIELD(10, sf64, tagwire::sfixed), TAGWIRE_FIELD(11, b),
                TAGWIRE_FIELD(12, color), TAGWIRE_FIELD(13, fl), TAGWIRE_FIELD(14, db), TAGWIRE_FIELD(15, str),
                TAGWIRE_FIELD(16, by));

struct repeated {
  std::vector<std::int32_t> i32;
  std::vector<std::int64_t> s64;
  std::vector<std::uint32_t> f32;
  std::vector<bool> b;
  std::vector<tt::color> color;
  std::vector<float> fl;
  std::vector<double> db;
  std::vector<std::string> str;
  std::vector<std::string> by;
  std::vector<scalars> msgs;
  std::vector<std::uint64_t> u64;
};
TAGWIRE_MESSAGE(repeated, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, s64, tagwire::sint),
                TAGWIRE_FIELD(3, f32, tagwire::fixed), TAGWIRE_FIELD(4, b), TAGWIRE_FIELD(5, color),
                TAGWIRE_FIELD(6, fl), TAGWIRE_FIELD(7, db), TAGWIRE_FIELD(8, str), TAGWIRE_FIELD(9, by, tagwire::bytes),
                TAGWIRE_FIELD(10, msgs), TAGWIRE_FIELD(11, u64, tagwire::unpacked));

struct maps {
  std::map<std::int32_t, std::string> by_int;
  std::unordered_map<std::string, scalars> by_name;
  std::map<std::uint64_t, tt::color> colors;
  std::map<bool, std::vector<std::byte>> flags;
  std::map<std::int64_t, double> zigzag;
  std::unordered_map<std::uint32_t, float> fixed;
};
TAGWIRE_MESSAGE(maps, TAGWIRE_FIELD(1, by_int), TAGWIRE_FIELD(2, by_name), TAGWIRE_FIELD(3, colors),
                TAGWIRE_FIELD(4, flags), TAGWIRE_FIELD(5, zigzag, tagwire::key<tagwire::sint>),
                TAGWIRE_FIELD(6, fixed, tagwire::key<tagwire::fixed>));

struct tree {
  std::string label;
  tagwire::box<tree> left;
  std::vector<tree> kids;
  std::variant<std::monostate, std::int32_t, std::string, scalars, tt::color> choice;
  std::optional<std::int32_t> maybe;
  std::optional<std::string> maybe_text;
  scalars plain;
  std::optional<scalars> held;
};
TAGWIRE_MESSAGE(tree, TAGWIRE_FIELD(1, label), TAGWIRE_FIELD(2, left), TAGWIRE_FIELD(4, kids),
                TAGWIRE_ONEOF(choice, TAGWIRE_ALT(5, num), TAGWIRE_ALT(6, text), TAGWIRE_ALT(7, scalars),
                              TAGWIRE_ALT(8, hue)),
                TAGWIRE_FIELD(9, maybe), TAGWIRE_FIELD(10, maybe_text), TAGWIRE_FIELD(11, plain),
                TAGWIRE_FIELD(12, held));

struct v1 {
  std::int32_t a = 0;
  std::string b;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(v1, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b), TAGWIRE_UNKNOWN(unknown));

struct v2 {
  std::int32_t a = 0;
  std::string b;
  std::uint64_t c = 0;
  std::uint32_t d = 0;
  std::uint64_t e = 0;
  std::vector<std::byte> f;
  tagwire::box<v2> g;
  std::vector<float> h;
  std::vector<v2> kids;
};
TAGWIRE_MESSAGE(v2, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b), TAGWIRE_FIELD(3, c), TAGWIRE_FIELD(4, d, tagwire::fixed),
                TAGWIRE_FIELD(5, e, tagwire::fixed), TAGWIRE_FIELD(6, f), TAGWIRE_FIELD(7, g), TAGWIRE_FIELD(8, h),
                TAGWIRE_FIELD(9, kids));
}  // namespace tt

namespace tt2 {
enum class priority : std::int32_t { plain = 0, urgent = 1 };
TAGWIRE_ENUM(priority, plain, urgent);

struct leaf {
  std::int32_t id = 0;
  std::optional<std::string> name;
};
TAGWIRE_MESSAGE(leaf, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, name));

// Group structs carry the .proto group names: a group prints under its type's name.
struct Tag {
  std::optional<std::string> key;
};
TAGWIRE_MESSAGE(Tag, TAGWIRE_FIELD(1, key));

struct Header {
  std::int32_t version = 0;
  std::optional<std::string> agent;
  std::vector<Tag> tag;
};
TAGWIRE_MESSAGE(Header, TAGWIRE_FIELD(1, version, tagwire::required), TAGWIRE_FIELD(2, agent),
                TAGWIRE_FIELD(3, tag, tagwire::group));

struct Item {
  std::optional<std::int32_t> v;
  std::optional<tt2::leaf> leaf;
};
TAGWIRE_MESSAGE(Item, TAGWIRE_FIELD(1, v), TAGWIRE_FIELD(2, leaf));

struct request {
  std::int32_t id = 0;
  std::optional<Header> header;
  std::vector<Item> item;
  std::optional<std::string> note;
  tt2::leaf leaf;
  std::optional<tt2::priority> priority;
  std::vector<std::int32_t> nums;
  std::optional<double> ratio;
};
TAGWIRE_MESSAGE(request, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, header, tagwire::group),
                TAGWIRE_FIELD(3, item, tagwire::group), TAGWIRE_FIELD(4, note),
                TAGWIRE_FIELD(5, leaf, tagwire::required), TAGWIRE_FIELD(6, priority), TAGWIRE_FIELD(7, nums),
                TAGWIRE_FIELD(8, ratio));
}  // namespace tt2

namespace {

std::string hex(std::string_view s) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// Runs protoc --decode=type on `wire`; returns its stdout and stderr, and its exit status.
std::string protoc_decode(std::string_view type, const std::string& wire, int& status) {
  char path[] = "/tmp/tagwire_text_interop_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, wire.data(), wire.size()) == static_cast<ssize_t>(wire.size()));
  close(fd);
  const std::string cmd = quoted(TAGWIRE_PROTOC) + " --proto_path=" + quoted(TAGWIRE_PROTO_DIR) +
                          " --decode=" + std::string(type) + " text3.proto text2.proto < " + path + " 2>&1";
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  status = pclose(pipe);
  unlink(path);
  return out;
}

// protoc's layout on one line: what tagwire::to_text_compact prints (and ShortDebugString).
std::string one_line(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
    if (!out.empty()) out += ' ';
    out += line;
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return out;
}

int compared = 0;

template <class T>
void check_against_protoc(std::string_view type, const T& msg) {
  std::string wire;
  REQUIRE(tagwire::encode_to(msg, wire));
  int status = -1;
  const std::string expected = protoc_decode(type, wire, status);
  INFO("type ", type, ", bytes ", hex(wire));
  REQUIRE(status == 0);
  CHECK(tagwire::to_text(msg) == expected);
  CHECK(tagwire::to_text_compact(msg) == one_line(expected));
  ++compared;
}

// ---- a seeded generator (raw mt19937_64 output only: identical on every platform) ----------

struct gen {
  std::mt19937_64 rng{20240607};

  std::uint64_t bits() { return rng(); }
  std::uint64_t below(std::uint64_t n) { return rng() % n; }
  bool coin() { return (rng() & 1) != 0; }

  // Zero often (implicit presence), small values, boundaries and random bit patterns.
  template <class I>
  I integer() {
    switch (below(6)) {
      case 0: return 0;
      case 1: return static_cast<I>(below(200));
      case 2: return static_cast<I>(-static_cast<std::int64_t>(below(200)));
      case 3: return coin() ? std::numeric_limits<I>::max() : std::numeric_limits<I>::min();
      default: return static_cast<I>(bits());
    }
  }

  float real32() {
    // clang-format off
    static constexpr float special[] = {0.0f, -0.0f, 0.1f, 1.5f, 1e30f, 1e-5f, 123456789.0f, 3.4028235e38f,
                                        1.17549435e-38f, 1e-40f, 1e-45f, 100.0f, 16777216.0f, 0.3f,
                                        std::numeric_limits<float>::infinity(),
                                        -std::numeric_limits<float>::infinity(),
                                        std::numeric_limits<float>::quiet_NaN()};
    // clang-format on
    if (coin()) return special[below(std::size(special))];
    if (coin()) return static_cast<float>(static_cast<std::int64_t>(below(2000000)) - 1000000) / 1000.0f;
    return std::bit_cast<float>(static_cast<std::uint32_t>(bits()));
  }

  double real64() {
    // clang-format off
    static constexpr double special[] = {0.0, -0.0, 0.1, 1.0 / 3, 1e30, 1e-5, 9007199254740993.0,
                                         1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, 1e21, 1e22,
                                         123456789012345678.0, std::numeric_limits<double>::infinity(),
                                         -std::numeric_limits<double>::infinity(),
                                         -std::numeric_limits<double>::quiet_NaN()};
    // clang-format on
    if (coin()) return special[below(std::size(special))];
    if (coin()) return static_cast<double>(static_cast<std::int64_t>(below(2000000)) - 1000000) / 1000.0;
    return std::bit_cast<double>(bits());
  }

  // Valid UTF-8 (proto3 string fields must be): ASCII, every escaped character, multi-byte runes.
  std::string text() {
    // clang-format off
    static constexpr std::string_view pieces[] = {"a", "Z", " ", "0", "\"", "'", "\\", "\n", "\r", "\t", "\x01",
                                                  "\x1f", "\x7f", "?", "{", "}", "\xc3\xa9", "\xe2\x9c\x93",
                                                  "\xf0\x9f\x98\x80", "\xc2\x80", "\0"};
    // clang-format on
    std::string s;
    for (std::uint64_t n = below(4) == 0 ? 0 : below(10); n > 0; --n) {
      const std::string_view p = pieces[below(std::size(pieces))];
      s.append(p.empty() ? std::string_view("\0", 1) : p);
    }
    return s;
  }

  std::vector<std::byte> blob() {
    std::vector<std::byte> b(below(4) == 0 ? 0 : below(12));
    for (auto& x : b) x = static_cast<std::byte>(bits());
    if (!b.empty() && coin()) {  // something that parses as a message: varint field, then a string
      b = {std::byte{0x08}, static_cast<std::byte>(below(128)), std::byte{0x12}, std::byte{0x01},
           static_cast<std::byte>('a' + below(26))};
    }
    return b;
  }

  tt::color color() {
    static constexpr std::int32_t values[] = {0, 1, 2, -1, 7, -100, std::numeric_limits<std::int32_t>::max()};
    return static_cast<tt::color>(values[below(std::size(values))]);
  }

  tt::scalars scalars() {
    tt::scalars s;
    s.i32 = integer<std::int32_t>();
    s.i64 = integer<std::int64_t>();
    s.u32 = integer<std::uint32_t>();
    s.u64 = integer<std::uint64_t>();
    s.s32 = integer<std::int32_t>();
    s.s64 = integer<std::int64_t>();
    s.f32 = integer<std::uint32_t>();
    s.f64 = integer<std::uint64_t>();
    s.sf32 = integer<std::int32_t>();
    s.sf64 = integer<std::int64_t>();
    s.b = coin();
    s.color = color();
    s.fl = coin() ? 0.0f : real32();
    s.db = coin() ? 0.0 : real64();
    s.str = text();
    s.by = blob();
    return s;
  }

  tt::repeated repeated() {
    tt::repeated r;
    for (auto n = below(4); n > 0; --n) r.i32.push_back(integer<std::int32_t>());
    for (auto n = below(4); n > 0; --n) r.s64.push_back(integer<std::int64_t>());
    for (auto n = below(4); n > 0; --n) r.f32.push_back(integer<std::uint32_t>());
    for (auto n = below(4); n > 0; --n) r.b.push_back(coin());
    for (auto n = below(4); n > 0; --n) r.color.push_back(color());
    for (auto n = below(4); n > 0; --n) r.fl.push_back(real32());
    for (auto n = below(4); n > 0; --n) r.db.push_back(real64());
    for (auto n = below(3); n > 0; --n) r.str.push_back(text());
    for (auto n = below(3); n > 0; --n) {
      const auto b = blob();
      r.by.emplace_back(reinterpret_cast<const char*>(b.data()), b.size());
    }
    for (auto n = below(3); n > 0; --n) r.msgs.push_back(below(3) == 0 ? tt::scalars{} : scalars());
    for (auto n = below(4); n > 0; --n) r.u64.push_back(integer<std::uint64_t>());
    return r;
  }

  tt::maps maps() {
    tt::maps m;
    for (auto n = below(4); n > 0; --n) m.by_int[integer<std::int32_t>()] = text();
    for (auto n = below(3); n > 0; --n) m.by_name[text()] = below(3) == 0 ? tt::scalars{} : scalars();
    for (auto n = below(4); n > 0; --n) m.colors[integer<std::uint64_t>()] = color();
    for (auto n = below(3); n > 0; --n) m.flags[coin()] = blob();
    for (auto n = below(4); n > 0; --n) m.zigzag[integer<std::int64_t>()] = real64();
    for (auto n = below(4); n > 0; --n) m.fixed[integer<std::uint32_t>()] = real32();
    return m;
  }

  tt::tree tree(int depth) {
    tt::tree t;
    t.label = text();
    if (depth > 0 && below(3) == 0) t.left.emplace(tree(depth - 1));
    if (depth > 0)
      for (auto n = below(3); n > 0; --n) t.kids.push_back(tree(depth - 1));
    switch (below(5)) {
      case 1: t.choice = integer<std::int32_t>(); break;
      case 2: t.choice = text(); break;
      case 3: t.choice = coin() ? tt::scalars{} : scalars(); break;
      case 4: t.choice = color(); break;
      default: break;
    }
    if (coin()) t.maybe = integer<std::int32_t>();
    if (coin()) t.maybe_text = text();
    if (below(3) == 0) t.plain = scalars();
    if (below(3) == 0) t.held = coin() ? tt::scalars{} : scalars();
    return t;
  }

  tt::v2 v2(int depth) {
    tt::v2 v;
    v.a = integer<std::int32_t>();
    v.b = text();
    v.c = integer<std::uint64_t>();
    v.d = integer<std::uint32_t>();
    v.e = integer<std::uint64_t>();
    v.f = blob();
    if (depth > 0 && coin()) v.g.emplace(this->v2(depth - 1));
    for (auto n = below(3); n > 0; --n) v.h.push_back(real32());
    if (depth > 0)
      for (auto n = below(2); n > 0; --n) v.kids.push_back(this->v2(depth - 1));
    return v;
  }

  tt2::leaf leaf() {
    tt2::leaf l;
    l.id = integer<std::int32_t>();
    if (coin()) l.name = text();
    return l;
  }

  tt2::request request() {
    tt2::request r;
    r.id = integer<std::int32_t>();
    if (coin()) {
      r.header.emplace();
      r.header->version = integer<std::int32_t>();
      if (coin()) r.header->agent = text();
      for (auto n = below(3); n > 0; --n) r.header->tag.push_back(coin() ? tt2::Tag{text()} : tt2::Tag{});
    }
    for (auto n = below(3); n > 0; --n) {
      tt2::Item it;
      if (coin()) it.v = integer<std::int32_t>();
      if (coin()) it.leaf = leaf();
      r.item.push_back(it);
    }
    if (coin()) r.note = text();
    r.leaf = leaf();
    if (coin()) r.priority = coin() ? tt2::priority::plain : tt2::priority::urgent;  // closed enum: known values
    for (auto n = below(4); n > 0; --n) r.nums.push_back(integer<std::int32_t>());
    if (coin()) r.ratio = real64();
    return r;
  }
};

// Raw records for hand-made unknown fields.
std::string varint(std::uint64_t v) {
  std::string s;
  for (; v >= 0x80; v >>= 7) s += static_cast<char>((v & 0x7f) | 0x80);
  s += static_cast<char>(v);
  return s;
}
std::string tag(std::uint32_t field, int type) {
  return varint(std::uint64_t{field} << 3 | static_cast<unsigned>(type));
}
std::string var(std::uint32_t field, std::uint64_t v) { return tag(field, 0) + varint(v); }
std::string len(std::uint32_t field, std::string_view payload) {
  return tag(field, 2) + varint(payload.size()) + std::string(payload);
}
std::string grp(std::uint32_t field, std::string_view content) {
  return tag(field, 3) + std::string(content) + tag(field, 4);
}

// A v1 holding `records` (after its own fields) as unknown fields, checked against protoc.
void check_unknown(const std::string& records) {
  const std::string wire = var(1, 5) + records;
  auto m = tagwire::decode<tt::v1>(wire);
  REQUIRE(m);
  REQUIRE(m->unknown.size() == records.size());
  check_against_protoc("tt.V1", *m);
}

}  // namespace

TEST_CASE("protoc is available") {
  int status = -1;
  const std::string out = protoc_decode("tt.V1", std::string(), status);
  INFO("protoc said: ", out);
  REQUIRE(status == 0);
  CHECK(out.empty());  // an empty message prints nothing
}

TEST_CASE("seeded messages print as protoc prints them") {
  gen g;
  for (int i = 0; i < 25; ++i) check_against_protoc("tt.Scalars", g.scalars());
  for (int i = 0; i < 20; ++i) check_against_protoc("tt.Repeated", g.repeated());
  for (int i = 0; i < 20; ++i) check_against_protoc("tt.Maps", g.maps());
  for (int i = 0; i < 15; ++i) check_against_protoc("tt.Tree", g.tree(3));
  for (int i = 0; i < 15; ++i) check_against_protoc("tt2.Request", g.request());
  for (int i = 0; i < 15; ++i) {
    // A v1 program keeps a v2 message's newer fields as unknown fields; protoc prints them.
    std::string wire;
    REQUIRE(tagwire::encode_to(g.v2(2), wire));
    auto old = tagwire::decode<tt::v1>(wire);
    REQUIRE(old);
    check_against_protoc("tt.V1", *old);
  }
  CHECK(compared >= 110);
}

TEST_CASE("edge cases print as protoc prints them") {
  check_against_protoc("tt.Scalars", tt::scalars{});  // nothing at all

  for (const float f :
       {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
        std::numeric_limits<float>::quiet_NaN(), -std::numeric_limits<float>::quiet_NaN(), -0.0f,
        std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::min(), std::numeric_limits<float>::max(),
        std::numeric_limits<float>::lowest(), 1e30f, 1e-5f, 123456789.0f, 0.1f, 1e7f, 1e16f, 2.5e-39f}) {
    tt::scalars s;
    s.fl = f;
    check_against_protoc("tt.Scalars", s);
  }
  for (const double d : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                         std::numeric_limits<double>::quiet_NaN(), -0.0, std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::min(), std::numeric_limits<double>::max(), 1e30, 1e-5, 0.1,
                         1.0 / 3, 1e21, 1e22, 1e100, 9007199254740993.0}) {
    tt::scalars s;
    s.db = d;
    check_against_protoc("tt.Scalars", s);
  }

  tt::scalars limits;
  limits.i32 = std::numeric_limits<std::int32_t>::min();
  limits.i64 = std::numeric_limits<std::int64_t>::min();
  limits.u32 = std::numeric_limits<std::uint32_t>::max();
  limits.u64 = std::numeric_limits<std::uint64_t>::max();
  limits.s32 = std::numeric_limits<std::int32_t>::min();
  limits.s64 = std::numeric_limits<std::int64_t>::max();
  limits.f32 = std::numeric_limits<std::uint32_t>::max();
  limits.f64 = std::numeric_limits<std::uint64_t>::max();
  limits.sf32 = -1;
  limits.sf64 = std::numeric_limits<std::int64_t>::min();
  limits.b = true;
  limits.color = tt::color::neg;
  check_against_protoc("tt.Scalars", limits);

  for (const std::int32_t c : {1, 2, -1, 3, 7, -7, std::numeric_limits<std::int32_t>::min()}) {
    tt::scalars s;  // known values by name, unknown ones (proto3 enums are open) by number
    s.color = static_cast<tt::color>(c);
    check_against_protoc("tt.Scalars", s);
  }

  tt::scalars strings;
  strings.str = "\"quoted\" 'single' back\\slash\n\r\t \x01\x1f\x7f \xc3\xa9\xe2\x9c\x93\xf0\x9f\x98\x80 ";
  strings.str += '\0';
  for (int b = 0; b < 256; ++b) strings.by.push_back(static_cast<std::byte>(b));  // every byte value
  check_against_protoc("tt.Scalars", strings);

  tt::tree t;  // empty sub-messages that are written: an optional one and a oneof alternative
  t.held.emplace();
  t.choice = tt::scalars{};
  t.maybe = 0;
  t.maybe_text = "";
  check_against_protoc("tt.Tree", t);
  t.choice = std::int32_t{0};  // an active alternative is written even when zero
  t.kids.resize(2);            // repeated empty messages are written
  check_against_protoc("tt.Tree", t);
  t.choice = tt::color::red;
  check_against_protoc("tt.Tree", t);

  tt::maps m;  // zero keys and values are written in map entries
  m.by_int[0] = "";
  m.by_int[-5] = "x";
  m.by_name[""] = {};
  m.by_name["\xc3\xa9"] = {};
  m.by_name["Z"] = {};
  m.colors[0] = tt::color::red;
  m.colors[std::numeric_limits<std::uint64_t>::max()] = static_cast<tt::color>(9);
  m.flags[false] = {};
  m.flags[true] = {std::byte{0x80}};
  m.zigzag[std::numeric_limits<std::int64_t>::min()] = -0.0;
  m.fixed[0x80000000u] = 1.0f;
  m.fixed[1] = 0.0f;
  check_against_protoc("tt.Maps", m);

  tt2::request r;  // proto2: required zeros are written; empty groups print with their type name
  r.header.emplace();
  r.header->tag.resize(2);
  r.item.resize(2);
  r.item[1].leaf.emplace();
  r.priority = tt2::priority::plain;
  r.ratio = -0.0;
  check_against_protoc("tt2.Request", r);
  check_against_protoc("tt2.Request", tt2::request{});
}

TEST_CASE("unknown fields print as protoc prints them") {
  check_unknown(var(100, 0) + var(101, std::numeric_limits<std::uint64_t>::max()));
  check_unknown(tag(102, 5) + std::string("\xef\xbe\xad\xde", 4) + tag(103, 1) +
                std::string("\x01\0\0\0\0\0\0\x80", 8));
  check_unknown(len(104, "") + len(105, "abc") + len(106, std::string("\0", 1)) + len(107, "\x08"));
  // clang-format off
  check_unknown(len(108, var(1, 1) + len(2, var(3, 3))));       // parses: printed as a message
  check_unknown(len(109, std::string("\x02\x01", 2)));         // field number 0: a string
  check_unknown(len(110, tag(1, 4)));                          // a stray end-group: a string
  check_unknown(len(111, grp(1, "") + var(2, 2)));             // groups inside a message
  check_unknown(len(112, tag(1, 3) + var(2, 2) + tag(3, 4)));  // mismatched end-group: a string
  check_unknown(len(113, tag(1, 6) + "xx"));                   // wire type 6: a string
  check_unknown(len(114, std::string("\x88\x80\x80\x80\x80\x00\x01", 7)));  // a 6-byte tag parses
  check_unknown(len(115, std::string("\x0a\x83\x80\x80\x80\x10" "abc", 9)));  // a length keeps 32 bits
  check_unknown(len(116, std::string("\x0a\xff\xff\xff\xff\x07", 6)));  // a length over INT_MAX
  check_unknown(grp(117, var(1, 9) + grp(2, len(3, "hi"))) + var(118, 1));
  check_unknown(len(119, "hello world") + len(120, "\n\x03" "abc"));
  // clang-format on

  // Nested length-delimited records: printed as messages down to libprotobuf's budget of 10.
  for (int depth = 8; depth <= 12; ++depth) {
    std::string inner = var(1, 7);
    for (int i = 0; i < depth; ++i) inner = len(1, inner);
    check_unknown(len(121, inner));
  }
  // Groups inside a length-delimited record count against the same budget, and so do the
  // groups around it.
  for (int depth = 8; depth <= 12; ++depth) {
    std::string inner = var(1, 7);
    for (int i = 0; i < depth; ++i) inner = grp(1, inner);
    check_unknown(len(122, inner));
    check_unknown(grp(123, grp(1, grp(1, len(2, inner)))));
  }
}
