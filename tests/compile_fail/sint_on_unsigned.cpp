// expect: tagwire: tagwire::sint needs a signed integer member \(int32_t or int64_t\)
// Zigzag on an unsigned member makes no sense.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::uint32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sint));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
