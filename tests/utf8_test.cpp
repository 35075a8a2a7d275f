// is_valid_utf8: exhaustive over code points and byte pairs, fast-path boundaries, and a
// differential check against a plain decoder written here.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <string_view>
#include <tagwire/utf8.hpp>
#include <vector>

namespace {

using bytes = std::vector<std::byte>;

bytes from(std::initializer_list<unsigned> v) {
  bytes out;
  for (unsigned x : v) out.push_back(static_cast<std::byte>(x));
  return out;
}

bool valid(const bytes& b) { return tagwire::is_valid_utf8(b.data(), b.size()); }

// Encodes any value up to 0x1FFFFF in the shortest form of its size class, surrogates too
// (so the test can build the ill-formed ones).
bytes encode(std::uint32_t cp) {
  if (cp < 0x80) return from({cp});
  if (cp < 0x800) return from({0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)});
  if (cp < 0x10000) return from({0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)});
  return from({0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)});
}

// Encodes `cp` in exactly `len` bytes (2..4), overlong when it would fit in fewer.
bytes encode_as(std::uint32_t cp, int len) {
  if (len == 2) return from({0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)});
  if (len == 3) return from({0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)});
  return from({0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)});
}

// Reference: decode each code point from its bit pattern, then check its value. Shaped
// differently from the library (which checks byte ranges) on purpose.
bool reference_valid(const bytes& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned b0 = std::to_integer<unsigned>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    // clang-format off
    if ((b0 & 0x80) == 0) { len = 1; cp = b0; min = 0; }
    else if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else return false;
    // clang-format on
    if (s.size() - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned b = std::to_integer<unsigned>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// `s` placed after `pre` ASCII bytes and before `post` ASCII bytes.
bytes framed(std::size_t pre, const bytes& s, std::size_t post) {
  bytes out(pre, std::byte{'a'});
  out.insert(out.end(), s.begin(), s.end());
  out.insert(out.end(), post, std::byte{'z'});
  return out;
}

template <std::size_t N>
constexpr std::array<std::byte, N - 1> lit(const char (&s)[N]) {
  std::array<std::byte, N - 1> out{};
  for (std::size_t i = 0; i + 1 < N; ++i) out[i] = static_cast<std::byte>(static_cast<unsigned char>(s[i]));
  return out;
}

template <std::size_t N>
constexpr bool cx_valid(const char (&s)[N]) {
  const auto b = lit(s);
  return tagwire::is_valid_utf8(std::span<const std::byte>(b));
}

// Constant evaluation takes the byte loop; these pin its answers.
static_assert(cx_valid(""));
static_assert(cx_valid("plain ascii"));
static_assert(cx_valid("\xc2\x80"));
static_assert(cx_valid("\xe2\x82\xac"));       // U+20AC
static_assert(cx_valid("\xed\x9f\xbf"));       // U+D7FF, last before the surrogates
static_assert(cx_valid("\xee\x80\x80"));       // U+E000, first after them
static_assert(cx_valid("\xef\xbf\xbf"));       // U+FFFF
static_assert(cx_valid("\xf0\x9f\x98\x80"));   // U+1F600
static_assert(cx_valid("\xf4\x8f\xbf\xbf"));   // U+10FFFF
static_assert(!cx_valid("\x80"));              // stray continuation
static_assert(!cx_valid("\xc0\x80"));          // overlong U+0000
static_assert(!cx_valid("\xc1\xbf"));          // overlong U+007F
static_assert(!cx_valid("\xe0\x9f\xbf"));      // overlong U+07FF
static_assert(!cx_valid("\xf0\x8f\xbf\xbf"));  // overlong U+FFFF
static_assert(!cx_valid("\xed\xa0\x80"));      // U+D800
static_assert(!cx_valid("\xed\xbf\xbf"));      // U+DFFF
static_assert(!cx_valid("\xf4\x90\x80\x80"));  // U+110000
static_assert(!cx_valid("\xf5\x80\x80\x80"));
static_assert(!cx_valid("\xff"));
static_assert(!cx_valid("\xe2\x82"));         // truncated
static_assert(!cx_valid("abc\xf0\x9f\x98"));  // truncated at the end
static_assert(!cx_valid("\xe2\x82x"));        // continuation replaced by ASCII

// Every single byte at compile time, against the obvious rule.
constexpr bool cx_every_byte() {
  for (unsigned b = 0; b < 256; ++b) {
    const std::byte one[1] = {static_cast<std::byte>(b)};
    if (tagwire::is_valid_utf8(one, 1) != (b < 0x80)) return false;
  }
  return true;
}
static_assert(cx_every_byte());

}  // namespace

TEST_CASE("utf8: empty input, including a null pointer") {
  CHECK(tagwire::is_valid_utf8(nullptr, 0));
  CHECK(tagwire::is_valid_utf8(std::span<const std::byte>{}));
}

TEST_CASE("utf8: every single byte") {
  for (unsigned b = 0; b < 256; ++b) {
    CAPTURE(b);
    CHECK(valid(from({b})) == (b < 0x80));
  }
}

TEST_CASE("utf8: every pair of bytes") {
  for (unsigned b0 = 0; b0 < 256; ++b0) {
    for (unsigned b1 = 0; b1 < 256; ++b1) {
      // ASCII+ASCII, or a 2-byte lead C2..DF and a continuation; all else is ill-formed
      // (three- and four-byte leads are truncated).
      const bool expect = (b0 < 0x80 && b1 < 0x80) || (b0 >= 0xC2 && b0 <= 0xDF && b1 >= 0x80 && b1 <= 0xBF);
      if (valid(from({b0, b1})) != expect) {
        CAPTURE(b0);
        CAPTURE(b1);
        FAIL_CHECK("wrong verdict");
      }
    }
  }
}

TEST_CASE("utf8: every scalar value encoded correctly is valid, every surrogate is not") {
  std::size_t accepted = 0;
  std::size_t rejected_surrogates = 0;
  bytes all;
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const bytes e = encode(cp);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    const bool ok = valid(e);
    if (surrogate) {
      rejected_surrogates += ok ? 0 : 1;
    } else {
      accepted += ok ? 1 : 0;
      all.insert(all.end(), e.begin(), e.end());
    }
    // Between ASCII on both sides, so the word loads see it at varying offsets.
    if (valid(framed(cp % 13, e, cp % 11)) != ok) {
      CAPTURE(cp);
      FAIL_CHECK("framed verdict differs");
    }
  }
  CHECK(accepted == 0x110000 - 0x800);
  CHECK(rejected_surrogates == 0x800);
  // Every scalar value, back to back in one buffer.
  CHECK(all.size() == 0x80 + 2 * 0x780 + 3 * (0x10000 - 0x800 - 0x800) + 4 * 0x100000);
  CHECK(tagwire::is_valid_utf8(all));
  // A surrogate spliced into the middle of that buffer.
  bytes spliced = all;
  const bytes d800 = encode(0xD800);
  spliced.insert(spliced.begin() + static_cast<std::ptrdiff_t>(all.size() / 2), d800.begin(), d800.end());
  CHECK_FALSE(tagwire::is_valid_utf8(spliced));
}

TEST_CASE("utf8: boundary code points, checked against Python's strict decoder") {
  CHECK(valid(from({0x7F})));
  CHECK(valid(from({0xC2, 0x80})));                    // U+0080
  CHECK(valid(from({0xDF, 0xBF})));                    // U+07FF
  CHECK(valid(from({0xE0, 0xA0, 0x80})));              // U+0800
  CHECK(valid(from({0xED, 0x9F, 0xBF})));              // U+D7FF
  CHECK_FALSE(valid(from({0xED, 0xA0, 0x80})));        // U+D800
  CHECK_FALSE(valid(from({0xED, 0xBF, 0xBF})));        // U+DFFF
  CHECK(valid(from({0xEE, 0x80, 0x80})));              // U+E000
  CHECK(valid(from({0xEF, 0xBF, 0xBF})));              // U+FFFF (a noncharacter, still valid)
  CHECK(valid(from({0xF0, 0x90, 0x80, 0x80})));        // U+10000
  CHECK(valid(from({0xF4, 0x8F, 0xBF, 0xBF})));        // U+10FFFF
  CHECK_FALSE(valid(from({0xF4, 0x90, 0x80, 0x80})));  // U+110000
  // A CESU-8 surrogate pair for U+1F600 is not UTF-8.
  CHECK_FALSE(valid(from({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})));
}

TEST_CASE("utf8: overlong encodings are rejected") {
  for (std::uint32_t cp = 0; cp < 0x80; ++cp) {
    CAPTURE(cp);
    CHECK_FALSE(valid(encode_as(cp, 2)));
  }
  for (std::uint32_t cp = 0; cp < 0x800; ++cp) {
    if (valid(encode_as(cp, 3))) {
      CAPTURE(cp);
      FAIL_CHECK("3-byte overlong accepted");
    }
  }
  for (std::uint32_t cp = 0; cp < 0x10000; ++cp) {
    if (valid(encode_as(cp, 4))) {
      CAPTURE(cp);
      FAIL_CHECK("4-byte overlong accepted");
    }
  }
  // The classic ones, and the 5- and 6-byte forms of RFC 2279.
  CHECK_FALSE(valid(from({0xC0, 0xAF})));
  CHECK_FALSE(valid(from({0xE0, 0x80, 0xAF})));
  CHECK_FALSE(valid(from({0xF0, 0x80, 0x80, 0xAF})));
  CHECK_FALSE(valid(from({0xF8, 0x80, 0x80, 0x80, 0xAF})));
  CHECK_FALSE(valid(from({0xFC, 0x80, 0x80, 0x80, 0x80, 0xAF})));
  CHECK_FALSE(valid(from({0xF8, 0x88, 0x80, 0x80, 0x80})));  // U+200000
}

TEST_CASE("utf8: four-byte values above U+10FFFF are rejected") {
  for (std::uint32_t cp = 0x110000; cp <= 0x1FFFFF; ++cp) {
    if (valid(encode(cp))) {
      CAPTURE(cp);
      FAIL_CHECK("above U+10FFFF accepted");
    }
  }
}

TEST_CASE("utf8: truncation at every position of multi-byte sequences") {
  for (std::uint32_t cp : {0x80u, 0x7FFu, 0x800u, 0x20ACu, 0xD7FFu, 0xE000u, 0xFFFFu, 0x10000u, 0x1F600u, 0x10FFFFu}) {
    const bytes e = encode(cp);
    REQUIRE(valid(e));
    for (std::size_t cut = 1; cut < e.size(); ++cut) {
      CAPTURE(cp);
      CAPTURE(cut);
      const bytes head(e.begin(), e.begin() + static_cast<std::ptrdiff_t>(cut));
      CHECK_FALSE(valid(head));                 // alone
      CHECK_FALSE(valid(framed(0, head, 1)));   // followed by ASCII
      CHECK_FALSE(valid(framed(0, head, 20)));  // followed by a long ASCII run
      CHECK_FALSE(valid(framed(21, head, 0)));  // at the end of a long ASCII run
      bytes twice = head;                       // followed by a whole sequence
      twice.insert(twice.end(), e.begin(), e.end());
      CHECK_FALSE(valid(twice));
      // Missing the lead instead: stray continuations.
      const bytes tail(e.begin() + static_cast<std::ptrdiff_t>(cut), e.end());
      CHECK_FALSE(valid(framed(9, tail, 9)));
    }
  }
}

TEST_CASE("utf8: a sequence with ASCII between its bytes, at every offset") {
  // Lead then ASCII then the continuations: the ASCII skip must not happen mid-character.
  for (std::uint32_t cp : {0xE9u, 0x20ACu, 0x1F600u}) {
    const bytes e = encode(cp);
    for (std::size_t cut = 1; cut < e.size(); ++cut) {
      for (std::size_t at = 0; at <= 20; ++at) {
        for (std::size_t gap = 1; gap <= 40; ++gap) {
          bytes s = framed(at, bytes(e.begin(), e.begin() + static_cast<std::ptrdiff_t>(cut)), gap);
          s.insert(s.end(), e.begin() + static_cast<std::ptrdiff_t>(cut), e.end());
          if (valid(s)) {
            CAPTURE(cp);
            CAPTURE(cut);
            CAPTURE(at);
            CAPTURE(gap);
            FAIL_CHECK("split sequence accepted");
          }
        }
      }
    }
  }
}

TEST_CASE("utf8: one bad byte at every offset of an ASCII run") {
  const std::array<bytes, 8> bad = {from({0x80}), from({0xBF}), from({0xC0}),       from({0xC1}),
                                    from({0xF5}), from({0xFF}), from({0xE2, 0x82}), from({0xED, 0xA0, 0x80})};
  for (const bytes& b : bad) {
    for (std::size_t len = 0; len <= 48; ++len) {
      for (std::size_t at = 0; at <= len; ++at) {
        if (valid(framed(at, b, len - at))) {
          CAPTURE(len);
          CAPTURE(at);
          CAPTURE(std::to_integer<unsigned>(b[0]));
          FAIL_CHECK("bad byte inside ASCII accepted");
        }
      }
    }
  }
}

TEST_CASE("utf8: a good sequence at every offset of an ASCII run") {
  for (std::uint32_t cp : {0xE9u, 0x20ACu, 0x1F600u}) {
    const bytes e = encode(cp);
    for (std::size_t len = 0; len <= 48; ++len) {
      for (std::size_t at = 0; at <= len; ++at) {
        if (!valid(framed(at, e, len - at))) {
          CAPTURE(cp);
          CAPTURE(len);
          CAPTURE(at);
          FAIL_CHECK("good sequence inside ASCII rejected");
        }
      }
    }
  }
}

TEST_CASE("utf8: every start offset and length of a long mixed buffer") {
  // Valid text; any sub-range that starts and ends on a code-point boundary is valid, and
  // every other one is not. Also exercises unaligned word loads.
  const std::string_view text =
      "hello, \xe4\xb8\x96\xe7\x95\x8c! caf\xc3\xa9 \xf0\x9f\x98\x80 0123456789 abcdefghij "
      "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 end";
  bytes buf;
  std::vector<bool> boundary;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    buf.push_back(static_cast<std::byte>(u));
    boundary.push_back((u & 0xC0) != 0x80);
  }
  boundary.push_back(true);
  REQUIRE(valid(buf));
  for (std::size_t i = 0; i <= buf.size(); ++i) {
    for (std::size_t j = i; j <= buf.size(); ++j) {
      const bool expect = i == j || (boundary[i] && boundary[j]);
      if (tagwire::is_valid_utf8(buf.data() + i, j - i) != expect) {
        CAPTURE(i);
        CAPTURE(j);
        FAIL_CHECK("sub-range verdict wrong");
      }
    }
  }
}

TEST_CASE("utf8: differential against a reference decoder on random strings") {
  std::mt19937 rng(20240611u);
  const std::array<std::uint32_t, 8> samples = {0x41, 0xE9, 0x3B1, 0x20AC, 0x4E16, 0xFFFD, 0x1F600, 0x10FFFF};
  std::size_t n_valid = 0;
  std::size_t n_invalid = 0;
  for (int iter = 0; iter < 100000; ++iter) {
    const std::size_t len = rng() % 65;
    bytes s;
    while (s.size() < len) {
      const unsigned pick = rng() % 64;
      if (pick < 32) {
        s.push_back(static_cast<std::byte>(rng() % 0x80));  // ASCII
      } else if (pick < 61) {
        const bytes e = encode(samples[rng() % samples.size()]);  // whole sequence
        s.insert(s.end(), e.begin(), e.end());
      } else if (pick < 63) {
        s.push_back(static_cast<std::byte>(0x80 + rng() % 0x40));  // continuation
      } else {
        s.push_back(static_cast<std::byte>(rng() % 0x100));  // anything
      }
    }
    // Mostly-valid strings keep both verdicts common; trim to the chosen length.
    s.resize(len);
    const bool expect = reference_valid(s);
    (expect ? n_valid : n_invalid) += 1;
    if (tagwire::is_valid_utf8(std::span<const std::byte>(s)) != expect) {
      CAPTURE(iter);
      CAPTURE(expect);
      FAIL_CHECK("differs from the reference");
    }
    // The byte loop used in constant evaluation, here run at run time.
    if (tagwire::detail::utf8_valid_bytewise(s.data(), s.data() + s.size()) != expect) {
      CAPTURE(iter);
      CAPTURE(expect);
      FAIL_CHECK("constexpr path differs from the reference");
    }
  }
  // Both outcomes must be well represented, or the comparison proves little.
  CHECK(n_valid > 10000);
  CHECK(n_invalid > 10000);
}

TEST_CASE("utf8: the reference decoder itself agrees with the fixed cases") {
  CHECK(reference_valid(from({0xF4, 0x8F, 0xBF, 0xBF})));
  CHECK_FALSE(reference_valid(from({0xF4, 0x90, 0x80, 0x80})));
  CHECK_FALSE(reference_valid(from({0xED, 0xA0, 0x80})));
  CHECK_FALSE(reference_valid(from({0xC0, 0x80})));
  CHECK_FALSE(reference_valid(from({0xE2, 0x82})));
  CHECK(reference_valid(from({0xE2, 0x82, 0xAC})));
}
