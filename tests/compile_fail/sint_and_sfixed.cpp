// expect: tagwire: choose at most one of tagwire::sint, tagwire::fixed and tagwire::sfixed
// Each is valid on an int32_t alone; together they are contradictory.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sint));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sint, tagwire::sfixed));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
