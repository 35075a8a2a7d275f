// expect: tagwire: field numbers 19000\.\.19999 are reserved by protobuf
// Last number of protobuf's reserved range; the control uses the one after it.
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(20000, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(19999, a));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
