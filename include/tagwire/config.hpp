// tagwire — build configuration and the byte copies every header shares (internal).
#pragma once

// Forced inlining of the small steps of the decode loop, which compilers otherwise leave as calls;
// not when optimising for size (-Os), where the calls are the smaller code.
#if (defined(__GNUC__) || defined(__clang__)) && !defined(__OPTIMIZE_SIZE__)
#define TAGWIRE_DETAIL_INLINE __attribute__((always_inline))
#define TAGWIRE_DETAIL_NOINLINE __attribute__((noinline))
#else
#define TAGWIRE_DETAIL_INLINE
#define TAGWIRE_DETAIL_NOINLINE
#endif
// A point the code cannot reach, so the compiler may drop the test that leads to it.
#if defined(__GNUC__) || defined(__clang__)
#define TAGWIRE_DETAIL_UNREACHABLE() __builtin_unreachable()
#else
#define TAGWIRE_DETAIL_UNREACHABLE() ((void)0)
#endif

namespace tagwire::detail {
// Under -Os the fast paths that only add code (wider varint and tag shortcuts, bulk scans) are
// left out; results are the same either way.
#if defined(__OPTIMIZE_SIZE__)
inline constexpr bool optimize_size = true;
#else
inline constexpr bool optimize_size = false;
#endif
}  // namespace tagwire::detail

// Bytes of stack the encoders may use to write a small message once, without sizing it first
// (see encode.hpp). 0 turns that path off, for small stacks; define it the same in every
// translation unit. Off under -Os.
#ifndef TAGWIRE_ENCODE_STACK_BUFFER
#define TAGWIRE_ENCODE_STACK_BUFFER 1024
#endif

// Standard headers. <memory>, <functional>, <algorithm> and <ranges> each cost 0.1-0.2 s of
// compile time per translation unit with libstdc++ 12, almost all of it for things the library
// does not use; libstdc++ declares the few it does use (std::construct_at, destroy_at, destroy,
// addressof; std::less; std::equal, min, lexicographical_compare_three_way; the std::ranges
// concepts, data and size; the iterator adaptors and concepts) in small internal headers, mostly
// pulled in by <string> and <span> already. Other standard libraries get the standard headers.
#include <cstddef>  // defines __GLIBCXX__ under libstdc++
#if defined(__GLIBCXX__) && __has_include(<bits/stl_construct.h>) && __has_include(<bits/stl_function.h>) && \
    __has_include(<bits/stl_algobase.h>) && __has_include(<bits/ranges_base.h>) && __has_include(<bits/stl_iterator.h>)
#include <initializer_list>
#include <span>
#include <bits/ranges_base.h>
#include <bits/stl_algobase.h>
#include <bits/stl_construct.h>
#include <bits/stl_function.h>
#include <bits/stl_iterator.h>
#else
#include <algorithm>
#include <functional>
#include <iterator>
#include <memory>
#include <ranges>
#endif

#include <cstdint>
#include <cstring>

namespace tagwire::detail {
// memcpy of a run-time length. When g++ can bound the length (a fixed_string's size type, a
// fixed_vector's capacity) it inlines the copy as `rep movs`, whose start-up cost dwarfs short
// copies; hiding the length from the optimiser keeps the library call, fast at every size.
inline void copy_bytes(void* dst, const void* src, std::size_t n) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __asm__("" : "+r"(n));
#endif
  std::memcpy(dst, src, n);
}

// Copies n <= 16 bytes inline, as two overlapping loads and stores: no call and no branch on the
// exact length. Every load comes before any store, so src and dst may overlap (memmove).
TAGWIRE_DETAIL_INLINE inline void move_bytes_short(void* dst, const void* src, std::size_t n) noexcept {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (n >= 8) {
    std::uint64_t a, b;
    std::memcpy(&a, s, 8);
    std::memcpy(&b, s + n - 8, 8);
    std::memcpy(d, &a, 8);
    std::memcpy(d + n - 8, &b, 8);
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, s, 4);
    std::memcpy(&b, s + n - 4, 4);
    std::memcpy(d, &a, 4);
    std::memcpy(d + n - 4, &b, 4);
  } else if (n != 0) {
    const unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
    d[0] = a;
    d[n / 2] = b;
    d[n - 1] = c;
  }
}

// copy_bytes where most copies are short strings (the encoder, fixed_string).
TAGWIRE_DETAIL_INLINE inline void copy_bytes_short_inline(void* dst, const void* src, std::size_t n) noexcept {
  if (!optimize_size && n <= 16) move_bytes_short(dst, src, n);
  else copy_bytes(dst, src, n);
}
}  // namespace tagwire::detail
