// tagwire — enum names for text dumps and schema export: TAGWIRE_ENUM(color, red, green, blue).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace tagwire {

/// One enumerator: its value and its name.
template <class E>
struct enum_entry {
  E value;
  std::string_view name;
};

namespace detail {
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Splits "red, green,blue" (the stringized enumerator list) into trimmed names.
template <std::size_t N>
constexpr std::array<std::string_view, N> split_names(std::string_view list) noexcept {
  std::array<std::string_view, N> out{};
  std::size_t i = 0;
  while (i < N) {
    const std::size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
    out[i++] = name;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

template <class E, std::size_t N>
constexpr std::array<enum_entry<E>, N> make_enum_entries(const E (&values)[N], std::string_view list) noexcept {
  const auto names = split_names<N>(list);
  std::array<enum_entry<E>, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = {values[i], names[i]};
  return out;
}

template <class E>
concept has_enum_entries = requires(const E* p) {
  tagwire_enum_entries(p);
};
}  // namespace detail

/// An enum registered with TAGWIRE_ENUM.
template <class E>
concept described_enum = std::is_enum_v<E> && detail::has_enum_entries<E>;

/// Returns the registered enumerators of E, in declaration order.
template <described_enum E>
[[nodiscard]] constexpr auto enum_entries() noexcept {
  return tagwire_enum_entries(static_cast<const E*>(nullptr));
}

/// Returns the name of `value`, or an empty view for a value with no registered name.
template <described_enum E>
[[nodiscard]] constexpr std::string_view enum_name(E value) noexcept {
  for (const auto& e : enum_entries<E>())
    if (e.value == value) return e.name;
  return {};
}

/// Returns the enumerator called `name`, or nullopt.
template <described_enum E>
[[nodiscard]] constexpr std::optional<E> enum_value(std::string_view name) noexcept {
  for (const auto& e : enum_entries<E>())
    if (e.name == name) return e.value;
  return std::nullopt;
}

}  // namespace tagwire

/// Registers the names of an enum's enumerators, at namespace scope beside it:
///   TAGWIRE_ENUM(color, red, green, blue);
/// Used by the text format and the schema export. Works for scoped and unscoped enums.
#define TAGWIRE_ENUM(type, ...)                                                \
  [[maybe_unused]] constexpr auto tagwire_enum_entries(const type*) noexcept { \
    using enum type;                                                           \
    constexpr type tagwire_values[] = {__VA_ARGS__};                           \
    return ::tagwire::detail::make_enum_entries(tagwire_values, #__VA_ARGS__); \
  }                                                                            \
  static_assert(true)
