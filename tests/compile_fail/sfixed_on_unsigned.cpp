// expect: tagwire: tagwire::sfixed needs a signed integer member \(int32_t or int64_t\)
// Unsigned members take tagwire::fixed, as the control does.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::uint64_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::fixed));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sfixed));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
