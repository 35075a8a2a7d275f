// tagwire — UTF-8 validation for proto3 string fields, as strict as libprotobuf.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

#include "config.hpp"

// The vectorised validator: x86-64 with GCC or Clang, SSSE3 chosen at run time, so the library
// needs no -m flags. Not under -Os, where the scalar path is the smaller code. No AVX2 version:
// <immintrin.h> alone costs 0.4 s of g++ time in every translation unit that includes tagwire
// (<tmmintrin.h>, up to SSSE3, 0.02 s), and SSSE3 already runs at about 5 times the DFA's speed.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(__OPTIMIZE_SIZE__)
#define TAGWIRE_DETAIL_UTF8_SIMD 1
#include <tmmintrin.h>
#else
#define TAGWIRE_DETAIL_UTF8_SIMD 0
#endif

namespace tagwire {

namespace detail {

[[nodiscard]] constexpr unsigned utf8_byte(std::byte b) noexcept { return std::to_integer<unsigned>(b); }
[[nodiscard]] constexpr bool utf8_is_cont(std::byte b) noexcept { return (utf8_byte(b) & 0xC0u) == 0x80u; }

/// Returns the length (2..4) of the well-formed sequence starting at p[0] >= 0x80, given `left`
/// bytes from p on, or 0 if it is ill-formed (Unicode Table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncation, no stray continuation bytes).
[[nodiscard]] constexpr std::size_t utf8_sequence(const std::byte* p, std::size_t left) noexcept {
  const unsigned b0 = utf8_byte(p[0]);
  if (b0 < 0xC2u) return 0;  // 80..BF continuation, C0 C1 overlong
  if (b0 < 0xE0u) return left >= 2 && utf8_is_cont(p[1]) ? 2 : 0;
  if (b0 < 0xF0u) {
    if (left < 3) return 0;
    const unsigned b1 = utf8_byte(p[1]);
    // E0: A0..BF (no overlong); ED: 80..9F (no surrogates).
    const unsigned lo = b0 == 0xE0u ? 0xA0u : 0x80u;
    const unsigned hi = b0 == 0xEDu ? 0x9Fu : 0xBFu;
    return b1 >= lo && b1 <= hi && utf8_is_cont(p[2]) ? 3 : 0;
  }
  if (b0 < 0xF5u) {
    if (left < 4) return 0;
    const unsigned b1 = utf8_byte(p[1]);
    // F0: 90..BF (no overlong); F4: 80..8F (nothing above U+10FFFF).
    const unsigned lo = b0 == 0xF0u ? 0x90u : 0x80u;
    const unsigned hi = b0 == 0xF4u ? 0x8Fu : 0xBFu;
    return b1 >= lo && b1 <= hi && utf8_is_cont(p[2]) && utf8_is_cont(p[3]) ? 4 : 0;
  }
  return 0;  // F5..FF
}

/// The plain byte loop: used in constant evaluation and for short tails.
[[nodiscard]] constexpr bool utf8_valid_bytewise(const std::byte* p, const std::byte* end) noexcept {
  while (p != end) {
    if (utf8_byte(*p) < 0x80u) {
      ++p;
      continue;
    }
    const std::size_t len = utf8_sequence(p, static_cast<std::size_t>(end - p));
    if (len == 0) return false;
    p += len;
  }
  return true;
}

inline constexpr std::uint64_t utf8_high_bits = 0x8080808080808080ull;

[[nodiscard]] inline std::uint64_t utf8_load64(const std::byte* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// A shift-based DFA for the run-time path: a state is a bit offset (multiple of 6) into the
// row of the next byte, which holds the next state for every state, so one step is one
// load and one shift with no branch. The error state is 0 and absorbing.
enum : unsigned {
  utf8_err = 0,
  utf8_accept = 6,
  utf8_tail1 = 12,  // one continuation byte to go
  utf8_tail2 = 18,
  utf8_tail3 = 24,
  utf8_e0 = 30,  // after E0: A0..BF then one more
  utf8_ed = 36,  // after ED: 80..9F then one more
  utf8_f0 = 42,  // after F0: 90..BF then two more
  utf8_f4 = 48,  // after F4: 80..8F then two more
};

[[nodiscard]] consteval std::array<std::uint64_t, 256> utf8_make_dfa() {
  std::array<std::uint64_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    std::uint64_t row = 0;
    const auto go = [&row](unsigned from, unsigned to) { row |= std::uint64_t{to} << from; };
    if (b < 0x80) go(utf8_accept, utf8_accept);
    else if (b >= 0xC2 && b <= 0xDF) go(utf8_accept, utf8_tail1);
    else if (b == 0xE0) go(utf8_accept, utf8_e0);
    else if (b == 0xED) go(utf8_accept, utf8_ed);
    else if (b >= 0xE1 && b <= 0xEF) go(utf8_accept, utf8_tail2);
    else if (b == 0xF0) go(utf8_accept, utf8_f0);
    else if (b == 0xF4) go(utf8_accept, utf8_f4);
    else if (b >= 0xF1 && b <= 0xF3) go(utf8_accept, utf8_tail3);
    if (b >= 0x80 && b <= 0xBF) {
      go(utf8_tail1, utf8_accept);
      go(utf8_tail2, utf8_tail1);
      go(utf8_tail3, utf8_tail2);
    }
    if (b >= 0xA0 && b <= 0xBF) go(utf8_e0, utf8_tail1);
    if (b >= 0x80 && b <= 0x9F) go(utf8_ed, utf8_tail1);
    if (b >= 0x90 && b <= 0xBF) go(utf8_f0, utf8_tail2);
    if (b >= 0x80 && b <= 0x8F) go(utf8_f4, utf8_tail2);
    t[b] = row;
  }
  return t;
}

inline constexpr std::array<std::uint64_t, 256> utf8_dfa = utf8_make_dfa();

/// The run-time validator: ASCII 16 bytes at a time between characters, everything else
/// through the DFA. A DFA step is a load and a shift by %cl (about 2 cycles on x86-64 without
/// BMI2); splitting into two interleaved chains was tried and gained under 20% on mixed text.
[[nodiscard]] inline bool utf8_valid_fast(const std::byte* const begin, const std::byte* const end) noexcept {
  const std::uint64_t* const dfa = utf8_dfa.data();
  const std::byte* p = begin;
  std::uint64_t state = utf8_accept;  // only the low 6 bits count; the shifts use no more
  while (end - p >= 16) {
    if ((state & 63) == utf8_accept && ((utf8_load64(p) | utf8_load64(p + 8)) & utf8_high_bits) == 0) {
      p += 16;
      continue;
    }
    for (int i = 0; i < 16; i += 4) {  // unrolled by hand: GCC keeps the loop otherwise
      state = dfa[utf8_byte(p[i])] >> (state & 63);
      state = dfa[utf8_byte(p[i + 1])] >> (state & 63);
      state = dfa[utf8_byte(p[i + 2])] >> (state & 63);
      state = dfa[utf8_byte(p[i + 3])] >> (state & 63);
    }
    p += 16;
    if ((state & 63) == utf8_err) return false;
  }
  if ((state & 63) == utf8_accept) {
    if (end - p >= 8 && (utf8_load64(p) & utf8_high_bits) == 0) p += 8;
    // The last 8 bytes (overlapping ones already checked) cover what is left.
    if (end - p <= 8 && end - begin >= 8 && (utf8_load64(end - 8) & utf8_high_bits) == 0) return true;
  }
  for (; p != end; ++p) state = dfa[utf8_byte(*p)] >> (state & 63);
  return (state & 63) == utf8_accept;
}

#if TAGWIRE_DETAIL_UTF8_SIMD
// The lookup-table validator of Keiser and Lemire ("Validating UTF-8 in less than one
// instruction per byte", 2021). Every adjacent pair of bytes (prev, cur) is classified by three
// 16-entry tables indexed by prev's high nibble, prev's low nibble and cur's high nibble; each
// bit of an entry is one kind of error, and a pair has that error when all three entries have
// the bit (so each kind must be a product of nibble sets). Only the continuation bytes after the
// second one are left: a pair of continuations is an error (utf8_two_conts) unless the byte two
// before is a 3- or 4-byte lead, or the byte three before is a 4-byte lead, and then it is required.
enum : std::uint8_t {
  utf8_too_short = 1 << 0,   // a lead not followed by a continuation
  utf8_too_long = 1 << 1,    // ASCII followed by a continuation
  utf8_overlong_3 = 1 << 2,  // E0 80..9F
  utf8_too_large = 1 << 3,   // F4 90..BF, F5..FF 90..BF
  utf8_surrogate = 1 << 4,   // ED A0..BF
  utf8_overlong_2 = 1 << 5,  // C0..C1 80..BF
  utf8_bit6 = 1 << 6,        // F0 80..8F (overlong), F5..FF 80..8F (too large): one product
  utf8_two_conts = 1 << 7,   // 80..BF 80..BF
};

// The lookup tables (32 bytes each: the tail shuffle reads a 16-byte window of it) and constants.
struct utf8_simd_tables {
  std::uint8_t prev_high[32];
  std::uint8_t prev_low[32];
  std::uint8_t cur_high[32];
  std::uint8_t tail_shuffle[32];  // 0..15 then 16 indices that zero the byte (high bit set)
  std::uint8_t splat_0f[32];
  std::uint8_t splat_60[32];
  std::uint8_t splat_70[32];
  std::uint8_t splat_80[32];
  std::uint8_t incomplete_max[32];  // FF..FF EF DF BF: see utf8_block_ssse3
};

[[nodiscard]] consteval utf8_simd_tables utf8_make_simd_tables() {
  utf8_simd_tables t{};
  for (unsigned h = 0; h < 16; ++h) {
    unsigned v = 0;
    if (h < 8) v = utf8_too_long;
    else if (h < 12) v = utf8_two_conts;
    else v = utf8_too_short;
    if (h == 0xC) v |= utf8_overlong_2;
    if (h == 0xE) v |= utf8_overlong_3 | utf8_surrogate;
    if (h == 0xF) v |= utf8_too_large | utf8_bit6;
    t.prev_high[h] = t.prev_high[h + 16] = static_cast<std::uint8_t>(v);
  }
  for (unsigned l = 0; l < 16; ++l) {
    unsigned v = utf8_too_short | utf8_too_long | utf8_two_conts;
    if (l <= 1) v |= utf8_overlong_2;
    if (l == 0) v |= utf8_overlong_3;
    if (l == 0xD) v |= utf8_surrogate;
    if (l >= 4) v |= utf8_too_large;
    if (l == 0 || l >= 5) v |= utf8_bit6;
    t.prev_low[l] = t.prev_low[l + 16] = static_cast<std::uint8_t>(v);
  }
  for (unsigned c = 0; c < 16; ++c) {
    unsigned v = 0;
    if (c < 8 || c >= 12) v = utf8_too_short;
    else v = utf8_too_long | utf8_two_conts | utf8_overlong_2;
    if (c == 8 || c == 9) v |= utf8_overlong_3;
    if (c == 0xA || c == 0xB) v |= utf8_surrogate;
    if (c >= 9 && c <= 0xB) v |= utf8_too_large;
    if (c == 8) v |= utf8_bit6;
    t.cur_high[c] = t.cur_high[c + 16] = static_cast<std::uint8_t>(v);
  }
  for (unsigned i = 0; i < 32; ++i) {
    t.tail_shuffle[i] = static_cast<std::uint8_t>(i < 16 ? i : 0x80u);
    t.splat_0f[i] = 0x0F;
    t.splat_60[i] = 0xE0 - 0x80;
    t.splat_70[i] = 0xF0 - 0x80;
    t.splat_80[i] = 0x80;
    t.incomplete_max[i] = 0xFF;
  }
  t.incomplete_max[29] = 0xF0 - 1;
  t.incomplete_max[30] = 0xE0 - 1;
  t.incomplete_max[31] = 0xC0 - 1;
  return t;
}

alignas(64) inline constexpr utf8_simd_tables utf8_tables = utf8_make_simd_tables();

[[nodiscard]] inline __m128i utf8_table(const std::uint8_t* t) noexcept {
  return _mm_load_si128(reinterpret_cast<const __m128i*>(t));
}

// The last `r` (1..16) bytes before `end` in a vector, followed by zeros. Reads only [end-16, end)
// when at least 16 bytes are there (`whole`), else copies: never a byte outside the input.
__attribute__((target("ssse3"))) inline __m128i utf8_tail_ssse3(const std::byte* end, std::size_t r,
                                                                bool whole) noexcept {
  if (whole) {
    const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
    const __m128i shuffle = _mm_loadu_si128(reinterpret_cast<const __m128i*>(utf8_tables.tail_shuffle + 16 - r));
    return _mm_shuffle_epi8(last, shuffle);
  }
  alignas(16) unsigned char buf[16] = {};
  std::memcpy(buf, end - r, r);
  return _mm_load_si128(reinterpret_cast<const __m128i*>(buf));
}

// Zero padding after the input is ASCII: a sequence cut short by the end meets it and is caught
// like one cut short by ASCII, so only an input that ends exactly on a block needs the separate
// end check (a lead in the last three bytes that wants more bytes than are left).
struct utf8_state_ssse3 {
  __m128i error = _mm_setzero_si128();
  __m128i prev = _mm_setzero_si128();        // the previous block; before the input: ASCII
  __m128i incomplete = _mm_setzero_si128();  // the previous block's unfinished sequence at its end
};

__attribute__((target("ssse3"))) inline void utf8_block_ssse3(utf8_state_ssse3& s, __m128i in) noexcept {
  if (_mm_movemask_epi8(in) == 0) {
    s.error = _mm_or_si128(s.error, s.incomplete);
    s.incomplete = _mm_setzero_si128();
    s.prev = in;
    return;
  }
  const __m128i nibble = _mm_set1_epi8(0x0F);
  const __m128i prev1 = _mm_alignr_epi8(in, s.prev, 15);
  const __m128i prev2 = _mm_alignr_epi8(in, s.prev, 14);
  const __m128i prev3 = _mm_alignr_epi8(in, s.prev, 13);
  const __m128i a =
      _mm_shuffle_epi8(utf8_table(utf8_tables.prev_high), _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
  const __m128i b = _mm_shuffle_epi8(utf8_table(utf8_tables.prev_low), _mm_and_si128(prev1, nibble));
  const __m128i c = _mm_shuffle_epi8(utf8_table(utf8_tables.cur_high), _mm_and_si128(_mm_srli_epi16(in, 4), nibble));
  const __m128i pair = _mm_and_si128(_mm_and_si128(a, b), c);
  // Top bit set where the byte two before is E0..FF or the byte three before is F0..FF.
  const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m128i must = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(static_cast<char>(0x80)));
  s.error = _mm_or_si128(s.error, _mm_xor_si128(must, pair));
  // A lead in the last three bytes with too few bytes after it in the block: F0.. at 13, E0.. at 14, C0.. at 15.
  const __m128i max = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xEF),
                                    static_cast<char>(0xDF), static_cast<char>(0xBF));
  s.incomplete = _mm_subs_epu8(in, max);
  s.prev = in;
}

__attribute__((target("ssse3"))) inline bool utf8_valid_ssse3(const std::byte* p, std::size_t n) noexcept {
  utf8_state_ssse3 s;
  std::size_t i = 0;
  for (; n - i >= 16; i += 16) utf8_block_ssse3(s, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
  if (i != n) utf8_block_ssse3(s, utf8_tail_ssse3(p + n, n - i, n >= 16));
  const __m128i error = _mm_or_si128(s.error, s.incomplete);
  return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF;
}

// What the CPU has: 0 no SSSE3, 1 SSSE3; -1 not asked yet. Read and written with relaxed
// atomics: threads racing on the first call all store the same value. No function-local static:
// its guard would make every call save registers for the rare call that initialises it.
inline int utf8_simd_cache = -1;

[[nodiscard]] __attribute__((noinline, cold)) inline int utf8_detect_simd() noexcept {
  __builtin_cpu_init();  // GCC: this may run before the constructor that fills in what the next lines read
  const int level = __builtin_cpu_supports("ssse3") ? 1 : 0;
  __atomic_store_n(&utf8_simd_cache, level, __ATOMIC_RELAXED);
  return level;
}

[[nodiscard]] inline int utf8_simd_level() noexcept {
  const int level = __atomic_load_n(&utf8_simd_cache, __ATOMIC_RELAXED);
  return level >= 0 ? level : utf8_detect_simd();
}

// From this length on the vector code is used. Shorter inputs would need the copied tail; at 16 to
// 32 bytes of mixed text it already took about half the DFA's time (bench/utf8_bench.cpp).
inline constexpr std::size_t utf8_simd_min = 16;
#endif

/// The run-time validator for inputs past the inline ASCII shortcut.
[[nodiscard]] inline bool utf8_valid_runtime(const std::byte* p, std::size_t n) noexcept {
#if TAGWIRE_DETAIL_UTF8_SIMD
  if (n >= utf8_simd_min) {
    // ASCII up to 32 bytes: two overlapping 16-byte loads are cheaper than entering the vector code.
    if (n <= 32 && _mm_movemask_epi8(_mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                                                  _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)))) == 0)
      return true;
    const int level = utf8_simd_level();
    if (level == 1) return utf8_valid_ssse3(p, n);
  }
#endif
  return utf8_valid_fast(p, p + n);
}

}  // namespace detail

/// Returns true if the `n` bytes at `p` are well-formed UTF-8 (RFC 3629, Unicode Table 3-7),
/// the check libprotobuf applies to proto3 string fields: rejects overlong forms, surrogates
/// (U+D800..U+DFFF), code points above U+10FFFF, truncated sequences, stray continuation bytes
/// and the bytes C0, C1, F5..FF. The empty string is valid.
[[nodiscard]] constexpr bool is_valid_utf8(const std::byte* p, std::size_t n) noexcept {
  if (std::is_constant_evaluated()) return detail::utf8_valid_bytewise(p, p + n);
  // Short ASCII strings, the most common text field, inline: two overlapping loads cover them.
  if (detail::optimize_size) {
    // no inline shortcut: one call
  } else if (n >= 8 && n <= 16) {
    if (((detail::utf8_load64(p) | detail::utf8_load64(p + n - 8)) & detail::utf8_high_bits) == 0) return true;
  } else if (n < 8) {
    std::uint32_t bits = 0;
    for (std::size_t i = 0; i < n; ++i) bits |= std::to_integer<std::uint32_t>(p[i]);
    if (bits < 0x80) return true;
  }
  return detail::utf8_valid_runtime(p, n);
}

namespace detail {

// 16 zero bytes, 16 bytes 0x80, 16 zero bytes: any 16-byte window is a mask of high bits for a
// run of lanes at its start (window at 32 - n) or its end (window at n).
[[nodiscard]] consteval std::array<std::byte, 48> utf8_make_lane_masks() {
  std::array<std::byte, 48> t{};
  for (std::size_t i = 16; i < 32; ++i) t[i] = std::byte{0x80};
  return t;
}

alignas(64) inline constexpr std::array<std::byte, 48> utf8_lane_masks = utf8_make_lane_masks();

/// As is_valid_utf8(p, n), for bytes inside a buffer [lo, hi) that may all be read: a string of
/// up to 16 bytes is then checked for ASCII with two 8-byte loads from its start (or ending at its
/// end, near `hi`) and a mask from a table: no loop and no branch on its length, which the
/// decoder of many short strings of varied length mispredicts.
[[nodiscard]] constexpr bool utf8_valid_within(const std::byte* p, std::size_t n, const std::byte* lo,
                                               const std::byte* hi) noexcept {
  if (!std::is_constant_evaluated() && !optimize_size && n <= 16) {
    const bool ahead = hi - p >= 16;
    if (ahead || static_cast<std::size_t>(p - lo) + n >= 16) {
      const std::byte* const q = ahead ? p : p + n - 16;
      const std::byte* const m = utf8_lane_masks.data() + (ahead ? 32 - n : n);
      if (((utf8_load64(q) & utf8_load64(m)) | (utf8_load64(q + 8) & utf8_load64(m + 8))) == 0) return true;
    }
  }
  return is_valid_utf8(p, n);
}

}  // namespace detail

/// Returns true if `s` is well-formed UTF-8; see is_valid_utf8(const std::byte*, std::size_t).
[[nodiscard]] constexpr bool is_valid_utf8(std::span<const std::byte> s) noexcept {
  return is_valid_utf8(s.data(), s.size());
}

}  // namespace tagwire
