// expect: tagwire: a member is described by two fields
// One member under two field numbers would be written twice.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
  std::int32_t b = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, b));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a), TAGWIRE_FIELD(2, a));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1, 2})); }
