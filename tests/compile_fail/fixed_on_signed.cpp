// expect: tagwire: tagwire::fixed needs an unsigned integer member \(uint32_t or uint64_t\). use tagwire::sfixed for signed ones
// Signed members take tagwire::sfixed, as the control does.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::sfixed));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::fixed));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
