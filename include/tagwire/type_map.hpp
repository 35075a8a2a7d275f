// tagwire — how a C++ member type maps to a protobuf type (internal).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <type_traits>

#include "wire.hpp"

namespace tagwire {

// Encoding overrides, named in TAGWIRE_FIELD after the member.
struct sint {};      ///< sint32/sint64: zigzag varint, for signed integers often negative
struct fixed {};     ///< fixed32/fixed64 by member size, for unsigned integers
struct sfixed {};    ///< sfixed32/sfixed64 by member size, for signed integers
struct unpacked {};  ///< repeated scalars as one record per element instead of packed
struct bytes {};     ///< a std::string member as proto `bytes` instead of `string`

namespace detail {

template <class E>
concept encoding = std::same_as<E, sint> || std::same_as<E, fixed> || std::same_as<E, sfixed> ||
                   std::same_as<E, unpacked> || std::same_as<E, bytes>;

template <class E, class... Es>
inline constexpr bool has_encoding = (std::same_as<E, Es> || ...);
template <class E, class... Es>
inline constexpr int count_encoding = (int{std::same_as<E, Es>} + ... + 0);

// ---- member shapes ------------------------------------------------------------------

template <class T> struct optional_traits : std::false_type {};
template <class T> struct optional_traits<std::optional<T>> : std::true_type { using value_type = T; };
template <class T> struct pointer_traits : std::false_type {};
template <class T, class D> struct pointer_traits<std::unique_ptr<T, D>> : std::true_type { using value_type = T; };

template <class T>
concept character = std::same_as<T, char> || std::same_as<T, wchar_t> || std::same_as<T, char8_t> ||
                    std::same_as<T, char16_t> || std::same_as<T, char32_t>;
template <class T>
concept signed_int = std::signed_integral<T> && !character<T>;
template <class T>
concept unsigned_int = std::unsigned_integral<T> && !character<T> && !std::same_as<T, bool>;

template <class T>
concept byte_like = std::same_as<T, std::byte> || std::same_as<T, char> || std::same_as<T, unsigned char> ||
                    std::same_as<T, signed char>;

template <class T> struct is_std_string : std::false_type {};
template <class Tr, class A> struct is_std_string<std::basic_string<char, Tr, A>> : std::true_type {};
template <class T>
concept string_like = is_std_string<T>::value;

// A growable contiguous container of bytes (std::vector<std::byte>, std::vector<unsigned char>, ...).
template <class T>
concept byte_container = !string_like<T> && std::ranges::contiguous_range<T> && std::ranges::sized_range<T> &&
                         byte_like<std::ranges::range_value_t<T>> && requires(T& c, std::size_t n) { c.resize(n); };

// Any other container that can be walked both ways and appended to is a repeated field.
template <class T>
concept repeated_container = !string_like<T> && !byte_container<T> && std::ranges::bidirectional_range<T> &&
                             requires(T& c) {
                               typename T::value_type;
                               c.emplace_back();
                               c.size();
                             };

enum class shape : std::uint8_t { single, optional, pointer, repeated };

template <class M>
consteval shape shape_of() {
  if constexpr (optional_traits<M>::value) return shape::optional;
  else if constexpr (pointer_traits<M>::value) return shape::pointer;
  else if constexpr (repeated_container<M>) return shape::repeated;
  else return shape::single;
}

// The type of one value of the field: the member itself, or what it holds.
template <class M, shape S = shape_of<M>()> struct element { using type = M; };
template <class M> struct element<M, shape::optional> { using type = typename optional_traits<M>::value_type; };
template <class M> struct element<M, shape::pointer> { using type = typename pointer_traits<M>::value_type; };
template <class M> struct element<M, shape::repeated> { using type = typename M::value_type; };
template <class M> using element_t = typename element<M>::type;

}  // namespace detail
}  // namespace tagwire
