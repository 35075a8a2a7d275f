// tagwire — build configuration used inside the library (internal).
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

namespace tagwire::detail {
// Under -Os the fast paths that only add code (wider varint and tag shortcuts, bulk scans) are
// left out; results are the same either way.
#if defined(__OPTIMIZE_SIZE__)
inline constexpr bool optimize_size = true;
#else
inline constexpr bool optimize_size = false;
#endif
}  // namespace tagwire::detail
