// expect: tagwire: two messages or enums \(or prefixed enumerators\) of one schema have the same name
// Prefixed enumerators collide: a_b::c and a::b_c are both A_B_C.
#include <cstdint>
#include <string>
#include <tagwire/schema.hpp>
#include <tagwire/tagwire.hpp>

enum class a_b : std::int32_t { c = 0 };
TAGWIRE_ENUM(a_b, c);
#ifdef TAGWIRE_CF_CONTROL
enum class a : std::int32_t { d_c = 0 };
TAGWIRE_ENUM(a, d_c);
#else
enum class a : std::int32_t { b_c = 0 };
TAGWIRE_ENUM(a, b_c);
#endif

struct msg {
  a_b x{};
  a y{};
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y));

int main() { return static_cast<int>(tagwire::proto_schema<msg>("p").size()); }
