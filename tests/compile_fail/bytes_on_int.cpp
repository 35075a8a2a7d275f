// expect: tagwire: tagwire::bytes applies only to string members
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::bytes));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
