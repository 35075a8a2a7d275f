// Fuzz target `nested`: sub-messages, groups and recursion through box, unique_ptr, optional and
// vectors of the message itself, with proto2 required fields inside.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"

namespace tagwire_fuzz {

struct leaf {
  std::int32_t a = 0;
  std::string s;
  std::vector<std::int64_t> v;
};
TAGWIRE_MESSAGE(leaf, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, s), TAGWIRE_FIELD(3, v, tagwire::sint));

// proto2: a plain required member (always written) and an optional one (must be set).
struct header {
  std::int32_t id = 0;
  std::optional<std::string> name;
  std::optional<std::uint32_t> extra;
};
TAGWIRE_MESSAGE(header, TAGWIRE_FIELD(1, id, tagwire::required), TAGWIRE_FIELD(2, name, tagwire::required),
                TAGWIRE_FIELD(3, extra));

// Copyable, compared by value: box and vector recursion, groups, required fields.
struct tree {
  std::string label;
  tagwire::box<tree> left;
  tagwire::box<tree> right;
  std::vector<tree> children;
  leaf plain;
  std::optional<leaf> present;
  leaf grouped;
  std::vector<leaf> grouped_list;
  tagwire::box<tree> grouped_tree;
  std::optional<header> hdr;
  std::vector<header> hdrs;
};
TAGWIRE_MESSAGE(tree, TAGWIRE_FIELD(1, label), TAGWIRE_FIELD(2, left), TAGWIRE_FIELD(3, right),
                TAGWIRE_FIELD(4, children), TAGWIRE_FIELD(5, plain), TAGWIRE_FIELD(6, present),
                TAGWIRE_FIELD(7, grouped, tagwire::group), TAGWIRE_FIELD(8, grouped_list, tagwire::group),
                TAGWIRE_FIELD(9, grouped_tree, tagwire::group), TAGWIRE_FIELD(10, hdr), TAGWIRE_FIELD(11, hdrs));

// Move-only: unique_ptr recursion, and a required sub-message.
struct chain {
  std::int64_t value = 0;
  std::unique_ptr<chain> next;
  std::unique_ptr<leaf> payload;
  std::vector<chain> side;
  header must;
};
TAGWIRE_MESSAGE(chain, TAGWIRE_FIELD(1, value, tagwire::sint), TAGWIRE_FIELD(2, next), TAGWIRE_FIELD(3, payload),
                TAGWIRE_FIELD(4, side), TAGWIRE_FIELD(5, must, tagwire::required));

/// Decodes the input as `tree` and as `chain` (both option sets).
inline verdict fuzz_nested(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  std::optional<tree> t;
  if (const verdict v = check_decode<tree>(input, strict_options, &t)) return v;
  if (t) {
    const tree copy = *t;  // box copies deeply
    if (!same(copy, *t) || tagwire::to_text(copy) != tagwire::to_text(*t)) return "a copy of a tree differs";
  }
  if (const verdict v = check_decode<tree>(input, loose_options)) return v;
  return check_both<chain>(input);
}

}  // namespace tagwire_fuzz
