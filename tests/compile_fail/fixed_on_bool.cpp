// expect: tagwire: tagwire::fixed needs an unsigned integer member \(uint32_t or uint64_t\)
// bool is an unsigned integral type in C++ but not a fixed32/fixed64 in protobuf.
#include <tagwire/tagwire.hpp>

struct msg {
  bool a = false;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::fixed));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{true})); }
