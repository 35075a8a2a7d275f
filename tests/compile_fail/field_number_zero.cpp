// expect: tagwire: field numbers must be in 1\.\.536870911
// Field number 0 is invalid on the wire.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(0, a));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
