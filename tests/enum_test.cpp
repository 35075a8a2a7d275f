// TAGWIRE_ENUM: enumerator names for text dumps and schemas.
#include <doctest/doctest.h>

#include <cstdint>
#include <tagwire/tagwire.hpp>

namespace en {
enum class color : std::int32_t { red = 0, green = 5, blue = -1 };
TAGWIRE_ENUM(color, red, green,
             blue);  // whitespace and line breaks in the list are fine
enum plain { plain_a = 0, plain_b = 1 };
TAGWIRE_ENUM(plain, plain_a, plain_b);
enum class unnamed : std::int32_t { x = 0 };
}  // namespace en

static_assert(tagwire::described_enum<en::color>);
static_assert(!tagwire::described_enum<en::unnamed>);
static_assert(tagwire::enum_name(en::color::green) == "green");
static_assert(tagwire::enum_name(en::color::blue) == "blue");
static_assert(tagwire::enum_name(static_cast<en::color>(42)).empty());
static_assert(tagwire::enum_value<en::color>("blue") == en::color::blue);
static_assert(!tagwire::enum_value<en::color>("purple"));
static_assert(tagwire::enum_entries<en::color>().size() == 3);

TEST_CASE("enum names, values and entries") {
  CHECK(tagwire::enum_name(en::plain_b) == "plain_b");
  CHECK(tagwire::enum_value<en::plain>("plain_a") == en::plain_a);
  const auto e = tagwire::enum_entries<en::color>();
  CHECK(e[0].name == "red");
  CHECK(e[1].value == en::color::green);
  CHECK(e[2].name == "blue");
}
