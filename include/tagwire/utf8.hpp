// tagwire — UTF-8 validation for proto3 string fields, as strict as libprotobuf.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>

#include "config.hpp"

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
  return detail::utf8_valid_fast(p, p + n);
}

/// Returns true if `s` is well-formed UTF-8; see is_valid_utf8(const std::byte*, std::size_t).
[[nodiscard]] constexpr bool is_valid_utf8(std::span<const std::byte> s) noexcept {
  return is_valid_utf8(s.data(), s.size());
}

}  // namespace tagwire
