// tagwire — the unqualified name of a C++ type, from the compiler's function signature (internal).
// Used for proto message names (schema export) and group names (text format).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace tagwire::detail {

template <class T>
constexpr std::string_view pretty_name() noexcept {
  return __PRETTY_FUNCTION__;
}

struct name_range {
  std::size_t pos = 0;
  std::size_t len = 0;
};

// In "... [with T = ns::wrapper<int>; ...]" (g++) or "... [T = ns::wrapper<int>]" (clang): the
// last `::` component of T at nesting depth 0, without template arguments ("wrapper").
constexpr name_range last_component(std::string_view pretty) noexcept {
  std::size_t i = pretty.find("T = ");
  if (i == std::string_view::npos) return {};
  i += 4;
  std::size_t comp = i;
  int depth = 0;
  for (; i < pretty.size(); ++i) {
    const char c = pretty[i];
    if (c == '<' || c == '(' || c == '{' || c == '[') {
      ++depth;
    } else if (c == '>' || c == ')' || c == '}') {
      --depth;
    } else if (c == ']') {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0 && c == ';') {
      break;
    } else if (depth == 0 && c == ':' && i + 1 < pretty.size() && pretty[i + 1] == ':') {
      comp = i + 2;
      ++i;
    }
  }
  std::size_t stop = comp;
  while (stop < i && pretty[stop] != '<') ++stop;
  return {comp, stop - comp};
}

template <class T>
struct derived_name {
  static constexpr name_range range = last_component(pretty_name<T>());
  static constexpr auto chars = [] {
    std::array<char, range.len + 1> a{};
    const std::string_view p = pretty_name<T>();
    for (std::size_t i = 0; i < range.len; ++i) a[i] = p[range.pos + i];
    return a;
  }();
  static constexpr std::string_view value{chars.data(), range.len};
};

// The unqualified name of T: `ns::wrapper<int>` -> `wrapper`. g++ and clang only.
template <class T>
constexpr std::string_view type_name() noexcept {
  return derived_name<T>::value;
}

}  // namespace tagwire::detail
