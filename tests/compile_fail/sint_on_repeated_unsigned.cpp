// expect: tagwire: tagwire::sint needs a signed integer member \(int32_t or int64_t\)
// The check looks through the container at the element type.
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <vector>

struct msg {
  std::vector<std::uint64_t> a;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::fixed));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sint));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{{1}})); }
