// expect: tagwire: field numbers must be in 1\.\.536870911
// 2^32 + 1 must not be truncated to the valid number 1.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(4294967297, a));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
