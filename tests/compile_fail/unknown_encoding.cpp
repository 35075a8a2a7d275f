// expect: tagwire: unknown encoding. use tagwire::sint, fixed, sfixed, unpacked, bytes, group, required, key<\.\.\.> or value<\.\.\.>
// Any type other than the five encoding tags is rejected.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sint));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, std::int32_t));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
