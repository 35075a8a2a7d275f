// GoogleMessage1: the message of protobuf's own benchmarks, decoded from the BenchmarkDataset in
// ../shared/data/google_message1_proto3.pb (or $TAGWIRE_BENCH_GOOGLE_MESSAGE1). The payload holds
// a few explicit zero values (field 1 "", fields 13 and 17 false) that proto3 encoders do not
// write, so decoders read 228 bytes and encoders write 221.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "google_message1.pb.h"
#include "harness.hpp"

#ifndef TAGWIRE_BENCH_GOOGLE_MESSAGE1
#define TAGWIRE_BENCH_GOOGLE_MESSAGE1 "google_message1_proto3.pb"
#endif

namespace bench::gm1_msg {

// The three forms (owning, views, fixed capacity) differ only in their string, repeated and
// sub-message types, so each message is one struct template with one field list.
template <class Str>
struct gm1_sub_t {
  std::int32_t field1 = 0;
  std::int32_t field2 = 0;
  std::int32_t field3 = 0;
  bool field12 = false;
  std::int64_t field13 = 0;
  std::int64_t field14 = 0;
  Str field15{};
  std::int32_t field16 = 0;
  std::int32_t field19 = 0;
  bool field20 = false;
  std::uint64_t field21 = 0;
  std::int32_t field22 = 0;
  bool field23 = false;
  bool field28 = false;
  std::uint32_t field203 = 0;
  std::int32_t field204 = 0;
  Str field205{};
  bool field206 = false;
  std::uint64_t field207 = 0;
  std::uint64_t field300 = 0;
  friend bool operator==(const gm1_sub_t&, const gm1_sub_t&) = default;
};

#define GM1_SUB_TAGWIRE_FIELDS                                                                                        \
  TAGWIRE_FIELD(1, field1), TAGWIRE_FIELD(2, field2), TAGWIRE_FIELD(3, field3), TAGWIRE_FIELD(12, field12),           \
      TAGWIRE_FIELD(13, field13), TAGWIRE_FIELD(14, field14), TAGWIRE_FIELD(15, field15), TAGWIRE_FIELD(16, field16), \
      TAGWIRE_FIELD(19, field19), TAGWIRE_FIELD(20, field20), TAGWIRE_FIELD(21, field21, tagwire::fixed),             \
      TAGWIRE_FIELD(22, field22), TAGWIRE_FIELD(23, field23), TAGWIRE_FIELD(28, field28),                             \
      TAGWIRE_FIELD(203, field203, tagwire::fixed), TAGWIRE_FIELD(204, field204), TAGWIRE_FIELD(205, field205),       \
      TAGWIRE_FIELD(206, field206), TAGWIRE_FIELD(207, field207), TAGWIRE_FIELD(300, field300)

using gm1_sub = gm1_sub_t<std::string>;
using gm1_sub_view = gm1_sub_t<std::string_view>;
using gm1_sub_fixed = gm1_sub_t<tagwire::fixed_string<128>>;
TAGWIRE_MESSAGE(gm1_sub, GM1_SUB_TAGWIRE_FIELDS);
TAGWIRE_MESSAGE(gm1_sub_view, GM1_SUB_TAGWIRE_FIELDS);
TAGWIRE_MESSAGE(gm1_sub_fixed, GM1_SUB_TAGWIRE_FIELDS);

template <class Str, class Fixed64s, class Sub>
struct gm1_t {
  Str field1{};
  std::int32_t field2 = 0;
  std::int32_t field3 = 0;
  Str field4{};
  Fixed64s field5{};
  std::int32_t field6 = 0;
  Str field7{};
  Str field9{};
  bool field12 = false;
  bool field13 = false;
  bool field14 = false;
  Sub field15{};  // a plain member: written when not empty
  std::int32_t field16 = 0;
  bool field17 = false;
  Str field18{};
  std::int64_t field22 = 0;
  std::int32_t field23 = 0;
  bool field24 = false;
  std::int32_t field25 = 0;
  std::int32_t field29 = 0;
  bool field30 = false;
  bool field59 = false;
  std::int32_t field60 = 0;
  std::int32_t field67 = 0;
  std::int32_t field68 = 0;
  bool field78 = false;
  bool field80 = false;
  bool field81 = false;
  std::int32_t field100 = 0;
  std::int32_t field101 = 0;
  Str field102{};
  Str field103{};
  std::int32_t field104 = 0;
  std::int32_t field128 = 0;
  Str field129{};
  std::int32_t field130 = 0;
  std::int32_t field131 = 0;
  std::int32_t field150 = 0;
  std::int32_t field271 = 0;
  std::int32_t field272 = 0;
  std::int32_t field280 = 0;
};

// Every field but 5, whose encoding depends on the member type.
#define GM1_TAGWIRE_FIELDS                                                                                            \
  TAGWIRE_FIELD(1, field1), TAGWIRE_FIELD(2, field2), TAGWIRE_FIELD(3, field3), TAGWIRE_FIELD(4, field4),             \
      TAGWIRE_FIELD(6, field6), TAGWIRE_FIELD(7, field7), TAGWIRE_FIELD(9, field9), TAGWIRE_FIELD(12, field12),       \
      TAGWIRE_FIELD(13, field13), TAGWIRE_FIELD(14, field14), TAGWIRE_FIELD(15, field15), TAGWIRE_FIELD(16, field16), \
      TAGWIRE_FIELD(17, field17), TAGWIRE_FIELD(18, field18), TAGWIRE_FIELD(22, field22), TAGWIRE_FIELD(23, field23), \
      TAGWIRE_FIELD(24, field24), TAGWIRE_FIELD(25, field25), TAGWIRE_FIELD(29, field29), TAGWIRE_FIELD(30, field30), \
      TAGWIRE_FIELD(59, field59), TAGWIRE_FIELD(60, field60), TAGWIRE_FIELD(67, field67), TAGWIRE_FIELD(68, field68), \
      TAGWIRE_FIELD(78, field78), TAGWIRE_FIELD(80, field80), TAGWIRE_FIELD(81, field81),                             \
      TAGWIRE_FIELD(100, field100), TAGWIRE_FIELD(101, field101), TAGWIRE_FIELD(102, field102),                       \
      TAGWIRE_FIELD(103, field103), TAGWIRE_FIELD(104, field104), TAGWIRE_FIELD(128, field128),                       \
      TAGWIRE_FIELD(129, field129), TAGWIRE_FIELD(130, field130), TAGWIRE_FIELD(131, field131),                       \
      TAGWIRE_FIELD(150, field150), TAGWIRE_FIELD(271, field271), TAGWIRE_FIELD(272, field272),                       \
      TAGWIRE_FIELD(280, field280)

using gm1 = gm1_t<std::string, std::vector<std::uint64_t>, gm1_sub>;
using gm1_view = gm1_t<std::string_view, tagwire::packed_view<std::uint64_t, tagwire::fixed>, gm1_sub_view>;
using gm1_fixed = gm1_t<tagwire::fixed_string<128>, tagwire::fixed_vector<std::uint64_t, 8>, gm1_sub_fixed>;
TAGWIRE_MESSAGE(gm1, GM1_TAGWIRE_FIELDS, TAGWIRE_FIELD(5, field5, tagwire::fixed));
TAGWIRE_MESSAGE(gm1_view, GM1_TAGWIRE_FIELDS, TAGWIRE_FIELD(5, field5));
TAGWIRE_MESSAGE(gm1_fixed, GM1_TAGWIRE_FIELDS, TAGWIRE_FIELD(5, field5, tagwire::fixed));

// The peers' code is generated from one list per message, (number, kind, member) in number
// order. Kinds: str, i32, i64, u64, bln, f32 (fixed32), f64 (fixed64), rf64 (repeated fixed64),
// sub (the sub-message).
// clang-format off
#define GM1_FIELDS(X)                                                                                          \
  X(1, str, field1) X(2, i32, field2) X(3, i32, field3) X(4, str, field4) X(5, rf64, field5) X(6, i32, field6) \
  X(7, str, field7) X(9, str, field9) X(12, bln, field12) X(13, bln, field13) X(14, bln, field14)              \
  X(15, sub, field15) X(16, i32, field16) X(17, bln, field17) X(18, str, field18) X(22, i64, field22)          \
  X(23, i32, field23) X(24, bln, field24) X(25, i32, field25) X(29, i32, field29) X(30, bln, field30)          \
  X(59, bln, field59) X(60, i32, field60) X(67, i32, field67) X(68, i32, field68) X(78, bln, field78)          \
  X(80, bln, field80) X(81, bln, field81) X(100, i32, field100) X(101, i32, field101) X(102, str, field102)    \
  X(103, str, field103) X(104, i32, field104) X(128, i32, field128) X(129, str, field129)                      \
  X(130, i32, field130) X(131, i32, field131) X(150, i32, field150) X(271, i32, field271)                      \
  X(272, i32, field272) X(280, i32, field280)
#define GM1_SUB_FIELDS(X)                                                                                      \
  X(1, i32, field1) X(2, i32, field2) X(3, i32, field3) X(12, bln, field12) X(13, i64, field13)                \
  X(14, i64, field14) X(15, str, field15) X(16, i32, field16) X(19, i32, field19) X(20, bln, field20)          \
  X(21, f64, field21) X(22, i32, field22) X(23, bln, field23) X(28, bln, field28) X(203, f32, field203)        \
  X(204, i32, field204) X(205, str, field205) X(206, bln, field206) X(207, u64, field207)                      \
  X(300, u64, field300)
// clang-format on

// Comparison with the plain struct.
#define GM1_SAME(n, k, x) &&eq(a.x, b.x)
template <class A>
bool same(const A& a, const gm1_sub& b) {
  return true GM1_SUB_FIELDS(GM1_SAME);
}
template <class A>
bool same(const A& a, const gm1& b) {
  return true GM1_FIELDS(GM1_SAME);
}

// libprotobuf: from the plain struct (fill) and back (to_plain).
#define GM1_FILL(n, k, x) GM1_FILL_##k(x)
#define GM1_FILL_ONE(x) m.set_##x(p.x);
#define GM1_FILL_str GM1_FILL_ONE
#define GM1_FILL_i32 GM1_FILL_ONE
#define GM1_FILL_i64 GM1_FILL_ONE
#define GM1_FILL_u64 GM1_FILL_ONE
#define GM1_FILL_bln GM1_FILL_ONE
#define GM1_FILL_f32 GM1_FILL_ONE
#define GM1_FILL_f64 GM1_FILL_ONE
#define GM1_FILL_rf64(x) m.mutable_##x()->Add(p.x.begin(), p.x.end());
#define GM1_FILL_sub(x) \
  if (p.x != gm1_sub{}) fill_sub(p.x, *m.mutable_##x());

#define GM1_GET(n, k, x) GM1_GET_##k(x)
#define GM1_GET_ONE(x) p.x = m.x();
#define GM1_GET_str GM1_GET_ONE
#define GM1_GET_i32 GM1_GET_ONE
#define GM1_GET_i64 GM1_GET_ONE
#define GM1_GET_u64 GM1_GET_ONE
#define GM1_GET_bln GM1_GET_ONE
#define GM1_GET_f32 GM1_GET_ONE
#define GM1_GET_f64 GM1_GET_ONE
#define GM1_GET_rf64(x) p.x.assign(m.x().begin(), m.x().end());
#define GM1_GET_sub(x) \
  if (m.has_##x()) p.x = sub_to_plain(m.x());

// protozero: one switch case per field, one conditional write per field (proto3 presence).
#define GM1_CASE(n, k, x) \
  case n:                 \
    GM1_PZ_##k(out.x);    \
    break;
#define GM1_PZ_str(v) pz_assign(v, r.get_view())
#define GM1_PZ_i32(v) v = r.get_int32()
#define GM1_PZ_i64(v) v = r.get_int64()
#define GM1_PZ_u64(v) v = r.get_uint64()
#define GM1_PZ_bln(v) v = r.get_bool()
#define GM1_PZ_f32(v) v = r.get_fixed32()
#define GM1_PZ_f64(v) v = r.get_fixed64()
#define GM1_PZ_rf64(v) pz_packed(r, v, [](auto& x) { return x.get_packed_fixed64(); })
#define GM1_PZ_sub(v) pz_read_sub(r.get_message(), v)

#define GM1_PUT(n, k, x) GM1_W_##k(n, p.x)
#define GM1_W_str(n, v) pz_string(w, n, v);
#define GM1_W_i32(n, v) \
  if (v != 0) w.add_int32(n, v);
#define GM1_W_i64(n, v) \
  if (v != 0) w.add_int64(n, v);
#define GM1_W_u64(n, v) \
  if (v != 0) w.add_uint64(n, v);
#define GM1_W_bln(n, v) \
  if (v) w.add_bool(n, true);
#define GM1_W_f32(n, v) \
  if (v != 0) w.add_fixed32(n, v);
#define GM1_W_f64(n, v) \
  if (v != 0) w.add_fixed64(n, v);
#define GM1_W_rf64(n, v) \
  if (!v.empty()) w.add_packed_fixed64(n, v.begin(), v.end());
#define GM1_W_sub(n, v)   \
  {                       \
    W sub(w, n);          \
    pz_write_sub(sub, v); \
  }

using pb_sub = benchmarks::proto3::GoogleMessage1SubMessage;

inline void fill_sub(const gm1_sub& p, pb_sub& m) { GM1_SUB_FIELDS(GM1_FILL) }
inline gm1_sub sub_to_plain(const pb_sub& m) {
  gm1_sub p;
  GM1_SUB_FIELDS(GM1_GET)
  return p;
}

template <class M>
void pz_read_sub(protozero::pbf_reader r, M& out) {
  while (r.next()) {
    switch (r.tag()) {
      GM1_SUB_FIELDS(GM1_CASE)
      default: r.skip();
    }
  }
}

template <class W, class M>
void pz_write_sub(W& w, const M& p) {
  GM1_SUB_FIELDS(GM1_PUT)
}

struct suite {
  static constexpr const char* name = "google_message1";
  static constexpr bool has_strings = true;
  using plain = gm1;
  using view = gm1_view;
  using fixed = gm1_fixed;
  using pb = benchmarks::proto3::GoogleMessage1;

  // The first payload of the data set is the input; the source values are what libprotobuf
  // decodes from it.
  static std::string make(gm1& p, std::vector<std::byte>& input) {
    const char* env = std::getenv("TAGWIRE_BENCH_GOOGLE_MESSAGE1");
    const std::string path = env != nullptr && *env != '\0' ? env : TAGWIRE_BENCH_GOOGLE_MESSAGE1;
    std::ifstream f(path, std::ios::binary);
    if (!f) {
      return "SKIPPED: the GoogleMessage1 data set is not at " + path +
             " (set TAGWIRE_BENCH_GOOGLE_MESSAGE1 to google_message1_proto3.pb)";
    }
    const std::string all{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
    benchmarks::proto3::BenchmarkDataset ds;
    if (!ds.ParseFromString(all) || ds.payload_size() == 0) return "ERROR: " + path + " is not a BenchmarkDataset";
    if (ds.message_name() != "benchmarks.proto3.GoogleMessage1") {
      return "ERROR: " + path + " holds " + ds.message_name() + ", not benchmarks.proto3.GoogleMessage1";
    }
    if (ds.payload_size() > 1) {
      std::fprintf(stderr, "google_message1: the data set has %d payloads; using the first\n", ds.payload_size());
    }
    pb m;
    if (!m.ParseFromString(ds.payload(0))) return "ERROR: libprotobuf cannot parse the payload of " + path;
    p = to_plain(m);
    input = to_bytes(ds.payload(0));
    return {};
  }

  static void fill(const gm1& p, pb& m) { GM1_FIELDS(GM1_FILL) }

  static gm1 to_plain(const pb& m) {
    gm1 p;
    GM1_FIELDS(GM1_GET)
    return p;
  }

  template <class M>
  static void pz_read(protozero::pbf_reader r, M& out) {
    while (r.next()) {
      switch (r.tag()) {
        GM1_FIELDS(GM1_CASE)
        default: r.skip();
      }
    }
  }

  template <class W, class M>
  static void pz_write(W& w, const M& p) {
    GM1_FIELDS(GM1_PUT)
  }
};

}  // namespace bench::gm1_msg

namespace bench {
void register_google_message1() { register_suite<gm1_msg::suite>(); }
}  // namespace bench
