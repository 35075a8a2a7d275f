// tagwire — schema export: proto_schema<T...>(package) writes a .proto file that protoc accepts,
// declaring every message and enum reachable from the given types.
//
// Choices:
// - Names: a message or enum is named by TAGWIRE_NAME(type, "Name"), by a specialisation of
//   tagwire::proto_name<T> (for types you cannot edit), or else by its C++ name: the last
//   component, without namespaces or template arguments (ns::person -> person). Two reachable
//   types with the same name, or a name that is not a proto identifier, are compile errors.
// - Enums need TAGWIRE_ENUM (a compile error says so). Proto enumerators are siblings of their
//   enum in the package scope, so each is prefixed with the enum's name in UPPER_SNAKE_CASE
//   (color::red -> COLOR_RED), as protobuf's style guide asks; a clash is a compile error. The
//   zero enumerator comes first; an enum without one gets a synthetic `<ENUM>_UNSPECIFIED = 0;`
//   (proto3 needs it, and it is the default of a proto2 field, as tagwire's is 0). Duplicate
//   values get `option allow_alias = true;`. In a proto2 file other languages treat enums as
//   closed: a value with no enumerator is kept there as an unknown field.
// - Syntax: proto2 when any reachable message has a tagwire::required or tagwire::group field,
//   proto3 otherwise. Messages and enums are top-level declarations in discovery order (the
//   given types first, then breadth first by field number); a group is declared inline, named by
//   its field's name with the first letter in upper case (field `hdr` -> `group Hdr`, whose field
//   name protoc derives by lower-casing it all: keep group member names lower case). Type
//   references are qualified (.package.Name) only where a group of an enclosing scope has the
//   same name and would shadow them.
// - Fields in field-number order; a oneof is one block, at the place of its lowest alternative.
//   A field of a hand-written descriptor without a name is called field_<number>.
// - TAGWIRE_RESERVED ranges become `reserved` statements at the top of the message body.
// - Not emitted: unknown_fields members (not fields) and proto2 [default = ...] for member
//   initialisers (other languages read 0 / "" for an absent field, where tagwire keeps the
//   initialiser).
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "codec.hpp"
#include "enum.hpp"
#include "field.hpp"
#include "type_name.hpp"
#include "type_map.hpp"
#include "views.hpp"

namespace tagwire {

/// Specialise to name a message or enum you cannot edit:
///   template <> struct tagwire::proto_name<their::point> {
///     static constexpr std::string_view value = "Point";
///   };
template <class T>
struct proto_name;

namespace detail {

template <class T>
concept has_proto_name = requires {
  { proto_name<T>::value } -> std::convertible_to<std::string_view>;
};
template <class T>
concept has_adl_schema_name = requires(const T* p) {
  { tagwire_schema_name(p) } -> std::convertible_to<std::string_view>;
};

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
constexpr bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
constexpr char to_upper(char c) noexcept { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// A proto identifier: [A-Za-z_][A-Za-z0-9_]*.
constexpr bool is_proto_identifier(std::string_view s) noexcept {
  if (s.empty() || !(is_alpha(s[0]) || s[0] == '_')) return false;
  for (char c : s)
    if (!(is_alpha(c) || is_digit(c) || c == '_')) return false;
  return true;
}

// "phone_type" -> "PHONE_TYPE", "PhoneType" -> "PHONE_TYPE": upper case, with '_' before an
// upper-case letter that follows a lower-case letter or a digit.
template <class Put>
constexpr void upper_snake(std::string_view s, Put&& put) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && is_upper(s[i]) && (is_lower(s[i - 1]) || is_digit(s[i - 1]))) put('_');
    put(to_upper(s[i]));
  }
}

}  // namespace detail

/// The proto name of a message or enum: TAGWIRE_NAME, tagwire::proto_name<T>, or the last
/// component of its C++ name.
template <class T>
[[nodiscard]] constexpr std::string_view schema_name() noexcept {
  if constexpr (detail::has_proto_name<T>) return proto_name<T>::value;
  else if constexpr (detail::has_adl_schema_name<T>) return tagwire_schema_name(static_cast<const T*>(nullptr));
  else return detail::derived_name<T>::value;
}

namespace detail {

// ---- the reachable types, at compile time ------------------------------------------------

template <class... T>
struct type_list {};
// A message reached through a group field: its body is declared inline, not at the top level.
template <class G>
struct as_group {};

template <class... A, class... B>
constexpr type_list<A..., B...> operator+(type_list<A...>, type_list<B...>) noexcept {
  return {};
}

template <class T, class List>
inline constexpr bool list_has = false;
template <class T, class... L>
inline constexpr bool list_has<T, type_list<L...>> = (std::is_same_v<T, L> || ...);

template <class X>
struct packed_inner;
template <class T, class... E>
struct packed_inner<packed_view<T, E...>> {
  using meta = field_meta<part<1, T, key<E...>>>;
};

// What a field of this kind and value type refers to: a message, an enum, a group body or nothing.
template <kind K, class V>
constexpr auto refs_of() noexcept {
  if constexpr (K == kind::message || K == kind::enumeration) return type_list<V>{};
  else if constexpr (K == kind::group) return type_list<as_group<V>>{};
  else if constexpr (K == kind::packed_view)
    return refs_of<packed_inner<V>::meta::k, typename packed_inner<V>::meta::value_type>();
  else return type_list<>{};
}

template <class F>
constexpr auto field_refs() noexcept {
  using M = field_meta<F>;
  if constexpr (M::is_map) {
    using V = typename map_meta<F>::V;
    return refs_of<V::k, typename V::value_type>();
  } else {
    return refs_of<M::k, typename M::value_type>();
  }
}

template <class T>
struct body {
  using type = T;
};
template <class G>
struct body<as_group<G>> {
  using type = G;
};
template <class X>
using body_t = typename body<X>::type;

// The types a message (or group body) refers to, in field-number order; nothing for an enum.
template <class X>
constexpr auto children_of() noexcept {
  using T = body_t<X>;
  if constexpr (std::is_enum_v<T>) {
    return type_list<>{};
  } else {
    using info = message_info<T>;
    // clang-format off
    return [&]<std::size_t... P>(std::index_sequence<P...>) {
      return (type_list<>{} + ... + field_refs<typename info::template field_t<info::order[P]>>());
    }(std::make_index_sequence<info::count>{});
    // clang-format on
  }
}

// Breadth-first closure: Done holds each type once, in discovery order.
template <class Done, class Todo>
struct closure;
template <class... D>
struct closure<type_list<D...>, type_list<>> {
  using type = type_list<D...>;
};
template <class... D, class H, class... R>
struct closure<type_list<D...>, type_list<H, R...>> {
  using type =
      typename std::conditional_t<list_has<H, type_list<D...>>, closure<type_list<D...>, type_list<R...>>,
                                  closure<type_list<D..., H>, decltype(type_list<R...>{} + children_of<H>())>>::type;
};

template <class... Roots>
using reachable = typename closure<type_list<>, type_list<Roots...>>::type;

// ---- checks on the reachable set ---------------------------------------------------------

template <class T>
consteval bool uses_proto2() {
  using info = message_info<T>;
  // clang-format off
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return ((field_meta<typename info::template field_t<I>>::is_required ||
             field_meta<typename info::template field_t<I>>::k == kind::group) || ... || false);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
}

template <class X>
consteval bool proto2_one() {
  if constexpr (std::is_enum_v<body_t<X>>) return false;
  else return uses_proto2<body_t<X>>();
}
template <class... X>
consteval bool any_proto2(type_list<X...>) {
  return (proto2_one<X>() || ... || false);
}

// A group body is declared inline, so a chain of group fields leading back to a type in the
// chain would be infinite: .proto cannot express it.
template <class T, class... Chain>
consteval bool groups_acyclic() {
  using info = message_info<T>;
  // clang-format off
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return ([]<class F>() {
      using M = field_meta<F>;
      if constexpr (M::is_map || M::k != kind::group) {
        return true;
      } else {
        using G = typename M::value_type;
        if constexpr (std::is_same_v<G, T> || (std::is_same_v<G, Chain> || ...)) return false;
        else return groups_acyclic<G, T, Chain...>();
      }
    }.template operator()<typename info::template field_t<I>>() && ... && true);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
}

template <class X>
consteval bool acyclic_one() {
  if constexpr (std::is_enum_v<X>) return true;
  else return groups_acyclic<body_t<X>>();
}

template <class X>
consteval bool enum_described() {
  if constexpr (std::is_enum_v<X>) return described_enum<X>;
  else return true;
}

template <class X>
inline constexpr bool top_level = !std::is_same_v<X, as_group<body_t<X>>>;

template <class X>
consteval bool name_valid() {
  if constexpr (top_level<X>) return is_proto_identifier(schema_name<X>());
  else return true;
}

// A name in the package scope: `name` as it is, or UPPER_SNAKE(prefix) + "_" + UPPER_SNAKE(name).
struct package_symbol {
  std::string_view prefix;
  std::string_view name;
};

constexpr std::vector<char> render(const package_symbol& s) {
  std::vector<char> out;
  auto put = [&](char c) { out.push_back(c); };
  if (s.prefix.empty()) {
    for (char c : s.name) out.push_back(c);
  } else {
    upper_snake(s.prefix, put);
    out.push_back('_');
    upper_snake(s.name, put);
  }
  return out;
}

template <class E>
constexpr bool has_zero_enumerator() noexcept {
  for (const auto& e : enum_entries<E>())
    if (static_cast<std::int32_t>(static_cast<std::underlying_type_t<E>>(e.value)) == 0) return true;
  return false;
}

template <class X>
constexpr void add_symbols(std::vector<package_symbol>& out) {
  if constexpr (top_level<X>) {
    out.push_back({{}, schema_name<X>()});
    if constexpr (described_enum<X>) {
      if (!has_zero_enumerator<X>()) out.push_back({schema_name<X>(), "unspecified"});
      for (const auto& e : enum_entries<X>()) out.push_back({schema_name<X>(), e.name});
    }
  }
}

template <class... X>
consteval bool symbols_unique(type_list<X...>) {
  std::vector<package_symbol> symbols;
  (add_symbols<X>(symbols), ...);
  for (std::size_t i = 0; i < symbols.size(); ++i)
    for (std::size_t j = i + 1; j < symbols.size(); ++j)
      if (render(symbols[i]) == render(symbols[j])) return false;
  return true;
}

template <class... X>
consteval bool check_schema(type_list<X...> all) {
  static_assert((enum_described<X>() && ...),
                "tagwire: proto_schema needs the names of every enum it declares: add "
                "TAGWIRE_ENUM(type, enumerators...) beside the enum");
  if constexpr ((enum_described<X>() && ...)) {
    static_assert((name_valid<X>() && ...),
                  "tagwire: a message or enum name is not a proto identifier ([A-Za-z_][A-Za-z0-9_]*): "
                  "name it with TAGWIRE_NAME(type, \"Name\")");
    static_assert(symbols_unique(all),
                  "tagwire: two messages or enums (or prefixed enumerators) of one schema have the same "
                  "name: rename one with TAGWIRE_NAME(type, \"Name\")");
    static_assert((acyclic_one<X>() && ...),
                  "tagwire: a group field leads back to its own type through groups only, which .proto "
                  "cannot express (a group is declared inline): make one of them a plain message field");
  }
  return true;
}

// ---- writing -------------------------------------------------------------------------------

struct schema_writer {
  std::string out;
  std::string_view package;
  bool proto2 = false;
  // The group names declared in each enclosing scope: a reference to such a name is qualified.
  std::vector<std::string> shadows;

  void indent(int level) { out.append(static_cast<std::size_t>(level) * 2, ' '); }

  void type_ref(std::string_view name) {
    bool shadowed = false;
    for (const auto& s : shadows) shadowed = shadowed || s == name;
    if (shadowed) {
      out += '.';
      if (!package.empty()) {
        out += package;
        out += '.';
      }
    }
    out += name;
  }
};

constexpr std::string_view scalar_keyword(kind k) noexcept {
  switch (k) {
    case kind::int32: return "int32";
    case kind::int64: return "int64";
    case kind::uint32: return "uint32";
    case kind::uint64: return "uint64";
    case kind::sint32: return "sint32";
    case kind::sint64: return "sint64";
    case kind::fixed32: return "fixed32";
    case kind::fixed64: return "fixed64";
    case kind::sfixed32: return "sfixed32";
    case kind::sfixed64: return "sfixed64";
    case kind::boolean: return "bool";
    case kind::float32: return "float";
    case kind::float64: return "double";
    case kind::string: return "string";
    case kind::bytes: return "bytes";
    default: return "";
  }
}

template <kind K, class V>
void write_type(schema_writer& w) {
  if constexpr (K == kind::message || K == kind::enumeration) w.type_ref(schema_name<V>());
  else if constexpr (K == kind::packed_view)
    write_type<packed_inner<V>::meta::k, typename packed_inner<V>::meta::value_type>(w);
  else w.out += scalar_keyword(K);
}

// The name of a group declared by field `name`: its first letter in upper case.
inline std::string group_name(std::string_view name) {
  std::string g(name);
  if (!g.empty()) g[0] = to_upper(g[0]);
  return g;
}

template <class T>
void write_body(schema_writer& w, int level);

template <class F>
std::string field_name(const F& f) {
  if (!f.name.empty()) return std::string(f.name);
  return "field_" + std::to_string(F::number);  // a hand-written descriptor without a name
}

template <class T, std::size_t I>
void write_field(schema_writer& w, int level, bool in_oneof) {
  using info = message_info<T>;
  using F = typename info::template field_t<I>;
  using M = field_meta<F>;
  const F& f = std::get<I>(info::fields);
  const std::string name = field_name(f);
  w.indent(level);
  if constexpr (M::is_map) {
    using MM = map_meta<F>;
    w.out += "map<";
    write_type<MM::K::k, typename MM::K::value_type>(w);
    w.out += ", ";
    write_type<MM::V::k, typename MM::V::value_type>(w);
    w.out += "> ";
  } else {
    const bool repeated = M::form == shape::repeated || M::k == kind::packed_view;
    if (in_oneof) {
    } else if (repeated) {
      w.out += "repeated ";
    } else if (w.proto2) {
      w.out += M::is_required ? "required " : "optional ";
    } else if ((M::form == shape::optional || M::form == shape::pointer) && !M::is_message) {
      w.out += "optional ";
    }
    if constexpr (M::k == kind::group) {
      static_assert(std::get<I>(info::fields).name.empty() || is_alpha(std::get<I>(info::fields).name[0]),
                    "tagwire: a group's name is its field's name capitalised, and must start with a letter");
      const std::string g = group_name(name);
      w.out += "group ";
      w.out += g;
      w.out += " = ";
      w.out += std::to_string(F::number);
      w.out += " {\n";
      write_body<typename M::value_type>(w, level + 1);
      w.indent(level);
      w.out += "}\n";
      return;
    }
    write_type<M::k, typename M::value_type>(w);
    w.out += ' ';
  }
  w.out += name;
  w.out += " = ";
  w.out += std::to_string(F::number);
  if constexpr (M::k == kind::packed_view) {
    if (w.proto2) w.out += " [packed = true]";
  } else if constexpr (M::form == shape::repeated && M::scalar) {
    if (M::packed && w.proto2) w.out += " [packed = true]";
    if (!M::packed && !w.proto2) w.out += " [packed = false]";
  }
  w.out += ";\n";
}

// Whether the field at sorted position P is a oneof alternative whose oneof starts earlier.
template <class T, std::size_t P>
consteval bool oneof_seen_before() {
  using info = message_info<T>;
  using F = typename info::template field_t<info::order[P]>;
  // clang-format off
  return []<std::size_t... Q>(std::index_sequence<Q...>) {
    return (same_member<typename info::template field_t<info::order[Q]>, F>() || ... || false);
  }(std::make_index_sequence<P>{});
  // clang-format on
}

template <class T, std::size_t P>
void write_at(schema_writer& w, int level) {
  using info = message_info<T>;
  constexpr std::size_t I = info::order[P];
  using F = typename info::template field_t<I>;
  if constexpr (F::form != shape::alternative) {
    write_field<T, I>(w, level, false);
  } else if constexpr (!oneof_seen_before<T, P>()) {
    const std::string_view oneof_name = std::get<I>(info::fields).oneof_name;
    w.indent(level);
    w.out += "oneof ";
    if (!oneof_name.empty()) w.out += oneof_name;
    else w.out += "oneof_" + std::to_string(F::number);
    w.out += " {\n";
    // clang-format off
    [&]<std::size_t... Q>(std::index_sequence<Q...>) {
      ([&] {
        using G = typename info::template field_t<info::order[Q]>;
        if constexpr (same_member<G, F>()) write_field<T, info::order[Q]>(w, level + 1, true);
      }(), ...);
    }(std::make_index_sequence<info::count>{});
    // clang-format on
    w.indent(level);
    w.out += "}\n";
  }
}

// Appends ", 9 to 11" (or "5") for a TAGWIRE_RESERVED descriptor; nothing for the others.
template <class R>
void append_reserved(std::string& ranges) {
  if constexpr (is_reserved<R>::value) {
    if (!ranges.empty()) ranges += ", ";
    ranges += std::to_string(R::first);
    if constexpr (R::last != R::first) ranges += " to " + std::to_string(R::last);
  }
}

// `reserved 2, 9 to 11;` for the message's TAGWIRE_RESERVED ranges, if any.
template <class T>
void write_reserved(schema_writer& w, int level) {
  using info = message_info<T>;
  std::string ranges;
  // clang-format off
  [&]<std::size_t... D>(std::index_sequence<D...>) {
    (append_reserved<std::tuple_element_t<D, typename info::declared_type>>(ranges), ...);
  }(std::make_index_sequence<info::declared_count>{});
  // clang-format on
  if (ranges.empty()) return;
  w.indent(level);
  w.out += "reserved " + ranges + ";\n";
}

template <class T>
void write_body(schema_writer& w, int level) {
  using info = message_info<T>;
  write_reserved<T>(w, level);
  // This scope's groups shadow top-level names inside it.
  const std::size_t shadows_before = w.shadows.size();
  // clang-format off
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ([&] {
      using M = field_meta<typename info::template field_t<I>>;
      if constexpr (!M::is_map && M::k == kind::group)
        w.shadows.push_back(group_name(field_name(std::get<I>(info::fields))));
    }(), ...);
  }(std::make_index_sequence<info::count>{});
  [&]<std::size_t... P>(std::index_sequence<P...>) {
    (write_at<T, P>(w, level), ...);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
  w.shadows.resize(shadows_before);
}

template <class E>
void write_enum(schema_writer& w) {
  static_assert(sizeof(E) <= 4, "tagwire: enum fields need an underlying type of at most 32 bits");
  constexpr auto entries = enum_entries<E>();
  auto value_of = [](E e) { return static_cast<std::int32_t>(static_cast<std::underlying_type_t<E>>(e)); };
  auto line = [&](std::string_view enumerator, std::int32_t value) {
    w.indent(1);
    upper_snake(schema_name<E>(), [&](char c) { w.out += c; });
    w.out += '_';
    upper_snake(enumerator, [&](char c) { w.out += c; });
    w.out += " = ";
    w.out += std::to_string(value);
    w.out += ";\n";
  };
  w.out += "enum ";
  w.out += schema_name<E>();
  w.out += " {\n";
  bool alias = false;
  for (std::size_t i = 0; i < entries.size(); ++i)
    for (std::size_t j = i + 1; j < entries.size(); ++j)
      alias = alias || value_of(entries[i].value) == value_of(entries[j].value);
  if (alias) {
    w.indent(1);
    w.out += "option allow_alias = true;\n";
  }
  // The first enumerator must be zero (proto3, and the default of a proto2 field).
  std::size_t zero = entries.size();
  for (std::size_t i = entries.size(); i-- > 0;)
    if (value_of(entries[i].value) == 0) zero = i;
  if (zero == entries.size()) line("unspecified", 0);
  else line(entries[zero].name, 0);
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (i != zero) line(entries[i].name, value_of(entries[i].value));
  w.out += "}\n";
}

template <class X>
void write_top_level(schema_writer& w) {
  if constexpr (top_level<X>) {
    w.out += '\n';
    if constexpr (std::is_enum_v<X>) {
      if constexpr (described_enum<X>) write_enum<X>(w);  // else check_schema has said why
    } else {
      w.out += "message ";
      w.out += schema_name<X>();
      w.out += " {\n";
      write_body<X>(w, 1);
      w.out += "}\n";
    }
  }
}

template <class... X>
std::string write_schema(type_list<X...> all, std::string_view package) {
  static_assert(check_schema(all));
  schema_writer w;
  w.package = package;
  w.proto2 = any_proto2(all);
  w.out += w.proto2 ? "syntax = \"proto2\";\n" : "syntax = \"proto3\";\n";
  if (!package.empty()) {
    w.out += "\npackage ";
    w.out += package;
    w.out += ";\n";
  }
  (write_top_level<X>(w), ...);
  return std::move(w.out);
}

}  // namespace detail

/// Returns a .proto file declaring the messages and enums T... and everything they reach, in
/// package `package` (none when empty): proto2 when a reachable message has a required or group
/// field, proto3 otherwise. The bytes tagwire writes for these types parse with the generated
/// code of any language, and the other way round.
template <class... T>
[[nodiscard]] std::string proto_schema(std::string_view package = {}) {
  static_assert(sizeof...(T) > 0, "tagwire: proto_schema needs at least one message or enum type");
  // clang-format off
  static_assert(((message<T> || std::is_enum_v<T>) && ...),
                "tagwire: proto_schema takes described messages (TAGWIRE_MESSAGE) and enums (TAGWIRE_ENUM)");
  // clang-format on
  return detail::write_schema(detail::reachable<T...>{}, package);
}

}  // namespace tagwire

/// Names a message or enum in proto_schema, at namespace scope beside it:
///   TAGWIRE_NAME(person, "Person");
/// Without it, the name is the C++ name without namespaces or template arguments.
#define TAGWIRE_NAME(type, name)                                                                           \
  [[maybe_unused]] constexpr ::std::string_view tagwire_schema_name(const type*) noexcept { return name; } \
  static_assert(true)
