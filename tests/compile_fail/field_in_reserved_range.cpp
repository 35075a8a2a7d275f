// expect: tagwire: a field number lies in a reserved range of its message
// Field 10 was retired (reserved 9..11) and must not come back.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
  std::int32_t b = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_RESERVED(9, 11), TAGWIRE_FIELD(12, b));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_RESERVED(9, 11), TAGWIRE_FIELD(10, b));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
