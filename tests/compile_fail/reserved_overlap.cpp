// expect: tagwire: reserved ranges of a message overlap
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_RESERVED(5, 8), TAGWIRE_RESERVED(9));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_RESERVED(5, 8), TAGWIRE_RESERVED(8));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
