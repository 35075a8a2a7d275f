// tagwire — field descriptors and the TAGWIRE_MESSAGE / TAGWIRE_FIELD macros.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "type_map.hpp"
#include "wire.hpp"

namespace tagwire {

namespace detail {
template <class> struct member_pointer_traits;
template <class C, class M> struct member_pointer_traits<M C::*> {
  using class_type = C;
  using member_type = M;
};
}  // namespace detail

/// Describes one field: its number, the data member it lives in and its encoding overrides.
/// `name` is used for text dumps, schemas and errors. This is the macro-free form:
///   tagwire::field<1, &point::x>{"x"}, tagwire::field<2, &point::dy, tagwire::sint>{"dy"}
template <std::int64_t Number, auto Member, class... Encodings>
struct field {
  static_assert(std::is_member_object_pointer_v<decltype(Member)>,
                "tagwire: a field needs a pointer to a data member, as in &T::member");
  static_assert(Number >= 1 && Number <= max_field_number, "tagwire: field numbers must be in 1..536870911");
  static_assert(Number < first_reserved_field_number || Number > last_reserved_field_number,
                "tagwire: field numbers 19000..19999 are reserved by protobuf");
  static_assert((detail::encoding<Encodings> && ...),
                "tagwire: unknown encoding; use tagwire::sint, fixed, sfixed, unpacked or bytes");

  using class_type = typename detail::member_pointer_traits<decltype(Member)>::class_type;
  using member_type = typename detail::member_pointer_traits<decltype(Member)>::member_type;
  using element_type = detail::element_t<member_type>;
  static constexpr std::uint32_t number = static_cast<std::uint32_t>(Number);
  static constexpr auto member = Member;
  template <class E>
  static constexpr bool has = detail::has_encoding<E, Encodings...>;

  static_assert(((detail::count_encoding<Encodings, Encodings...> == 1) && ...),
                "tagwire: an encoding is named twice in one field");
  static_assert(int{has<sint>} + int{has<fixed>} + int{has<sfixed>} <= 1,
                "tagwire: choose at most one of tagwire::sint, tagwire::fixed and tagwire::sfixed");
  static_assert(!has<sint> || detail::signed_int<element_type>,
                "tagwire: tagwire::sint needs a signed integer member (int32_t or int64_t)");
  static_assert(!has<sfixed> || detail::signed_int<element_type>,
                "tagwire: tagwire::sfixed needs a signed integer member (int32_t or int64_t)");
  static_assert(!has<fixed> || detail::unsigned_int<element_type>,
                "tagwire: tagwire::fixed needs an unsigned integer member (uint32_t or uint64_t); "
                "use tagwire::sfixed for signed ones");
  static_assert(!has<unpacked> || (detail::shape_of<member_type>() == detail::shape::repeated &&
                                   (std::is_arithmetic_v<element_type> || std::is_enum_v<element_type>)),
                "tagwire: tagwire::unpacked applies only to repeated scalar fields");
  static_assert(!has<bytes> || detail::string_like<element_type>,
                "tagwire: tagwire::bytes applies only to std::string members");

  std::string_view name{};
};

namespace detail {
template <class X>
struct is_field : std::false_type {};
template <std::int64_t N, auto M, class... E>
struct is_field<field<N, M, E...>> : std::true_type {};

template <class A, class B>
consteval bool same_member() {
  if constexpr (std::is_same_v<decltype(A::member), decltype(B::member)>) return A::member == B::member;
  else return false;
}
// Each field's member appears in exactly one field (itself).
template <class... F>
consteval bool unique_members() {
  return ([]<class A>() { return (int{same_member<A, F>()} + ... + 0) == 1; }.template operator()<F>() && ... && true);
}

template <class... F>
consteval bool unique_numbers() {
  const std::uint32_t n[] = {0u, F::number...};
  for (std::size_t i = 1; i < sizeof...(F) + 1; ++i)
    for (std::size_t j = i + 1; j < sizeof...(F) + 1; ++j)
      if (n[i] == n[j]) return false;
  return true;
}

template <class... F>
constexpr std::tuple<F...> make_fields(F... f) noexcept {
  static_assert(unique_numbers<F...>(), "tagwire: duplicate field number in a message");
  static_assert(unique_members<F...>(), "tagwire: a member is described by two fields");
  return {f...};
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
concept has_adl_fields = requires(const T* p) { tagwire_fields(p); };
template <class T>
concept has_descriptor = requires { descriptor<T>::fields; };
}  // namespace detail

/// A type with a field descriptor: TAGWIRE_MESSAGE, a tagwire_fields(const T*) function
/// found by ADL, or a tagwire::descriptor<T> specialisation.
template <class T>
concept message = std::is_class_v<T> && (detail::has_adl_fields<T> || detail::has_descriptor<T>);

/// Returns the tuple of field descriptors of T.
template <message T>
[[nodiscard]] constexpr auto fields_of() noexcept {
  if constexpr (detail::has_descriptor<T>) return descriptor<T>::fields;
  else return tagwire_fields(static_cast<const T*>(nullptr));
}

}  // namespace tagwire

/// One field of TAGWIRE_MESSAGE: TAGWIRE_FIELD(number, member[, encoding...]).
#define TAGWIRE_FIELD(number, member, ...) \
  ::tagwire::field<(number), &tagwire_self::member __VA_OPT__(, ) __VA_ARGS__> { #member }

/// Describes struct `type` at namespace scope beside it:
///   TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y, tagwire::sint));
/// Expands to a constexpr function found by argument-dependent lookup.
#define TAGWIRE_MESSAGE(type, ...)                                                \
  [[maybe_unused]] constexpr auto tagwire_fields(const type*) noexcept {          \
    using tagwire_self = type;                                                    \
    return ::tagwire::detail::make_fields(__VA_ARGS__);                           \
  }                                                                               \
  static_assert(true)
