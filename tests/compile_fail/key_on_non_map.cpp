// expect: tagwire: tagwire::key and tagwire::value apply only to map fields
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sint));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::key<tagwire::sint>));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
