#include <doctest/doctest.h>
#include <tagwire/tagwire.hpp>
TEST_CASE("smoke") { CHECK(tagwire::varint_size(300) == 2); }
