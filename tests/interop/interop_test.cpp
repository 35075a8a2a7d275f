// Differential tests: tagwire against libprotobuf on the schema in interop.proto.
// For every message: tagwire's bytes == libprotobuf's deterministic bytes, encoded_size ==
// ByteSizeLong, tagwire decodes libprotobuf's bytes to the source values, and libprotobuf
// parses tagwire's bytes and re-serializes them unchanged.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <interop.pb.h>

#include <tagwire/tagwire.hpp>

#include "random_values.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace pb = tagwire_interop;

// ---- tagwire mirrors of interop.proto ---------------------------------------------------

namespace tw {

enum class color : std::int32_t {
  zero = 0,
  red = 1,
  green = 2,
  minus_one = -1,
  min = std::numeric_limits<std::int32_t>::min(),
  max = std::numeric_limits<std::int32_t>::max(),
};

struct inner_msg {
  std::string s;
  std::int32_t a = 0;
  std::vector<std::int64_t> zs;
  color e = color::zero;
};
TAGWIRE_MESSAGE(inner_msg, TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(16, zs, tagwire::sint),
                TAGWIRE_FIELD(3, e));

struct tree_msg {
  std::vector<tree_msg> children;
  std::int32_t value = 0;
  std::unique_ptr<tree_msg> child;
  std::string label;
};
TAGWIRE_MESSAGE(tree_msg, TAGWIRE_FIELD(3, children), TAGWIRE_FIELD(1, value), TAGWIRE_FIELD(2048, child),
                TAGWIRE_FIELD(2, label));

struct all_msg {
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint32_t u32 = 0;
  std::uint64_t u64 = 0;
  std::int32_t s32 = 0;
  std::int64_t s64 = 0;
  bool b = false;
  color e = color::zero;
  std::uint32_t f32 = 0;
  std::uint64_t f64 = 0;
  std::int32_t sf32 = 0;
  std::int64_t sf64 = 0;
  float fl = 0;
  double db = 0;
  std::string str;
  std::vector<std::byte> byt;

  std::optional<inner_msg> inner;  // sub-messages have explicit presence in libprotobuf
  std::optional<tree_msg> tree;

  std::vector<std::int32_t> r_i32;
  std::vector<std::int64_t> r_i64;
  std::vector<std::uint32_t> r_u32;
  std::vector<std::uint64_t> r_u64;
  std::vector<std::int32_t> r_s32;
  std::vector<std::int64_t> r_s64;
  std::vector<bool> r_b;
  std::vector<color> r_e;
  std::vector<std::uint32_t> r_f32;
  std::vector<std::uint64_t> r_f64;
  std::vector<std::int32_t> r_sf32;
  std::deque<std::int64_t> r_sf64;  // not contiguous: the element-wise packed path
  std::vector<float> r_fl;
  std::vector<double> r_db;

  std::vector<std::int32_t> u_i32;
  std::vector<std::int64_t> u_s64;
  std::vector<std::uint32_t> u_f32;
  std::deque<double> u_db;
  std::vector<bool> u_b;
  std::vector<color> u_e;
  std::vector<std::uint64_t> u_u64;

  std::vector<std::string> r_str;
  std::vector<std::vector<unsigned char>> r_byt;
  std::vector<inner_msg> r_inner;

  std::optional<std::int32_t> o_i32;
  std::optional<std::uint64_t> o_u64;
  std::optional<std::int32_t> o_s32;
  std::optional<bool> o_b;
  std::optional<color> o_e;
  std::optional<float> o_fl;
  std::optional<double> o_db;
  std::optional<std::int64_t> o_sf64;
  std::optional<std::string> o_str;
  std::optional<std::string> o_byt;
};
TAGWIRE_MESSAGE(all_msg, TAGWIRE_FIELD(7, i32), TAGWIRE_FIELD(1, i64), TAGWIRE_FIELD(15, u32), TAGWIRE_FIELD(16, u64),
                TAGWIRE_FIELD(3, s32, tagwire::sint), TAGWIRE_FIELD(2047, s64, tagwire::sint), TAGWIRE_FIELD(2048, b),
                TAGWIRE_FIELD(5, e), TAGWIRE_FIELD(262143, f32, tagwire::fixed),
                TAGWIRE_FIELD(262144, f64, tagwire::fixed), TAGWIRE_FIELD(33554431, sf32, tagwire::sfixed),
                TAGWIRE_FIELD(33554432, sf64, tagwire::sfixed), TAGWIRE_FIELD(536870911, fl), TAGWIRE_FIELD(4, db),
                TAGWIRE_FIELD(6, str), TAGWIRE_FIELD(8, byt), TAGWIRE_FIELD(9, inner), TAGWIRE_FIELD(10, tree),
                TAGWIRE_FIELD(20, r_i32), TAGWIRE_FIELD(21, r_i64), TAGWIRE_FIELD(22, r_u32), TAGWIRE_FIELD(23, r_u64),
                TAGWIRE_FIELD(24, r_s32, tagwire::sint), TAGWIRE_FIELD(25, r_s64, tagwire::sint),
                TAGWIRE_FIELD(26, r_b), TAGWIRE_FIELD(27, r_e), TAGWIRE_FIELD(28, r_f32, tagwire::fixed),
                TAGWIRE_FIELD(29, r_f64, tagwire::fixed), TAGWIRE_FIELD(30, r_sf32, tagwire::sfixed),
                TAGWIRE_FIELD(31, r_sf64, tagwire::sfixed), TAGWIRE_FIELD(32, r_fl), TAGWIRE_FIELD(100000, r_db),
                TAGWIRE_FIELD(40, u_i32, tagwire::unpacked), TAGWIRE_FIELD(41, u_s64, tagwire::sint, tagwire::unpacked),
                TAGWIRE_FIELD(42, u_f32, tagwire::fixed, tagwire::unpacked), TAGWIRE_FIELD(43, u_db, tagwire::unpacked),
                TAGWIRE_FIELD(44, u_b, tagwire::unpacked), TAGWIRE_FIELD(45, u_e, tagwire::unpacked),
                TAGWIRE_FIELD(536870910, u_u64, tagwire::unpacked), TAGWIRE_FIELD(50, r_str), TAGWIRE_FIELD(51, r_byt),
                TAGWIRE_FIELD(52, r_inner), TAGWIRE_FIELD(60, o_i32), TAGWIRE_FIELD(61, o_u64),
                TAGWIRE_FIELD(62, o_s32, tagwire::sint), TAGWIRE_FIELD(63, o_b), TAGWIRE_FIELD(64, o_e),
                TAGWIRE_FIELD(65, o_fl), TAGWIRE_FIELD(66, o_db), TAGWIRE_FIELD(67, o_sf64, tagwire::sfixed),
                TAGWIRE_FIELD(68, o_str), TAGWIRE_FIELD(69, o_byt, tagwire::bytes));

struct packed_msg {
  std::vector<std::int32_t> i32;
  std::vector<std::int64_t> s64;
  std::vector<std::uint32_t> f32;
  std::vector<double> db;
  std::vector<color> e;
};
TAGWIRE_MESSAGE(packed_msg, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, s64, tagwire::sint),
                TAGWIRE_FIELD(3, f32, tagwire::fixed), TAGWIRE_FIELD(4, db), TAGWIRE_FIELD(5, e));

struct unpacked_msg {
  std::vector<std::int32_t> i32;
  std::vector<std::int64_t> s64;
  std::vector<std::uint32_t> f32;
  std::vector<double> db;
  std::vector<color> e;
};
TAGWIRE_MESSAGE(unpacked_msg, TAGWIRE_FIELD(1, i32, tagwire::unpacked),
                TAGWIRE_FIELD(2, s64, tagwire::sint, tagwire::unpacked),
                TAGWIRE_FIELD(3, f32, tagwire::fixed, tagwire::unpacked), TAGWIRE_FIELD(4, db, tagwire::unpacked),
                TAGWIRE_FIELD(5, e, tagwire::unpacked));

// V1 knows a subset of V2's fields.
struct v1_msg {
  std::int32_t id = 0;
  std::string name;
  std::vector<std::int32_t> nums;
  std::optional<inner_msg> inner;
  double score = 0;
};
TAGWIRE_MESSAGE(v1_msg, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(3, name), TAGWIRE_FIELD(5, nums), TAGWIRE_FIELD(9, inner),
                TAGWIRE_FIELD(2048, score));

}  // namespace tw

namespace {

using tw::color;

// ---- conversions between the tagwire structs and the libprotobuf messages ----------------

std::string as_string(std::span<const std::byte> b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }
std::vector<std::byte> as_byte_vector(const std::string& s) {
  const auto b = std::as_bytes(std::span(s.data(), s.size()));
  return {b.begin(), b.end()};
}

pb::Color to_pb(color c) { return static_cast<pb::Color>(c); }
color from_pb_enum(int c) { return static_cast<color>(c); }

void to_pb(const tw::inner_msg& t, pb::Inner& p) {
  p.set_s(t.s);
  p.set_a(t.a);
  for (auto z : t.zs) p.add_zs(z);
  p.set_e(to_pb(t.e));
}
void from_pb(const pb::Inner& p, tw::inner_msg& t) {
  t.s = p.s();
  t.a = p.a();
  t.zs.assign(p.zs().begin(), p.zs().end());
  t.e = from_pb_enum(p.e());
}

void to_pb(const tw::tree_msg& t, pb::Tree& p) {
  for (const auto& c : t.children) to_pb(c, *p.add_children());
  p.set_value(t.value);
  if (t.child) to_pb(*t.child, *p.mutable_child());
  p.set_label(t.label);
}
void from_pb(const pb::Tree& p, tw::tree_msg& t) {
  for (const auto& c : p.children()) from_pb(c, t.children.emplace_back());
  t.value = p.value();
  if (p.has_child()) from_pb(p.child(), *(t.child = std::make_unique<tw::tree_msg>()));
  t.label = p.label();
}

void to_pb(const tw::all_msg& t, pb::All& p) {
  p.set_i32(t.i32);
  p.set_i64(t.i64);
  p.set_u32(t.u32);
  p.set_u64(t.u64);
  p.set_s32(t.s32);
  p.set_s64(t.s64);
  p.set_b(t.b);
  p.set_e(to_pb(t.e));
  p.set_f32(t.f32);
  p.set_f64(t.f64);
  p.set_sf32(t.sf32);
  p.set_sf64(t.sf64);
  p.set_fl(t.fl);
  p.set_db(t.db);
  p.set_str(t.str);
  p.set_byt(as_string(t.byt));
  if (t.inner) to_pb(*t.inner, *p.mutable_inner());
  if (t.tree) to_pb(*t.tree, *p.mutable_tree());

  for (auto v : t.r_i32) p.add_r_i32(v);
  for (auto v : t.r_i64) p.add_r_i64(v);
  for (auto v : t.r_u32) p.add_r_u32(v);
  for (auto v : t.r_u64) p.add_r_u64(v);
  for (auto v : t.r_s32) p.add_r_s32(v);
  for (auto v : t.r_s64) p.add_r_s64(v);
  for (bool v : t.r_b) p.add_r_b(v);
  for (auto v : t.r_e) p.add_r_e(to_pb(v));
  for (auto v : t.r_f32) p.add_r_f32(v);
  for (auto v : t.r_f64) p.add_r_f64(v);
  for (auto v : t.r_sf32) p.add_r_sf32(v);
  for (auto v : t.r_sf64) p.add_r_sf64(v);
  for (auto v : t.r_fl) p.add_r_fl(v);
  for (auto v : t.r_db) p.add_r_db(v);

  for (auto v : t.u_i32) p.add_u_i32(v);
  for (auto v : t.u_s64) p.add_u_s64(v);
  for (auto v : t.u_f32) p.add_u_f32(v);
  for (auto v : t.u_db) p.add_u_db(v);
  for (bool v : t.u_b) p.add_u_b(v);
  for (auto v : t.u_e) p.add_u_e(to_pb(v));
  for (auto v : t.u_u64) p.add_u_u64(v);

  for (const auto& v : t.r_str) p.add_r_str(v);
  for (const auto& v : t.r_byt) p.add_r_byt(v.data(), v.size());
  for (const auto& v : t.r_inner) to_pb(v, *p.add_r_inner());

  if (t.o_i32) p.set_o_i32(*t.o_i32);
  if (t.o_u64) p.set_o_u64(*t.o_u64);
  if (t.o_s32) p.set_o_s32(*t.o_s32);
  if (t.o_b) p.set_o_b(*t.o_b);
  if (t.o_e) p.set_o_e(to_pb(*t.o_e));
  if (t.o_fl) p.set_o_fl(*t.o_fl);
  if (t.o_db) p.set_o_db(*t.o_db);
  if (t.o_sf64) p.set_o_sf64(*t.o_sf64);
  if (t.o_str) p.set_o_str(*t.o_str);
  if (t.o_byt) p.set_o_byt(*t.o_byt);
}

void from_pb(const pb::All& p, tw::all_msg& t) {
  t.i32 = p.i32();
  t.i64 = p.i64();
  t.u32 = p.u32();
  t.u64 = p.u64();
  t.s32 = p.s32();
  t.s64 = p.s64();
  t.b = p.b();
  t.e = from_pb_enum(p.e());
  t.f32 = p.f32();
  t.f64 = p.f64();
  t.sf32 = p.sf32();
  t.sf64 = p.sf64();
  t.fl = p.fl();
  t.db = p.db();
  t.str = p.str();
  t.byt = as_byte_vector(p.byt());
  if (p.has_inner()) from_pb(p.inner(), t.inner.emplace());
  if (p.has_tree()) from_pb(p.tree(), t.tree.emplace());

  t.r_i32.assign(p.r_i32().begin(), p.r_i32().end());
  t.r_i64.assign(p.r_i64().begin(), p.r_i64().end());
  t.r_u32.assign(p.r_u32().begin(), p.r_u32().end());
  t.r_u64.assign(p.r_u64().begin(), p.r_u64().end());
  t.r_s32.assign(p.r_s32().begin(), p.r_s32().end());
  t.r_s64.assign(p.r_s64().begin(), p.r_s64().end());
  t.r_b.assign(p.r_b().begin(), p.r_b().end());
  for (int v : p.r_e()) t.r_e.push_back(from_pb_enum(v));
  t.r_f32.assign(p.r_f32().begin(), p.r_f32().end());
  t.r_f64.assign(p.r_f64().begin(), p.r_f64().end());
  t.r_sf32.assign(p.r_sf32().begin(), p.r_sf32().end());
  t.r_sf64.assign(p.r_sf64().begin(), p.r_sf64().end());
  t.r_fl.assign(p.r_fl().begin(), p.r_fl().end());
  t.r_db.assign(p.r_db().begin(), p.r_db().end());

  t.u_i32.assign(p.u_i32().begin(), p.u_i32().end());
  t.u_s64.assign(p.u_s64().begin(), p.u_s64().end());
  t.u_f32.assign(p.u_f32().begin(), p.u_f32().end());
  t.u_db.assign(p.u_db().begin(), p.u_db().end());
  t.u_b.assign(p.u_b().begin(), p.u_b().end());
  for (int v : p.u_e()) t.u_e.push_back(from_pb_enum(v));
  t.u_u64.assign(p.u_u64().begin(), p.u_u64().end());

  t.r_str.assign(p.r_str().begin(), p.r_str().end());
  for (const auto& v : p.r_byt()) t.r_byt.emplace_back(v.begin(), v.end());
  for (const auto& v : p.r_inner()) from_pb(v, t.r_inner.emplace_back());

  if (p.has_o_i32()) t.o_i32 = p.o_i32();
  if (p.has_o_u64()) t.o_u64 = p.o_u64();
  if (p.has_o_s32()) t.o_s32 = p.o_s32();
  if (p.has_o_b()) t.o_b = p.o_b();
  if (p.has_o_e()) t.o_e = from_pb_enum(p.o_e());
  if (p.has_o_fl()) t.o_fl = p.o_fl();
  if (p.has_o_db()) t.o_db = p.o_db();
  if (p.has_o_sf64()) t.o_sf64 = p.o_sf64();
  if (p.has_o_str()) t.o_str = p.o_str();
  if (p.has_o_byt()) t.o_byt = p.o_byt();
}

// pb::Packed / pb::Unpacked and tw::packed_msg / tw::unpacked_msg share their member names.
template <class T, class P>
void lists_to_pb(const T& t, P& p) {
  for (auto v : t.i32) p.add_i32(v);
  for (auto v : t.s64) p.add_s64(v);
  for (auto v : t.f32) p.add_f32(v);
  for (auto v : t.db) p.add_db(v);
  for (auto v : t.e) p.add_e(to_pb(v));
}
template <class P, class T>
void lists_from_pb(const P& p, T& t) {
  t.i32.assign(p.i32().begin(), p.i32().end());
  t.s64.assign(p.s64().begin(), p.s64().end());
  t.f32.assign(p.f32().begin(), p.f32().end());
  t.db.assign(p.db().begin(), p.db().end());
  for (int v : p.e()) t.e.push_back(from_pb_enum(v));
}
void to_pb(const tw::packed_msg& t, pb::Packed& p) { lists_to_pb(t, p); }
void to_pb(const tw::unpacked_msg& t, pb::Unpacked& p) { lists_to_pb(t, p); }
void from_pb(const pb::Packed& p, tw::packed_msg& t) { lists_from_pb(p, t); }
void from_pb(const pb::Unpacked& p, tw::unpacked_msg& t) { lists_from_pb(p, t); }
void from_pb(const pb::Unpacked& p, tw::packed_msg& t) { lists_from_pb(p, t); }

void from_pb(const pb::V1& p, tw::v1_msg& t) {
  t.id = p.id();
  t.name = p.name();
  t.nums.assign(p.nums().begin(), p.nums().end());
  if (p.has_inner()) from_pb(p.inner(), t.inner.emplace());
  t.score = p.score();
}

template <class T, class P>
T from_pb(const P& p) {
  T t;
  from_pb(p, t);
  return t;
}

// ---- comparisons ----------------------------------------------------------------------------

using interop_support::bytes_of;
using interop_support::pb_bytes;
using interop_support::same;

// "" when equal, else where the encodings part, with both byte strings around it.
std::string byte_diff(std::span<const std::byte> ours, std::span<const std::byte> theirs) {
  if (ours.size() == theirs.size() && std::equal(ours.begin(), ours.end(), theirs.begin())) return "";
  std::size_t at = 0;
  while (at < ours.size() && at < theirs.size() && ours[at] == theirs[at]) ++at;
  const auto dump = [](std::span<const std::byte> b, std::size_t from, std::size_t to) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    for (std::size_t i = from; i < to && i < b.size(); ++i) {
      if (!s.empty()) s += ' ';
      s += digits[std::to_integer<int>(b[i]) >> 4];
      s += digits[std::to_integer<int>(b[i]) & 15];
    }
    return s;
  };
  const bool small = ours.size() <= 256 && theirs.size() <= 256;
  const std::size_t from = small ? 0 : (at > 16 ? at - 16 : 0);
  const std::size_t to = small ? std::max(ours.size(), theirs.size()) : at + 32;
  return "sizes tagwire " + std::to_string(ours.size()) + " libprotobuf " + std::to_string(theirs.size()) +
         ", first difference at offset " + std::to_string(at) + "; bytes [" + std::to_string(from) + ", " +
         std::to_string(to) + "):\n  tagwire:     " + dump(ours, from, to) +
         "\n  libprotobuf: " + dump(theirs, from, to);
}
// The four differential checks for one value `t` of tagwire struct T and its libprotobuf twin P.
template <class T, class P>
void check_against_libprotobuf(const T& t) {
  P p;
  to_pb(t, p);
  const std::string theirs = pb_bytes(p);
  std::string where;

  // a. identical bytes.
  std::vector<std::byte> ours(tagwire::encoded_size(t));
  const auto enc = tagwire::encode(t, ours);
  CHECK(enc.has_value());
  if (!enc) return;
  CHECK(enc->size() == ours.size());
  const std::string diff = byte_diff(ours, bytes_of(theirs));
  CHECK_MESSAGE(diff.empty(), diff, "\n  message: ", p.ShortDebugString());
  std::string appended = "prefix";  // encode_to appends after what is there
  CHECK(tagwire::encode_to(t, appended).value_or(0) == theirs.size());
  CHECK_MESSAGE(byte_diff(bytes_of(appended), bytes_of("prefix" + theirs)).empty(), "encode_to");

  // b. identical sizes.
  CHECK(tagwire::encoded_size(t) == p.ByteSizeLong());

  // c. tagwire reads libprotobuf's bytes back to the source values.
  const auto back = tagwire::decode<T>(theirs);
  CHECK_MESSAGE(back.has_value(), "errc ", tagwire::to_string(back.error().code), " at ", back.error().offset);
  if (back) CHECK_MESSAGE(same(*back, t, where), "decoded", where);

  // d. libprotobuf reads tagwire's bytes and writes them back unchanged, with the same values.
  P q;
  CHECK(q.ParseFromArray(ours.data(), static_cast<int>(ours.size())));
  CHECK_MESSAGE(byte_diff(ours, bytes_of(pb_bytes(q))).empty(), "libprotobuf re-serialization");
  where.clear();
  CHECK_MESSAGE(same(from_pb<T>(q), t, where), "libprotobuf parse", where);
}

// ---- value generators -----------------------------------------------------------------------

constexpr std::uint32_t float_specials[] = {
    0x00000000, 0x80000000,              // +0, -0
    0x7f800000, 0xff800000,              // +inf, -inf
    0x7fc00000, 0xffc00000, 0x7fc00001,  // quiet NaNs, one with a payload
    0x7f800001, 0x7fa5a5a5, 0xffffffff,  // signalling NaN, payloads, all ones
    0x00000001, 0x807fffff, 0x00400000,  // denormals
    0x00800000, 0x7f7fffff, 0x3f800000,  // smallest normal, FLT_MAX, 1.0
};
constexpr std::uint64_t double_specials[] = {
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0xfff8000000000000, 0x7ff8000000000001, 0x7ff0000000000001,
    0x7ff4a5a5a5a5a5a5, 0xffffffffffffffff, 0x0000000000000001, 0x800fffffffffffff,
    0x0008000000000000, 0x0010000000000000, 0x7fefffffffffffff, 0x3ff0000000000000,
};

class gen : public interop_support::random_source {
 public:
  using random_source::random_source;

  template <class I>
  I integer() {
    return edge_integer<I>(below(8));
  }
  color enumeration() {
    constexpr color named[] = {color::zero, color::red, color::green, color::minus_one, color::min, color::max};
    if (one_in(4)) return static_cast<color>(integer<std::int32_t>());  // open enum: any int32
    return named[below(std::size(named))];
  }
  float f32() {
    switch (below(5)) {
      case 0: return std::bit_cast<float>(float_specials[below(std::size(float_specials))]);
      case 1: return std::bit_cast<float>(static_cast<std::uint32_t>(bits() & 0x807fffff));  // denormal or zero
      case 2: return static_cast<float>(static_cast<std::int32_t>(below(2001)) - 1000) / 8.0f;
      default: return std::bit_cast<float>(static_cast<std::uint32_t>(bits()));  // any pattern, NaNs too
    }
  }
  double f64() {
    switch (below(5)) {
      case 0: return std::bit_cast<double>(double_specials[below(std::size(double_specials))]);
      case 1: return std::bit_cast<double>(bits() & 0x800fffffffffffff);
      case 2: return static_cast<double>(static_cast<std::int64_t>(below(2001)) - 1000) / 8.0;
      default: return std::bit_cast<double>(bits());
    }
  }
  // Valid UTF-8 (proto3 `string` parsing rejects anything else): NUL and 1..4-byte sequences.
  std::string utf8(std::size_t max_chars) {
    std::string s;
    const std::size_t n = long_or(max_chars);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t cp = 0;
      switch (below(4)) {
        case 0: cp = static_cast<std::uint32_t>(below(0x80)); break;
        case 1: cp = static_cast<std::uint32_t>(0x80 + below(0x800 - 0x80)); break;
        case 2: cp = static_cast<std::uint32_t>(0x800 + below(0x10000 - 0x800 - 0x800)); break;
        default: cp = static_cast<std::uint32_t>(0x10000 + below(0x110000 - 0x10000)); break;
      }
      if (cp >= 0xd800 && cp < 0x10000) cp += 0x800;  // skip the surrogates
      interop_support::append_utf8(s, cp);
    }
    return s;
  }
  std::string blob(std::size_t max_len) {
    std::string s(long_or(max_len), '\0');
    for (char& c : s) c = static_cast<char>(bits());
    return s;
  }
  // Repeated-field length: often 0 or 1, sometimes long enough for a 2-byte length prefix.
  std::size_t count() {
    switch (below(6)) {
      case 0: return 0;
      case 1: return 1;
      case 2: return one_in(3) ? 130 + below(100) : below(20);
      default: return below(6);
    }
  }

 private:
  std::size_t long_or(std::size_t max) { return one_in(10) ? 128 + below(300) : below(max + 1); }
};

template <class C, class F>
void fill(gen& g, C& c, F make) {
  const std::size_t n = g.count();
  for (std::size_t i = 0; i < n; ++i) c.push_back(make());
}

tw::inner_msg random_inner(gen& g) {
  tw::inner_msg m;
  m.s = g.utf8(6);
  m.a = g.integer<std::int32_t>();
  fill(g, m.zs, [&] { return g.integer<std::int64_t>(); });
  m.e = g.enumeration();
  return m;
}

tw::tree_msg random_tree(gen& g, int depth) {
  tw::tree_msg t;
  t.value = g.integer<std::int32_t>();
  if (g.one_in(2)) t.label = g.utf8(5);
  if (depth > 0) {
    const std::size_t n = g.below(3);
    for (std::size_t i = 0; i < n; ++i) t.children.push_back(random_tree(g, depth - 1));
    if (g.one_in(2)) t.child = std::make_unique<tw::tree_msg>(random_tree(g, depth - 1));
  }
  return t;
}

template <class T>
std::optional<T> maybe(gen& g, T v) {
  return g.one_in(2) ? std::optional<T>(std::move(v)) : std::nullopt;
}

tw::all_msg random_all(gen& g) {
  tw::all_msg m;
  m.i32 = g.integer<std::int32_t>();
  m.i64 = g.integer<std::int64_t>();
  m.u32 = g.integer<std::uint32_t>();
  m.u64 = g.integer<std::uint64_t>();
  m.s32 = g.integer<std::int32_t>();
  m.s64 = g.integer<std::int64_t>();
  m.b = g.one_in(2);
  m.e = g.enumeration();
  m.f32 = g.integer<std::uint32_t>();
  m.f64 = g.integer<std::uint64_t>();
  m.sf32 = g.integer<std::int32_t>();
  m.sf64 = g.integer<std::int64_t>();
  m.fl = g.f32();
  m.db = g.f64();
  m.str = g.utf8(10);
  m.byt = as_byte_vector(g.blob(10));
  if (g.one_in(2)) m.inner = random_inner(g);
  if (g.one_in(2)) m.tree = random_tree(g, static_cast<int>(g.below(5)));

  fill(g, m.r_i32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.r_i64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.r_u32, [&] { return g.integer<std::uint32_t>(); });
  fill(g, m.r_u64, [&] { return g.integer<std::uint64_t>(); });
  fill(g, m.r_s32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.r_s64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.r_b, [&] { return g.one_in(2); });
  fill(g, m.r_e, [&] { return g.enumeration(); });
  fill(g, m.r_f32, [&] { return g.integer<std::uint32_t>(); });
  fill(g, m.r_f64, [&] { return g.integer<std::uint64_t>(); });
  fill(g, m.r_sf32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.r_sf64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.r_fl, [&] { return g.f32(); });
  fill(g, m.r_db, [&] { return g.f64(); });

  fill(g, m.u_i32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.u_s64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.u_f32, [&] { return g.integer<std::uint32_t>(); });
  fill(g, m.u_db, [&] { return g.f64(); });
  fill(g, m.u_b, [&] { return g.one_in(2); });
  fill(g, m.u_e, [&] { return g.enumeration(); });
  fill(g, m.u_u64, [&] { return g.integer<std::uint64_t>(); });

  fill(g, m.r_str, [&] { return g.utf8(8); });
  fill(g, m.r_byt, [&] {
    const std::string s = g.blob(8);
    return std::vector<unsigned char>(s.begin(), s.end());
  });
  if (g.one_in(2)) fill(g, m.r_inner, [&] { return random_inner(g); });

  m.o_i32 = maybe(g, g.integer<std::int32_t>());
  m.o_u64 = maybe(g, g.integer<std::uint64_t>());
  m.o_s32 = maybe(g, g.integer<std::int32_t>());
  m.o_b = maybe(g, g.one_in(2));
  m.o_e = maybe(g, g.enumeration());
  m.o_fl = maybe(g, g.f32());
  m.o_db = maybe(g, g.f64());
  m.o_sf64 = maybe(g, g.integer<std::int64_t>());
  m.o_str = maybe(g, g.utf8(6));
  m.o_byt = maybe(g, g.blob(6));
  return m;
}

// ---- hand-picked values ---------------------------------------------------------------------

constexpr std::int32_t i32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t i32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::uint32_t u32_max = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint64_t u64_max = std::numeric_limits<std::uint64_t>::max();

std::vector<std::byte> all_byte_values() {
  std::vector<std::byte> v;
  for (int i = 0; i < 256; ++i) v.push_back(static_cast<std::byte>(i));
  return v;
}

// A tree `depth` levels deep below the root, with children and a single child at each level.
tw::tree_msg chain(int depth) {
  tw::tree_msg t;
  t.value = -depth;
  t.label = "level " + std::to_string(depth);
  if (depth > 0) {
    t.children.push_back(chain(depth - 1));
    t.children.emplace_back();  // an empty child is still a record
    t.child = std::make_unique<tw::tree_msg>(chain(depth - 1));
  }
  return t;
}

tw::all_msg minimums() {
  tw::all_msg m;
  m.i32 = i32_min;
  m.i64 = i64_min;
  m.u32 = 1;
  m.u64 = 1;
  m.s32 = i32_min;
  m.s64 = i64_min;
  m.b = true;
  m.e = color::min;
  m.f32 = 1;
  m.f64 = 1;
  m.sf32 = i32_min;
  m.sf64 = i64_min;
  m.fl = -0.0f;  // a set sign bit: written, like libprotobuf
  m.db = -0.0;
  m.str = std::string(300, 'x');
  m.byt = all_byte_values();
  m.r_i32 = {i32_min, -1, 0, i32_max};
  m.r_i64 = {i64_min, -1, 0, i64_max};
  m.r_u32 = {0, 1, u32_max};
  m.r_u64 = {0, 1, u64_max};
  m.r_s32 = {i32_min, -1, 0, 1, i32_max};
  m.r_s64 = {i64_min, -1, 0, 1, i64_max};
  m.r_b = {false, true, false};
  m.r_e = {color::min, color::minus_one, color::zero, color::max, static_cast<color>(-7)};
  m.r_f32 = {0, u32_max};
  m.r_f64 = {0, u64_max};
  m.r_sf32 = {i32_min, -1, i32_max};
  m.r_sf64 = {i64_min, -1, i64_max};
  m.u_i32 = {i32_min, -1, 0};
  m.u_s64 = {i64_min, 0, i64_max};
  m.u_f32 = {0, u32_max};
  m.u_b = {true, false};
  m.u_e = {color::minus_one, color::min, color::zero};
  m.u_u64 = {u64_max, 0};
  m.r_str = {"", std::string(300, 'y'), "\xe2\x82\xac"};
  m.r_byt = {{}, {0x00}, {0xff, 0x80, 0x00}};
  m.inner = tw::inner_msg{"", i32_min, {i64_min, i64_max}, color::minus_one};
  m.r_inner = {tw::inner_msg{}, tw::inner_msg{"a", -1, {}, color::min}};
  return m;
}

tw::all_msg maximums() {
  tw::all_msg m;
  m.i32 = i32_max;
  m.i64 = i64_max;
  m.u32 = u32_max;
  m.u64 = u64_max;
  m.s32 = i32_max;
  m.s64 = i64_max;
  m.e = color::max;
  m.f32 = u32_max;
  m.f64 = u64_max;
  m.sf32 = i32_max;
  m.sf64 = i64_max;
  m.fl = std::numeric_limits<float>::max();
  m.db = std::numeric_limits<double>::max();
  m.str = "\xf4\x8f\xbf\xbf";  // U+10FFFF
  m.o_i32 = i32_max;
  m.o_u64 = u64_max;
  m.o_s32 = i32_min;
  m.o_e = color::min;
  m.o_sf64 = i64_min;
  return m;
}

tw::all_msg minus_ones() {
  tw::all_msg m;
  m.i32 = -1;
  m.i64 = -1;
  m.u32 = u32_max;
  m.u64 = u64_max;
  m.s32 = -1;
  m.s64 = -1;
  m.e = color::minus_one;
  m.sf32 = -1;
  m.sf64 = -1;
  m.fl = -1.0f;
  m.db = -1.0;
  m.o_i32 = -1;
  m.o_s32 = -1;
  m.o_e = color::minus_one;
  m.o_sf64 = -1;
  return m;
}

tw::all_msg special_floats() {
  tw::all_msg m;
  m.fl = std::bit_cast<float>(std::uint32_t{0x7f800001});  // signalling NaN with a payload
  m.db = std::bit_cast<double>(std::uint64_t{0xfff0000000000001});
  for (auto b : float_specials) m.r_fl.push_back(std::bit_cast<float>(b));
  for (auto b : double_specials) m.r_db.push_back(std::bit_cast<double>(b));
  for (auto b : double_specials) m.u_db.push_back(std::bit_cast<double>(b));
  m.o_fl = std::bit_cast<float>(std::uint32_t{0x00000001});  // smallest denormal
  m.o_db = -std::numeric_limits<double>::infinity();
  return m;
}

// Explicit presence: set-but-zero optionals are written; empty sub-messages too.
tw::all_msg zero_optionals() {
  tw::all_msg m;
  m.o_i32 = 0;
  m.o_u64 = 0;
  m.o_s32 = 0;
  m.o_b = false;
  m.o_e = color::zero;
  m.o_fl = 0.0f;
  m.o_db = 0.0;
  m.o_sf64 = 0;
  m.o_str = "";
  m.o_byt = "";
  m.inner.emplace();
  m.tree.emplace();
  return m;
}

tw::all_msg deep_tree() {
  tw::all_msg m;
  m.tree = chain(5);
  return m;
}

// Packed payloads needing 2- and 3-byte length prefixes.
tw::all_msg long_runs() {
  tw::all_msg m;
  m.r_i64.assign(3000, -1);   // 30000 bytes of payload
  m.r_u32.assign(200, 0x7f);  // 200 bytes
  m.r_db.assign(2100, 0.5);   // 16800 bytes
  m.r_sf64.assign(20, i64_min);
  m.r_b.assign(128, true);             // exactly 128: the first 2-byte length
  m.r_e.assign(13, color::minus_one);  // 130 bytes of 10-byte varints
  m.u_i32.assign(300, 0);              // zeros are still written when repeated
  m.r_str.assign(3, std::string(20000, 'z'));
  return m;
}

template <class F>
struct named_case {
  const char* name;
  F make;
};

}  // namespace

// ---- the tests -------------------------------------------------------------------------------

TEST_CASE("hand-picked All messages: same bytes, sizes and values as libprotobuf") {
  const named_case<tw::all_msg (*)()> cases[] = {
      {"default (empty)", [] { return tw::all_msg{}; }},
      {"minimums", minimums},
      {"maximums", maximums},
      {"minus ones", minus_ones},
      {"special floats", special_floats},
      {"zero optionals", zero_optionals},
      {"deep tree", deep_tree},
      {"long runs", long_runs},
  };
  for (const auto& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    check_against_libprotobuf<tw::all_msg, pb::All>(c.make());
  }
}

TEST_CASE("the empty message is empty on both sides") {
  CHECK(tagwire::encoded_size(tw::all_msg{}) == 0);
  CHECK(pb::All{}.ByteSizeLong() == 0);
}

TEST_CASE("tag sizes of 1..5 bytes match libprotobuf") {
  // One field per tag size; the expected lengths are tag + value.
  tw::all_msg m;
  m.i64 = 1;    // field 1: 1-byte tag
  m.s64 = 1;    // field 2047: 2-byte tag
  m.f32 = 1;    // field 262143: 3-byte tag
  m.f64 = 1;    // field 262144: 4-byte tag
  m.fl = 1.0f;  // field 536870911: 5-byte tag
  const std::size_t expected = (1 + 1) + (2 + 1) + (3 + 4) + (4 + 8) + (5 + 4);
  CHECK(tagwire::encoded_size(m) == expected);
  pb::All p;
  to_pb(m, p);
  CHECK(p.ByteSizeLong() == expected);
  check_against_libprotobuf<tw::all_msg, pb::All>(m);
}

TEST_CASE("trees: recursive messages of depth 5 and random shapes") {
  check_against_libprotobuf<tw::tree_msg, pb::Tree>(chain(5));
  check_against_libprotobuf<tw::tree_msg, pb::Tree>(tw::tree_msg{});
  gen g(0x7265655f74726565);
  for (int i = 0; i < 40; ++i) {
    CAPTURE(i);
    check_against_libprotobuf<tw::tree_msg, pb::Tree>(random_tree(g, 5));
  }
}

namespace tw {
// Tree as views: the children stay in the input (repeated_view), decoded when walked.
struct tree_view {
  tagwire::repeated_view<tree_view> children;
  std::int32_t value = 0;
  tagwire::box<tree_view> child;
  std::string_view label;
};
TAGWIRE_MESSAGE(tree_view, TAGWIRE_FIELD(3, children), TAGWIRE_FIELD(1, value), TAGWIRE_FIELD(2048, child),
                TAGWIRE_FIELD(2, label));
}  // namespace tw

// Walks a decoded tree_view beside libprotobuf's parse of the same bytes; "" when they agree.
std::string tree_view_diff(const tw::tree_view& v, const pb::Tree& p, const std::string& path) {
  if (v.value != p.value()) return path + ".value";
  if (v.label != p.label()) return path + ".label";
  if (v.children.size() != static_cast<std::size_t>(p.children_size())) return path + ".children size";
  int i = 0;
  for (auto it = v.children.begin(); it != v.children.end(); ++it, ++i) {
    // The element's record payload is libprotobuf's encoding of that child.
    if (bytes_of(pb_bytes(p.children(i))).size() != it.bytes().size()) return path + ".children bytes";
    if (std::string d = tree_view_diff(*it, p.children(i), path + ".children[" + std::to_string(i) + "]"); !d.empty())
      return d;
  }
  if (static_cast<bool>(v.child) != p.has_child()) return path + ".child presence";
  if (v.child) return tree_view_diff(*v.child, p.child(), path + ".child");
  return "";
}

TEST_CASE("trees as views: repeated_view children walk like libprotobuf's, and re-encode to its bytes") {
  std::vector<tw::tree_msg> trees;
  trees.push_back(chain(5));
  trees.emplace_back();
  gen g(0x7669657774726565);
  for (int i = 0; i < 40; ++i) trees.push_back(random_tree(g, 5));
  for (std::size_t i = 0; i < trees.size(); ++i) {
    CAPTURE(i);
    pb::Tree p;
    to_pb(trees[i], p);
    const std::string theirs = pb_bytes(p);
    const auto v = tagwire::decode<tw::tree_view>(theirs);
    REQUIRE(v.has_value());
    CHECK(tree_view_diff(*v, p, "root") == "");
    CHECK(tagwire::encoded_size(*v) == theirs.size());
    std::string ours;
    REQUIRE(tagwire::encode_to(*v, ours).has_value());
    const std::string diff = byte_diff(bytes_of(ours), bytes_of(theirs));
    CHECK_MESSAGE(diff.empty(), diff);
  }
}

TEST_CASE("200 pseudo-random All messages (fixed seed)") {
  gen g(0x7461677769726531);
  for (int i = 0; i < 200; ++i) {
    CAPTURE(i);
    check_against_libprotobuf<tw::all_msg, pb::All>(random_all(g));
  }
}

TEST_CASE("concatenated messages merge like libprotobuf's parser (last wins, append, merge)") {
  gen g(0x6d657267655f6d65);
  std::vector<tw::all_msg> pool;
  pool.push_back(minimums());
  pool.push_back(maximums());
  pool.push_back(zero_optionals());
  pool.push_back(deep_tree());
  pool.push_back(special_floats());
  for (int i = 0; i < 45; ++i) pool.push_back(random_all(g));
  for (std::size_t i = 0; i < pool.size(); ++i) {
    CAPTURE(i);
    const tw::all_msg& a = pool[i];
    const tw::all_msg& b = pool[(i * 7 + 3) % pool.size()];
    pb::All pa;
    pb::All pbb;
    to_pb(a, pa);
    to_pb(b, pbb);
    const std::string first = pb_bytes(pa);
    const std::string second = pb_bytes(pbb);
    pb::All merged;
    CHECK(merged.ParseFromString(first + second));
    const auto expect = from_pb<tw::all_msg>(merged);
    std::string where;

    const auto whole = tagwire::decode<tw::all_msg>(first + second);
    CHECK(whole.has_value());
    if (!whole) continue;
    CHECK_MESSAGE(same(*whole, expect, where), "decode of a+b", where);
    std::string ours;
    CHECK(tagwire::encode_to(*whole, ours).has_value());
    const std::string diff = byte_diff(bytes_of(ours), bytes_of(pb_bytes(merged)));
    CHECK_MESSAGE(diff.empty(), diff);

    auto stepwise = tagwire::decode<tw::all_msg>(first);
    CHECK(stepwise.has_value());
    if (!stepwise) continue;
    CHECK(tagwire::decode_into(second, *stepwise).has_value());
    where.clear();
    CHECK_MESSAGE(same(*stepwise, expect, where), "decode_into a then b", where);
  }
}

TEST_CASE("[packed = false] output of libprotobuf decodes into packed and unpacked declarations") {
  tw::unpacked_msg src;
  src.i32 = {1, -1, i32_min, i32_max, 0, 300};
  src.s64 = {i64_min, -1, 0, i64_max};
  src.f32 = {0xdeadbeef, 0, u32_max};
  src.db = {-0.0, std::bit_cast<double>(std::uint64_t{0x7ff0000000000001}), 1e308};
  src.e = {color::minus_one, color::min, color::red, static_cast<color>(12345)};
  pb::Unpacked u;
  to_pb(src, u);
  const std::string unpacked_bytes = pb_bytes(u);
  CHECK(unpacked_bytes.substr(0, 2) == "\x08\x01");  // libprotobuf wrote one varint record, not a run
  std::string where;

  const auto as_packed = tagwire::decode<tw::packed_msg>(unpacked_bytes);
  CHECK(as_packed.has_value());
  if (as_packed) CHECK_MESSAGE(same(*as_packed, from_pb<tw::packed_msg>(u), where), where);
  check_against_libprotobuf<tw::unpacked_msg, pb::Unpacked>(src);

  // The other way round: libprotobuf's packed runs into fields declared unpacked.
  pb::Packed p;
  lists_to_pb(src, p);
  const std::string packed_bytes = pb_bytes(p);
  CHECK(packed_bytes.substr(0, 1) == "\x0a");  // one length-delimited run for field 1
  const auto as_unpacked = tagwire::decode<tw::unpacked_msg>(packed_bytes);
  CHECK(as_unpacked.has_value());
  where.clear();
  if (as_unpacked) CHECK_MESSAGE(same(*as_unpacked, src, where), where);
  if (as_packed) check_against_libprotobuf<tw::packed_msg, pb::Packed>(*as_packed);
}

TEST_CASE("pseudo-random packed and unpacked lists") {
  gen g(0x7061636b65647321);
  for (int i = 0; i < 50; ++i) {
    CAPTURE(i);
    tw::packed_msg m;
    fill(g, m.i32, [&] { return g.integer<std::int32_t>(); });
    fill(g, m.s64, [&] { return g.integer<std::int64_t>(); });
    fill(g, m.f32, [&] { return g.integer<std::uint32_t>(); });
    fill(g, m.db, [&] { return g.f64(); });
    fill(g, m.e, [&] { return g.enumeration(); });
    check_against_libprotobuf<tw::packed_msg, pb::Packed>(m);
    tw::unpacked_msg u;
    u.i32 = m.i32;
    u.s64 = m.s64;
    u.f32 = m.f32;
    u.db = m.db;
    u.e = m.e;
    check_against_libprotobuf<tw::unpacked_msg, pb::Unpacked>(u);
  }
}

TEST_CASE("mixed packed and unpacked records for one field append, as in libprotobuf") {
  // Hand-built with libprotobuf's CodedOutputStream, independently of tagwire's writer.
  std::string mixed;
  {
    google::protobuf::io::StringOutputStream stream(&mixed);
    google::protobuf::io::CodedOutputStream out(&stream);
    const auto tag = [&](std::uint32_t field, std::uint32_t wt) { out.WriteTag((field << 3) | wt); };
    const auto packed_varints = [&](std::uint32_t field, std::initializer_list<std::uint64_t> raws) {
      std::string run;
      {
        google::protobuf::io::StringOutputStream s(&run);
        google::protobuf::io::CodedOutputStream c(&s);
        for (auto r : raws) c.WriteVarint64(r);
      }
      tag(field, 2);
      out.WriteVarint32(static_cast<std::uint32_t>(run.size()));
      out.WriteString(run);
    };
    const auto packed_fixed64 = [&](std::uint32_t field, std::initializer_list<std::uint64_t> raws) {
      tag(field, 2);
      out.WriteVarint32(static_cast<std::uint32_t>(8 * raws.size()));
      for (auto r : raws) out.WriteLittleEndian64(r);
    };
    const auto packed_fixed32 = [&](std::uint32_t field, std::initializer_list<std::uint32_t> raws) {
      tag(field, 2);
      out.WriteVarint32(static_cast<std::uint32_t>(4 * raws.size()));
      for (auto r : raws) out.WriteLittleEndian32(r);
    };
    // clang-format off
    packed_varints(1, {1, 0xffffffffffffffff});                   // 1, -1 (10-byte)
    tag(1, 0); out.WriteVarint64(7);
    packed_varints(1, {});                                        // an empty run adds nothing
    tag(2, 0); out.WriteVarint64(9);                              // sint64 zigzag 9 = -5, unpacked
    tag(1, 0); out.WriteVarint64(0xffffffff80000000);             // INT32_MIN
    packed_fixed32(3, {0xdeadbeef, 0});
    tag(1, 0); out.WriteVarint64(0xffffffff);                     // -1 as a 5-byte varint: low 32 bits count
    packed_varints(1, {0x7fffffff, 0, 0x100000005});              // INT32_MAX, 0, 5 (high bits dropped)
    packed_varints(2, {0xffffffffffffffff, 0xfffffffffffffffe});  // sint64 INT64_MIN, INT64_MAX
    tag(3, 5); out.WriteLittleEndian32(0xffffffff);
    tag(4, 1); out.WriteLittleEndian64(0x7ff4000000000001);       // a NaN payload
    packed_fixed64(4, {0x8000000000000000, 0x7ff0000000000000});  // -0.0, +inf
    packed_varints(5, {0xffffffffffffffff, 2});                   // enum -1, 2
    tag(5, 0); out.WriteVarint64(0xffffffff80000000);             // enum INT32_MIN
    tag(4, 1); out.WriteLittleEndian64(0x3ff0000000000000);       // 1.0
    // clang-format on
  }
  tw::packed_msg expect;
  expect.i32 = {1, -1, 7, i32_min, -1, i32_max, 0, 5};
  expect.s64 = {-5, i64_min, i64_max};
  expect.f32 = {0xdeadbeef, 0, u32_max};
  expect.db = {std::bit_cast<double>(std::uint64_t{0x7ff4000000000001}), -0.0, std::numeric_limits<double>::infinity(),
               1.0};
  expect.e = {color::minus_one, color::green, color::min};

  pb::Packed theirs_packed;
  CHECK(theirs_packed.ParseFromString(mixed));
  pb::Unpacked theirs_unpacked;
  CHECK(theirs_unpacked.ParseFromString(mixed));
  std::string where;
  CHECK_MESSAGE(same(from_pb<tw::packed_msg>(theirs_packed), expect, where), "libprotobuf", where);

  const auto ours = tagwire::decode<tw::packed_msg>(mixed);
  CHECK_MESSAGE(ours.has_value(), "errc ", tagwire::to_string(ours.error().code), " at ", ours.error().offset);
  where.clear();
  if (ours) CHECK_MESSAGE(same(*ours, expect, where), "tagwire packed_msg", where);
  const auto ours_unpacked = tagwire::decode<tw::unpacked_msg>(mixed);
  CHECK(ours_unpacked.has_value());
  where.clear();
  if (ours_unpacked)
    CHECK_MESSAGE(same(*ours_unpacked, from_pb<tw::unpacked_msg>(theirs_unpacked), where), "tagwire unpacked_msg",
                  where);

  // Re-encoded, both sides normalise to the same canonical form.
  if (ours) {
    std::string ours_bytes;
    CHECK(tagwire::encode_to(*ours, ours_bytes).has_value());
    CHECK_MESSAGE(byte_diff(bytes_of(ours_bytes), bytes_of(pb_bytes(theirs_packed))).empty(), "packed re-encoding");
  }
  if (ours_unpacked) {
    std::string ours_bytes;
    CHECK(tagwire::encode_to(*ours_unpacked, ours_bytes).has_value());
    CHECK_MESSAGE(byte_diff(bytes_of(ours_bytes), bytes_of(pb_bytes(theirs_unpacked))).empty(), "unpacked re-encoding");
  }
}

namespace {

pb::V2 random_v2(gen& g) {
  pb::V2 v;
  v.set_id(g.integer<std::int32_t>());
  v.set_new_varint(g.integer<std::uint64_t>());
  v.set_name(g.utf8(10));
  v.set_new_fixed64(g.integer<std::uint64_t>());
  for (std::size_t i = 0, n = g.count(); i < n; ++i) v.add_nums(g.integer<std::int32_t>());
  v.set_new_fixed32(g.integer<std::uint32_t>());
  if (g.one_in(2)) to_pb(random_inner(g), *v.mutable_new_inner());
  for (std::size_t i = 0, n = g.count(); i < n; ++i) v.add_new_packed(g.integer<std::int32_t>());
  if (g.one_in(2)) to_pb(random_inner(g), *v.mutable_inner());
  for (std::size_t i = 0, n = g.count(); i < n; ++i) v.add_new_strings(g.utf8(5));
  v.set_new_bytes(g.blob(20));
  v.set_score(g.f64());
  for (std::size_t i = 0, n = g.count(); i < n; ++i) v.add_new_unpacked(g.integer<std::uint64_t>());
  v.set_new_sint(g.integer<std::int64_t>());
  return v;
}

// A V1 decoder sees V2's bytes: known fields exact, the others skipped without an error.
void check_v2_as_v1(const pb::V2& v2, const std::string& extra) {
  const std::string bytes = pb_bytes(v2) + extra;
  tw::v1_msg expect;
  expect.id = v2.id();
  expect.name = v2.name();
  expect.nums.assign(v2.nums().begin(), v2.nums().end());
  if (v2.has_inner()) from_pb(v2.inner(), expect.inner.emplace());
  expect.score = v2.score();

  const auto ours = tagwire::decode<tw::v1_msg>(bytes);
  CHECK_MESSAGE(ours.has_value(), "errc ", tagwire::to_string(ours.error().code), " at ", ours.error().offset);
  if (!ours) return;
  std::string where;
  CHECK_MESSAGE(same(*ours, expect, where), where);

  pb::V1 theirs;
  CHECK(theirs.ParseFromString(bytes));
  where.clear();
  CHECK_MESSAGE(same(from_pb<tw::v1_msg>(theirs), expect, where), "libprotobuf V1", where);
  // Without the unknown fields libprotobuf keeps, V1 re-encodes identically.
  theirs.DiscardUnknownFields();
  std::string ours_bytes;
  CHECK(tagwire::encode_to(*ours, ours_bytes).has_value());
  CHECK_MESSAGE(byte_diff(bytes_of(ours_bytes), bytes_of(pb_bytes(theirs))).empty(), "V1 re-encoding");
}

}  // namespace

TEST_CASE("unknown fields: libprotobuf V2 bytes decode as tagwire V1") {
  pb::V2 v2;
  v2.set_id(-42);
  v2.set_new_varint(u64_max);
  v2.set_name("known");
  v2.set_new_fixed64(0x0123456789abcdef);
  v2.add_nums(1);
  v2.add_nums(i32_min);
  v2.set_new_fixed32(u32_max);
  v2.mutable_new_inner()->set_s("unknown sub-message");
  v2.mutable_new_inner()->add_zs(i64_min);
  v2.add_new_packed(-1);
  v2.add_new_packed(i32_max);
  v2.mutable_inner()->set_a(7);
  v2.mutable_inner()->set_e(pb::COLOR_MIN);
  v2.add_new_strings("x");
  v2.add_new_strings("");
  v2.set_new_bytes(as_string(all_byte_values()));
  v2.set_score(std::bit_cast<double>(std::uint64_t{0x7ff8000000000123}));
  v2.add_new_unpacked(0);
  v2.add_new_unpacked(u64_max);
  v2.set_new_sint(i64_min);
  check_v2_as_v1(v2, "");

  // A proto2 group with a nested group, unknown to both sides (field 15, inner field 1 and group 2).
  const std::string group =
      "\x7b"                  // field 15, start group
      "\x08\x96\x01"          // field 1 varint 150
      "\x13"                  // field 2, start group
      "\x1d\x01\x02\x03\x04"  // field 3 fixed32
      "\x14"                  // field 2, end group
      "\x7c";                 // field 15, end group
  check_v2_as_v1(v2, group);

  gen g(0x76325f61735f7631);
  for (int i = 0; i < 50; ++i) {
    CAPTURE(i);
    check_v2_as_v1(random_v2(g), i % 2 == 0 ? std::string() : group);
  }
}

namespace {

// Parses `bytes` with libprotobuf and with tagwire and compares the results field by field.
template <class T, class P>
void check_same_parse(const std::string& bytes) {
  P theirs;
  CHECK(theirs.ParseFromString(bytes));
  const auto ours = tagwire::decode<T>(bytes);
  CHECK_MESSAGE(ours.has_value(), "errc ", tagwire::to_string(ours.error().code), " at ", ours.error().offset);
  if (!ours) return;
  std::string where;
  CHECK_MESSAGE(same(*ours, from_pb<T>(theirs), where), where, "\n  libprotobuf: ", theirs.ShortDebugString());
}

}  // namespace

TEST_CASE("non-canonical varints and tags are read as libprotobuf reads them") {
  const std::string bytes =
      std::string("\x38\x85\x80\x80\x80\x10", 6) +                           // i32 (7) = 2^32 + 5: low 32 bits, 5
      std::string("\x78\x87\x80\x80\x80\x80\x20", 7) +                       // u32 (15) = 2^40 + 7: 7
      std::string("\x18\x83\x80\x80\x80\x10", 6) +                           // s32 (3) = 2^32 + 3: zigzag of 3, -2
      std::string("\x80\x80\x01\x80\x80\x80\x80\x80\x20", 9) +               // b (2048) = 2^40: nonzero, true
      std::string("\x28\x81\x80\x80\x80\x10", 6) +                           // e (5) = 2^32 + 1: 1
      std::string("\x08\x80\x80\x80\x00", 5) +                               // i64 (1) = 0 in 4 bytes
      std::string("\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 11) +      // i64 = 10-byte varint, top bits dropped
      std::string("\xf0\x83\x00\x01", 4) +                                   // o_s32 (62) under a 3-byte tag: -1
      std::string("\xd2\x01\x06\x00\x02\xff\x01\x80\x00", 9) +               // r_b (26) packed: 0, 2, 255, overlong 0
      std::string("\xa2\x01\x05\x85\x80\x80\x80\x10", 8) +                   // r_i32 (20) packed: 2^32 + 5
      std::string("\xe8\x03\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", 12) +  // o_u64 (61) = 2^63
      std::string("\xe0\x03\x81\x80\x80\x80\x80\x80\x80\x80\x80\x00", 12);   // o_i32 (60) = 1 in 10 bytes
  check_same_parse<tw::all_msg, pb::All>(bytes);
  const auto ours = tagwire::decode<tw::all_msg>(bytes);
  CHECK(ours.has_value());
  if (!ours) return;
  CHECK(ours->i32 == 5);
  CHECK(ours->u32 == 7);
  CHECK(ours->s32 == -2);
  CHECK(ours->b);
  CHECK(ours->e == color::red);
  CHECK(ours->i64 == -1);
  CHECK(ours->o_s32 == -1);
  CHECK(ours->r_b == std::vector<bool>{false, true, true, false});
  CHECK(ours->r_i32 == std::vector<std::int32_t>{5});
  CHECK(ours->o_u64 == std::uint64_t{1} << 63);
  CHECK(ours->o_i32 == 1);
}

TEST_CASE("known field numbers with unexpected wire types are skipped, as libprotobuf does") {
  const std::string bytes = std::string("\x08\x05", 2) +          // id (1) = 5
                            std::string("\x0a\x02\x08\x07", 4) +  // id (1) as length-delimited: unknown
                            std::string("\x18\x01", 2) +          // name (3) as a varint: unknown
                            std::string("\x1a\x02hi", 4) +        // name (3) = "hi"
                            std::string("\x29\x01\x00\x00\x00\x00\x00\x00\x00", 9) +  // nums (5) as fixed64: unknown
                            std::string("\x28\x03", 2) +                              // nums (5) = 3
                            std::string("\x48\x01", 2) +                              // inner (9) as a varint: unknown
                            std::string("\x85\x80\x01\x00\x00\x80\x3f", 7) +  // score (2048) as fixed32: unknown
                            std::string("\x81\x80\x01\x00\x00\x00\x00\x00\x00\xf0\x3f", 11);  // score = 1.0
  check_same_parse<tw::v1_msg, pb::V1>(bytes);
  const auto ours = tagwire::decode<tw::v1_msg>(bytes);
  CHECK(ours.has_value());
  if (!ours) return;
  CHECK(ours->id == 5);
  CHECK(ours->name == "hi");
  CHECK(ours->nums == std::vector<std::int32_t>{3});
  CHECK(!ours->inner.has_value());
  CHECK(ours->score == 1.0);
}

TEST_CASE("the default nesting limit is libprotobuf's: 100 nested sub-messages parse, 101 do not") {
  for (int depth : {99, 100, 101, 102}) {
    CAPTURE(depth);
    tw::tree_msg root;
    tw::tree_msg* leaf = &root;
    for (int i = 0; i < depth; ++i) leaf = (leaf->child = std::make_unique<tw::tree_msg>()).get();
    leaf->value = 1;
    std::string bytes;
    CHECK(tagwire::encode_to(root, bytes).has_value());
    pb::Tree theirs;
    bool theirs_ok = false;
    {
      google::protobuf::LogSilencer quiet;  // libprotobuf logs the refusal
      theirs_ok = theirs.ParseFromString(bytes);
    }
    const auto ours = tagwire::decode<tw::tree_msg>(bytes);
    CHECK(theirs_ok == (depth <= 100));
    CHECK(ours.has_value() == theirs_ok);
    if (!ours) CHECK(ours.error().code == tagwire::errc::depth_exceeded);
  }
}
