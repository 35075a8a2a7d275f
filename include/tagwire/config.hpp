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
