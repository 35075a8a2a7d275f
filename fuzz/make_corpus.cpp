// Writes the seed corpora fuzz/corpus/NAME/*.bin: representative messages of each target's types,
// encoded by tagwire, like the test vectors of the unit suites. Run once and commit the output:
//   build/fuzz/fuzz/fuzz_make_corpus fuzz/corpus
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "targets.hpp"

namespace {

using namespace tagwire_fuzz;
using bytes = std::vector<std::byte>;

std::filesystem::path root;
int written = 0;

void save(std::string_view target, std::string_view name, const bytes& b) {
  const std::filesystem::path dir = root / target;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = (dir / (std::string(name) + ".bin")).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || std::fwrite(b.data(), 1, b.size(), f) != b.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "make_corpus: cannot write %s\n", path.c_str());
    std::exit(1);
  }
  ++written;
}

template <class T>
bytes enc(const T& m) {
  bytes out;
  if (!tagwire::encode_to(m, out)) std::abort();
  return out;
}

bytes cat(std::initializer_list<bytes> parts) {
  bytes out;
  for (const bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

bytes raw(std::initializer_list<int> v) {
  bytes out;
  for (int b : v) out.push_back(static_cast<std::byte>(b));
  return out;
}

std::vector<std::byte> blob(std::string_view s) {
  std::vector<std::byte> out;
  for (char c : s) out.push_back(static_cast<std::byte>(c));
  return out;
}

// ---- scalars --------------------------------------------------------------------------

scalars scalars_max() {
  scalars m;
  m.i32 = std::numeric_limits<std::int32_t>::max();
  m.i64 = std::numeric_limits<std::int64_t>::max();
  m.u32 = std::numeric_limits<std::uint32_t>::max();
  m.u64 = std::numeric_limits<std::uint64_t>::max();
  m.s32 = std::numeric_limits<std::int32_t>::min();
  m.s64 = std::numeric_limits<std::int64_t>::min();
  m.fx32 = 0xdeadbeef;
  m.fx64 = 0x0123456789abcdefull;
  m.sf32 = -2;
  m.sf64 = -3;
  m.flag = true;
  m.hue = color::blue;
  m.small = small_b;
  m.f = -0.0f;
  m.d = std::numeric_limits<double>::quiet_NaN();
  m.text = "h\xc3\xa9llo";
  m.raw = std::string("\x00\xff\x80", 3);
  m.blob = blob("blob");
  m.i8 = -128;
  m.i16 = 32767;
  m.u8 = 255;
  m.u16 = 65535;
  m.n15 = 15;
  m.n16 = 16;
  m.n2047 = 2047;
  m.n2048 = -2048;
  m.n_max = 1;
  return m;
}

scalars scalars_repeated() {
  scalars m;
  m.opt_i32 = 0;
  m.opt_d = -1.5;
  m.opt_text = "";
  m.opt_flag = false;
  m.r_i32 = {0, -1, 1, 300, std::numeric_limits<std::int32_t>::min()};
  m.r_s64 = {-1, 1, -64, 64};
  m.r_fx32 = {1, 0xffffffffu};
  m.r_u64 = {0, 127, 128, 16384};
  m.r_sf64 = {-1};
  m.r_flag = {true, false, true};
  m.r_hue = {color::green, static_cast<color>(99)};
  m.r_f = {1.5f, std::numeric_limits<float>::infinity()};
  m.r_d = {0.1, -0.0};
  m.q_u32 = {7, 8};
  m.l_d = {2.5};
  m.l_s32 = {-7, 7};
  m.u_i32 = {1, -2};
  m.u_s64 = {-3};
  m.u_f = {0.25f};
  m.u_flag = {false, true};
  m.u_fx64 = {42};
  m.r_text = {"a", "", "bc"};
  m.r_raw = {std::string("\x01\x02", 2)};
  m.r_blob = {{0xde, 0xad}};
  return m;
}

void make_scalars() {
  save("scalars", "empty", {});
  save("scalars", "max", enc(scalars_max()));
  save("scalars", "repeated", enc(scalars_repeated()));
  scalars small;
  small.i32 = 150;
  small.text = "testing";
  save("scalars", "small", enc(small));
  // int32 -1 as a 5-byte varint, a non-minimal varint, packed ints sent unpacked and vice versa.
  save("scalars", "odd_varints",
       raw({0x08, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x18, 0x80, 0x80, 0x00, 0xf8, 0x01, 0x05, 0x9a, 0x03, 0x03, 0x01, 0x02,
            0x03}));
}

// ---- nested ---------------------------------------------------------------------------

tree sample_tree() {
  tree t;
  t.label = "root";
  t.left.emplace().label = "l";
  t.right.emplace().right.emplace().label = "rr";
  t.children.resize(2);
  t.children[1].plain.a = 5;
  t.plain = {1, "leaf", {-1, 2}};
  t.present = leaf{};
  t.grouped = {7, "g", {}};
  t.grouped_list = {{1, "", {}}, {2, "x", {3}}};
  t.grouped_tree.emplace().grouped.a = 9;
  t.hdr = header{3, "name", 4};
  t.hdrs = {header{1, "", std::nullopt}};
  return t;
}

void make_nested() {
  save("nested", "tree", enc(sample_tree()));
  tree deep;
  tree* at = &deep;
  for (int i = 0; i < 12; ++i) at = &at->left.emplace();
  at->label = "bottom";
  save("nested", "deep_box", enc(deep));
  tree groups;
  tree* g = &groups;
  for (int i = 0; i < 8; ++i) g = &g->grouped_tree.emplace();
  g->label = "bottom";
  save("nested", "deep_groups", enc(groups));
  chain c;
  c.value = -5;
  c.must.name = "m";
  c.next = std::make_unique<chain>();
  c.next->must.name = "n";
  c.next->payload = std::make_unique<leaf>(leaf{2, "p", {}});
  c.side.resize(1);
  c.side[0].must.name = "s";
  save("nested", "chain", enc(c));
  // A sub-message split over two records (merged), and a header missing its required name.
  save("nested", "split", cat({enc(sample_tree()), enc(tree{.label = "", .plain = {0, "more", {9}}})}));
  tree missing;
  missing.hdr = header{};
  save("nested", "missing_required", enc(missing));
}

// ---- maps and oneofs ------------------------------------------------------------------

void make_maps_oneof() {
  mapped m;
  m.by_name = {{"a", 0}, {"b", -1}};
  m.by_id = {{-1, "minus"}, {1, "plus"}};
  m.by_fixed = {{7, 0.5}};
  m.by_flag[true].inner = {{1, 2}};
  m.by_flag[false].pick = std::string("w");
  m.colors = {{1, color::green}};
  m.blobs = {{3, blob("xyz")}};
  m.by_sfixed = {{-9, 1.0f}};
  m.entries["k"].pick = std::uint64_t{5};
  m.zigzag = {{-2, -3}};
  m.fixed_values = {{1, 2}};
  m.raw_values = {{"r", std::string("\xff", 1)}};
  m.choice = entry{4, "e", {}, {}};
  m.other = note{"n", 2};
  m.after = -1;
  save("maps_oneof", "all", enc(m));
  mapped s;
  s.choice = std::string("text");
  s.other = std::uint64_t{0};
  save("maps_oneof", "oneof_scalars", enc(s));
  mapped f;
  f.choice = -0.0;
  save("maps_oneof", "oneof_double", enc(f));
  // Map entries with the key or the value missing, in reverse order, and a duplicate key.
  save("maps_oneof", "odd_entries",
       raw({0x0a, 0x02, 0x10, 0x05, 0x0a, 0x03, 0x0a, 0x01, 0x62, 0x0a, 0x05, 0x10, 0x01, 0x0a, 0x01, 0x62, 0x2a,
            0x00}));
  // Two oneof alternatives in a row: the last wins.
  save("maps_oneof", "oneof_switch", raw({0x60, 0x01, 0x6a, 0x01, 0x78, 0x80, 0x01, 0x01}));
}

// ---- unknown fields -------------------------------------------------------------------

void make_unknown() {
  v2 w;
  w.id = 1;
  w.name = "v2";
  w.nums = {1, 2};
  w.sub = {3, "s", 1.5, {"d"}, {}, {4}};
  w.sub.e.emplace().a = 6;
  w.subs.resize(1);
  w.opt = v2_sub{};
  w.grp.c = 2.0;
  w.by_key[1].d = {"x"};
  w.title = "title";
  w.stamp = 77;
  w.counts = {{"c", 1}};
  w.deltas = {-1};
  w.extra_group.a = 8;
  w.either = std::int32_t{0};
  w.ratio = 0.5f;
  w.more.resize(2);
  save("unknown", "v2", enc(w));
  v1 o;
  o.id = 9;
  o.sub.b = "b";
  save("unknown", "v1", enc(o));
  // Unknown records of every wire type, a group among them, and a known number with another type.
  save("unknown", "wire_types", raw({0x48, 0x01, 0x51, 1,    2,    3,    4,    5,    6,    7,    8,    0x5d, 1,   2, 3,
                                     4,    0x62, 0x01, 0x78, 0x6b, 0x08, 0x01, 0x6c, 0x0d, 0x01, 0x00, 0x00, 0x00}));
}

// ---- views ----------------------------------------------------------------------------

void make_views() {
  owning o;
  o.name = "view";
  o.blob = blob("\x01\x02");
  o.tags = {"a", "", "bc"};
  o.values = {1, -1, 300};
  o.deltas = {-5, 5};
  o.floats = {1.5f, -0.0f};
  o.doubles = {2.5};
  o.flags = {true, false};
  o.colors = {color::blue};
  o.stamps = {1, 2};
  o.sfixeds = {-1};
  o.raw = std::string("\xff\x00", 2);
  o.blobs = {blob("x"), {}};
  o.maybe = "";
  o.inner = {"in", {1, 2}};
  o.inners = {{"", {3}}, {"i", {}}};
  o.lazy_inners = {{"l", {4}}, {"", {}}};
  save("views", "all", enc(o));
  // repeated_view records spread among other records (fields 17, 1, 17).
  save("views", "spread_lazy", raw({0x8a, 0x01, 0x03, 0x0a, 0x01, 0x61, 0x0a, 0x01, 0x62, 0x8a, 0x01, 0x00}));
  owning s;
  s.values = {7};
  save("views", "one_value", enc(s));
  // A packed field split over two records: the view refuses it.
  save("views", "split_run", raw({0x22, 0x01, 0x01, 0x22, 0x01, 0x02}));
}

// ---- fixed-capacity -------------------------------------------------------------------

void make_fixed() {
  big b;
  b.name = "pump-3";
  b.temps = {20.5f, 21.0f, 21.25f};
  b.ids = {1, -1};
  b.raw = blob("raw");
  b.inners = {{"a", {1}}, {"b", {-2, 3}}};
  b.names = {"x", "yz"};
  b.flags = {true};
  b.unpacked_doubles = {1.0};
  b.fixeds = {5};
  b.opt = big_inner{"o", {}};
  b.raw_text = "ab";
  save("fixed", "fits", enc(b));
  big over = b;
  over.temps = {1, 2, 3, 4, 5};
  save("fixed", "too_many_floats", enc(over));
  big longer = b;
  longer.name = "a name longer than sixteen";
  save("fixed", "long_name", enc(longer));
  save("fixed", "unknown", raw({0x60, 0x01, 0x6a, 0x02, 0x61, 0x62}));
}

// ---- wire reader and dump -------------------------------------------------------------

void make_raw(std::string_view target) {
  save(target, "empty", {});
  save(target, "scalars", enc(scalars_max()));
  save(target, "tree", enc(sample_tree()));
  save(target, "groups", raw({0x0b, 0x10, 0x01, 0x1b, 0x1c, 0x0c, 0x0d, 0x01, 0x02, 0x03, 0x04}));
  save(target, "nested_len", raw({0x0a, 0x06, 0x12, 0x04, 0x1a, 0x02, 0x08, 0x01}));
  save(target, "string_like_message", raw({0x0a, 0x02, 0x08, 0x01, 0x12, 0x03, 0x61, 0x62, 0x63}));
  // The largest field number with a 10-byte varint.
  save(target, "big_numbers",
       raw({0xf8, 0xff, 0xff, 0xff, 0x0f, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}));
  save(target, "truncated", raw({0x12, 0x05, 0x61}));
}

// ---- stream ---------------------------------------------------------------------------

void make_stream() {
  bytes wire;
  packet a;
  a.seq = 1;
  a.text = "hi";
  packet b;
  b.seq = 2;
  b.values = {1, -1};
  b.inner.emplace().text = "in";
  packet c;
  c.delta = -9;
  for (const packet* p : {&a, &b, &c, &a})
    if (!tagwire::encode_delimited_to(*p, wire)) std::abort();
  // Header: 3 chunk sizes, the default maximum; chunks of 1, 5 and 0 (an empty feed) bytes.
  save("stream", "three_sizes", cat({raw({0x02, 0xff, 0x01, 0x05, 0x00}), wire}));
  // One chunk size of 7, a maximum of 16 bytes.
  save("stream", "small_max", cat({raw({0x00, 0x10, 0x07}), wire}));
  // A prefix over the maximum after a good message, and an incomplete last message.
  save("stream", "too_large", cat({raw({0x00, 0x04, 0x03}), wire, raw({0x40, 0x01})}));
  save("stream", "incomplete", cat({raw({0x01, 0xff, 0x02, 0x09}), wire, raw({0x05, 0x08})}));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_corpus CORPUS_DIR (fuzz/corpus)\n");
    return 2;
  }
  root = argv[1];
  make_scalars();
  make_nested();
  make_maps_oneof();
  make_unknown();
  make_views();
  make_fixed();
  make_raw("wire_reader");
  make_raw("dump");
  make_stream();
  std::printf("make_corpus: %d files under %s\n", written, root.string().c_str());
  return 0;
}
