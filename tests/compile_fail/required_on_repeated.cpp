// expect: tagwire: tagwire::required applies only to singular fields
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <vector>

struct msg {
  std::vector<std::int32_t> v;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, v));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, v, tagwire::required));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
