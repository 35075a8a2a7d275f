// expect: tagwire: field numbers must be in 1\.\.536870911
// 2^29 is one past the largest field number; the control uses 2^29 - 1.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(536870911, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(536870912, a));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
