// expect: tagwire: two messages or enums \(or prefixed enumerators\) of one schema have the same name
// a::point and b::point are both `point` in the package.
#include <cstdint>
#include <string>
#include <tagwire/schema.hpp>
#include <tagwire/tagwire.hpp>

namespace a {
struct point {
  std::int32_t x = 0;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x));
}  // namespace a
namespace b {
struct point {
  std::int32_t y = 0;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, y));
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_NAME(point, "b_point");
#endif
struct both {
  a::point p;
  point q;
};
TAGWIRE_MESSAGE(both, TAGWIRE_FIELD(1, p), TAGWIRE_FIELD(2, q));
}  // namespace b

int main() { return static_cast<int>(tagwire::proto_schema<b::both>("p").size()); }
