// box<T>: recursive messages that stay copyable and comparable.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::to_hex;

namespace bx {

struct tree {
  std::string label;
  tagwire::box<tree> left;
  tagwire::box<tree> right;
  friend bool operator==(const tree&, const tree&) = default;
};
TAGWIRE_MESSAGE(tree, TAGWIRE_FIELD(1, label), TAGWIRE_FIELD(2, left), TAGWIRE_FIELD(3, right));

}  // namespace bx

TEST_CASE("box: empty, emplace, deep copy, value comparison") {
  tagwire::box<int> a;
  CHECK_FALSE(a.has_value());
  CHECK_FALSE(a);
  a.emplace(5);
  REQUIRE(a);
  CHECK(*a == 5);
  tagwire::box<int> b = a;  // deep copy
  *b = 6;
  CHECK(*a == 5);
  CHECK(a != b);
  *b = 5;
  CHECK(a == b);
  CHECK(a.get() != b.get());
  b.reset();
  CHECK(a != b);
  CHECK(tagwire::box<int>{} == tagwire::box<int>{});
  tagwire::box<int> c = std::move(a);
  CHECK(*c == 5);
}

TEST_CASE("recursive trees through box encode, decode, copy and compare") {
  bx::tree t{"root", bx::tree{"l", {}, bx::tree{"lr", {}, {}}}, bx::tree{"r", {}, {}}};
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(t, out).has_value());
  // root: 0a 04 "root"; left: 12 09 (0a 01 "l" 1a 04 (0a 02 "lr")); right: 1a 03 (0a 01 "r")
  CHECK(to_hex(out) == "0a 04 72 6f 6f 74 12 09 0a 01 6c 1a 04 0a 02 6c 72 1a 03 0a 01 72");
  auto back = tagwire::decode<bx::tree>(out);
  REQUIRE(back.has_value());
  CHECK(*back == t);
  bx::tree copy = *back;
  copy.left->right->label = "changed";
  CHECK_FALSE(copy == t);
  CHECK(back->left->right->label == "lr");
}
