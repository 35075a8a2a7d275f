// Property test against libprotobuf. Random values of a wide proto3 message (property.proto:
// every scalar type singular, optional, packed and unpacked; nested, optional, repeated and
// recursive messages; maps; oneofs) and of a proto2 one (property2.proto: required fields,
// groups, closed enums). For each value:
//   1. tagwire's bytes equal libprotobuf's deterministic bytes for the same values; the
//      libprotobuf message is built field by field from the tagwire value (to_pb below), never
//      from tagwire's bytes, so an encoder and a decoder that agree on a wrong encoding fail;
//   2. encoded_size equals ByteSizeLong, and encode into one byte less is buffer_too_small;
//   3. libprotobuf parses tagwire's bytes and writes them back unchanged;
//   4. tagwire decodes libprotobuf's bytes, and its own, to a value equal to the original
//      (floats compared bit for bit: NaN payloads and -0.0 count);
//   5. (proto3) a reader that knows only some fields keeps the rest in unknown_fields and
//      writes a message that libprotobuf re-serializes to the original bytes.
// Seeds: 20261121 always; TAGWIRE_PROPERTY_SEED adds one (a number, or "random");
// TAGWIRE_PROPERTY_ITERATIONS sets the values per seed (default 500). Each value is generated
// from (seed, iteration), and a failure prints both, with the two encodings in hex.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <property.pb.h>
#include <property2.pb.h>

#include <tagwire/tagwire.hpp>

#include "random_values.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <iterator>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace pb = tagwire_property;
namespace pb2 = tagwire_property2;

// ---- tagwire mirrors of property.proto ------------------------------------------------------

namespace prop {

enum class kind : std::int32_t {
  zero = 0,
  one = 1,
  neg = -1,
  min = std::numeric_limits<std::int32_t>::min(),
  max = std::numeric_limits<std::int32_t>::max(),
};
enum small : std::uint8_t { small_a = 0, small_b = 1, small_c = 200 };

struct leaf {
  std::int32_t a = 0;
  std::string s;
  std::vector<std::int64_t> zs;
  kind k = kind::zero;
  std::vector<std::byte> b;
  double d = 0;
};
TAGWIRE_MESSAGE(leaf, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, zs, tagwire::sint),
                TAGWIRE_FIELD(4, k), TAGWIRE_FIELD(5, b), TAGWIRE_FIELD(6, d));

struct mid {
  leaf one;  // a plain member: written when its encoding is not empty
  std::vector<leaf> leaves;
  std::uint64_t tag = 0;
};
TAGWIRE_MESSAGE(mid, TAGWIRE_FIELD(1, one), TAGWIRE_FIELD(2, leaves), TAGWIRE_FIELD(3, tag, tagwire::fixed));

struct node {
  std::int32_t value = 0;
  std::string label;
  std::vector<node> children;
  std::unique_ptr<node> left;
  tagwire::box<node> right;
  std::optional<leaf> payload;
};
TAGWIRE_MESSAGE(node, TAGWIRE_FIELD(1, value), TAGWIRE_FIELD(2, label), TAGWIRE_FIELD(3, children),
                TAGWIRE_FIELD(4, left), TAGWIRE_FIELD(5, right), TAGWIRE_FIELD(6, payload));

struct wide {
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
  float fl = 0;
  double db = 0;
  bool b = false;
  std::string str;
  std::vector<std::byte> byt;
  kind e = kind::zero;
  std::string str_bytes;
  small sm = small_a;
  std::int16_t n16 = 0;
  std::uint8_t u8 = 0;

  std::optional<std::int32_t> o_i32;
  std::optional<std::int64_t> o_i64;
  std::optional<std::uint32_t> o_u32;
  std::optional<std::uint64_t> o_u64;
  std::optional<std::int32_t> o_s32;
  std::optional<std::int64_t> o_s64;
  std::optional<std::uint32_t> o_f32;
  std::optional<std::uint64_t> o_f64;
  std::optional<std::int32_t> o_sf32;
  std::optional<std::int64_t> o_sf64;
  std::optional<float> o_fl;
  std::optional<double> o_db;
  std::optional<bool> o_b;
  std::optional<std::string> o_str;
  std::optional<std::vector<std::byte>> o_byt;
  std::optional<kind> o_e;

  std::vector<std::int32_t> p_i32;
  std::deque<std::int64_t> p_i64;  // not contiguous: the element-wise packed path
  std::vector<std::uint32_t> p_u32;
  std::vector<std::uint64_t> p_u64;
  std::vector<std::int32_t> p_s32;
  tagwire::fixed_vector<std::int64_t, 300> p_s64;
  std::vector<std::uint32_t> p_f32;
  std::vector<std::uint64_t> p_f64;
  std::vector<std::int32_t> p_sf32;
  std::deque<std::int64_t> p_sf64;
  std::vector<float> p_fl;
  std::vector<double> p_db;
  std::vector<bool> p_b;
  std::vector<kind> p_e;

  std::vector<std::int32_t> u_i32;
  std::vector<std::int64_t> u_i64;
  std::vector<std::uint32_t> u_u32;
  std::list<std::uint64_t> u_u64;
  std::vector<std::int32_t> u_s32;
  std::vector<std::int64_t> u_s64;
  std::vector<std::uint32_t> u_f32;
  std::vector<std::uint64_t> u_f64;
  std::vector<std::int32_t> u_sf32;
  std::vector<std::int64_t> u_sf64;
  std::vector<float> u_fl;
  std::deque<double> u_db;
  std::vector<bool> u_b;
  std::vector<kind> u_e;

  std::vector<std::string> r_str;
  std::vector<std::vector<std::byte>> r_byt;
  std::list<std::string> r_str_list;
  tagwire::fixed_string<24> fs;
  tagwire::fixed_vector<std::int32_t, 6> fv;

  leaf lf;
  std::optional<leaf> o_leaf;
  std::unique_ptr<leaf> p_leaf;
  tagwire::box<leaf> bx_leaf;
  std::vector<leaf> r_leaf;
  std::optional<mid> md;
  std::unique_ptr<node> tree;
  std::vector<node> forest;

  std::map<std::int32_t, std::int32_t> m_i32_i32;
  std::unordered_map<std::int64_t, std::string> m_i64_str;
  std::map<std::uint32_t, leaf> m_u32_leaf;
  std::map<std::uint64_t, std::vector<std::byte>> m_u64_byt;
  std::map<std::int32_t, std::int64_t> m_s32_s64;
  std::unordered_map<std::int64_t, std::uint32_t> m_s64_f32;
  std::map<std::uint32_t, std::uint64_t> m_f32_f64;
  std::map<std::uint64_t, std::int32_t> m_f64_sf32;
  std::map<std::int32_t, std::int64_t, std::greater<>> m_sf32_sf64;  // held in descending order
  std::map<std::int64_t, float> m_sf64_fl;
  std::map<bool, double> m_b_db;
  std::map<std::string, kind, std::greater<>> m_str_e;
  std::unordered_map<std::string, leaf> m_str_leaf;
  std::map<std::string, std::string> m_str_byt;
  std::map<std::int32_t, node> m_i32_node;
  std::unordered_map<std::uint32_t, bool> m_u32_b;

  std::variant<std::monostate, std::int32_t, std::int64_t, std::string, std::string, leaf, double, kind, bool,
               std::uint32_t>
      choice;
  std::variant<std::monostate, std::uint64_t, node, float> second;

  std::uint32_t after_reserved = 0;
  std::int64_t last = 0;
};
TAGWIRE_MESSAGE(wide, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, u32), TAGWIRE_FIELD(4, u64),
                TAGWIRE_FIELD(5, s32, tagwire::sint), TAGWIRE_FIELD(6, s64, tagwire::sint),
                TAGWIRE_FIELD(7, f32, tagwire::fixed), TAGWIRE_FIELD(8, f64, tagwire::fixed),
                TAGWIRE_FIELD(9, sf32, tagwire::sfixed), TAGWIRE_FIELD(10, sf64, tagwire::sfixed),
                TAGWIRE_FIELD(11, fl), TAGWIRE_FIELD(12, db), TAGWIRE_FIELD(13, b), TAGWIRE_FIELD(14, str),
                TAGWIRE_FIELD(15, byt), TAGWIRE_FIELD(16, e), TAGWIRE_FIELD(17, str_bytes, tagwire::bytes),
                TAGWIRE_FIELD(18, sm), TAGWIRE_FIELD(19, n16), TAGWIRE_FIELD(20, u8),

                TAGWIRE_FIELD(21, o_i32), TAGWIRE_FIELD(22, o_i64), TAGWIRE_FIELD(23, o_u32), TAGWIRE_FIELD(24, o_u64),
                TAGWIRE_FIELD(25, o_s32, tagwire::sint), TAGWIRE_FIELD(26, o_s64, tagwire::sint),
                TAGWIRE_FIELD(27, o_f32, tagwire::fixed), TAGWIRE_FIELD(28, o_f64, tagwire::fixed),
                TAGWIRE_FIELD(29, o_sf32, tagwire::sfixed), TAGWIRE_FIELD(30, o_sf64, tagwire::sfixed),
                TAGWIRE_FIELD(31, o_fl), TAGWIRE_FIELD(32, o_db), TAGWIRE_FIELD(33, o_b), TAGWIRE_FIELD(34, o_str),
                TAGWIRE_FIELD(35, o_byt), TAGWIRE_FIELD(36, o_e),

                TAGWIRE_FIELD(41, p_i32), TAGWIRE_FIELD(42, p_i64), TAGWIRE_FIELD(43, p_u32), TAGWIRE_FIELD(44, p_u64),
                TAGWIRE_FIELD(45, p_s32, tagwire::sint), TAGWIRE_FIELD(46, p_s64, tagwire::sint),
                TAGWIRE_FIELD(47, p_f32, tagwire::fixed), TAGWIRE_FIELD(48, p_f64, tagwire::fixed),
                TAGWIRE_FIELD(49, p_sf32, tagwire::sfixed), TAGWIRE_FIELD(50, p_sf64, tagwire::sfixed),
                TAGWIRE_FIELD(51, p_fl), TAGWIRE_FIELD(52, p_db), TAGWIRE_FIELD(53, p_b), TAGWIRE_FIELD(54, p_e),

                TAGWIRE_FIELD(61, u_i32, tagwire::unpacked), TAGWIRE_FIELD(62, u_i64, tagwire::unpacked),
                TAGWIRE_FIELD(63, u_u32, tagwire::unpacked), TAGWIRE_FIELD(64, u_u64, tagwire::unpacked),
                TAGWIRE_FIELD(65, u_s32, tagwire::sint, tagwire::unpacked),
                TAGWIRE_FIELD(66, u_s64, tagwire::sint, tagwire::unpacked),
                TAGWIRE_FIELD(67, u_f32, tagwire::fixed, tagwire::unpacked),
                TAGWIRE_FIELD(68, u_f64, tagwire::fixed, tagwire::unpacked),
                TAGWIRE_FIELD(69, u_sf32, tagwire::sfixed, tagwire::unpacked),
                TAGWIRE_FIELD(70, u_sf64, tagwire::sfixed, tagwire::unpacked),
                TAGWIRE_FIELD(71, u_fl, tagwire::unpacked), TAGWIRE_FIELD(72, u_db, tagwire::unpacked),
                TAGWIRE_FIELD(73, u_b, tagwire::unpacked), TAGWIRE_FIELD(74, u_e, tagwire::unpacked),

                TAGWIRE_FIELD(80, r_str), TAGWIRE_FIELD(81, r_byt), TAGWIRE_FIELD(82, r_str_list),
                TAGWIRE_FIELD(83, fs), TAGWIRE_FIELD(84, fv),

                TAGWIRE_FIELD(90, lf), TAGWIRE_FIELD(91, o_leaf), TAGWIRE_FIELD(92, p_leaf), TAGWIRE_FIELD(93, bx_leaf),
                TAGWIRE_FIELD(94, r_leaf), TAGWIRE_FIELD(95, md), TAGWIRE_FIELD(96, tree), TAGWIRE_FIELD(97, forest),

                TAGWIRE_FIELD(100, m_i32_i32), TAGWIRE_FIELD(101, m_i64_str), TAGWIRE_FIELD(102, m_u32_leaf),
                TAGWIRE_FIELD(103, m_u64_byt),
                TAGWIRE_FIELD(104, m_s32_s64, tagwire::key<tagwire::sint>, tagwire::value<tagwire::sint>),
                TAGWIRE_FIELD(105, m_s64_f32, tagwire::key<tagwire::sint>, tagwire::value<tagwire::fixed>),
                TAGWIRE_FIELD(106, m_f32_f64, tagwire::key<tagwire::fixed>, tagwire::value<tagwire::fixed>),
                TAGWIRE_FIELD(107, m_f64_sf32, tagwire::key<tagwire::fixed>, tagwire::value<tagwire::sfixed>),
                TAGWIRE_FIELD(108, m_sf32_sf64, tagwire::key<tagwire::sfixed>, tagwire::value<tagwire::sfixed>),
                TAGWIRE_FIELD(109, m_sf64_fl, tagwire::key<tagwire::sfixed>), TAGWIRE_FIELD(110, m_b_db),
                TAGWIRE_FIELD(111, m_str_e), TAGWIRE_FIELD(112, m_str_leaf),
                TAGWIRE_FIELD(113, m_str_byt, tagwire::value<tagwire::bytes>), TAGWIRE_FIELD(114, m_i32_node),
                TAGWIRE_FIELD(115, m_u32_b),

                TAGWIRE_ONEOF(choice, TAGWIRE_ALT(120, c_i32), TAGWIRE_ALT(121, c_s64, tagwire::sint),
                              TAGWIRE_ALT(122, c_str), TAGWIRE_ALT(123, c_byt, tagwire::bytes),
                              TAGWIRE_ALT(124, c_leaf), TAGWIRE_ALT(125, c_db), TAGWIRE_ALT(126, c_e),
                              TAGWIRE_ALT(127, c_b), TAGWIRE_ALT(128, c_f32, tagwire::fixed)),
                TAGWIRE_ONEOF(second, TAGWIRE_ALT(2047, s_u64), TAGWIRE_ALT(2048, s_node), TAGWIRE_ALT(262144, s_fl)),
                TAGWIRE_FIELD(20000, after_reserved), TAGWIRE_FIELD(536870911, last));

// A reader that knows a few fields of Wide and keeps the others, to relay them.
struct wide_subset {
  std::int32_t i32 = 0;
  std::string str;
  std::optional<leaf> o_leaf;
  std::map<std::uint32_t, leaf> m_u32_leaf;
  std::variant<std::monostate, std::int32_t> choice;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(wide_subset, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(14, str), TAGWIRE_FIELD(91, o_leaf),
                TAGWIRE_FIELD(102, m_u32_leaf), TAGWIRE_ONEOF(choice, TAGWIRE_ALT(120, c_i32)),
                TAGWIRE_UNKNOWN(unknown));

}  // namespace prop

// ---- tagwire mirrors of property2.proto -----------------------------------------------------

namespace prop2 {

enum class color : std::int32_t { zero = 0, one = 1, neg = -1, big = 1000000 };

struct req {
  std::int32_t a = 0;
  std::optional<std::string> s;
  std::vector<std::int32_t> r;
};
TAGWIRE_MESSAGE(req, TAGWIRE_FIELD(1, a, tagwire::required), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, r, tagwire::sint));

struct grp_h {
  std::optional<std::uint64_t> z;
  std::vector<std::int32_t> w;
};
TAGWIRE_MESSAGE(grp_h, TAGWIRE_FIELD(34, z, tagwire::fixed), TAGWIRE_FIELD(35, w, tagwire::unpacked));

struct grp_g {
  std::optional<std::int32_t> x;
  std::optional<std::string> y;
  std::vector<grp_h> h;
  std::optional<req> rq;
};
TAGWIRE_MESSAGE(grp_g, TAGWIRE_FIELD(31, x), TAGWIRE_FIELD(32, y), TAGWIRE_FIELD(33, h, tagwire::group),
                TAGWIRE_FIELD(36, rq));

struct grp_r {
  std::int32_t n = 0;
  std::optional<req> m;
};
TAGWIRE_MESSAGE(grp_r, TAGWIRE_FIELD(41, n, tagwire::required), TAGWIRE_FIELD(42, m));

struct p2 {
  std::int64_t id = 0;
  std::optional<std::int32_t> i32;
  std::optional<std::int64_t> i64;
  std::optional<std::uint32_t> u32;
  std::optional<std::uint64_t> u64;
  std::optional<std::int32_t> s32;
  std::optional<std::int64_t> s64;
  std::optional<std::uint32_t> f32;
  std::optional<std::uint64_t> f64;
  std::optional<std::int32_t> sf32;
  std::optional<std::int64_t> sf64;
  std::optional<float> fl;
  std::optional<double> db;
  std::optional<bool> b;
  std::optional<std::string> str;
  std::optional<std::vector<std::byte>> byt;
  std::optional<color> e;

  std::vector<std::int32_t> u_i32;
  std::vector<double> u_db;
  std::vector<color> u_e;
  std::vector<bool> u_b;
  std::vector<std::int64_t> p_s64;
  std::vector<float> p_fl;
  std::vector<std::string> r_str;
  std::vector<std::string> r_byt;

  std::optional<grp_g> g;
  std::vector<grp_r> r;

  std::optional<req> rq;
  std::vector<req> reqs;
  std::map<std::int32_t, req> m;
  std::unordered_map<std::string, color> me;
  std::variant<std::monostate, std::int32_t, std::string, req> c;
  req must;
  std::unique_ptr<p2> self;
};
TAGWIRE_MESSAGE(p2, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, i32), TAGWIRE_FIELD(3, i64),
                TAGWIRE_FIELD(4, u32), TAGWIRE_FIELD(5, u64), TAGWIRE_FIELD(6, s32, tagwire::sint),
                TAGWIRE_FIELD(7, s64, tagwire::sint), TAGWIRE_FIELD(8, f32, tagwire::fixed),
                TAGWIRE_FIELD(9, f64, tagwire::fixed), TAGWIRE_FIELD(10, sf32, tagwire::sfixed),
                TAGWIRE_FIELD(11, sf64, tagwire::sfixed), TAGWIRE_FIELD(12, fl), TAGWIRE_FIELD(13, db),
                TAGWIRE_FIELD(14, b), TAGWIRE_FIELD(15, str), TAGWIRE_FIELD(16, byt), TAGWIRE_FIELD(17, e),
                TAGWIRE_FIELD(20, u_i32, tagwire::unpacked), TAGWIRE_FIELD(21, u_db, tagwire::unpacked),
                TAGWIRE_FIELD(22, u_e, tagwire::unpacked), TAGWIRE_FIELD(23, u_b, tagwire::unpacked),
                TAGWIRE_FIELD(24, p_s64, tagwire::sint), TAGWIRE_FIELD(25, p_fl), TAGWIRE_FIELD(26, r_str),
                TAGWIRE_FIELD(27, r_byt, tagwire::bytes), TAGWIRE_FIELD(30, g, tagwire::group),
                TAGWIRE_FIELD(40, r, tagwire::group), TAGWIRE_FIELD(50, rq), TAGWIRE_FIELD(51, reqs),
                TAGWIRE_FIELD(52, m), TAGWIRE_FIELD(53, me),
                TAGWIRE_ONEOF(c, TAGWIRE_ALT(60, c_i), TAGWIRE_ALT(61, c_s), TAGWIRE_ALT(62, c_m)),
                TAGWIRE_FIELD(63, must, tagwire::required), TAGWIRE_FIELD(64, self));

}  // namespace prop2

namespace {

using interop_support::bytes_of;
using interop_support::pb_bytes;
using interop_support::same;

// ---- random values ------------------------------------------------------------------------

constexpr std::uint32_t float_specials[] = {
    0x00000000, 0x80000000,              // +0, -0
    0x7f800000, 0xff800000,              // +inf, -inf
    0x7fc00000, 0xffc00000, 0x7fc00001,  // quiet NaNs, one with a payload
    0x7f800001, 0x7fa5a5a5, 0xffffffff,  // signalling NaN, payloads, all ones
    0x00000001, 0x807fffff, 0x00800000,  // denormals, smallest normal
    0x7f7fffff, 0xff7fffff, 0x3f800000,  // FLT_MAX, -FLT_MAX, 1.0
};
constexpr std::uint64_t double_specials[] = {
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0xfff8000000000000, 0x7ff8000000000001, 0x7ff0000000000001,
    0x7ff4a5a5a5a5a5a5, 0xffffffffffffffff, 0x0000000000000001, 0x800fffffffffffff,
    0x0010000000000000, 0x7fefffffffffffff, 0xffefffffffffffff, 0x3ff0000000000000,
};

// Floats travel by bit pattern through registers (x86-64 SSE keeps signalling NaNs as they are).
class gen : public interop_support::random_source {
 public:
  using random_source::random_source;

  template <class I>
  I integer() {
    const std::uint64_t pick = below(9);
    if (pick == 7) return static_cast<I>(std::numeric_limits<I>::min() + static_cast<I>(below(2)));  // min, min + 1
    return edge_integer<I>(pick);
  }
  prop::kind kind() {
    using prop::kind;
    constexpr kind named[] = {kind::zero, kind::one, kind::neg, kind::min, kind::max};
    if (one_in(4)) return static_cast<prop::kind>(integer<std::int32_t>());  // open enum: any int32
    return named[below(std::size(named))];
  }
  prop2::color color() {  // proto2 enums are closed: named values only
    using prop2::color;
    constexpr color named[] = {color::zero, color::one, color::neg, color::big};
    return named[below(std::size(named))];
  }
  float f32() {
    switch (below(5)) {
      case 0:
      case 1: return std::bit_cast<float>(float_specials[below(std::size(float_specials))]);
      case 2: return static_cast<float>(static_cast<std::int32_t>(below(2001)) - 1000) / 8.0f;
      default: return std::bit_cast<float>(static_cast<std::uint32_t>(bits()));  // any pattern, NaNs too
    }
  }
  double f64() {
    switch (below(5)) {
      case 0:
      case 1: return std::bit_cast<double>(double_specials[below(std::size(double_specials))]);
      case 2: return static_cast<double>(static_cast<std::int64_t>(below(2001)) - 1000) / 8.0;
      default: return std::bit_cast<double>(bits());
    }
  }
  // Valid UTF-8 (libprotobuf refuses anything else in proto3 strings): NUL and 1..4-byte
  // sequences, U+10FFFF and the code points around the surrogates included.
  std::string utf8(std::size_t max_chars) {
    std::string s;
    const std::size_t n = length(max_chars);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t cp = 0;
      switch (below(6)) {
        case 0:
        case 1: cp = static_cast<std::uint32_t>(below(0x80)); break;
        case 2: cp = static_cast<std::uint32_t>(0x80 + below(0x800 - 0x80)); break;
        case 3: cp = static_cast<std::uint32_t>(0x800 + below(0x10000 - 0x800 - 0x800)); break;
        case 4: {
          constexpr std::uint32_t edges[] = {0x7f,   0x80,   0x7ff,  0x800,   0xd7ff,
                                             0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff};
          cp = edges[below(std::size(edges))];
          break;
        }
        default: cp = static_cast<std::uint32_t>(0x10000 + below(0x110000 - 0x10000)); break;
      }
      if (cp >= 0xd800 && cp < 0xe000) cp += 0x800;  // skip the surrogates
      interop_support::append_utf8(s, cp);
    }
    return s;
  }
  std::vector<std::byte> blob(std::size_t max_len) {
    std::vector<std::byte> b(length(max_len));
    for (std::byte& x : b) x = static_cast<std::byte>(bits());
    return b;
  }
  std::string blob_string(std::size_t max_len) {
    const auto b = blob(max_len);
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
  }
  // Repeated-field length: often 0 or 1, sometimes long enough for a 2-byte length prefix.
  std::size_t count() {
    switch (below(7)) {
      case 0:
      case 1: return 0;
      case 2: return 1;
      case 3: return one_in(4) ? 130 + below(100) : below(20);
      default: return below(6);
    }
  }

 private:
  // Mostly short; sometimes over 127 (a 2-byte length), rarely over 16383 (3 bytes).
  std::size_t length(std::size_t max) {
    if (one_in(300)) return 16384 + below(4000);
    if (one_in(12)) return 128 + below(400);
    return below(max + 1);
  }
};

template <class C, class F>
void fill(gen& g, C& c, F make) {
  std::size_t n = g.count();
  if constexpr (requires { C::static_capacity; }) n = std::min<std::size_t>(n, C::static_capacity);
  for (std::size_t i = 0; i < n; ++i) c.push_back(make());
}
template <class M, class K, class V>
void fill_map(gen& g, M& m, K key, V value) {
  const std::size_t n = g.count() % 40;
  for (std::size_t i = 0; i < n; ++i) {
    auto k = key();
    m.insert_or_assign(std::move(k), value());
  }
}
template <class T, class F>
void maybe(gen& g, std::optional<T>& o, F make) {
  if (g.one_in(2)) o = make();
}

prop::leaf random_leaf(gen& g) {
  prop::leaf l;
  if (g.one_in(4)) return l;  // empty: a plain member is then not written
  l.a = g.integer<std::int32_t>();
  l.s = g.utf8(6);
  fill(g, l.zs, [&] { return g.integer<std::int64_t>(); });
  l.k = g.kind();
  l.b = g.blob(6);
  l.d = g.f64();
  return l;
}

prop::mid random_mid(gen& g) {
  prop::mid m;
  m.one = random_leaf(g);
  const std::size_t n = g.below(4);
  for (std::size_t i = 0; i < n; ++i) m.leaves.push_back(random_leaf(g));
  m.tag = g.integer<std::uint64_t>();
  return m;
}

prop::node random_node(gen& g, int depth) {
  prop::node t;
  t.value = g.integer<std::int32_t>();
  if (g.one_in(2)) t.label = g.utf8(5);
  if (g.one_in(4)) t.payload = random_leaf(g);
  if (depth > 0) {
    const std::size_t n = g.below(3);
    for (std::size_t i = 0; i < n; ++i) t.children.push_back(random_node(g, depth - 1));
    if (g.one_in(2)) t.left = std::make_unique<prop::node>(random_node(g, depth - 1));
    if (g.one_in(3)) t.right = random_node(g, depth - 1);
  }
  return t;
}

// A chain `levels` deep through left, right and children in turn.
prop::node deep_chain(gen& g, int levels) {
  prop::node t;
  t.value = g.integer<std::int32_t>();
  if (levels > 0) {
    switch (levels % 3) {
      case 0: t.left = std::make_unique<prop::node>(deep_chain(g, levels - 1)); break;
      case 1: t.right = deep_chain(g, levels - 1); break;
      default: t.children.push_back(deep_chain(g, levels - 1)); break;
    }
  }
  return t;
}

prop::wide random_wide(gen& g) {
  prop::wide m;
  m.i32 = g.integer<std::int32_t>();
  m.i64 = g.integer<std::int64_t>();
  m.u32 = g.integer<std::uint32_t>();
  m.u64 = g.integer<std::uint64_t>();
  m.s32 = g.integer<std::int32_t>();
  m.s64 = g.integer<std::int64_t>();
  m.f32 = g.integer<std::uint32_t>();
  m.f64 = g.integer<std::uint64_t>();
  m.sf32 = g.integer<std::int32_t>();
  m.sf64 = g.integer<std::int64_t>();
  m.fl = g.f32();
  m.db = g.f64();
  m.b = g.one_in(2);
  m.str = g.utf8(12);
  m.byt = g.blob(12);
  m.e = g.kind();
  m.str_bytes = g.blob_string(8);
  constexpr prop::small smalls[] = {prop::small_a, prop::small_b, prop::small_c};
  m.sm = smalls[g.below(3)];
  m.n16 = g.integer<std::int16_t>();
  m.u8 = g.integer<std::uint8_t>();

  maybe(g, m.o_i32, [&] { return g.integer<std::int32_t>(); });
  maybe(g, m.o_i64, [&] { return g.integer<std::int64_t>(); });
  maybe(g, m.o_u32, [&] { return g.integer<std::uint32_t>(); });
  maybe(g, m.o_u64, [&] { return g.integer<std::uint64_t>(); });
  maybe(g, m.o_s32, [&] { return g.integer<std::int32_t>(); });
  maybe(g, m.o_s64, [&] { return g.integer<std::int64_t>(); });
  maybe(g, m.o_f32, [&] { return g.integer<std::uint32_t>(); });
  maybe(g, m.o_f64, [&] { return g.integer<std::uint64_t>(); });
  maybe(g, m.o_sf32, [&] { return g.integer<std::int32_t>(); });
  maybe(g, m.o_sf64, [&] { return g.integer<std::int64_t>(); });
  maybe(g, m.o_fl, [&] { return g.f32(); });
  maybe(g, m.o_db, [&] { return g.f64(); });
  maybe(g, m.o_b, [&] { return g.one_in(2); });
  maybe(g, m.o_str, [&] { return g.utf8(6); });
  maybe(g, m.o_byt, [&] { return g.blob(6); });
  maybe(g, m.o_e, [&] { return g.kind(); });

  fill(g, m.p_i32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.p_i64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.p_u32, [&] { return g.integer<std::uint32_t>(); });
  fill(g, m.p_u64, [&] { return g.integer<std::uint64_t>(); });
  fill(g, m.p_s32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.p_s64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.p_f32, [&] { return g.integer<std::uint32_t>(); });
  fill(g, m.p_f64, [&] { return g.integer<std::uint64_t>(); });
  fill(g, m.p_sf32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.p_sf64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.p_fl, [&] { return g.f32(); });
  fill(g, m.p_db, [&] { return g.f64(); });
  fill(g, m.p_b, [&] { return g.one_in(2); });
  fill(g, m.p_e, [&] { return g.kind(); });

  fill(g, m.u_i32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.u_i64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.u_u32, [&] { return g.integer<std::uint32_t>(); });
  fill(g, m.u_u64, [&] { return g.integer<std::uint64_t>(); });
  fill(g, m.u_s32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.u_s64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.u_f32, [&] { return g.integer<std::uint32_t>(); });
  fill(g, m.u_f64, [&] { return g.integer<std::uint64_t>(); });
  fill(g, m.u_sf32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.u_sf64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.u_fl, [&] { return g.f32(); });
  fill(g, m.u_db, [&] { return g.f64(); });
  fill(g, m.u_b, [&] { return g.one_in(2); });
  fill(g, m.u_e, [&] { return g.kind(); });

  fill(g, m.r_str, [&] { return g.utf8(8); });
  fill(g, m.r_byt, [&] { return g.blob(8); });
  fill(g, m.r_str_list, [&] { return g.utf8(4); });
  {
    std::string s = g.utf8(6);
    while (s.size() > m.fs.capacity()) s.pop_back();
    while (!tagwire::is_valid_utf8(std::as_bytes(std::span(s.data(), s.size())))) s.pop_back();  // whole sequences
    m.fs = tagwire::fixed_string<24>(s);
  }
  fill(g, m.fv, [&] { return g.integer<std::int32_t>(); });

  m.lf = random_leaf(g);
  maybe(g, m.o_leaf, [&] { return random_leaf(g); });
  if (g.one_in(2)) m.p_leaf = std::make_unique<prop::leaf>(random_leaf(g));
  if (g.one_in(2)) m.bx_leaf = random_leaf(g);
  if (g.one_in(2)) fill(g, m.r_leaf, [&] { return random_leaf(g); });
  maybe(g, m.md, [&] { return random_mid(g); });
  if (g.one_in(20)) {
    m.tree = std::make_unique<prop::node>(deep_chain(g, static_cast<int>(60 + g.below(37))));  // depth <= 97
  } else if (g.one_in(2)) {
    m.tree = std::make_unique<prop::node>(random_node(g, static_cast<int>(g.below(5))));
  }
  if (g.one_in(3)) {
    const std::size_t n = g.below(4);
    for (std::size_t i = 0; i < n; ++i) m.forest.push_back(random_node(g, 2));
  }

  const auto i32 = [&] { return g.integer<std::int32_t>(); };
  const auto i64 = [&] { return g.integer<std::int64_t>(); };
  const auto u32 = [&] { return g.integer<std::uint32_t>(); };
  const auto u64 = [&] { return g.integer<std::uint64_t>(); };
  const auto text = [&] { return g.utf8(5); };
  fill_map(g, m.m_i32_i32, i32, i32);
  fill_map(g, m.m_i64_str, i64, text);
  fill_map(g, m.m_u32_leaf, u32, [&] { return random_leaf(g); });
  fill_map(g, m.m_u64_byt, u64, [&] { return g.blob(5); });
  fill_map(g, m.m_s32_s64, i32, i64);
  fill_map(g, m.m_s64_f32, i64, u32);
  fill_map(g, m.m_f32_f64, u32, u64);
  fill_map(g, m.m_f64_sf32, u64, i32);
  fill_map(g, m.m_sf32_sf64, i32, i64);
  fill_map(g, m.m_sf64_fl, i64, [&] { return g.f32(); });
  fill_map(
      g, m.m_b_db, [&] { return g.one_in(2); }, [&] { return g.f64(); });
  fill_map(g, m.m_str_e, text, [&] { return g.kind(); });
  fill_map(g, m.m_str_leaf, text, [&] { return random_leaf(g); });
  fill_map(g, m.m_str_byt, text, [&] { return g.blob_string(5); });
  if (g.one_in(3)) fill_map(g, m.m_i32_node, i32, [&] { return random_node(g, 2); });
  fill_map(g, m.m_u32_b, u32, [&] { return g.one_in(2); });

  switch (g.below(11)) {
    case 1: m.choice.emplace<1>(g.integer<std::int32_t>()); break;
    case 2: m.choice.emplace<2>(g.integer<std::int64_t>()); break;
    case 3: m.choice.emplace<3>(g.utf8(6)); break;
    case 4: m.choice.emplace<4>(g.blob_string(6)); break;
    case 5: m.choice.emplace<5>(random_leaf(g)); break;
    case 6: m.choice.emplace<6>(g.f64()); break;
    case 7: m.choice.emplace<7>(g.kind()); break;
    case 8: m.choice.emplace<8>(g.one_in(2)); break;
    case 9: m.choice.emplace<9>(g.integer<std::uint32_t>()); break;
    default: break;  // none set (0 and 10)
  }
  switch (g.below(4)) {
    case 1: m.second.emplace<1>(g.integer<std::uint64_t>()); break;
    case 2: m.second.emplace<2>(random_node(g, static_cast<int>(g.below(3)))); break;
    case 3: m.second.emplace<3>(g.f32()); break;
    default: break;
  }
  m.after_reserved = g.integer<std::uint32_t>();
  m.last = g.integer<std::int64_t>();
  return m;
}

prop2::req random_req(gen& g) {
  prop2::req r;
  r.a = g.integer<std::int32_t>();
  if (g.one_in(2)) r.s = g.utf8(5);
  fill(g, r.r, [&] { return g.integer<std::int32_t>(); });
  return r;
}

prop2::p2 random_p2(gen& g, int depth) {
  prop2::p2 m;
  m.id = g.integer<std::int64_t>();
  maybe(g, m.i32, [&] { return g.integer<std::int32_t>(); });
  maybe(g, m.i64, [&] { return g.integer<std::int64_t>(); });
  maybe(g, m.u32, [&] { return g.integer<std::uint32_t>(); });
  maybe(g, m.u64, [&] { return g.integer<std::uint64_t>(); });
  maybe(g, m.s32, [&] { return g.integer<std::int32_t>(); });
  maybe(g, m.s64, [&] { return g.integer<std::int64_t>(); });
  maybe(g, m.f32, [&] { return g.integer<std::uint32_t>(); });
  maybe(g, m.f64, [&] { return g.integer<std::uint64_t>(); });
  maybe(g, m.sf32, [&] { return g.integer<std::int32_t>(); });
  maybe(g, m.sf64, [&] { return g.integer<std::int64_t>(); });
  maybe(g, m.fl, [&] { return g.f32(); });
  maybe(g, m.db, [&] { return g.f64(); });
  maybe(g, m.b, [&] { return g.one_in(2); });
  maybe(g, m.str, [&] { return g.utf8(8); });
  maybe(g, m.byt, [&] { return g.blob(8); });
  maybe(g, m.e, [&] { return g.color(); });
  fill(g, m.u_i32, [&] { return g.integer<std::int32_t>(); });
  fill(g, m.u_db, [&] { return g.f64(); });
  fill(g, m.u_e, [&] { return g.color(); });
  fill(g, m.u_b, [&] { return g.one_in(2); });
  fill(g, m.p_s64, [&] { return g.integer<std::int64_t>(); });
  fill(g, m.p_fl, [&] { return g.f32(); });
  fill(g, m.r_str, [&] { return g.utf8(6); });
  fill(g, m.r_byt, [&] { return g.blob_string(6); });
  if (g.one_in(2)) {
    prop2::grp_g grp;
    maybe(g, grp.x, [&] { return g.integer<std::int32_t>(); });
    maybe(g, grp.y, [&] { return g.utf8(4); });
    const std::size_t n = g.below(4);
    for (std::size_t i = 0; i < n; ++i) {
      prop2::grp_h h;
      maybe(g, h.z, [&] { return g.integer<std::uint64_t>(); });
      fill(g, h.w, [&] { return g.integer<std::int32_t>(); });
      grp.h.push_back(std::move(h));
    }
    maybe(g, grp.rq, [&] { return random_req(g); });
    m.g = std::move(grp);
  }
  const std::size_t groups = g.below(4);
  for (std::size_t i = 0; i < groups; ++i) {
    prop2::grp_r r;
    r.n = g.integer<std::int32_t>();
    maybe(g, r.m, [&] { return random_req(g); });
    m.r.push_back(std::move(r));
  }
  maybe(g, m.rq, [&] { return random_req(g); });
  if (g.one_in(2)) fill(g, m.reqs, [&] { return random_req(g); });
  fill_map(
      g, m.m, [&] { return g.integer<std::int32_t>(); }, [&] { return random_req(g); });
  fill_map(
      g, m.me, [&] { return g.utf8(4); }, [&] { return g.color(); });
  switch (g.below(4)) {
    case 1: m.c.emplace<1>(g.integer<std::int32_t>()); break;
    case 2: m.c.emplace<2>(g.utf8(5)); break;
    case 3: m.c.emplace<3>(random_req(g)); break;
    default: break;
  }
  if (g.one_in(3)) m.must = random_req(g);
  if (depth > 0 && g.one_in(3)) m.self = std::make_unique<prop2::p2>(random_p2(g, depth - 1));
  return m;
}

// ---- the same values in libprotobuf, field by field --------------------------------------

std::string as_string(std::span<const std::byte> b) {
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

bool is_empty(const prop::leaf& l) {
  std::string ignored;
  return same(l, prop::leaf{}, ignored);  // bit for bit: a -0.0 double is not empty
}

void to_pb(const prop::leaf& t, pb::Leaf& p) {
  p.set_a(t.a);
  p.set_s(t.s);
  for (auto v : t.zs) p.add_zs(v);
  p.set_k(static_cast<pb::Kind>(t.k));
  p.set_b(as_string(t.b));
  p.set_d(t.d);
}

void to_pb(const prop::mid& t, pb::Mid& p) {
  if (!is_empty(t.one)) to_pb(t.one, *p.mutable_leaf());
  for (const auto& l : t.leaves) to_pb(l, *p.add_leaves());
  p.set_tag(t.tag);
}

void to_pb(const prop::node& t, pb::Node& p) {
  p.set_value(t.value);
  p.set_label(t.label);
  for (const auto& c : t.children) to_pb(c, *p.add_children());
  if (t.left) to_pb(*t.left, *p.mutable_left());
  if (t.right) to_pb(*t.right, *p.mutable_right());
  if (t.payload) to_pb(*t.payload, *p.mutable_payload());
}

void to_pb(const prop::wide& t, pb::Wide& p) {
  p.set_i32(t.i32);
  p.set_i64(t.i64);
  p.set_u32(t.u32);
  p.set_u64(t.u64);
  p.set_s32(t.s32);
  p.set_s64(t.s64);
  p.set_f32(t.f32);
  p.set_f64(t.f64);
  p.set_sf32(t.sf32);
  p.set_sf64(t.sf64);
  p.set_fl(t.fl);
  p.set_db(t.db);
  p.set_b(t.b);
  p.set_str(t.str);
  p.set_byt(as_string(t.byt));
  p.set_e(static_cast<pb::Kind>(t.e));
  p.set_str_bytes(t.str_bytes);
  p.set_small(static_cast<pb::Small>(t.sm));
  p.set_n16(t.n16);
  p.set_u8(t.u8);

  if (t.o_i32) p.set_o_i32(*t.o_i32);
  if (t.o_i64) p.set_o_i64(*t.o_i64);
  if (t.o_u32) p.set_o_u32(*t.o_u32);
  if (t.o_u64) p.set_o_u64(*t.o_u64);
  if (t.o_s32) p.set_o_s32(*t.o_s32);
  if (t.o_s64) p.set_o_s64(*t.o_s64);
  if (t.o_f32) p.set_o_f32(*t.o_f32);
  if (t.o_f64) p.set_o_f64(*t.o_f64);
  if (t.o_sf32) p.set_o_sf32(*t.o_sf32);
  if (t.o_sf64) p.set_o_sf64(*t.o_sf64);
  if (t.o_fl) p.set_o_fl(*t.o_fl);
  if (t.o_db) p.set_o_db(*t.o_db);
  if (t.o_b) p.set_o_b(*t.o_b);
  if (t.o_str) p.set_o_str(*t.o_str);
  if (t.o_byt) p.set_o_byt(as_string(*t.o_byt));
  if (t.o_e) p.set_o_e(static_cast<pb::Kind>(*t.o_e));

  for (auto v : t.p_i32) p.add_p_i32(v);
  for (auto v : t.p_i64) p.add_p_i64(v);
  for (auto v : t.p_u32) p.add_p_u32(v);
  for (auto v : t.p_u64) p.add_p_u64(v);
  for (auto v : t.p_s32) p.add_p_s32(v);
  for (auto v : t.p_s64) p.add_p_s64(v);
  for (auto v : t.p_f32) p.add_p_f32(v);
  for (auto v : t.p_f64) p.add_p_f64(v);
  for (auto v : t.p_sf32) p.add_p_sf32(v);
  for (auto v : t.p_sf64) p.add_p_sf64(v);
  for (auto v : t.p_fl) p.add_p_fl(v);
  for (auto v : t.p_db) p.add_p_db(v);
  for (bool v : t.p_b) p.add_p_b(v);
  for (auto v : t.p_e) p.add_p_e(static_cast<pb::Kind>(v));

  for (auto v : t.u_i32) p.add_u_i32(v);
  for (auto v : t.u_i64) p.add_u_i64(v);
  for (auto v : t.u_u32) p.add_u_u32(v);
  for (auto v : t.u_u64) p.add_u_u64(v);
  for (auto v : t.u_s32) p.add_u_s32(v);
  for (auto v : t.u_s64) p.add_u_s64(v);
  for (auto v : t.u_f32) p.add_u_f32(v);
  for (auto v : t.u_f64) p.add_u_f64(v);
  for (auto v : t.u_sf32) p.add_u_sf32(v);
  for (auto v : t.u_sf64) p.add_u_sf64(v);
  for (auto v : t.u_fl) p.add_u_fl(v);
  for (auto v : t.u_db) p.add_u_db(v);
  for (bool v : t.u_b) p.add_u_b(v);
  for (auto v : t.u_e) p.add_u_e(static_cast<pb::Kind>(v));

  for (const auto& s : t.r_str) p.add_r_str(s);
  for (const auto& b : t.r_byt) p.add_r_byt(as_string(b));
  for (const auto& s : t.r_str_list) p.add_r_str_list(s);
  p.set_fs(std::string(std::string_view(t.fs)));
  for (auto v : t.fv) p.add_fv(v);

  if (!is_empty(t.lf)) to_pb(t.lf, *p.mutable_leaf());
  if (t.o_leaf) to_pb(*t.o_leaf, *p.mutable_o_leaf());
  if (t.p_leaf) to_pb(*t.p_leaf, *p.mutable_p_leaf());
  if (t.bx_leaf) to_pb(*t.bx_leaf, *p.mutable_bx_leaf());
  for (const auto& l : t.r_leaf) to_pb(l, *p.add_r_leaf());
  if (t.md) to_pb(*t.md, *p.mutable_mid());
  if (t.tree) to_pb(*t.tree, *p.mutable_tree());
  for (const auto& n : t.forest) to_pb(n, *p.add_forest());

  for (const auto& [k, v] : t.m_i32_i32) (*p.mutable_m_i32_i32())[k] = v;
  for (const auto& [k, v] : t.m_i64_str) (*p.mutable_m_i64_str())[k] = v;
  for (const auto& [k, v] : t.m_u32_leaf) to_pb(v, (*p.mutable_m_u32_leaf())[k]);
  for (const auto& [k, v] : t.m_u64_byt) (*p.mutable_m_u64_byt())[k] = as_string(v);
  for (const auto& [k, v] : t.m_s32_s64) (*p.mutable_m_s32_s64())[k] = v;
  for (const auto& [k, v] : t.m_s64_f32) (*p.mutable_m_s64_f32())[k] = v;
  for (const auto& [k, v] : t.m_f32_f64) (*p.mutable_m_f32_f64())[k] = v;
  for (const auto& [k, v] : t.m_f64_sf32) (*p.mutable_m_f64_sf32())[k] = v;
  for (const auto& [k, v] : t.m_sf32_sf64) (*p.mutable_m_sf32_sf64())[k] = v;
  for (const auto& [k, v] : t.m_sf64_fl) (*p.mutable_m_sf64_fl())[k] = v;
  for (const auto& [k, v] : t.m_b_db) (*p.mutable_m_b_db())[k] = v;
  for (const auto& [k, v] : t.m_str_e) (*p.mutable_m_str_e())[k] = static_cast<pb::Kind>(v);
  for (const auto& [k, v] : t.m_str_leaf) to_pb(v, (*p.mutable_m_str_leaf())[k]);
  for (const auto& [k, v] : t.m_str_byt) (*p.mutable_m_str_byt())[k] = v;
  for (const auto& [k, v] : t.m_i32_node) to_pb(v, (*p.mutable_m_i32_node())[k]);
  for (const auto& [k, v] : t.m_u32_b) (*p.mutable_m_u32_b())[k] = v;

  switch (t.choice.index()) {
    case 1: p.set_c_i32(std::get<1>(t.choice)); break;
    case 2: p.set_c_s64(std::get<2>(t.choice)); break;
    case 3: p.set_c_str(std::get<3>(t.choice)); break;
    case 4: p.set_c_byt(std::get<4>(t.choice)); break;
    case 5: to_pb(std::get<5>(t.choice), *p.mutable_c_leaf()); break;
    case 6: p.set_c_db(std::get<6>(t.choice)); break;
    case 7: p.set_c_e(static_cast<pb::Kind>(std::get<7>(t.choice))); break;
    case 8: p.set_c_b(std::get<8>(t.choice)); break;
    case 9: p.set_c_f32(std::get<9>(t.choice)); break;
    default: break;
  }
  switch (t.second.index()) {
    case 1: p.set_s_u64(std::get<1>(t.second)); break;
    case 2: to_pb(std::get<2>(t.second), *p.mutable_s_node()); break;
    case 3: p.set_s_fl(std::get<3>(t.second)); break;
    default: break;
  }
  p.set_after_reserved(t.after_reserved);
  p.set_last(t.last);
}

void to_pb(const prop2::req& t, pb2::Req& p) {
  p.set_a(t.a);
  if (t.s) p.set_s(*t.s);
  for (auto v : t.r) p.add_r(v);
}

void to_pb(const prop2::p2& t, pb2::P2& p) {
  p.set_id(t.id);
  if (t.i32) p.set_i32(*t.i32);
  if (t.i64) p.set_i64(*t.i64);
  if (t.u32) p.set_u32(*t.u32);
  if (t.u64) p.set_u64(*t.u64);
  if (t.s32) p.set_s32(*t.s32);
  if (t.s64) p.set_s64(*t.s64);
  if (t.f32) p.set_f32(*t.f32);
  if (t.f64) p.set_f64(*t.f64);
  if (t.sf32) p.set_sf32(*t.sf32);
  if (t.sf64) p.set_sf64(*t.sf64);
  if (t.fl) p.set_fl(*t.fl);
  if (t.db) p.set_db(*t.db);
  if (t.b) p.set_b(*t.b);
  if (t.str) p.set_str(*t.str);
  if (t.byt) p.set_byt(as_string(*t.byt));
  if (t.e) p.set_e(static_cast<pb2::Color>(*t.e));
  for (auto v : t.u_i32) p.add_u_i32(v);
  for (auto v : t.u_db) p.add_u_db(v);
  for (auto v : t.u_e) p.add_u_e(static_cast<pb2::Color>(v));
  for (bool v : t.u_b) p.add_u_b(v);
  for (auto v : t.p_s64) p.add_p_s64(v);
  for (auto v : t.p_fl) p.add_p_fl(v);
  for (const auto& s : t.r_str) p.add_r_str(s);
  for (const auto& s : t.r_byt) p.add_r_byt(s);
  if (t.g) {
    auto& g = *p.mutable_g();
    if (t.g->x) g.set_x(*t.g->x);
    if (t.g->y) g.set_y(*t.g->y);
    for (const auto& h : t.g->h) {
      auto& ph = *g.add_h();
      if (h.z) ph.set_z(*h.z);
      for (auto w : h.w) ph.add_w(w);
    }
    if (t.g->rq) to_pb(*t.g->rq, *g.mutable_req());
  }
  for (const auto& r : t.r) {
    auto& pr = *p.add_r();
    pr.set_n(r.n);
    if (r.m) to_pb(*r.m, *pr.mutable_m());
  }
  if (t.rq) to_pb(*t.rq, *p.mutable_req());
  for (const auto& r : t.reqs) to_pb(r, *p.add_reqs());
  for (const auto& [k, v] : t.m) to_pb(v, (*p.mutable_m())[k]);
  for (const auto& [k, v] : t.me) (*p.mutable_me())[k] = static_cast<pb2::Color>(v);
  switch (t.c.index()) {
    case 1: p.set_c_i(std::get<1>(t.c)); break;
    case 2: p.set_c_s(std::get<2>(t.c)); break;
    case 3: to_pb(std::get<3>(t.c), *p.mutable_c_m()); break;
    default: break;
  }
  to_pb(t.must, *p.mutable_must());
  if (t.self) to_pb(*t.self, *p.mutable_self());
}

// ---- the checks -----------------------------------------------------------------------------

bool equal_bytes(std::span<const std::byte> a, std::span<const std::byte> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

std::size_t first_difference(std::span<const std::byte> a, std::span<const std::byte> b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  return at;
}

// The whole encoding in hex, 32 bytes a line with offsets; a long one only around `around`.
std::string hex_dump(std::span<const std::byte> b, std::size_t around) {
  static constexpr char digits[] = "0123456789abcdef";
  constexpr std::size_t whole = 16384;
  std::size_t from = 0;
  std::size_t to = b.size();
  std::string s;
  if (b.size() > whole) {
    from = around > 1024 ? (around - 1024) / 32 * 32 : 0;
    to = std::min(b.size(), from + 2048);
    s += "  (" + std::to_string(b.size()) + " bytes; showing [" + std::to_string(from) + ", " + std::to_string(to) +
         "))\n";
  }
  for (std::size_t line = from; line < to; line += 32) {
    char off[32];
    std::snprintf(off, sizeof off, "  %6zu:", line);
    s += off;
    for (std::size_t i = line; i < std::min(to, line + 32); ++i) {
      s += ' ';
      s += digits[std::to_integer<int>(b[i]) >> 4];
      s += digits[std::to_integer<int>(b[i]) & 15];
    }
    s += '\n';
  }
  return s;
}

struct where_from {
  const char* message;
  std::uint64_t seed;
  std::size_t iteration;
};

// What only the proto3 message checks: a reader that knows a few fields relays the others.
void relay_checks(const prop::wide& t, std::span<const std::byte> ours, std::string& problems) {
  auto sub = tagwire::decode<prop::wide_subset>(ours);
  if (!sub) {
    problems += "- decode<wide_subset>(tagwire bytes): " + std::string(tagwire::to_string(sub.error().code)) +
                " at offset " + std::to_string(sub.error().offset) + "\n";
    return;
  }
  std::vector<std::byte> relayed;
  if (!tagwire::encode_to(*sub, relayed) || relayed.size() != ours.size()) {
    problems += "- the relayed message has " + std::to_string(relayed.size()) + " bytes, the original " +
                std::to_string(ours.size()) + "\n";
    return;
  }
  pb::Wide p;
  if (!p.ParseFromArray(relayed.data(), static_cast<int>(relayed.size()))) {
    problems += "- libprotobuf cannot parse the relayed message\n";
  } else if (const std::string again = pb_bytes(p); !equal_bytes(bytes_of(again), ours)) {
    problems += "- the relayed message, re-serialized by libprotobuf, differs from the original at offset " +
                std::to_string(first_difference(bytes_of(again), ours)) + "\n";
  }
  auto back = tagwire::decode<prop::wide>(relayed);
  std::string where;
  if (!back) problems += "- decode<wide>(relayed): " + std::string(tagwire::to_string(back.error().code)) + "\n";
  else if (!same(t, *back, where)) problems += "- decode<wide>(relayed) differs from the value: Wide" + where + "\n";
}
void relay_checks(const prop2::p2&, std::span<const std::byte>, std::string&) {}

template <class T>
void decode_check(const char* what, std::span<const std::byte> in, const T& t, const char* name,
                  std::string& problems) {
  auto back = tagwire::decode<T>(in);
  if (!back) {
    problems += std::string("- decode(") + what + "): " + std::string(tagwire::to_string(back.error().code)) +
                " at offset " + std::to_string(back.error().offset) + ", field " + std::to_string(back.error().field) +
                "\n";
    return;
  }
  std::string where;
  if (!same(t, *back, where))
    problems += std::string("- decode(") + what + ") differs from the value: " + name + where + "\n";
}

// Every property for one value. On a failure: the seed and iteration, what failed, both encodings.
template <class T, class P>
bool check_value(const T& t, const where_from& at) {
  std::string problems;
  P expected;
  to_pb(t, expected);
  const std::string theirs_s = pb_bytes(expected);
  const std::span<const std::byte> theirs = bytes_of(theirs_s);

  const std::size_t n = tagwire::encoded_size(t);
  std::vector<std::byte> buf(n);
  const auto written = tagwire::encode(t, buf);
  std::span<const std::byte> ours;
  if (!written) problems += "- encode: " + std::string(tagwire::to_string(written.error().code)) + "\n";
  else ours = *written;

  if (!equal_bytes(ours, theirs))
    problems += "- bytes differ from libprotobuf's at offset " + std::to_string(first_difference(ours, theirs)) + "\n";
  if (n != expected.ByteSizeLong())
    problems +=
        "- encoded_size " + std::to_string(n) + ", ByteSizeLong " + std::to_string(expected.ByteSizeLong()) + "\n";
  if (n != 0) {
    const auto short_buf = tagwire::encode(t, std::span(buf).first(n - 1));
    if (short_buf || short_buf.error() != tagwire::error{tagwire::errc::buffer_too_small, n, 0})
      problems += "- encode into " + std::to_string(n - 1) + " bytes is not buffer_too_small with offset " +
                  std::to_string(n) + "\n";
  }
  if (written) {
    P parsed;
    if (!parsed.ParseFromArray(ours.data(), static_cast<int>(ours.size()))) {
      problems += "- libprotobuf cannot parse tagwire's bytes\n";
    } else if (const std::string again = pb_bytes(parsed); !equal_bytes(bytes_of(again), ours)) {
      problems += "- libprotobuf re-serializes tagwire's bytes differently, at offset " +
                  std::to_string(first_difference(bytes_of(again), ours)) + "\n";
    }
    decode_check("tagwire bytes", ours, t, at.message, problems);
    relay_checks(t, ours, problems);
  }
  decode_check("libprotobuf bytes", theirs, t, at.message, problems);
  if (problems.empty()) return true;

  const std::size_t diff = first_difference(ours, theirs);
  std::string report = std::string("property test failed: ") + at.message + ", seed " + std::to_string(at.seed) +
                       ", iteration " + std::to_string(at.iteration) +
                       " (rerun: TAGWIRE_PROPERTY_SEED=" + std::to_string(at.seed) + ")\n" + problems + "tagwire (" +
                       std::to_string(ours.size()) + " bytes):\n" + hex_dump(ours, diff) + "libprotobuf (" +
                       std::to_string(theirs.size()) + " bytes):\n" + hex_dump(theirs, diff);
  FAIL_CHECK(report);
  return false;
}

// ---- seeds ----------------------------------------------------------------------------------

constexpr std::uint64_t fixed_seed = 20261121;

// A different, well-mixed generator seed for each (seed, iteration): any one value can be
// regenerated alone (splitmix64).
std::uint64_t value_seed(std::uint64_t seed, std::size_t iteration) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ull * (static_cast<std::uint64_t>(iteration) + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::size_t iterations() {
  const char* env = std::getenv("TAGWIRE_PROPERTY_ITERATIONS");
  if (env == nullptr || *env == '\0') return 500;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(env, &end, 10);
  REQUIRE_MESSAGE((*end == '\0' && n > 0), "TAGWIRE_PROPERTY_ITERATIONS must be a positive number: ", std::string(env));
  return static_cast<std::size_t>(n);
}

// 20261121, then TAGWIRE_PROPERTY_SEED when set: a number (decimal or 0x hex) or "random".
std::vector<std::uint64_t> seeds() {
  std::vector<std::uint64_t> out{fixed_seed};
  const char* env = std::getenv("TAGWIRE_PROPERTY_SEED");
  if (env == nullptr || *env == '\0') return out;
  if (std::string_view(env) == "random") {
    std::random_device rd;
    out.push_back((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    return out;
  }
  char* end = nullptr;
  const unsigned long long s = std::strtoull(env, &end, 0);
  REQUIRE_MESSAGE(*end == '\0', "TAGWIRE_PROPERTY_SEED must be a number or \"random\": ", std::string(env));
  out.push_back(s);
  return out;
}

template <class T, class P, class Make>
void run(const char* message, Make make) {
  const std::size_t n = iterations();
  for (const std::uint64_t seed : seeds()) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t bytes = 0;
    std::size_t done = 0;
    for (std::size_t i = 0; i < n; ++i) {
      gen g(value_seed(seed, i));
      const T t = make(g);
      bytes += tagwire::encoded_size(t);
      if (!check_value<T, P>(t, {message, seed, i})) break;  // one report is enough
      ++done;
    }
    CHECK(done == n);  // every value was checked, none failed
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("property %s: seed %llu, %zu values, %zu bytes, %.2f s\n", message,
                static_cast<unsigned long long>(seed), done, bytes, took.count());
    std::fflush(stdout);
  }
}

}  // namespace

TEST_CASE("property: random proto3 Wide values agree with libprotobuf byte for byte and round-trip") {
  run<prop::wide, pb::Wide>("Wide", [](gen& g) { return random_wide(g); });
}

TEST_CASE("property: random proto2 P2 values (groups, required, closed enums) agree with libprotobuf") {
  run<prop2::p2, pb2::P2>("P2", [](gen& g) { return random_p2(g, 3); });
}

TEST_CASE("property: the comparison sees a difference in any float bit, presence or map entry") {
  // The checks above are only as good as `same`: it must not call different values equal.
  std::string where;
  prop::wide a;
  prop::wide b;
  CHECK(same(a, b, where));
  b.fl = -0.0f;
  CHECK_FALSE(same(a, b, where));
  CHECK(where == ".fl: bits 0x0 != 0x80000000");
  b = prop::wide{};
  a.o_db = std::bit_cast<double>(std::uint64_t{0x7ff8000000000001});
  b.o_db = std::bit_cast<double>(std::uint64_t{0x7ff8000000000002});
  CHECK_FALSE(same(a, b, where));
  CHECK(where == ".o_db: bits 0x7ff8000000000001 != 0x7ff8000000000002");
  b.o_db = a.o_db;
  CHECK(same(a, b, where));  // NaN equals itself bit for bit
  a.m_str_leaf["k"].a = 1;
  b.m_str_leaf["k"].a = 2;
  CHECK_FALSE(same(a, b, where));
  CHECK(where == ".m_str_leaf[\"k\"].a: 1 != 2");
  b.m_str_leaf["k"].a = 1;
  a.second.emplace<2>().right = prop::node{};
  b.second.emplace<2>();
  CHECK_FALSE(same(a, b, where));
  CHECK(where == ".second.right: present != absent");
  b = prop::wide{};
  a = prop::wide{};
  a.choice.emplace<3>("x");
  b.choice.emplace<4>("x");  // same type, another alternative
  CHECK_FALSE(same(a, b, where));
  CHECK(where == ".choice: alternative 3 != 4");
}

namespace {

std::string varint_bytes(std::uint64_t v) {
  std::string out;
  while (v >= 0x80) {
    out += static_cast<char>(v | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
  return out;
}
// `content` as the payload of a length-delimited record with tag bytes `tag`.
std::string wrap(const std::string& tag, const std::string& content) {
  return tag + varint_bytes(content.size()) + content;
}

prop::node left_chain(int links) {
  prop::node n;
  n.value = 1;
  for (int i = 0; i < links; ++i) {
    prop::node parent;
    parent.left = std::make_unique<prop::node>(std::move(n));
    n = std::move(parent);
  }
  return n;
}

// Whether libprotobuf and tagwire both accept `bytes` (as P and T), or both refuse them.
template <class T, class P>
void same_verdict(const std::string& bytes, bool expected) {
  P theirs;
  bool theirs_ok = false;
  {
    google::protobuf::LogSilencer quiet;  // libprotobuf logs the refusal
    theirs_ok = theirs.ParseFromString(bytes);
  }
  const auto ours = tagwire::decode<T>(bytes);
  CHECK(theirs_ok == expected);
  CHECK(ours.has_value() == expected);
  if (!ours) CHECK(ours.error().code == tagwire::errc::depth_exceeded);
}

}  // namespace

TEST_CASE("the nesting limit counts like libprotobuf's: map entries, groups and unknown groups are levels") {
  for (int levels : {99, 100, 101, 102}) {
    CAPTURE(levels);
    // A map entry (level 1), its Node value (2), then links through `left`.
    prop::wide w;
    w.m_i32_node.emplace(7, left_chain(levels - 2));
    std::string bytes;
    REQUIRE(tagwire::encode_to(w, bytes).has_value());
    same_verdict<prop::wide, pb::Wide>(bytes, levels <= 100);

    // proto2: P2 through `self` (levels - 2 links), then group G and group H inside the last.
    prop2::p2 root;
    prop2::p2* at = &root;
    for (int i = 0; i < levels - 2; ++i) at = (at->self = std::make_unique<prop2::p2>()).get();
    at->g.emplace().h.emplace_back().z = 1;
    bytes.clear();
    REQUIRE(tagwire::encode_to(root, bytes).has_value());
    same_verdict<prop2::p2, pb2::P2>(bytes, levels <= 100);

    // Wide.tree (level 1), links through `left`, then unknown groups of field 15 nested 3 deep.
    std::string content = "\x7b\x7b\x7b\x78\x01\x7c\x7c\x7c";
    for (int i = 0; i < levels - 4; ++i) content = wrap("\x22", content);
    same_verdict<prop::wide, pb::Wide>(wrap("\x82\x06", content), levels <= 100);
  }
}
