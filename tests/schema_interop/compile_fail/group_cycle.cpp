// expect: tagwire: a group field leads back to its own type through groups only
// A group is declared inline in .proto: a group of a group of the same type never ends.
#include <cstdint>
#include <string>
#include <tagwire/schema.hpp>
#include <tagwire/tagwire.hpp>

struct node {
  std::int32_t v = 0;
  tagwire::box<node> next;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(node, TAGWIRE_FIELD(1, v), TAGWIRE_FIELD(2, next));
#else
TAGWIRE_MESSAGE(node, TAGWIRE_FIELD(1, v), TAGWIRE_FIELD(2, next, tagwire::group));
#endif

int main() { return static_cast<int>(tagwire::proto_schema<node>("p").size()); }
