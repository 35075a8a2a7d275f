// Encode then decode gives back the same values, for every member type at its extremes.
#include <doctest/doctest.h>

#include <tagwire/tagwire.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace tagwire_roundtrip_test {

// ---- comparing messages -------------------------------------------------------------

template <class T>
struct rt_is_optional : std::false_type {};
template <class T>
struct rt_is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct rt_is_unique_ptr : std::false_type {};
template <class T, class D>
struct rt_is_unique_ptr<std::unique_ptr<T, D>> : std::true_type {};

// Deep equality over the described fields; floats compare by bit pattern, so -0.0 differs
// from 0.0 and NaN payloads must match.
template <class T>
bool rt_same(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
  } else if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  } else if constexpr (tagwire::message<T>) {
    return std::apply(
        [&](const auto&... f) {
          return (
              rt_same(a.*(std::remove_cvref_t<decltype(f)>::member), b.*(std::remove_cvref_t<decltype(f)>::member)) &&
              ... && true);
        },
        tagwire::fields_of<T>());
  } else if constexpr (rt_is_optional<T>::value || rt_is_unique_ptr<T>::value) {
    if (static_cast<bool>(a) != static_cast<bool>(b)) return false;
    return !a || rt_same(*a, *b);
  } else if constexpr (std::ranges::range<T>) {
    if (std::ranges::size(a) != std::ranges::size(b)) return false;
    auto j = std::ranges::begin(b);
    for (auto i = std::ranges::begin(a); i != std::ranges::end(a); ++i, ++j) {
      if (!rt_same<std::ranges::range_value_t<T>>(*i, *j)) return false;
    }
    return true;
  } else {
    return a == b;
  }
}

// Encodes `in`, decodes it as T, and checks the result equals `in` and re-encodes to the
// same bytes. Returns false (with a message) on any difference.
template <class T>
bool rt_roundtrip(const T& in) {
  std::vector<std::byte> bytes;
  const auto n = tagwire::encode_to(in, bytes);
  if (!n || *n != bytes.size() || bytes.size() != tagwire::encoded_size(in)) {
    MESSAGE("encode_to failed or wrote a different size than encoded_size");
    return false;
  }
  // The size bound under which encoders write once into a stack buffer is never below the exact
  // size, and writing in place after exact sizing (the path of larger messages) gives the same bytes.
  std::size_t left = SIZE_MAX;
  if (!tagwire::detail::message_within(in, left) || SIZE_MAX - left < bytes.size()) {
    MESSAGE("the size bound is below the exact size");
    return false;
  }
  std::vector<std::byte> exact(bytes.size());
  if (tagwire::detail::write_message_back(in, exact.data() + exact.size()) != exact.data() || exact != bytes) {
    MESSAGE("writing in place after exact sizing gives different bytes");
    return false;
  }
  const auto out = tagwire::decode<T>(bytes);
  if (!out) {
    MESSAGE("decode failed: " << tagwire::to_string(out.error().code) << " at " << out.error().offset);
    return false;
  }
  if (!rt_same(in, *out)) {
    MESSAGE("decoded value differs");
    return false;
  }
  std::vector<std::byte> again;
  (void)tagwire::encode_to(*out, again);
  if (again != bytes) {
    MESSAGE("re-encoding the decoded value gives different bytes");
    return false;
  }
  return true;
}

// ---- messages -----------------------------------------------------------------------

struct rt_ints {
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::int32_t s32 = 0;
  std::int64_t s64 = 0;
  std::int32_t sf32 = 0;
  std::int64_t sf64 = 0;
  std::uint32_t u32 = 0;
  std::uint64_t u64 = 0;
  std::uint32_t f32 = 0;
  std::uint64_t f64 = 0;
  bool b = false;
};
TAGWIRE_MESSAGE(rt_ints, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, s32, tagwire::sint),
                TAGWIRE_FIELD(4, s64, tagwire::sint), TAGWIRE_FIELD(5, sf32, tagwire::sfixed),
                TAGWIRE_FIELD(6, sf64, tagwire::sfixed), TAGWIRE_FIELD(7, u32), TAGWIRE_FIELD(8, u64),
                TAGWIRE_FIELD(9, f32, tagwire::fixed), TAGWIRE_FIELD(10, f64, tagwire::fixed), TAGWIRE_FIELD(11, b));

enum class rt_color : std::int32_t { red = 0, green = 1, blue = 2 };
enum rt_plain : int { rt_plain_zero = 0, rt_plain_five = 5 };
enum class rt_tiny : std::uint8_t { a = 0, b = 1 };
enum class rt_wide : std::uint32_t { zero = 0 };
enum class rt_short : std::int16_t { zero = 0 };

struct rt_enums {
  rt_color c = rt_color::red;
  rt_plain p = rt_plain_zero;
  rt_tiny t = rt_tiny::a;
  rt_wide w = rt_wide::zero;
  rt_short s = rt_short::zero;
  std::vector<rt_color> vc;
  std::vector<rt_color> vcu;
  std::optional<rt_color> oc;
};
TAGWIRE_MESSAGE(rt_enums, TAGWIRE_FIELD(1, c), TAGWIRE_FIELD(2, p), TAGWIRE_FIELD(3, t), TAGWIRE_FIELD(4, w),
                TAGWIRE_FIELD(5, s), TAGWIRE_FIELD(6, vc), TAGWIRE_FIELD(7, vcu, tagwire::unpacked),
                TAGWIRE_FIELD(8, oc));

struct rt_fp {
  float f = 0;
  double d = 0;
  std::optional<float> of;
  std::optional<double> od;
  std::vector<float> vf;
  std::vector<double> vd;
  std::vector<float> uf;
  std::vector<double> ud;
};
TAGWIRE_MESSAGE(rt_fp, TAGWIRE_FIELD(1, f), TAGWIRE_FIELD(2, d), TAGWIRE_FIELD(3, of), TAGWIRE_FIELD(4, od),
                TAGWIRE_FIELD(5, vf), TAGWIRE_FIELD(6, vd), TAGWIRE_FIELD(7, uf, tagwire::unpacked),
                TAGWIRE_FIELD(8, ud, tagwire::unpacked));

struct rt_text {
  std::string s;
  std::string b;
  std::vector<std::byte> vb;
  std::vector<unsigned char> vu;
  std::vector<char> vc;
  std::optional<std::string> os;
  std::vector<std::string> vs;
  std::vector<std::vector<std::byte>> vvb;
  std::vector<std::string> vsb;
};
TAGWIRE_MESSAGE(rt_text, TAGWIRE_FIELD(1, s), TAGWIRE_FIELD(2, b, tagwire::bytes), TAGWIRE_FIELD(3, vb),
                TAGWIRE_FIELD(4, vu), TAGWIRE_FIELD(5, vc), TAGWIRE_FIELD(6, os), TAGWIRE_FIELD(7, vs),
                TAGWIRE_FIELD(8, vvb), TAGWIRE_FIELD(9, vsb, tagwire::bytes));

// The same repeated fields, packed (the default) and unpacked.
#define RT_REPEATED_MEMBERS       \
  std::vector<std::int32_t> i32;  \
  std::vector<std::int64_t> i64;  \
  std::vector<std::int32_t> s32;  \
  std::vector<std::int64_t> s64;  \
  std::vector<std::int32_t> sf32; \
  std::vector<std::int64_t> sf64; \
  std::vector<std::uint32_t> u32; \
  std::vector<std::uint64_t> u64; \
  std::vector<std::uint32_t> f32; \
  std::vector<std::uint64_t> f64; \
  std::vector<bool> b;            \
  std::vector<rt_color> e;        \
  std::vector<float> f;           \
  std::vector<double> d;          \
  std::vector<std::int16_t> i16;  \
  std::vector<std::uint16_t> u16;

struct rt_rep_packed {
  RT_REPEATED_MEMBERS
};
struct rt_rep_unpacked {
  RT_REPEATED_MEMBERS
};
#undef RT_REPEATED_MEMBERS

TAGWIRE_MESSAGE(rt_rep_packed, TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, i64), TAGWIRE_FIELD(3, s32, tagwire::sint),
                TAGWIRE_FIELD(4, s64, tagwire::sint), TAGWIRE_FIELD(5, sf32, tagwire::sfixed),
                TAGWIRE_FIELD(6, sf64, tagwire::sfixed), TAGWIRE_FIELD(7, u32), TAGWIRE_FIELD(8, u64),
                TAGWIRE_FIELD(9, f32, tagwire::fixed), TAGWIRE_FIELD(10, f64, tagwire::fixed), TAGWIRE_FIELD(11, b),
                TAGWIRE_FIELD(12, e), TAGWIRE_FIELD(13, f), TAGWIRE_FIELD(14, d), TAGWIRE_FIELD(15, i16),
                TAGWIRE_FIELD(16, u16));
TAGWIRE_MESSAGE(rt_rep_unpacked, TAGWIRE_FIELD(1, i32, tagwire::unpacked), TAGWIRE_FIELD(2, i64, tagwire::unpacked),
                TAGWIRE_FIELD(3, s32, tagwire::sint, tagwire::unpacked),
                TAGWIRE_FIELD(4, s64, tagwire::sint, tagwire::unpacked),
                TAGWIRE_FIELD(5, sf32, tagwire::sfixed, tagwire::unpacked),
                TAGWIRE_FIELD(6, sf64, tagwire::sfixed, tagwire::unpacked), TAGWIRE_FIELD(7, u32, tagwire::unpacked),
                TAGWIRE_FIELD(8, u64, tagwire::unpacked), TAGWIRE_FIELD(9, f32, tagwire::fixed, tagwire::unpacked),
                TAGWIRE_FIELD(10, f64, tagwire::fixed, tagwire::unpacked), TAGWIRE_FIELD(11, b, tagwire::unpacked),
                TAGWIRE_FIELD(12, e, tagwire::unpacked), TAGWIRE_FIELD(13, f, tagwire::unpacked),
                TAGWIRE_FIELD(14, d, tagwire::unpacked), TAGWIRE_FIELD(15, i16, tagwire::unpacked),
                TAGWIRE_FIELD(16, u16, tagwire::unpacked));

struct rt_inner {
  std::int32_t id = 0;
  std::string name;
};
TAGWIRE_MESSAGE(rt_inner, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name));

struct rt_outer {
  rt_inner one;
  std::vector<rt_inner> many;
  std::optional<rt_inner> maybe;
  std::unique_ptr<rt_inner> ptr;
  std::int32_t after = 0;
};
TAGWIRE_MESSAGE(rt_outer, TAGWIRE_FIELD(1, one), TAGWIRE_FIELD(2, many), TAGWIRE_FIELD(3, maybe), TAGWIRE_FIELD(4, ptr),
                TAGWIRE_FIELD(5, after));

struct rt_tree {
  std::int32_t value = 0;
  std::vector<rt_tree> children;
};
TAGWIRE_MESSAGE(rt_tree, TAGWIRE_FIELD(1, value, tagwire::sint), TAGWIRE_FIELD(2, children));

struct rt_chain {
  std::int64_t value = 0;
  std::unique_ptr<rt_chain> next;
  std::string label;
};
TAGWIRE_MESSAGE(rt_chain, TAGWIRE_FIELD(1, value), TAGWIRE_FIELD(2, next), TAGWIRE_FIELD(3, label));

struct rt_opts {
  std::optional<std::int32_t> i;
  std::optional<std::int64_t> l;
  std::optional<std::uint64_t> u;
  std::optional<bool> b;
  std::optional<rt_color> e;
  std::optional<double> d;
  std::optional<std::string> s;
  std::optional<std::vector<std::byte>> by;
  std::optional<rt_inner> m;
};
TAGWIRE_MESSAGE(rt_opts, TAGWIRE_FIELD(1, i), TAGWIRE_FIELD(2, l, tagwire::sint), TAGWIRE_FIELD(3, u, tagwire::fixed),
                TAGWIRE_FIELD(4, b), TAGWIRE_FIELD(5, e), TAGWIRE_FIELD(6, d), TAGWIRE_FIELD(7, s),
                TAGWIRE_FIELD(8, by), TAGWIRE_FIELD(9, m));

struct rt_small {
  std::int8_t i8 = 0;
  std::int16_t i16 = 0;
  std::uint8_t u8 = 0;
  std::uint16_t u16 = 0;
  std::int8_t s8 = 0;
  std::int16_t s16 = 0;
  std::int16_t sf16 = 0;
  std::uint16_t fx16 = 0;
  std::uint8_t fx8 = 0;
  std::optional<std::int16_t> o16;
};
TAGWIRE_MESSAGE(rt_small, TAGWIRE_FIELD(1, i8), TAGWIRE_FIELD(2, i16), TAGWIRE_FIELD(3, u8), TAGWIRE_FIELD(4, u16),
                TAGWIRE_FIELD(5, s8, tagwire::sint), TAGWIRE_FIELD(6, s16, tagwire::sint),
                TAGWIRE_FIELD(7, sf16, tagwire::sfixed), TAGWIRE_FIELD(8, fx16, tagwire::fixed),
                TAGWIRE_FIELD(9, fx8, tagwire::fixed), TAGWIRE_FIELD(10, o16));

// Described without the macro.
struct rt_manual {
  std::int64_t a = 0;
  std::string b;
};
}  // namespace tagwire_roundtrip_test

template <>
struct tagwire::descriptor<tagwire_roundtrip_test::rt_manual> {
  using m = tagwire_roundtrip_test::rt_manual;
  static constexpr auto fields =
      std::tuple{tagwire::field<7, &m::a, tagwire::sint>{"a"}, tagwire::field<3, &m::b>{"b"}};
};

namespace tagwire_roundtrip_test {

// ---- integers -----------------------------------------------------------------------

constexpr auto i32_min = std::numeric_limits<std::int32_t>::min();
constexpr auto i32_max = std::numeric_limits<std::int32_t>::max();
constexpr auto i64_min = std::numeric_limits<std::int64_t>::min();
constexpr auto i64_max = std::numeric_limits<std::int64_t>::max();
constexpr auto u32_max = std::numeric_limits<std::uint32_t>::max();
constexpr auto u64_max = std::numeric_limits<std::uint64_t>::max();

TEST_CASE("roundtrip: integers at their extremes, each encoding") {
  const std::int32_t s32_values[] = {i32_min, i32_max, 0, -1, 1, i32_min + 1, -64, 64};
  const std::int64_t s64_values[] = {i64_min, i64_max, 0, -1, 1, i32_min, i32_max, i64_min + 1};
  const std::uint32_t u32_values[] = {0, 1, u32_max, 0x80000000u, 127, 128};
  const std::uint64_t u64_values[] = {0, 1, u64_max, 1ull << 63, u32_max, 1ull << 32};

  // Every field at once, each at one of its values, so a mix-up between fields shows.
  for (std::size_t k = 0; k < 8; ++k) {
    CAPTURE(k);
    rt_ints m;
    m.i32 = s32_values[k];
    m.s32 = s32_values[(k + 1) % 8];
    m.sf32 = s32_values[(k + 2) % 8];
    m.i64 = s64_values[k];
    m.s64 = s64_values[(k + 3) % 8];
    m.sf64 = s64_values[(k + 5) % 8];
    m.u32 = u32_values[k % 6];
    m.f32 = u32_values[(k + 1) % 6];
    m.u64 = u64_values[k % 6];
    m.f64 = u64_values[(k + 2) % 6];
    m.b = k % 2 == 0;
    CHECK(rt_roundtrip(m));
  }

  // Each field alone at each extreme: the others stay zero and absent.
  for (const std::int32_t v : s32_values) {
    CAPTURE(v);
    rt_ints a;
    a.i32 = v;
    CHECK(rt_roundtrip(a));
    rt_ints b;
    b.s32 = v;
    CHECK(rt_roundtrip(b));
    rt_ints c;
    c.sf32 = v;
    CHECK(rt_roundtrip(c));
  }
  for (const std::int64_t v : s64_values) {
    CAPTURE(v);
    rt_ints a;
    a.i64 = v;
    CHECK(rt_roundtrip(a));
    rt_ints b;
    b.s64 = v;
    CHECK(rt_roundtrip(b));
    rt_ints c;
    c.sf64 = v;
    CHECK(rt_roundtrip(c));
  }
  for (const std::uint32_t v : u32_values) {
    CAPTURE(v);
    rt_ints a;
    a.u32 = v;
    CHECK(rt_roundtrip(a));
    rt_ints b;
    b.f32 = v;
    CHECK(rt_roundtrip(b));
  }
  for (const std::uint64_t v : u64_values) {
    CAPTURE(v);
    rt_ints a;
    a.u64 = v;
    CHECK(rt_roundtrip(a));
    rt_ints b;
    b.f64 = v;
    CHECK(rt_roundtrip(b));
  }

  // The decoded values themselves, not only through rt_same.
  rt_ints m;
  m.i32 = i32_min;
  m.i64 = i64_min;
  m.s32 = i32_min;
  m.s64 = i64_max;
  m.sf32 = -1;
  m.sf64 = i64_min;
  m.u32 = u32_max;
  m.u64 = u64_max;
  m.f32 = u32_max;
  m.f64 = u64_max;
  m.b = true;
  std::vector<std::byte> bytes;
  CHECK(tagwire::encode_to(m, bytes).has_value());
  const auto out = tagwire::decode<rt_ints>(bytes);
  CHECK(out.has_value());
  if (out) {
    CHECK(out->i32 == i32_min);
    CHECK(out->i64 == i64_min);
    CHECK(out->s32 == i32_min);
    CHECK(out->s64 == i64_max);
    CHECK(out->sf32 == -1);
    CHECK(out->sf64 == i64_min);
    CHECK(out->u32 == u32_max);
    CHECK(out->u64 == u64_max);
    CHECK(out->f32 == u32_max);
    CHECK(out->f64 == u64_max);
    CHECK(out->b == true);
  }
}

TEST_CASE("roundtrip: bool") {
  rt_ints t;
  t.b = true;
  CHECK(rt_roundtrip(t));
  const auto out = tagwire::decode<rt_ints>(std::string_view("\x58\x01", 2));
  CHECK(out.has_value());
  if (out) CHECK(out->b);
  CHECK(rt_roundtrip(rt_ints{}));
}

TEST_CASE("roundtrip: enums, including values that are not enumerators") {
  const std::int32_t values[] = {0, 1, 2, 42, -7, i32_min, i32_max};
  for (const std::int32_t v : values) {
    CAPTURE(v);
    rt_enums m;
    m.c = static_cast<rt_color>(v);
    m.p = static_cast<rt_plain>(v);
    m.oc = static_cast<rt_color>(v);
    m.vc = {static_cast<rt_color>(v), rt_color::blue, static_cast<rt_color>(~v)};
    m.vcu = m.vc;
    CHECK(rt_roundtrip(m));
    const auto out = tagwire::decode<rt_enums>([&] {
      std::vector<std::byte> b;
      (void)tagwire::encode_to(m, b);
      return b;
    }());
    CHECK(out.has_value());
    if (out) {
      CHECK(static_cast<std::int32_t>(out->c) == v);
      CHECK(static_cast<int>(out->p) == v);
      CHECK(out->oc.has_value());
      if (out->oc) CHECK(static_cast<std::int32_t>(*out->oc) == v);
    }
  }
  // Enums on narrower and unsigned underlying types keep their full range.
  for (const std::uint8_t v : {std::uint8_t{0}, std::uint8_t{1}, std::uint8_t{200}, std::uint8_t{255}}) {
    rt_enums m;
    m.t = static_cast<rt_tiny>(v);
    CHECK(rt_roundtrip(m));
  }
  for (const std::uint32_t v : {0u, 1u, 0x80000000u, u32_max}) {
    rt_enums m;
    m.w = static_cast<rt_wide>(v);
    CHECK(rt_roundtrip(m));
  }
  for (const std::int16_t v : {std::int16_t{-32768}, std::int16_t{-1}, std::int16_t{32767}}) {
    rt_enums m;
    m.s = static_cast<rt_short>(v);
    CHECK(rt_roundtrip(m));
  }
}

// ---- floating point -----------------------------------------------------------------

constexpr std::uint32_t float_bits[] = {
    0x00000000u,  // +0
    0x80000000u,  // -0
    0x3f800000u,  // 1
    0x7f7fffffu,  // max
    0xff7fffffu,  // lowest
    0x00800000u,  // smallest normal
    0x00000001u,  // smallest denormal
    0x807fffffu,  // largest negative denormal
    0x7f800000u,  // +inf
    0xff800000u,  // -inf
    0x7fc00000u,  // quiet NaN
    0x7fc00001u,  // quiet NaN with payload
    0xffc12345u,  // negative quiet NaN with payload
    0x7fbfffffu,  // signalling NaN, largest payload
    0xffffffffu,  // all ones
};
constexpr std::uint64_t double_bits[] = {
    0x0000000000000000u,  // +0
    0x8000000000000000u,  // -0
    0x3ff0000000000000u,  // 1
    0x7fefffffffffffffu,  // max
    0xffefffffffffffffu,  // lowest
    0x0010000000000000u,  // smallest normal
    0x0000000000000001u,  // smallest denormal
    0x800fffffffffffffu,  // largest negative denormal
    0x7ff0000000000000u,  // +inf
    0xfff0000000000000u,  // -inf
    0x7ff8000000000000u,  // quiet NaN
    0x7ff8000000000001u,  // quiet NaN with payload
    0xfff8dead0000beefu,  // negative quiet NaN with payload
    0x7ff7ffffffffffffu,  // signalling NaN, largest payload
    0xffffffffffffffffu,  // all ones
};
static_assert(std::size(float_bits) == std::size(double_bits));

TEST_CASE("roundtrip: float and double by bit pattern") {
  rt_fp all;
  for (std::size_t k = 0; k < std::size(float_bits); ++k) {
    CAPTURE(k);
    const float f = std::bit_cast<float>(float_bits[k]);
    const double d = std::bit_cast<double>(double_bits[k]);
    rt_fp m;
    m.f = f;
    m.d = d;
    m.of = f;
    m.od = d;
    CHECK(rt_roundtrip(m));

    std::vector<std::byte> bytes;
    (void)tagwire::encode_to(m, bytes);
    const auto out = tagwire::decode<rt_fp>(bytes);
    CHECK(out.has_value());
    if (out) {
      CHECK(std::bit_cast<std::uint32_t>(out->f) == float_bits[k]);
      CHECK(std::bit_cast<std::uint64_t>(out->d) == double_bits[k]);
      CHECK(out->of.has_value());
      if (out->of) CHECK(std::bit_cast<std::uint32_t>(*out->of) == float_bits[k]);
      CHECK(out->od.has_value());
      if (out->od) CHECK(std::bit_cast<std::uint64_t>(*out->od) == double_bits[k]);
    }
    all.vf.push_back(f);
    all.vd.push_back(d);
    all.uf.push_back(f);
    all.ud.push_back(d);
  }
  CHECK(rt_roundtrip(all));  // repeated, packed and unpacked

  // The sign of -0.0 survives.
  rt_fp z;
  z.f = -0.0f;
  z.d = -0.0;
  std::vector<std::byte> bytes;
  (void)tagwire::encode_to(z, bytes);
  const auto out = tagwire::decode<rt_fp>(bytes);
  CHECK(out.has_value());
  if (out) {
    CHECK(std::signbit(out->f));
    CHECK(std::signbit(out->d));
    CHECK(out->f == 0.0f);
    CHECK(out->d == 0.0);
  }
}

// ---- strings and bytes --------------------------------------------------------------

// `n` bytes cycling through all 256 values, starting at `start`.
std::string rt_binary(std::size_t n, unsigned start = 0) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((start + i) & 0xff);
  return s;
}

// `n` characters of valid UTF-8 text (ASCII, NUL included).
std::string rt_text_of(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(i % 97 == 5 ? 0 : 'a' + static_cast<int>(i % 26));
  return s;
}

TEST_CASE("roundtrip: strings and bytes of length 0, 1, 127, 128, 300, 16383, 16384") {
  const std::size_t sizes[] = {0, 1, 127, 128, 255, 256, 300, 16383, 16384};
  for (const std::size_t n : sizes) {
    CAPTURE(n);
    const std::string bin = rt_binary(n, 0x80);
    rt_text m;
    m.s = rt_text_of(n);
    m.b = bin;
    m.vb.resize(n);
    m.vu.resize(n);
    m.vc.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      m.vb[i] = static_cast<std::byte>(bin[i]);
      m.vu[i] = static_cast<unsigned char>(bin[i]);
      m.vc[i] = bin[i];
    }
    m.os = rt_text_of(n);
    CHECK(rt_roundtrip(m));
  }

  // All 256 byte values, in order and reversed.
  rt_text all;
  all.b = rt_binary(256);
  for (unsigned i = 0; i < 256; ++i) all.vb.push_back(static_cast<std::byte>(255 - i));
  all.vu.assign(all.b.begin(), all.b.end());
  CHECK(rt_roundtrip(all));

  // UTF-8 text beyond ASCII.
  rt_text utf;
  utf.s = "h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9f\x98\x80";
  CHECK(rt_roundtrip(utf));

  // An optional empty string is kept as present.
  rt_text e;
  e.os = std::string();
  CHECK(rt_roundtrip(e));
}

TEST_CASE("roundtrip: repeated strings and bytes with empty elements") {
  rt_text m;
  m.vs = {"", "a", "", rt_text_of(300), ""};
  m.vvb = {{}, {std::byte{0}}, {}, {std::byte{0xff}, std::byte{0x80}}};
  m.vsb = {rt_binary(256), "", rt_binary(128, 7)};
  CHECK(rt_roundtrip(m));

  std::vector<std::byte> bytes;
  (void)tagwire::encode_to(m, bytes);
  const auto out = tagwire::decode<rt_text>(bytes);
  CHECK(out.has_value());
  if (out) {
    CHECK(out->vs.size() == 5);
    CHECK(out->vvb.size() == 4);
    CHECK(out->vsb.size() == 3);
  }

  rt_text only_empty;
  only_empty.vs = {""};
  CHECK(rt_roundtrip(only_empty));
}

// ---- repeated scalars ---------------------------------------------------------------

template <class R>
R rt_make_repeated() {
  R r;
  r.i32 = {0, 1, -1, i32_min, i32_max, 0};
  r.i64 = {i64_min, i64_max, 0, -1, 1};
  r.s32 = {i32_min, i32_max, 0, -1, 1, -64, 64};
  r.s64 = {i64_min, i64_max, 0, -1, 1};
  r.sf32 = {i32_min, i32_max, 0, -1};
  r.sf64 = {i64_min, i64_max, 0, -1};
  r.u32 = {0, u32_max, 1, 127, 128};
  r.u64 = {u64_max, 0, 1ull << 63};
  r.f32 = {u32_max, 0, 1};
  r.f64 = {u64_max, 0, 1};
  r.b = {true, false, false, true};
  r.e = {rt_color::red, rt_color::blue, static_cast<rt_color>(42), static_cast<rt_color>(-7)};
  r.f = {0.0f, -0.0f, std::bit_cast<float>(0x7fc00001u), std::numeric_limits<float>::infinity(),
         std::numeric_limits<float>::denorm_min()};
  r.d = {0.0, -0.0, std::bit_cast<double>(0x7ff8000000000001u), -std::numeric_limits<double>::infinity(),
         std::numeric_limits<double>::denorm_min()};
  r.i16 = {-32768, 32767, 0, -1};
  r.u16 = {0, 65535, 1};
  return r;
}

template <class A, class B>
bool rt_same_repeated(const A& a, const B& b) {
  return rt_same(a.i32, b.i32) && rt_same(a.i64, b.i64) && rt_same(a.s32, b.s32) && rt_same(a.s64, b.s64) &&
         rt_same(a.sf32, b.sf32) && rt_same(a.sf64, b.sf64) && rt_same(a.u32, b.u32) && rt_same(a.u64, b.u64) &&
         rt_same(a.f32, b.f32) && rt_same(a.f64, b.f64) && rt_same(a.b, b.b) && rt_same(a.e, b.e) &&
         rt_same(a.f, b.f) && rt_same(a.d, b.d) && rt_same(a.i16, b.i16) && rt_same(a.u16, b.u16);
}

TEST_CASE("roundtrip: repeated scalars of every type, packed and unpacked") {
  const auto packed = rt_make_repeated<rt_rep_packed>();
  const auto unpacked = rt_make_repeated<rt_rep_unpacked>();
  CHECK(rt_roundtrip(packed));
  CHECK(rt_roundtrip(unpacked));

  std::vector<std::byte> packed_bytes;
  std::vector<std::byte> unpacked_bytes;
  (void)tagwire::encode_to(packed, packed_bytes);
  (void)tagwire::encode_to(unpacked, unpacked_bytes);
  CHECK(packed_bytes.size() < unpacked_bytes.size());

  // Each form decodes into the other: the decoder accepts both.
  const auto p_as_u = tagwire::decode<rt_rep_unpacked>(packed_bytes);
  CHECK(p_as_u.has_value());
  if (p_as_u) CHECK(rt_same_repeated(*p_as_u, packed));
  const auto u_as_p = tagwire::decode<rt_rep_packed>(unpacked_bytes);
  CHECK(u_as_p.has_value());
  if (u_as_p) CHECK(rt_same_repeated(*u_as_p, unpacked));

  // One element each, and empty.
  rt_rep_packed one;
  one.b = {false};
  one.f = {-0.0f};
  one.i32 = {0};
  CHECK(rt_roundtrip(one));
  CHECK(rt_roundtrip(rt_rep_packed{}));
  CHECK(rt_roundtrip(rt_rep_unpacked{}));

  // A long run: the packed length needs more than one varint byte.
  rt_rep_packed big;
  for (std::int32_t i = 0; i < 1000; ++i) {
    big.i32.push_back(static_cast<std::int32_t>(static_cast<std::uint32_t>(i) * 2654435761u));
    big.d.push_back(static_cast<double>(i) / 3.0);
    big.b.push_back(i % 3 == 0);
  }
  CHECK(rt_roundtrip(big));
}

// ---- messages -----------------------------------------------------------------------

TEST_CASE("roundtrip: nested messages, repeated with empty elements, optional and unique_ptr") {
  rt_outer m;
  m.one.id = -1;
  m.one.name = "one";
  m.many.resize(4);  // elements 0 and 3 stay empty
  m.many[1].id = i32_min;
  m.many[2].name = rt_text_of(200);
  m.maybe = rt_inner{};
  m.ptr = std::make_unique<rt_inner>();
  m.ptr->id = 7;
  m.after = 9;
  CHECK(rt_roundtrip(m));

  std::vector<std::byte> bytes;
  (void)tagwire::encode_to(m, bytes);
  const auto out = tagwire::decode<rt_outer>(bytes);
  CHECK(out.has_value());
  if (out) {
    CHECK(out->many.size() == 4);
    CHECK(out->maybe.has_value());  // an empty optional message is still present
    CHECK(out->ptr != nullptr);
    if (out->ptr) CHECK(out->ptr->id == 7);
  }

  rt_outer only_empty;
  only_empty.many.resize(3);
  CHECK(rt_roundtrip(only_empty));

  rt_outer ptr_empty;
  ptr_empty.ptr = std::make_unique<rt_inner>();
  CHECK(rt_roundtrip(ptr_empty));

  CHECK(rt_roundtrip(rt_outer{}));
}

rt_tree rt_make_tree(int depth) {
  rt_tree t;
  t.value = depth % 2 == 0 ? -depth : depth;
  if (depth == 0) return t;
  t.children.push_back(rt_make_tree(depth - 1));
  if (depth % 3 == 0) t.children.emplace_back();  // an empty child
  if (depth % 4 == 0) t.children.push_back(rt_make_tree(depth - 2));
  return t;
}

int rt_tree_depth(const rt_tree& t) {
  int d = 0;
  for (const auto& c : t.children) d = std::max(d, rt_tree_depth(c));
  return d + 1;
}

std::unique_ptr<rt_chain> rt_make_chain(int depth, bool with_values) {
  std::unique_ptr<rt_chain> head;
  for (int i = 0; i < depth; ++i) {
    auto n = std::make_unique<rt_chain>();
    if (with_values) {
      n->value = i % 2 == 0 ? i64_min + i : i;
      n->label = std::string(static_cast<std::size_t>(i), 'z');
    }
    n->next = std::move(head);
    head = std::move(n);
  }
  return head;
}

int rt_chain_depth(const rt_chain* c) {
  int d = 0;
  for (; c != nullptr; c = c->next.get()) ++d;
  return d;
}

TEST_CASE("roundtrip: recursive messages through std::vector and std::unique_ptr") {
  const rt_tree tree = rt_make_tree(10);
  CHECK(rt_tree_depth(tree) == 11);
  CHECK(rt_roundtrip(tree));
  std::vector<std::byte> bytes;
  (void)tagwire::encode_to(tree, bytes);
  const auto t = tagwire::decode<rt_tree>(bytes);
  CHECK(t.has_value());
  if (t) CHECK(rt_tree_depth(*t) == 11);

  const auto chain = rt_make_chain(10, true);
  CHECK(rt_roundtrip(*chain));
  bytes.clear();
  (void)tagwire::encode_to(*chain, bytes);
  const auto c = tagwire::decode<rt_chain>(bytes);
  CHECK(c.has_value());
  if (c) CHECK(rt_chain_depth(&*c) == 10);

  // A chain of empty nodes: presence of each pointer alone carries the depth.
  const auto empty_chain = rt_make_chain(10, false);
  CHECK(rt_roundtrip(*empty_chain));
  bytes.clear();
  (void)tagwire::encode_to(*empty_chain, bytes);
  CHECK(bytes.size() == 2 * 9);  // 12 len nested nine times; the innermost is empty
  const auto e = tagwire::decode<rt_chain>(bytes);
  CHECK(e.has_value());
  if (e) CHECK(rt_chain_depth(&*e) == 10);
}

TEST_CASE("roundtrip: std::optional of scalar, string, bytes and message") {
  CHECK(rt_roundtrip(rt_opts{}));

  rt_opts zero;
  zero.i = 0;
  zero.l = 0;
  zero.u = 0;
  zero.b = false;
  zero.e = rt_color::red;
  zero.d = 0.0;
  zero.s = std::string();
  zero.by = std::vector<std::byte>();
  zero.m = rt_inner{};
  CHECK(rt_roundtrip(zero));
  std::vector<std::byte> bytes;
  (void)tagwire::encode_to(zero, bytes);
  const auto out = tagwire::decode<rt_opts>(bytes);
  CHECK(out.has_value());
  if (out) {
    CHECK(out->i == 0);
    CHECK(out->l == 0);
    CHECK(out->u == 0u);
    CHECK(out->b == false);
    CHECK(out->e == rt_color::red);
    CHECK(out->d.has_value());
    CHECK(out->s == std::string());
    CHECK(out->by.has_value());
    CHECK(out->m.has_value());
  }

  rt_opts ext;
  ext.i = i32_min;
  ext.l = i64_min;
  ext.u = u64_max;
  ext.b = true;
  ext.e = static_cast<rt_color>(-7);
  ext.d = -0.0;
  ext.s = rt_text_of(128);
  ext.by = std::vector<std::byte>(300, std::byte{0xff});
  ext.m = rt_inner{};
  ext.m->id = i32_max;
  CHECK(rt_roundtrip(ext));

  // Only some present: the others stay absent.
  rt_opts some;
  some.l = -1;
  some.m = rt_inner{};
  CHECK(rt_roundtrip(some));
}

TEST_CASE("roundtrip: int8_t, int16_t, uint8_t, uint16_t members") {
  const std::int8_t i8s[] = {-128, 127, 0, -1};
  const std::int16_t i16s[] = {-32768, 32767, 0, -1};
  const std::uint8_t u8s[] = {0, 255, 1, 128};
  const std::uint16_t u16s[] = {0, 65535, 1, 32768};
  for (std::size_t k = 0; k < 4; ++k) {
    CAPTURE(k);
    rt_small m;
    m.i8 = i8s[k];
    m.i16 = i16s[k];
    m.u8 = u8s[k];
    m.u16 = u16s[k];
    m.s8 = i8s[(k + 1) % 4];
    m.s16 = i16s[(k + 1) % 4];
    m.sf16 = i16s[(k + 2) % 4];
    m.fx16 = u16s[(k + 1) % 4];
    m.fx8 = u8s[(k + 1) % 4];
    m.o16 = i16s[(k + 3) % 4];
    CHECK(rt_roundtrip(m));
  }
}

TEST_CASE("roundtrip: a descriptor written without the macro") {
  rt_manual m;
  m.a = i64_min;
  m.b = "manual";
  CHECK(rt_roundtrip(m));
}

// ---- input range types --------------------------------------------------------------

TEST_CASE("roundtrip: decode from every kind of input range") {
  rt_inner m;
  m.id = 150;
  m.name = "testing";
  // 08 96 01 | 12 07 "testing"
  constexpr std::array<std::byte, 12> arr{std::byte{0x08}, std::byte{0x96}, std::byte{0x01}, std::byte{0x12},
                                          std::byte{0x07}, std::byte{'t'},  std::byte{'e'},  std::byte{'s'},
                                          std::byte{'t'},  std::byte{'i'},  std::byte{'n'},  std::byte{'g'}};
  std::vector<std::byte> encoded;
  (void)tagwire::encode_to(m, encoded);
  CHECK(encoded == std::vector<std::byte>(arr.begin(), arr.end()));

  const auto check = [&](const auto& input) {
    const auto out = tagwire::decode<rt_inner>(input);
    CHECK(out.has_value());
    if (out) {
      CHECK(out->id == 150);
      CHECK(out->name == "testing");
    }
    rt_inner into;
    CHECK(tagwire::decode_into(input, into).has_value());
    CHECK(rt_same(into, m));
  };

  const std::span<const std::byte> span(arr);
  const std::vector<std::byte> vec(arr.begin(), arr.end());
  std::string str;
  (void)tagwire::encode_to(m, str);
  const std::string_view view(str);
  std::vector<unsigned char> uvec;
  (void)tagwire::encode_to(m, uvec);
  const std::vector<std::uint8_t> u8vec(uvec.begin(), uvec.end());
  std::array<unsigned char, 12> uarr{};
  for (std::size_t i = 0; i < 12; ++i) uarr[i] = uvec[i];
  const std::span<const char> cspan(str.data(), str.size());

  SUBCASE("std::span<const std::byte>") { check(span); }
  SUBCASE("std::vector<std::byte>") { check(vec); }
  SUBCASE("std::string") { check(str); }
  SUBCASE("std::string_view") { check(view); }
  SUBCASE("std::vector<unsigned char>") { check(uvec); }
  SUBCASE("std::vector<std::uint8_t>") { check(u8vec); }
  SUBCASE("std::array<std::byte, N>") { check(arr); }
  SUBCASE("std::array<unsigned char, N>") { check(uarr); }
  SUBCASE("std::span<const char>") { check(cspan); }
  SUBCASE("a string_view over a literal") { check(std::string_view("\x08\x96\x01\x12\x07testing", 12)); }
}

}  // namespace tagwire_roundtrip_test
