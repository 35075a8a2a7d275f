// tagwire — how a C++ member type maps to a protobuf type (internal), and the encoding tags.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "config.hpp"  // std::ranges concepts
#include "wire.hpp"

namespace tagwire {

// Encoding overrides, named in TAGWIRE_FIELD after the member.
struct sint {};      ///< sint32/sint64: zigzag varint, for signed integers often negative
struct fixed {};     ///< fixed32/fixed64 by member size, for unsigned integers
struct sfixed {};    ///< sfixed32/sfixed64 by member size, for signed integers
struct unpacked {};  ///< repeated scalars as one record per element instead of packed
struct bytes {};     ///< a string member as proto `bytes` (no UTF-8 check) instead of `string`
struct group {};     ///< a message member as a proto2 group (start/end-group records)
struct required {};  ///< proto2 `required`: always written; decoding fails when it is absent
/// Encodings of a map's keys, e.g. tagwire::key<tagwire::sint>.
template <class... E>
struct key {};
/// Encodings of a map's values, e.g. tagwire::value<tagwire::fixed>.
template <class... E>
struct value {};

template <class T>
class box;
template <class T, class... E>
class packed_view;
template <class T>
class repeated_view;

namespace detail {

template <class E>
struct is_key_encoding : std::false_type {};
template <class... E>
struct is_key_encoding<key<E...>> : std::true_type {};
template <class E>
struct is_value_encoding : std::false_type {};
template <class... E>
struct is_value_encoding<value<E...>> : std::true_type {};

template <class E>
concept scalar_encoding = std::same_as<E, sint> || std::same_as<E, fixed> || std::same_as<E, sfixed> ||
    std::same_as<E, unpacked> || std::same_as<E, bytes> || std::same_as<E, group>;
template <class E>
concept encoding =
    scalar_encoding<E> || std::same_as<E, required> || is_key_encoding<E>::value || is_value_encoding<E>::value;

template <class E, class... Es>
inline constexpr bool has_encoding = (std::same_as<E, Es> || ...);
template <class E, class... Es>
inline constexpr int count_encoding = (int{std::same_as<E, Es>} + ... + 0);

// The key<...> (or value<...>) among a field's encodings, key<> / value<> when there is none.
template <template <class...> class W, class... Es>
struct find_wrapper {
  using type = W<>;
};
template <template <class...> class W, class... In, class... Es>
struct find_wrapper<W, W<In...>, Es...> {
  using type = W<In...>;
};
template <template <class...> class W, class E, class... Es>
struct find_wrapper<W, E, Es...> : find_wrapper<W, Es...> {};

// ---- member shapes ------------------------------------------------------------------

template <class T>
struct optional_traits : std::false_type {};
template <class T>
struct optional_traits<std::optional<T>> : std::true_type {
  using value_type = T;
};
template <class T>
struct pointer_traits : std::false_type {};
// std::unique_ptr<T, D> (not the T[] form, which has no ->), known by its members so that the
// heavy <memory> need not be included here.
// clang-format off
template <class T>
  requires requires(T& p) {
    typename T::element_type;
    typename T::deleter_type;
    typename T::pointer;
    p.get();
    p.release();
    p.get_deleter();
    p.operator->();
  }
struct pointer_traits<T> : std::true_type {
  using value_type = typename T::element_type;
  static constexpr bool unique = true;
};
// clang-format on
template <class T>
struct pointer_traits<box<T>> : std::true_type {
  using value_type = T;
  static constexpr bool unique = false;
};
template <class T>
struct is_packed_view : std::false_type {};
template <class T, class... E>
struct is_packed_view<packed_view<T, E...>> : std::true_type {};
template <class T>
struct is_repeated_view : std::false_type {};
template <class T>
struct is_repeated_view<repeated_view<T>> : std::true_type {};
template <class T>
struct is_variant : std::false_type {};
template <class... A>
struct is_variant<std::variant<A...>> : std::true_type {};

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

// An owning string: std::string, tagwire::fixed_string<N>, or any char container with c_str().
// clang-format off
template <class T>
concept string_like = std::same_as<typename T::value_type, char> && std::ranges::contiguous_range<T> &&
                      requires(T& s, const T& cs, std::size_t n) {
                        cs.c_str();
                        s.resize(n);
                        cs.size();
                      };
// clang-format on
// Views into the input buffer.
template <class T>
concept string_view_like = std::same_as<T, std::string_view>;
template <class T>
concept bytes_view_like = std::same_as<T, std::span<const std::byte>>;

// A growable contiguous container of bytes (std::vector<std::byte>, fixed_vector<std::byte, N>...).
// clang-format off
template <class T>
concept byte_container = !string_like<T> && std::ranges::contiguous_range<T> && std::ranges::sized_range<T> &&
                         byte_like<std::ranges::range_value_t<T>> && requires(T& c, std::size_t n) { c.resize(n); };
// clang-format on

template <class T>
concept map_container = requires(T& m, const T& cm) {
  typename T::key_type;
  typename T::mapped_type;
  m.insert_or_assign(std::declval<typename T::key_type>(), std::declval<typename T::mapped_type>());
  cm.size();
  cm.begin();
  cm.end();
};

// Any other container that can be walked both ways and appended to is a repeated field.
// clang-format off
template <class T>
concept repeated_container = !string_like<T> && !byte_container<T> && !map_container<T> &&
                             !string_view_like<T> && !bytes_view_like<T> && !is_packed_view<T>::value &&
                             std::ranges::bidirectional_range<T> && requires(T& c) {
                               typename T::value_type;
                               c.emplace_back();
                               c.size();
                             };
// clang-format on

// Sorts the n pointers at `first` to map entries by key, ascending (keys are unique): a heapsort,
// since std::sort would need <algorithm>, heavy to include.
template <class P>
constexpr void sort_by_key(P* first, std::size_t n) {
  const auto sift = [first](std::size_t i, std::size_t end) {
    for (std::size_t c = 2 * i + 1; c < end; i = c, c = 2 * i + 1) {
      if (c + 1 < end && first[c]->first < first[c + 1]->first) ++c;
      if (!(first[i]->first < first[c]->first)) return;
      std::swap(first[i], first[c]);
    }
  };
  for (std::size_t i = n / 2; i-- > 0;) sift(i, n);
  for (std::size_t end = n; end > 1;) {
    --end;
    std::swap(first[0], first[end]);
    sift(0, end);
  }
}

enum class shape : std::uint8_t { single, optional, pointer, repeated, map, alternative };

template <class M>
constexpr shape shape_of() {
  if constexpr (optional_traits<M>::value) return shape::optional;
  else if constexpr (pointer_traits<M>::value) return shape::pointer;
  else if constexpr (map_container<M>) return shape::map;
  else if constexpr (repeated_container<M> || is_repeated_view<M>::value) return shape::repeated;
  else return shape::single;
}

// The type of one value of the field: the member itself, or what it holds (a map's value).
template <class M, shape S = shape_of<M>()>
struct element {
  using type = M;
};
template <class M>
struct element<M, shape::optional> {
  using type = typename optional_traits<M>::value_type;
};
template <class M>
struct element<M, shape::pointer> {
  using type = typename pointer_traits<M>::value_type;
};
template <class M>
struct element<M, shape::repeated> {
  using type = typename M::value_type;
};
template <class M>
struct element<M, shape::map> {
  using type = typename M::mapped_type;
};
template <class M>
using element_t = typename element<M>::type;

// The encoding checks shared by fields and oneof alternatives; each fires at the declaration.
template <class Element, shape Form, class... E>
consteval bool check_encodings() {
  static_assert(((count_encoding<E, E...> == 1) && ...), "tagwire: an encoding is named twice in one field");
  static_assert(int{has_encoding<sint, E...>} + int{has_encoding<fixed, E...>} + int{has_encoding<sfixed, E...>} <= 1,
                "tagwire: choose at most one of tagwire::sint, tagwire::fixed and tagwire::sfixed");
  if constexpr (Form == shape::map) {
    static_assert(!(scalar_encoding<E> || ...),
                  "tagwire: encodings of a map field go in tagwire::key<...> and tagwire::value<...>");
  } else {
    static_assert(!(is_key_encoding<E>::value || ...) && !(is_value_encoding<E>::value || ...),
                  "tagwire: tagwire::key and tagwire::value apply only to map fields");
    static_assert(!has_encoding<sint, E...> || signed_int<Element>,
                  "tagwire: tagwire::sint needs a signed integer member (int32_t or int64_t)");
    static_assert(!has_encoding<sfixed, E...> || signed_int<Element>,
                  "tagwire: tagwire::sfixed needs a signed integer member (int32_t or int64_t)");
    static_assert(!has_encoding<fixed, E...> || unsigned_int<Element>,
                  "tagwire: tagwire::fixed needs an unsigned integer member (uint32_t or uint64_t); "
                  "use tagwire::sfixed for signed ones");
    static_assert(!has_encoding<unpacked, E...> ||
                      (Form == shape::repeated && (std::is_arithmetic_v<Element> || std::is_enum_v<Element>)),
                  "tagwire: tagwire::unpacked applies only to repeated scalar fields");
    static_assert(!has_encoding<bytes, E...> || string_like<Element> || string_view_like<Element>,
                  "tagwire: tagwire::bytes applies only to string members");
    static_assert(!has_encoding<group, E...> || std::is_class_v<Element>,
                  "tagwire: tagwire::group applies only to message members");
    static_assert(!has_encoding<required, E...> || (Form != shape::repeated && Form != shape::alternative),
                  "tagwire: tagwire::required applies only to singular fields");
  }
  return true;
}

}  // namespace detail
}  // namespace tagwire
