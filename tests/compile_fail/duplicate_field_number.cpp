// expect: tagwire: duplicate field number in a message
// Two fields of one TAGWIRE_MESSAGE share number 1.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
  std::int32_t b = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(1, b));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1, 2})); }
