// expect: tagwire: a message has at most one TAGWIRE_UNKNOWN
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
  tagwire::unknown_fields u1;
  tagwire::unknown_fields u2;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_UNKNOWN(u1));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_UNKNOWN(u1), TAGWIRE_UNKNOWN(u2));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
