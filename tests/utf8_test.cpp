// is_valid_utf8: exhaustive over code points and byte pairs, fast-path boundaries, a differential
// check against a plain decoder written here, and every run-time path (scalar, SSSE3 where
// the CPU has it) against the constexpr byte loop at every offset of their blocks.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <span>
#include <string>
#include <utility>
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

// As encode(), appending to `out` (no allocation per code point in the long random loops).
void append_encoded(bytes& out, std::uint32_t cp) {
  const auto put = [&out](std::uint32_t b) { out.push_back(static_cast<std::byte>(b)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
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

// Under the sanitizers, and unoptimised (the Debug presets), every call costs several times more:
// fewer cases there.
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
constexpr bool reduced = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool reduced = true;
#else
constexpr bool reduced = false;
#endif
#else
constexpr bool reduced = false;
#endif

// Every run-time validator this build and CPU have, against `expect`. Returns the name of the, or nullptr.
// first that disagrees, or nullptr. The scalar run-time path only with `scalar`, as the dispatch
// takes it for short inputs anyway.
const char* disagreement(const std::byte* p, std::size_t n, bool expect, bool scalar = false) {
  if (tagwire::is_valid_utf8(p, n) != expect) return "is_valid_utf8";
  if (scalar && tagwire::detail::utf8_valid_fast(p, p + n) != expect) return "utf8_valid_fast";
#if TAGWIRE_DETAIL_UTF8_SIMD
  const int level = tagwire::detail::utf8_simd_level();
  if (level >= 1 && tagwire::detail::utf8_valid_ssse3(p, n) != expect) return "utf8_valid_ssse3";
#endif
  return nullptr;
}

// `s` written at every offset of a 64-byte ASCII buffer, checked both inside the whole buffer and
// at its end (the buffer cut right after `s`): every block lane and boundary of the vector code,
// and its end handling, sees it. ASCII around `s` changes nothing, so the verdict is the byte
// loop's on `s` alone. Returns false (after reporting) on the first disagreement.
bool agrees_at_every_offset(const std::byte* s, std::size_t n) {
  const bool expect = tagwire::detail::utf8_valid_bytewise(s, s + n);
  std::array<std::byte, 64> buf;
  buf.fill(std::byte{'a'});
  for (std::size_t at = 0; at + n <= buf.size(); ++at) {
    if (reduced && at % 16 > 2 && at % 16 < 12) continue;  // reduced: only across 16-byte boundaries
    std::memcpy(buf.data() + at, s, n);
    const char* who = disagreement(buf.data(), buf.size(), expect);
    if (who == nullptr) who = disagreement(buf.data(), at + n, expect);
    std::memset(buf.data() + at, 'a', n);
    if (who != nullptr) {
      std::string bytes_hex;
      for (std::size_t i = 0; i < n; ++i) bytes_hex += std::to_string(std::to_integer<unsigned>(s[i])) + " ";
      CAPTURE(bytes_hex);
      CAPTURE(at);
      CAPTURE(expect);
      CAPTURE(who);
      FAIL_CHECK("validators disagree");
      return false;
    }
  }
  return true;
}

// One or more of each class of byte the validators tell apart, and the edges of each class.
constexpr std::array<unsigned, 27> representative_bytes = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                                           0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                                           0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};

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

TEST_CASE("utf8: every run-time path agrees on every 1- and 2-byte string at every offset") {
  std::size_t checked = 0;
  for (unsigned b0 = 0; b0 < 256; ++b0) {
    const std::byte one[1] = {static_cast<std::byte>(b0)};
    if (!agrees_at_every_offset(one, 1)) return;  // reported inside
    for (unsigned b1 = 0; b1 < 256; ++b1) {
      // Reduced: every first byte, every eighth ASCII second byte and all the non-ASCII ones.
      if (reduced && b1 < 0x80 && b1 % 8 != 1) continue;
      const std::byte two[2] = {static_cast<std::byte>(b0), static_cast<std::byte>(b1)};
      if (!agrees_at_every_offset(two, 2)) return;  // reported inside
      ++checked;
    }
  }
  CHECK(checked == (reduced ? 256u * (128 + 16) : 256u * 256));
}

TEST_CASE("utf8: every run-time path agrees on every 3-byte string across block boundaries") {
  // Every string of three non-ASCII bytes (a string with an ASCII byte is shorter strings around
  // ASCII, which the offset tests cover; a sixteenth of those here too), placed across the
  // 16-byte boundary (an SSSE3 block), the 32-byte one, ending
  // exactly at a block end (no zero padding after it) and ending inside the last block.
  std::array<std::byte, 64> buf;
  buf.fill(std::byte{'a'});
  constexpr std::array<std::pair<std::size_t, std::size_t>, 5> placements = {
      {{14, 64}, {15, 64}, {31, 64}, {29, 32}, {17, 20}}};  // (offset, input length)
  std::size_t n_valid = 0;
  std::size_t checked = 0;
  for (unsigned b0 = 0; b0 < 256; ++b0) {
    for (unsigned b1 = 0; b1 < 256; ++b1) {
      for (unsigned b2 = 0; b2 < 256; ++b2) {
        const bool has_ascii = b0 < 0x80 || b1 < 0x80 || b2 < 0x80;
        if (has_ascii && (b0 + b1 + b2) % 16 != 0) continue;
        if (reduced && (b0 + 3 * b1 + b2) % 7 != 0) continue;  // reduced: a seventh
        const std::byte s[3] = {static_cast<std::byte>(b0), static_cast<std::byte>(b1), static_cast<std::byte>(b2)};
        const bool expect = tagwire::detail::utf8_valid_bytewise(s, s + 3);
        n_valid += expect ? 1 : 0;
        ++checked;
        for (const auto& placement : placements) {
          const std::size_t at = placement.first;  // not a structured binding: clang 14 cannot capture one
          const std::size_t len = placement.second;
          std::memcpy(buf.data() + at, s, 3);
          const char* who = disagreement(buf.data(), len, expect);
          std::memset(buf.data() + at, 'a', 3);
          if (who != nullptr) {
            CAPTURE(b0);
            CAPTURE(b1);
            CAPTURE(b2);
            CAPTURE(at);
            CAPTURE(len);
            CAPTURE(who);
            FAIL_CHECK("validators disagree");
            return;  // one report, not thousands
          }
        }
      }
    }
  }
  // Both counted with Python's strict decoder over the same selection.
  CHECK(checked == (reduced ? 430649u : 3014656u));
  CHECK(n_valid == (reduced ? 31889u : 223232u));
}

TEST_CASE("utf8: every run-time path agrees on representative 3- and 4-byte strings at every offset") {
  for (unsigned b0 : representative_bytes) {
    for (unsigned b1 : representative_bytes) {
      for (unsigned b2 : representative_bytes) {
        const std::byte three[3] = {static_cast<std::byte>(b0), static_cast<std::byte>(b1), static_cast<std::byte>(b2)};
        if (!agrees_at_every_offset(three, 3)) return;  // reported inside
      }
    }
  }
  // Four bytes: the leads that want three or two more, then continuations of each range and a
  // few others.
  constexpr std::array<unsigned, 11> leads = {0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFF};
  constexpr std::array<unsigned, 9> after = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xF0};
  std::size_t n_valid = 0;
  for (unsigned b0 : leads) {
    for (unsigned b1 : after) {
      for (unsigned b2 : after) {
        for (unsigned b3 : after) {
          if (reduced && (b1 + b2 + b3) % 3 != 0) continue;
          const std::byte four[4] = {static_cast<std::byte>(b0), static_cast<std::byte>(b1), static_cast<std::byte>(b2),
                                     static_cast<std::byte>(b3)};
          n_valid += tagwire::detail::utf8_valid_bytewise(four, four + 4) ? 1 : 0;
          if (!agrees_at_every_offset(four, 4)) return;  // reported inside
        }
      }
    }
  }
  CHECK(n_valid > (reduced ? 10u : 100u));
}

TEST_CASE("utf8: every run-time path agrees on random mutations of long mixed strings") {
  std::mt19937 rng(0x75746638u);
  constexpr std::array<std::uint32_t, 16> samples = {0x41,   0x7F,   0x80,   0xE9,    0x7FF,   0x800,    0x20AC, 0xD7FF,
                                                     0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, 0x4E16, 0x3B1};
  constexpr std::array<unsigned, 10> special = {0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF};
  std::size_t n_valid = 0;
  std::size_t n_invalid = 0;
  const int iterations = reduced ? 20000 : 200000;
  bytes s;
  for (int iter = 0; iter < iterations; ++iter) {
    const std::size_t len = rng() % 301;
    s.clear();
    const unsigned ascii_share = rng() % 4;  // from no ASCII to mostly ASCII
    while (s.size() < len) {
      if (rng() % 4 < ascii_share) {
        s.push_back(static_cast<std::byte>(rng() % 0x80));
      } else {
        append_encoded(s, samples[rng() % samples.size()]);
      }
    }
    s.resize(len);  // may cut a sequence at the end
    // Up to three mutations, none in a quarter of the cases.
    for (unsigned m = rng() % 4; m > 0 && !s.empty(); --m) {
      const std::size_t at = rng() % s.size();
      switch (rng() % 4) {
        case 0: s[at] = static_cast<std::byte>(rng() % 256); break;
        case 1: s[at] = static_cast<std::byte>(special[rng() % special.size()]); break;
        case 2: s.erase(s.begin() + static_cast<std::ptrdiff_t>(at)); break;
        default: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::byte>(0x80 + rng() % 0x40));
      }
    }
    const bool expect = tagwire::detail::utf8_valid_bytewise(s.data(), s.data() + s.size());
    (expect ? n_valid : n_invalid) += 1;
    const char* who = disagreement(s.data(), s.size(), expect, true);
    if (who != nullptr) {
      CAPTURE(iter);
      CAPTURE(expect);
      CAPTURE(who);
      FAIL_CHECK("validators disagree");
      return;  // one report, not thousands
    }
  }
  CHECK(n_valid > static_cast<std::size_t>(iterations / 10));
  CHECK(n_invalid > static_cast<std::size_t>(iterations / 2));
}

TEST_CASE("utf8: a string inside a larger buffer is judged by its own bytes only") {
  // detail::utf8_valid_within reads 16 bytes around a short string (from its start, or ending at
  // its end when the buffer ends sooner) and masks the rest: the bytes around it, here all 0xFF
  // or all 0x80 (both invalid alone), must not change its verdict, whatever the string's length,
  // place and the room before and after it.
  std::array<std::byte, 48> buf{};
  std::size_t checked = 0;
  std::size_t accepted = 0;
  for (const unsigned outside : {0xFFu, 0x80u}) {
    for (std::size_t at = 0; at <= buf.size(); ++at) {
      for (std::size_t n = 0; n <= 20 && at + n <= buf.size(); ++n) {
        // Contents: 0 all ASCII; 1..n a stray continuation in lane k-1; then a valid two-byte
        // sequence at lane k-1-n; last a two-byte lead cut off by the string's end.
        const std::size_t kinds = 2 + 2 * n;
        for (std::size_t kind = 0; kind < kinds; ++kind) {
          buf.fill(static_cast<std::byte>(outside));
          for (std::size_t i = 0; i < n; ++i) buf[at + i] = static_cast<std::byte>('a' + i);
          if (kind >= 1 && kind <= n) buf[at + kind - 1] = std::byte{0x80};
          if (kind > n && kind < 2 * n && n >= 2) {
            const std::size_t lane = std::min(kind - 1 - n, n - 2);
            buf[at + lane] = std::byte{0xC3};
            buf[at + lane + 1] = std::byte{0xA9};
          }
          if (kind == kinds - 1 && n >= 1) buf[at + n - 1] = std::byte{0xC3};
          const std::byte* p = buf.data() + at;
          const bool expect = tagwire::detail::utf8_valid_bytewise(p, p + n);
          // Room on both sides; none after (the string ends its message); none before either.
          const std::array<std::pair<const std::byte*, const std::byte*>, 3> rooms = {
              {{buf.data(), buf.data() + buf.size()}, {buf.data(), p + n}, {p, p + n}}};
          for (const auto& room : rooms) {
            if (tagwire::detail::utf8_valid_within(p, n, room.first, room.second) != expect) {
              const std::ptrdiff_t after = room.second - p;
              CAPTURE(outside);
              CAPTURE(at);
              CAPTURE(n);
              CAPTURE(kind);
              CAPTURE(after);
              FAIL_CHECK("wrong verdict");
              return;
            }
            ++checked;
            accepted += expect ? 1 : 0;
          }
        }
      }
    }
  }
  // 16,478 (at, n, kind) triples, 8,288 of them valid (counted with Python's strict decoder),
  // each with 2 fillers and 3 rooms.
  CHECK(checked == 2 * 3 * 16'478u);
  CHECK(accepted == 2 * 3 * 8'288u);
}
