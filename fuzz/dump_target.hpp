// Fuzz target `dump`: tagwire-dump's reading and printing (tools/tagwire_dump.hpp) on any input,
// with and without offsets and at several expansion depths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../tools/tagwire_dump.hpp"
#include "common.hpp"

namespace tagwire_fuzz {

// The line starting at `pos` (without its newline); advances `pos` past it.
inline std::string_view next_line(std::string_view text, std::size_t& pos) {
  const std::size_t end = text.find('\n', pos);
  const std::string_view line = text.substr(pos, end - pos);
  pos = end == std::string_view::npos ? text.size() : end + 1;
  return line;
}

// `with` is `plain` followed by "  # @OFFSET TYPE", OFFSET below `size`.
inline bool offset_suffix(std::string_view plain, std::string_view with, std::size_t size) {
  if (!with.starts_with(plain)) return false;
  std::string_view rest = with.substr(plain.size());
  if (!rest.starts_with("  # @")) return false;
  rest.remove_prefix(5);
  std::size_t offset = 0;
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9')
    offset = offset * 10 + static_cast<std::size_t>(rest[digits++] - '0');
  if (digits == 0 || digits > 12 || offset >= size) return false;
  rest.remove_prefix(digits);
  return rest == " varint" || rest == " fixed32" || rest == " fixed64" || rest == " group" || rest.starts_with(" len:");
}

/// Dumps the input four ways; they agree on validity, the offsets only add a suffix to each line,
/// and the top-level fields are the records wire_reader finds, when it reads the input too.
inline verdict fuzz_dump(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  const tagwire_dump::dump_options ways[] = {{false, 10}, {true, 10}, {false, 0}, {true, 1000}};
  std::string text[4];
  bool ok[4] = {};
  for (int i = 0; i < 4; ++i) {
    std::string message;
    ok[i] = tagwire_dump::dump(input, ways[i], text[i], message);
    if (ok[i] != ok[0]) return "the dump's options change whether the input is valid";
    if (!ok[i] &&
        (!text[i].empty() || !message.starts_with("tagwire-dump: ") || message.find('\n') != std::string::npos))
      return "a failed dump printed text, or its message is not one tagwire-dump line";
    if (ok[i] && !text[i].empty() && text[i].back() != '\n') return "the dump's text does not end a line";
  }
  if (!ok[0]) return nullptr;

  std::size_t top_fields = 0;
  std::size_t p = 0;
  std::size_t q = 0;
  while (p < text[0].size() || q < text[1].size()) {
    if (p >= text[0].size() || q >= text[1].size()) return "--offsets changes the number of lines";
    const std::string_view plain = next_line(text[0], p);
    const std::string_view with = next_line(text[1], q);
    if (plain.empty()) return "the dump printed an empty line";
    const bool closing =
        plain.find_first_not_of(' ') != std::string_view::npos && plain[plain.find_first_not_of(' ')] == '}';
    if (closing ? plain != with : !offset_suffix(plain, with, size))
      return "--offsets does more than add '  # @OFFSET TYPE' to each field line";
    top_fields += plain[0] >= '0' && plain[0] <= '9';
  }

  tagwire::wire_reader r(input);
  std::size_t records = 0;
  while (!r.done()) {
    if (!r.next()) return nullptr;  // the dump reads by protoc's rules, which accept more
    ++records;
  }
  if (records != top_fields) return "the dump shows another number of top-level fields than wire_reader reads";
  return nullptr;
}

}  // namespace tagwire_fuzz
