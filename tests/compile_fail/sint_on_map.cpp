// expect: tagwire: encodings of a map field go in tagwire::key<\.\.\.> and tagwire::value<\.\.\.>
#include <cstdint>
#include <map>
#include <tagwire/tagwire.hpp>

struct msg {
  std::map<std::int32_t, std::int32_t> m;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, m, tagwire::key<tagwire::sint>));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, m, tagwire::sint));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
