// tagwire — reflection: visit the fields of a message with their names, numbers and proto types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "codec.hpp"
#include "size.hpp"

namespace tagwire {

/// The protobuf type of a field's values (of a map's values; see field_view::key_type for keys).
enum class proto_type : std::uint8_t {
  int32,
  int64,
  uint32,
  uint64,
  sint32,
  sint64,
  fixed32,
  fixed64,
  sfixed32,
  sfixed64,
  bool_,
  enum_,
  float_,
  double_,
  string,
  bytes,
  message,
  group
};

/// How a field holds its values.
enum class field_label : std::uint8_t {
  singular,  ///< a plain member: implicit presence (not written when zero or empty), or required
  optional,  ///< std::optional, std::unique_ptr or tagwire::box: explicit presence
  repeated,  ///< a container, a tagwire::packed_view or a tagwire::repeated_view
  map,       ///< a map container
  oneof      ///< one alternative of a TAGWIRE_ONEOF variant
};

/// Returns the .proto spelling of `t` ("int32", "bool", "enum", "float", "double", "group", ...).
[[nodiscard]] constexpr std::string_view to_string(proto_type t) noexcept {
  constexpr std::string_view names[] = {"int32",   "int64",   "uint32",   "uint64",   "sint32",  "sint64",
                                        "fixed32", "fixed64", "sfixed32", "sfixed64", "bool",    "enum",
                                        "float",   "double",  "string",   "bytes",    "message", "group"};
  return names[static_cast<std::size_t>(t)];
}

/// Returns the name of `l` ("singular", "optional", "repeated", "map", "oneof").
[[nodiscard]] constexpr std::string_view to_string(field_label l) noexcept {
  constexpr std::string_view names[] = {"singular", "optional", "repeated", "map", "oneof"};
  return names[static_cast<std::size_t>(l)];
}

namespace detail {

// The kind of the values a packed_view<T, E...> holds.
template <class V>
struct packed_view_kind;
template <class T, class... E>
struct packed_view_kind<packed_view<T, E...>> {
  static constexpr kind value = field_meta<part<1, T, key<E...>>>::k;
};

constexpr proto_type proto_type_of(kind k) noexcept {
  switch (k) {
    case kind::int32: return proto_type::int32;
    case kind::int64: return proto_type::int64;
    case kind::uint32: return proto_type::uint32;
    case kind::uint64: return proto_type::uint64;
    case kind::sint32: return proto_type::sint32;
    case kind::sint64: return proto_type::sint64;
    case kind::fixed32: return proto_type::fixed32;
    case kind::fixed64: return proto_type::fixed64;
    case kind::sfixed32: return proto_type::sfixed32;
    case kind::sfixed64: return proto_type::sfixed64;
    case kind::boolean: return proto_type::bool_;
    case kind::enumeration: return proto_type::enum_;
    case kind::float32: return proto_type::float_;
    case kind::float64: return proto_type::double_;
    case kind::string: return proto_type::string;
    case kind::bytes: return proto_type::bytes;
    case kind::message: return proto_type::message;
    default: return proto_type::group;  // kind::group; packed_view and unsupported never get here
  }
}

// The kind of one value of field F: a packed view's elements, a map's values.
template <class F>
constexpr kind value_kind() noexcept {
  using M = field_meta<F>;
  if constexpr (M::is_map) return map_meta<F>::V::k;
  else if constexpr (M::k == kind::packed_view) return packed_view_kind<typename M::value_type>::value;
  else return M::k;
}

template <class F>
constexpr field_label label_of() noexcept {
  using M = field_meta<F>;
  if constexpr (M::form == shape::optional || M::form == shape::pointer) return field_label::optional;
  else if constexpr (M::form == shape::repeated || M::k == kind::packed_view) return field_label::repeated;
  else if constexpr (M::form == shape::map) return field_label::map;
  else if constexpr (M::form == shape::alternative) return field_label::oneof;
  else return field_label::singular;
}

template <class F>
constexpr std::size_t alt_index() noexcept {
  if constexpr (F::form == shape::alternative) return F::index;
  else return 0;
}

// Map-only members of field_view.
template <class F, bool IsMap = field_meta<F>::is_map>
struct field_view_map_part {};
template <class F>
struct field_view_map_part<F, true> {
  /// The proto type of the map's keys.
  static constexpr proto_type key_type = proto_type_of(map_meta<F>::K::k);
};

}  // namespace detail

/// What for_each_field passes to its visitor for one field of a message of type Msg (const
/// Msg when the message is const). The static members are compile-time constants: in generic
/// code use `decltype(f)::type` (or take the view by value) inside `if constexpr`.
template <class Msg, class F>
struct field_view : detail::field_view_map_part<F> {
  /// The descriptor (tagwire::field<...> or, for a oneof alternative, tagwire::oneof_alt<...>).
  using descriptor = F;
  /// The member's type, const when the message is.
  using member_type = std::conditional_t<std::is_const_v<Msg>, const typename F::member_type, typename F::member_type>;

  /// The field number.
  static constexpr std::uint32_t number = F::number;
  /// The proto type of one value: for a map its values' type, for a packed view its elements'.
  static constexpr proto_type type = detail::proto_type_of(detail::value_kind<F>());
  static constexpr field_label label = detail::label_of<F>();
  /// True for a tagwire::required field.
  static constexpr bool required = detail::field_meta<F>::is_required;
  /// For a oneof alternative, its index in the variant (std::monostate is 0); 0 otherwise.
  static constexpr std::size_t index = detail::alt_index<F>();

  /// The field's name: the member's (or alternative's) name as declared.
  std::string_view name;
  /// The name of the oneof (its variant member) for a oneof alternative; empty otherwise.
  std::string_view oneof;
  /// The member. For a oneof alternative: the whole std::variant, shared by its alternatives.
  member_type& value;

  /// Returns what the field holds: the member itself for singular, repeated and map fields;
  /// the held value of an optional or pointer member and the alternative of a oneof, or nullptr
  /// when there is none (or another alternative is active).
  [[nodiscard]] constexpr auto* get() const noexcept {
    if constexpr (label == field_label::oneof) {
      return std::get_if<index>(&value);
    } else if constexpr (label == field_label::optional) {
      // Const like the message, also through a pointer member.
      using element = typename F::element_type;
      using held_type = std::conditional_t<std::is_const_v<Msg>, const element, element>;
      return value ? static_cast<held_type*>(&*value) : nullptr;
    } else {
      return &value;
    }
  }

  /// Returns true when encoding writes this field: false for implicit-presence zero or empty
  /// values, an empty plain sub-message, an empty optional, an inactive alternative, an empty
  /// container; always true for a required field.
  [[nodiscard]] constexpr bool present() const noexcept {
    using M = detail::field_meta<F>;
    if constexpr (label == field_label::optional || label == field_label::oneof) {
      return detail::held<F>(value) != nullptr;
    } else if constexpr (M::is_required) {
      return true;
    } else if constexpr (label == field_label::repeated || label == field_label::map) {
      if constexpr (M::k == detail::kind::packed_view) return !value.bytes().empty();
      else return value.size() != 0;
    } else if constexpr (M::is_message) {
      return !detail::message_empty(value);
    } else if constexpr (M::scalar) {
      return detail::to_raw<M::k>(value) != 0;
    } else {
      return value.size() != 0;
    }
  }
};

/// Calls `visitor(tagwire::field_view<Msg, F>{...})` once for every field of `msg`, in
/// ascending field-number order (the order of the encoded output and of the text format).
/// Every alternative of a oneof is visited once, in that order, each with the whole variant
/// as `value` (use get() or present() for the active one). The TAGWIRE_UNKNOWN member is not a
/// field: see unknown_bytes(). With a non-const `msg` the visitor can change the members.
template <class Msg, class Visitor>
  requires message<std::remove_const_t<Msg>>
constexpr void for_each_field(Msg& msg, Visitor&& visitor) {
  using info = detail::message_info<std::remove_const_t<Msg>>;
  static_assert(info::valid);
  // clang-format off
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (
        [&] {
          using F = typename info::template field_t<info::order[I]>;
          const auto& d = std::get<info::order[I]>(info::fields);
          std::string_view oneof_name{};
          if constexpr (F::form == detail::shape::alternative) oneof_name = d.oneof_name;
          visitor(field_view<Msg, F>{{}, d.name, oneof_name, msg.*F::member});
        }(),
        ...);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
}

/// Returns the raw records `msg` keeps in its TAGWIRE_UNKNOWN member, or an empty span when
/// it has none (or declares none).
template <message T>
[[nodiscard]] constexpr std::span<const std::byte> unknown_bytes(const T& msg) noexcept {
  using info = detail::message_info<T>;
  if constexpr (info::keeps_unknown) {
    const auto& u = detail::unknown_member(msg);
    return std::as_bytes(std::span(std::data(u), std::size(u)));
  } else {
    (void)msg;
    return {};
  }
}

}  // namespace tagwire
