// Schema export against protoc and Python's protobuf: protoc must accept every exported schema,
// Python code generated from it must parse tagwire's bytes and re-serialize them identically
// (deterministic=True), and tagwire must decode the messages Python builds from the same values.
// The Python side is schema_interop.py; the sample values below are mirrored there.
// Exits 77 (skipped) when protoc or Python's google.protobuf is missing.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <tagwire/schema.hpp>
#include <tagwire/tagwire.hpp>

#include <stdlib.h>  // mkdtemp

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#ifndef TAGWIRE_PROTOC
#define TAGWIRE_PROTOC "protoc"
#endif
#ifndef TAGWIRE_PYTHON
#define TAGWIRE_PYTHON "python3"
#endif
#ifndef TAGWIRE_SCHEMA_SCRIPT
#define TAGWIRE_SCHEMA_SCRIPT "schema_interop.py"
#endif

// ---- proto3 types (package tw3) -------------------------------------------------------------
namespace s3 {

enum class color : std::int32_t { red = 0, green = 1, blue = 2 };
TAGWIRE_ENUM(color, red, green, blue);
enum class light : std::uint8_t { red = 1, amber = 2, green = 3 };  // no zero; names shared with color
TAGWIRE_ENUM(light, red, amber, green);
enum class status : std::int32_t { failed = 3, ok = 0, success = 0 };  // an alias, zero not first
TAGWIRE_ENUM(status, failed, ok, success);
TAGWIRE_NAME(status, "Status");

struct point {
  std::int32_t x = 0;
  std::int32_t y = 0;
  friend bool operator==(const point&, const point&) = default;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x, tagwire::sint), TAGWIRE_FIELD(2, y, tagwire::sint), TAGWIRE_RESERVED(3),
                TAGWIRE_RESERVED(7, 9));  // exported as `reserved 3, 7 to 9;`
TAGWIRE_NAME(point, "Point");

template <class X>
struct wrapped {
  X value{};
  friend bool operator==(const wrapped&, const wrapped&) = default;
};
TAGWIRE_MESSAGE(wrapped<std::uint64_t>, TAGWIRE_FIELD(1, value, tagwire::fixed));

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
  color c = color::red;
  light l{};
  std::int16_t small = 0;
  status st = status::ok;
  wrapped<std::uint64_t> w;
  friend bool operator==(const scalars&, const scalars&) = default;
};
TAGWIRE_MESSAGE(scalars, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, u32), TAGWIRE_FIELD(4, u64),
                TAGWIRE_FIELD(5, s32, tagwire::sint), TAGWIRE_FIELD(6, s64, tagwire::sint),
                TAGWIRE_FIELD(7, f32, tagwire::fixed), TAGWIRE_FIELD(8, f64, tagwire::fixed),
                TAGWIRE_FIELD(9, sf32, tagwire::sfixed), TAGWIRE_FIELD(10, sf64, tagwire::sfixed),
                TAGWIRE_FIELD(11, flag), TAGWIRE_FIELD(12, f), TAGWIRE_FIELD(13, d), TAGWIRE_FIELD(14, text),
                TAGWIRE_FIELD(15, raw, tagwire::bytes), TAGWIRE_FIELD(16, blob), TAGWIRE_FIELD(17, c),
                TAGWIRE_FIELD(18, l), TAGWIRE_FIELD(19, small), TAGWIRE_FIELD(20, st), TAGWIRE_FIELD(21, w));

struct containers {
  std::vector<std::int32_t> packed_ints;
  std::vector<std::int64_t> loose;
  std::vector<std::int32_t> zz;
  std::vector<double> ds;
  std::vector<color> colors;
  std::vector<light> lights;
  std::vector<std::string> names;
  std::vector<point> points;
  std::vector<bool> bits;
  std::vector<std::uint32_t> fx;
  std::map<std::string, std::int32_t> counts;
  std::map<std::int32_t, point> by_id;
  std::map<std::uint64_t, std::string> fk;
  std::map<bool, color> flags;
  std::map<std::int64_t, double> sfk;
  std::map<std::uint32_t, light> lk;
  std::unordered_map<std::string, std::string> dict;
  friend bool operator==(const containers&, const containers&) = default;
};
TAGWIRE_MESSAGE(containers, TAGWIRE_FIELD(1, packed_ints), TAGWIRE_FIELD(2, loose, tagwire::unpacked),
                TAGWIRE_FIELD(3, zz, tagwire::sint), TAGWIRE_FIELD(4, ds), TAGWIRE_FIELD(5, colors),
                TAGWIRE_FIELD(6, lights, tagwire::unpacked), TAGWIRE_FIELD(7, names), TAGWIRE_FIELD(8, points),
                TAGWIRE_FIELD(9, bits), TAGWIRE_FIELD(10, fx, tagwire::fixed), TAGWIRE_FIELD(11, counts),
                TAGWIRE_FIELD(12, by_id, tagwire::key<tagwire::sint>),
                TAGWIRE_FIELD(13, fk, tagwire::key<tagwire::fixed>, tagwire::value<tagwire::bytes>),
                TAGWIRE_FIELD(14, flags), TAGWIRE_FIELD(15, sfk, tagwire::key<tagwire::sfixed>), TAGWIRE_FIELD(16, lk),
                TAGWIRE_FIELD(17, dict));

struct presence {
  std::optional<std::int32_t> maybe_i;
  std::optional<std::string> maybe_s;
  std::optional<point> maybe_p;
  std::optional<color> maybe_c;
  point plain_p;
  tagwire::box<point> boxed;
  std::optional<double> maybe_d;
  std::optional<bool> maybe_b;
  friend bool operator==(const presence&, const presence&) = default;
};
TAGWIRE_MESSAGE(presence, TAGWIRE_FIELD(1, maybe_i), TAGWIRE_FIELD(2, maybe_s), TAGWIRE_FIELD(3, maybe_p),
                TAGWIRE_FIELD(4, maybe_c), TAGWIRE_FIELD(5, plain_p), TAGWIRE_FIELD(6, boxed),
                TAGWIRE_FIELD(7, maybe_d), TAGWIRE_FIELD(8, maybe_b));

struct choice {
  std::int32_t id = 0;
  std::variant<std::monostate, std::string, std::int64_t, point, color> pick;
  tagwire::unknown_fields unknown;
  friend bool operator==(const choice&, const choice&) = default;
};
TAGWIRE_MESSAGE(choice, TAGWIRE_FIELD(1, id),
                TAGWIRE_ONEOF(pick, TAGWIRE_ALT(5, text), TAGWIRE_ALT(3, number, tagwire::sint), TAGWIRE_ALT(4, where),
                              TAGWIRE_ALT(6, shade)),
                TAGWIRE_UNKNOWN(unknown));

struct tree {
  std::string label;
  std::vector<tree> children;
  tagwire::box<tree> left;
  std::map<std::string, tree> named;
  friend bool operator==(const tree&, const tree&) = default;
};
TAGWIRE_MESSAGE(tree, TAGWIRE_FIELD(1, label), TAGWIRE_FIELD(2, children), TAGWIRE_FIELD(3, left),
                TAGWIRE_FIELD(4, named));

struct pong;
struct ping {
  std::int32_t n = 0;
  tagwire::box<pong> reply;
  friend bool operator==(const ping&, const ping&) = default;
};
struct pong {
  std::vector<ping> pings;
  friend bool operator==(const pong&, const pong&) = default;
};
TAGWIRE_MESSAGE(ping, TAGWIRE_FIELD(1, n), TAGWIRE_FIELD(2, reply));
TAGWIRE_MESSAGE(pong, TAGWIRE_FIELD(1, pings));

struct frame {
  std::string_view sender;
  std::vector<std::string_view> tags;
  tagwire::packed_view<std::int32_t, tagwire::sint> deltas;
  tagwire::fixed_string<16> node;
  tagwire::fixed_vector<float, 4> temps;
  friend bool operator==(const frame&, const frame&) = default;
};
TAGWIRE_MESSAGE(frame, TAGWIRE_FIELD(1, sender), TAGWIRE_FIELD(2, tags), TAGWIRE_FIELD(3, deltas),
                TAGWIRE_FIELD(4, node), TAGWIRE_FIELD(5, temps));

}  // namespace s3

// ---- proto2 types (package tw2) -------------------------------------------------------------
namespace s2 {

enum class mode : std::int32_t { fast = 1, slow = 2 };
TAGWIRE_ENUM(mode, fast, slow);

struct header {
  std::optional<std::int32_t> version;
  std::string agent = "tagwire";
  friend bool operator==(const header&, const header&) = default;
};
TAGWIRE_MESSAGE(header, TAGWIRE_FIELD(1, version, tagwire::required), TAGWIRE_FIELD(2, agent));
TAGWIRE_NAME(header, "Header");

struct inner {
  std::int32_t a = 0;
  std::string b;
  friend bool operator==(const inner&, const inner&) = default;
};
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b));

struct deep {
  std::int32_t level = 0;
  inner more;
  friend bool operator==(const deep&, const deep&) = default;
};
TAGWIRE_MESSAGE(deep, TAGWIRE_FIELD(1, level), TAGWIRE_FIELD(2, more, tagwire::group));

struct request {
  std::int32_t id = 0;
  s2::header hdr;
  std::vector<s2::header> history;
  s2::header header;  // a group named Header shadows the message Header inside request
  s2::header copy;
  std::vector<std::int32_t> xs;
  std::vector<std::int32_t> ys;
  std::optional<double> ratio;
  std::variant<std::monostate, std::string, inner> pick;
  std::map<std::string, s2::header> by_name;
  mode m{};
  std::optional<mode> om;
  std::vector<mode> modes;
  std::int64_t big = 0;
  std::optional<deep> d;
  friend bool operator==(const request&, const request&) = default;
};
TAGWIRE_MESSAGE(request, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, hdr, tagwire::group),
                TAGWIRE_FIELD(3, history, tagwire::group), TAGWIRE_FIELD(4, header, tagwire::group),
                TAGWIRE_FIELD(5, copy), TAGWIRE_FIELD(6, xs), TAGWIRE_FIELD(7, ys, tagwire::unpacked),
                TAGWIRE_FIELD(8, ratio),
                TAGWIRE_ONEOF(pick, TAGWIRE_ALT(9, name), TAGWIRE_ALT(10, inner_pick, tagwire::group)),
                TAGWIRE_FIELD(11, by_name), TAGWIRE_FIELD(12, m), TAGWIRE_FIELD(13, om), TAGWIRE_FIELD(14, modes),
                TAGWIRE_FIELD(15, big, tagwire::required, tagwire::sint), TAGWIRE_FIELD(16, d, tagwire::group));

}  // namespace s2

namespace {

std::string g_dir;  // the temporary directory of this run

std::string quote(std::string_view s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

int run(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  if (rc != 0) std::printf("command failed (%d): %s\n", rc, cmd.c_str());
  return rc;
}

void write_file(const std::string& path, std::string_view data) {
  std::ofstream f(path, std::ios::binary);
  f.write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// Writes `schema` as <name>.proto and runs protoc --python_out on it; true when protoc accepts it.
bool compile_schema(const std::string& name, const std::string& schema) {
  write_file(g_dir + "/" + name + ".proto", schema);
  return run(quote(TAGWIRE_PROTOC) + " --proto_path=" + quote(g_dir) + " --python_out=" + quote(g_dir) + " " +
             quote(g_dir + "/" + name + ".proto")) == 0;
}

// One sample: encoded by tagwire to <name>.tw.bin; Python writes the same values to <name>.py.bin,
// which `check` decodes and compares with the sample.
struct sample_case {
  std::string module;
  std::string message;
  std::string name;
  std::string tw_bytes;
  std::function<void(const std::string& py_bytes)> check;
};

template <class T>
sample_case make_case(std::string module, std::string message, std::string name, const T& sample) {
  sample_case c{std::move(module), std::move(message), std::move(name), {}, {}};
  auto n = tagwire::encode_to(sample, c.tw_bytes);
  REQUIRE(n.has_value());
  c.check = [&sample, name = c.name](const std::string& py_bytes) {
    INFO("sample " << name);
    auto back = tagwire::decode<T>(py_bytes);  // views in T point into py_bytes, alive here
    REQUIRE(back.has_value());
    CHECK(*back == sample);
  };
  return c;
}

// ---- the samples (mirrored in schema_interop.py) ----------------------------------------------

s3::scalars scalars_full() {
  s3::scalars s;
  s.i32 = -5;
  s.i64 = -1234567890123;
  s.u32 = 4000000000u;
  s.u64 = 18000000000000000000ull;
  s.s32 = -77;
  s.s64 = -9000000000;
  s.f32 = 3000000000u;
  s.f64 = (1ull << 60) + 5;
  s.sf32 = -123456;
  s.sf64 = -5;
  s.flag = true;
  s.f = 1.5f;
  s.d = -0.25;
  s.text = "h\xc3\xa9llo";
  s.raw = std::string("\x00\xff bin", 6);
  s.blob = {std::byte{1}, std::byte{2}, std::byte{0xfe}};
  s.c = s3::color::blue;
  s.l = s3::light::amber;
  s.small = -300;
  s.st = s3::status::failed;
  s.w.value = 7;
  return s;
}

s3::scalars scalars_negzero() {
  s3::scalars s;
  s.d = -0.0;  // written: its bits are not zero
  s.f = -0.0f;
  s.l = s3::light::red;
  return s;
}

s3::containers containers_full() {
  s3::containers c;
  c.packed_ints = {1, -1, 300};
  c.loose = {-2, 0, 5000000000};
  c.zz = {-1, 1, -64};
  c.ds = {0.5, -0.0, 1e300};
  c.colors = {s3::color::green, s3::color::red, s3::color::blue};
  c.lights = {s3::light::green, s3::light::red};
  c.names = {"a", "", "c"};
  c.points = {{1, 2}, {}, {-3, 0}};
  c.bits = {true, false, true};
  c.fx = {0, 4294967295u};
  c.counts = {{"b", 2}, {"a", -1}, {"", 0}};
  c.by_id = {{-5, {1, 1}}, {3, {}}};
  c.fk = {{18446744073709551615ull, std::string("\x01\x00", 2)}, {0, ""}};
  c.flags = {{true, s3::color::blue}, {false, s3::color::red}};
  c.sfk = {{-9, 2.5}, {9, -2.5}};
  c.lk = {{7, s3::light::amber}};
  c.dict = {{"zeta", "z"}, {"alpha", "a"}, {"mid", ""}};
  return c;
}

s3::presence presence_zeros() {
  s3::presence p;
  p.maybe_i = 0;
  p.maybe_s = "";
  p.maybe_p = s3::point{};
  p.maybe_c = s3::color::red;
  p.boxed.emplace();
  p.maybe_d = 0.0;
  p.maybe_b = false;
  return p;
}

s3::presence presence_values() {
  s3::presence p;
  p.maybe_i = -9;
  p.maybe_p = s3::point{4, -4};
  p.plain_p = {0, 6};
  p.boxed = s3::point{-1, 0};
  p.maybe_b = true;
  return p;
}

s3::choice choice_with(std::variant<std::monostate, std::string, std::int64_t, s3::point, s3::color> v) {
  s3::choice c;
  c.id = 1;
  c.pick = std::move(v);
  return c;
}

s3::tree tree_sample() {
  s3::tree t;
  t.label = "root";
  t.children.resize(2);
  t.children[0].label = "c0";
  t.children[1].left.emplace().label = "c1-left";
  t.left.emplace().children.resize(1);
  t.left->children[0].label = "deep";
  t.named["x"].label = "named-x";
  t.named["x"].named["y"] = s3::tree{};
  return t;
}

s3::ping ping_sample() {
  s3::ping p;
  p.n = 1;
  p.reply.emplace().pings.resize(2);
  p.reply->pings[0].n = 2;
  p.reply->pings[1].reply.emplace();
  return p;
}

constexpr std::byte frame_deltas[] = {std::byte{0x01}, std::byte{0x02}, std::byte{0x0a}};  // -1, 1, 5 zigzag

s3::frame frame_sample() {
  s3::frame f;
  f.sender = "ana";
  f.tags = {"x", "yz"};
  f.deltas = tagwire::packed_view<std::int32_t, tagwire::sint>(frame_deltas);
  f.node = "pump-3";
  f.temps = {20.5f, -1.0f};
  return f;
}

s2::request request_full() {
  s2::request r;
  r.id = 0;  // required: written although zero
  r.hdr.version = 3;
  r.history = {s2::header{1, "h"}, s2::header{2, "x"}};
  r.header.version = 7;
  r.copy = s2::header{9, "c"};
  r.xs = {1, -2, 300};
  r.ys = {4, 5};
  r.ratio = 0.0;
  r.pick = s2::inner{5, "q"};
  r.by_name["k"].version = 1;
  r.m = s2::mode::slow;
  r.om = s2::mode::fast;
  r.modes = {s2::mode::fast, s2::mode::slow};
  r.big = -1;
  r.d = s2::deep{2, {3, "m"}};
  return r;
}

s2::request request_small() {
  s2::request r;
  r.id = 42;
  // agent is never empty: a plain member with a non-empty default cannot send "" (tagwire does not
  // write it, so the reader keeps its default), in tagwire as in proto2 without [default].
  r.hdr = s2::header{0, "a"};
  r.header = s2::header{-1, "b"};
  r.copy = s2::header{5, "c"};
  r.pick = std::string("n");
  return r;  // big = 0 is required: written
}

// The samples live as long as the program: the cases refer to them.
const s3::scalars k_scalars_full = scalars_full();
const s3::scalars k_scalars_empty{};
const s3::scalars k_scalars_negzero = scalars_negzero();
const s3::containers k_containers_full = containers_full();
const s3::presence k_presence_zeros = presence_zeros();
const s3::presence k_presence_values = presence_values();
const s3::choice k_choice_zero_number = choice_with(std::int64_t{0});
const s3::choice k_choice_point = choice_with(s3::point{1, -1});
const s3::choice k_choice_zero_enum = choice_with(s3::color::red);
const s3::choice k_choice_empty_text = choice_with(std::string());
const s3::tree k_tree = tree_sample();
const s3::ping k_ping = ping_sample();
const s3::frame k_frame = frame_sample();
const s2::request k_request_full = request_full();
const s2::request k_request_small = request_small();

std::vector<sample_case> all_cases() {
  std::vector<sample_case> v;
  v.push_back(make_case("schema3_pb2", "scalars", "scalars_full", k_scalars_full));
  v.push_back(make_case("schema3_pb2", "scalars", "scalars_empty", k_scalars_empty));
  v.push_back(make_case("schema3_pb2", "scalars", "scalars_negzero", k_scalars_negzero));
  v.push_back(make_case("schema3_pb2", "containers", "containers_full", k_containers_full));
  v.push_back(make_case("schema3_pb2", "presence", "presence_zeros", k_presence_zeros));
  v.push_back(make_case("schema3_pb2", "presence", "presence_values", k_presence_values));
  v.push_back(make_case("schema3_pb2", "choice", "choice_zero_number", k_choice_zero_number));
  v.push_back(make_case("schema3_pb2", "choice", "choice_point", k_choice_point));
  v.push_back(make_case("schema3_pb2", "choice", "choice_zero_enum", k_choice_zero_enum));
  v.push_back(make_case("schema3_pb2", "choice", "choice_empty_text", k_choice_empty_text));
  v.push_back(make_case("schema3_pb2", "tree", "tree", k_tree));
  v.push_back(make_case("schema3_pb2", "ping", "ping", k_ping));
  v.push_back(make_case("schema3_pb2", "frame", "frame", k_frame));
  v.push_back(make_case("schema2_pb2", "request", "request_full", k_request_full));
  v.push_back(make_case("schema2_pb2", "request", "request_small", k_request_small));
  return v;
}

}  // namespace

TEST_CASE("exported schemas: protoc accepts them, Python and tagwire agree byte for byte") {
  const std::string schema3 =
      tagwire::proto_schema<s3::scalars, s3::containers, s3::presence, s3::choice, s3::tree, s3::ping, s3::frame>(
          "tw3");
  const std::string schema2 = tagwire::proto_schema<s2::request>("tw2");
  // What the schemas must say for these checks to mean anything.
  CHECK(schema3.rfind("syntax = \"proto3\";\n", 0) == 0);
  CHECK(schema2.rfind("syntax = \"proto2\";\n", 0) == 0);
  CHECK(schema2.find("  optional .tw2.Header copy = 5;\n") != std::string::npos);
  CHECK(schema3.find("  LIGHT_UNSPECIFIED = 0;\n") != std::string::npos);
  INFO("schema3:\n" << schema3 << "\nschema2:\n" << schema2);
  REQUIRE(compile_schema("schema3", schema3));
  REQUIRE(compile_schema("schema2", schema2));

  std::vector<sample_case> cases = all_cases();
  std::string manifest;
  for (const auto& c : cases) {
    write_file(g_dir + "/" + c.name + ".tw.bin", c.tw_bytes);
    manifest += c.module + " " + c.message + " " + c.name + "\n";
  }
  write_file(g_dir + "/cases.txt", manifest);

  // Python: parse each .tw.bin, compare with its own message of the same values, re-serialize
  // and compare bytes, then write its message to .py.bin.
  REQUIRE(run(quote(TAGWIRE_PYTHON) + " " + quote(TAGWIRE_SCHEMA_SCRIPT) + " " + quote(g_dir)) == 0);

  for (const auto& c : cases) {
    const std::string py = read_file(g_dir + "/" + c.name + ".py.bin");
    INFO("sample " << c.name);
    CHECK(py == c.tw_bytes);  // Python's deterministic bytes for the same values
    c.check(py);
  }
}

int main(int argc, char** argv) {
  if (run(quote(TAGWIRE_PROTOC) + " --version > /dev/null 2>&1") != 0) {
    std::printf("SKIPPED: protoc (%s) not found; install protobuf-compiler\n", TAGWIRE_PROTOC);
    return 77;
  }
  if (run(quote(TAGWIRE_PYTHON) + " -c 'import google.protobuf' > /dev/null 2>&1") != 0) {
    std::printf("SKIPPED: %s cannot import google.protobuf; install python3-protobuf\n", TAGWIRE_PYTHON);
    return 77;
  }
  char dir_template[] = "/tmp/tagwire_schema_XXXXXX";
  if (mkdtemp(dir_template) == nullptr) {
    std::printf("cannot create a temporary directory\n");
    return 1;
  }
  g_dir = dir_template;
  doctest::Context context(argc, argv);
  const int rc = context.run();
  if (rc == 0) (void)run("rm -rf " + quote(g_dir));  // kept on failure, to look at
  else std::printf("files kept in %s\n", g_dir.c_str());
  return rc;
}
