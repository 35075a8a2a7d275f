// expect: tagwire: a message or enum name is not a proto identifier
// Names must be [A-Za-z_][A-Za-z0-9_]*.
#include <cstdint>
#include <string>
#include <tagwire/schema.hpp>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t v = 0;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, v));
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_NAME(msg, "good_name");
#else
TAGWIRE_NAME(msg, "bad-name");
#endif

int main() { return static_cast<int>(tagwire::proto_schema<msg>("p").size()); }
