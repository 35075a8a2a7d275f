// tagwire — field descriptors and the TAGWIRE_MESSAGE / TAGWIRE_FIELD / TAGWIRE_ONEOF /
// TAGWIRE_UNKNOWN macros.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "type_map.hpp"
#include "wire.hpp"

namespace tagwire {

namespace detail {
template <class>
struct member_pointer_traits;
template <class C, class M>
struct member_pointer_traits<M C::*> {
  using class_type = C;
  using member_type = M;
};

template <std::int64_t Number>
consteval bool check_number() {
  static_assert(Number >= 1 && Number <= max_field_number, "tagwire: field numbers must be in 1..536870911");
  static_assert(Number < first_reserved_field_number || Number > last_reserved_field_number,
                "tagwire: field numbers 19000..19999 are reserved by protobuf");
  return true;
}
}  // namespace detail

/// Describes one field: its number, the data member it lives in and its encoding overrides.
/// `name` is used for text dumps, schemas and errors. This is the macro-free form:
///   tagwire::field<1, &point::x>{"x"}, tagwire::field<2, &point::dy, tagwire::sint>{"dy"}
template <std::int64_t Number, auto Member, class... Encodings>
struct field {
  static_assert(std::is_member_object_pointer_v<decltype(Member)>,
                "tagwire: a field needs a pointer to a data member, as in &T::member");
  static_assert(detail::check_number<Number>());
  static_assert((detail::encoding<Encodings> && ...),
                "tagwire: unknown encoding; use tagwire::sint, fixed, sfixed, unpacked, bytes, group, required, "
                "key<...> or value<...>");

  using class_type = typename detail::member_pointer_traits<decltype(Member)>::class_type;
  using member_type = typename detail::member_pointer_traits<decltype(Member)>::member_type;
  using element_type = detail::element_t<member_type>;
  static constexpr std::uint32_t number = static_cast<std::uint32_t>(Number);
  static constexpr auto member = Member;
  static constexpr detail::shape form = detail::shape_of<member_type>();
  template <class E>
  static constexpr bool has = detail::has_encoding<E, Encodings...>;
  using key_encodings = typename detail::find_wrapper<key, Encodings...>::type;
  using value_encodings = typename detail::find_wrapper<value, Encodings...>::type;

  static_assert(detail::check_encodings<element_type, form, Encodings...>());

  std::string_view name{};
};

/// One alternative of a oneof: its field number and encodings (TAGWIRE_ALT).
template <std::int64_t Number, class... Encodings>
struct alt {
  static_assert(detail::check_number<Number>());
  static_assert((detail::scalar_encoding<Encodings> && ...),
                "tagwire: a oneof alternative takes tagwire::sint, fixed, sfixed, bytes or group");
  static constexpr std::int64_t number = Number;
  std::string_view name{};
};

/// A std::variant<std::monostate, A, B, ...> member as a oneof: one alt per alternative, in order.
template <auto Member, class... Alts>
struct oneof {
  using class_type = typename detail::member_pointer_traits<decltype(Member)>::class_type;
  using member_type = typename detail::member_pointer_traits<decltype(Member)>::member_type;
  static constexpr auto member = Member;
  static_assert(detail::is_variant<member_type>::value &&
                    std::is_same_v<std::variant_alternative_t<0, member_type>, std::monostate> &&
                    std::variant_size_v<member_type> == sizeof...(Alts) + 1,
                "tagwire: a oneof member must be std::variant<std::monostate, A, B, ...> with one "
                "TAGWIRE_ALT per alternative after std::monostate, in order");
  std::string_view name{};
  std::tuple<Alts...> alts{};
};

/// The alternative at variant index Index of a oneof, as the encoder and decoder see it.
template <auto Member, std::size_t Index, class Alt>
struct oneof_alt;
template <auto Member, std::size_t Index, std::int64_t Number, class... Encodings>
struct oneof_alt<Member, Index, alt<Number, Encodings...>> {
  using class_type = typename detail::member_pointer_traits<decltype(Member)>::class_type;
  using member_type = typename detail::member_pointer_traits<decltype(Member)>::member_type;
  using element_type = std::variant_alternative_t<Index, member_type>;
  static constexpr std::uint32_t number = static_cast<std::uint32_t>(Number);
  static constexpr auto member = Member;
  static constexpr std::size_t index = Index;
  static constexpr detail::shape form = detail::shape::alternative;
  template <class E>
  static constexpr bool has = detail::has_encoding<E, Encodings...>;
  static_assert(detail::check_encodings<element_type, form, Encodings...>());
  std::string_view name{};
  std::string_view oneof_name{};
};

/// Keeps the records a message does not know, in arrival order (TAGWIRE_UNKNOWN).
template <auto Member>
struct unknown {
  using class_type = typename detail::member_pointer_traits<decltype(Member)>::class_type;
  using member_type = typename detail::member_pointer_traits<decltype(Member)>::member_type;
  static constexpr auto member = Member;
  static_assert(detail::byte_container<member_type>,
                "tagwire: TAGWIRE_UNKNOWN needs a tagwire::unknown_fields (or byte container) member");
  std::string_view name{};
};

/// Field numbers lo..hi that a message retired and must never use again (TAGWIRE_RESERVED). A
/// field declared with such a number is a compile error; proto_schema exports the range.
template <std::int64_t Lo, std::int64_t Hi = Lo>
struct reserved {
  static_assert(Lo >= 1 && Lo <= Hi && Hi <= max_field_number,
                "tagwire: a reserved range is lo..hi with 1 <= lo <= hi <= 536870911");
  static constexpr std::uint32_t first = static_cast<std::uint32_t>(Lo);
  static constexpr std::uint32_t last = static_cast<std::uint32_t>(Hi);
};

namespace detail {
template <class X>
struct is_reserved : std::false_type {};
template <std::int64_t Lo, std::int64_t Hi>
struct is_reserved<reserved<Lo, Hi>> : std::true_type {};
template <class X>
struct is_field : std::false_type {};
template <std::int64_t N, auto M, class... E>
struct is_field<field<N, M, E...>> : std::true_type {};
template <class X>
struct is_oneof : std::false_type {};
template <auto M, class... A>
struct is_oneof<oneof<M, A...>> : std::true_type {};
template <class X>
struct is_unknown : std::false_type {};
template <auto M>
struct is_unknown<unknown<M>> : std::true_type {};
template <class X>
inline constexpr bool is_descriptor =
    is_field<X>::value || is_oneof<X>::value || is_unknown<X>::value || is_reserved<X>::value;

// True when no field number of the flattened tuple Flat lies in a reserved range among D...
template <class Flat, class... D>
consteval bool outside_reserved() {
  // clang-format off
  return []<std::size_t... I>(std::index_sequence<I...>) {
    [[maybe_unused]] const auto clear = [](std::uint32_t n) {
      return ([&] {
        if constexpr (is_reserved<D>::value) return n < D::first || n > D::last;
        else return true;
      }() && ... && true);
    };
    return (clear(std::tuple_element_t<I, Flat>::number) && ... && true);
  }(std::make_index_sequence<std::tuple_size_v<Flat>>{});
  // clang-format on
}

template <class A, class B>
consteval bool same_member() {
  if constexpr (is_reserved<A>::value || is_reserved<B>::value) return false;
  else if constexpr (std::is_same_v<decltype(A::member), decltype(B::member)>) return A::member == B::member;
  else return false;
}
// Each described member appears in exactly one descriptor (itself); a reserved range is no member.
template <class A, class... F>
consteval bool described_once() {
  if constexpr (is_reserved<A>::value) return true;
  else return (int{same_member<A, F>()} + ... + 0) == 1;
}
template <class... F>
consteval bool unique_members() {
  return (described_once<F, F...>() && ... && true);
}

// Descriptors flattened for the codec: a oneof becomes one oneof_alt per alternative.
template <class D>
constexpr auto flatten_one(const D& d) {
  if constexpr (is_field<D>::value) {
    return std::tuple<D>{d};
  } else if constexpr (is_oneof<D>::value) {
    // clang-format off
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return std::tuple<oneof_alt<D::member, I + 1, std::tuple_element_t<I, decltype(d.alts)>>...>{
          {std::get<I>(d.alts).name, d.name}...};
    }(std::make_index_sequence<std::tuple_size_v<decltype(d.alts)>>{});
    // clang-format on
  } else {
    return std::tuple<>{};
  }
}

// The flattened descriptor types: D... itself when all are plain fields (no std::tuple_cat, which
// is costly to instantiate).
template <bool AllFields, class... D>
struct flat_fields {
  using type = decltype(std::tuple_cat(flatten_one(std::declval<const D&>())...));
};
template <class... D>
struct flat_fields<true, D...> {
  using type = std::tuple<D...>;
};
template <class... D>
using flat_fields_t = typename flat_fields<(is_field<D>::value && ...), D...>::type;

template <class... F>
consteval bool unique_numbers() {
  const std::uint32_t n[] = {0u, F::number...};
  for (std::size_t i = 1; i < sizeof...(F) + 1; ++i)
    for (std::size_t j = i + 1; j < sizeof...(F) + 1; ++j)
      if (n[i] == n[j]) return false;
  return true;
}

// True when no two TAGWIRE_RESERVED ranges among D... overlap (protoc rejects overlaps).
template <class A, class B>
consteval bool disjoint() {
  if constexpr (is_reserved<A>::value && is_reserved<B>::value) return A::last < B::first || B::last < A::first;
  else return true;
}
template <class A, class... D>
consteval bool overlaps_only_itself() {
  if constexpr (is_reserved<A>::value) return (int{!disjoint<A, D>()} + ... + 0) == 1;
  else return true;
}
template <class... D>
consteval bool reserved_disjoint() {
  return (overlaps_only_itself<D, D...>() && ... && true);
}

template <class... D>
constexpr std::tuple<D...> make_fields(D... d) noexcept {
  static_assert((is_descriptor<D> && ...),
                "tagwire: TAGWIRE_MESSAGE takes TAGWIRE_FIELD, TAGWIRE_ONEOF, TAGWIRE_UNKNOWN and TAGWIRE_RESERVED");
  using flat = flat_fields_t<D...>;
  static_assert(
      []<std::size_t... I>(std::index_sequence<I...>) {
        return unique_numbers<std::tuple_element_t<I, flat>...>();
      }(std::make_index_sequence<std::tuple_size_v<flat>>{}),
      "tagwire: duplicate field number in a message");
  static_assert(unique_members<D...>(), "tagwire: a member is described by two fields");
  static_assert((int{is_unknown<D>::value} + ... + 0) <= 1, "tagwire: a message has at most one TAGWIRE_UNKNOWN");
  static_assert(outside_reserved<flat, D...>(), "tagwire: a field number lies in a reserved range of its message");
  static_assert(reserved_disjoint<D...>(), "tagwire: reserved ranges of a message overlap");
  return {d...};
}

template <auto Member, class... Alts>
constexpr oneof<Member, Alts...> make_oneof(std::string_view name, Alts... alts) noexcept {
  return {name, {alts...}};
}
}  // namespace detail

/// Specialise for a type you cannot edit:
///   template <> struct tagwire::descriptor<their::point> {
///     static constexpr auto fields = std::tuple{tagwire::field<1, &their::point::x>{"x"}};
///   };
template <class T>
struct descriptor;

namespace detail {
template <class T>
concept has_adl_fields = requires(const T* p) {
  tagwire_fields(p);
};
template <class T>
concept has_descriptor = requires {
  descriptor<T>::fields;
};
}  // namespace detail

/// A type with a field descriptor: TAGWIRE_MESSAGE, a tagwire_fields(const T*) function
/// found by ADL, or a tagwire::descriptor<T> specialisation.
// clang-format off
template <class T>
concept message = std::is_class_v<T> && (detail::has_adl_fields<T> || detail::has_descriptor<T>);
// clang-format on

/// Returns the tuple of descriptors of T, as declared.
template <message T>
[[nodiscard]] constexpr auto fields_of() noexcept {
  if constexpr (detail::has_descriptor<T>) return descriptor<T>::fields;
  else return tagwire_fields(static_cast<const T*>(nullptr));
}

}  // namespace tagwire

/// One field of TAGWIRE_MESSAGE: TAGWIRE_FIELD(number, member[, encoding...]).
#define TAGWIRE_FIELD(number, member, ...) \
  ::tagwire::field<(number), &tagwire_self::member __VA_OPT__(, ) __VA_ARGS__> { #member }

/// A std::variant<std::monostate, A, B...> member as a oneof:
///   TAGWIRE_ONEOF(member, TAGWIRE_ALT(number, name[, encoding...]), ...) — one per alternative.
#define TAGWIRE_ONEOF(member, ...) ::tagwire::detail::make_oneof<&tagwire_self::member>(#member, __VA_ARGS__)
// clang-format off
#define TAGWIRE_ALT(number, name, ...) \
  ::tagwire::alt<(number) __VA_OPT__(, ) __VA_ARGS__> { #name }

/// Retires field numbers: TAGWIRE_RESERVED(5) or TAGWIRE_RESERVED(9, 11) (a range, inclusive).
#define TAGWIRE_RESERVED(...) ::tagwire::reserved<__VA_ARGS__> {}

/// Keeps unknown records in a tagwire::unknown_fields member and writes them back.
#define TAGWIRE_UNKNOWN(member) ::tagwire::unknown<&tagwire_self::member> { #member }
// clang-format on

/// Describes struct `type` at namespace scope beside it:
///   TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y, tagwire::sint));
/// Expands to a constexpr function found by argument-dependent lookup.
#define TAGWIRE_MESSAGE(type, ...)                                       \
  [[maybe_unused]] constexpr auto tagwire_fields(const type*) noexcept { \
    using tagwire_self = type;                                           \
    return ::tagwire::detail::make_fields(__VA_ARGS__);                  \
  }                                                                      \
  static_assert(true)
