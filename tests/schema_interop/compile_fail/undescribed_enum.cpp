// expect: tagwire: proto_schema needs the names of every enum it declares
// An enum field without TAGWIRE_ENUM: the schema cannot name its enumerators.
#include <cstdint>
#include <string>
#include <tagwire/schema.hpp>
#include <tagwire/tagwire.hpp>

enum class color : std::int32_t { red = 0, green = 1 };
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_ENUM(color, red, green);
#endif

struct msg {
  color c = color::red;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, c));

int main() { return static_cast<int>(tagwire::proto_schema<msg>("p").size()); }
