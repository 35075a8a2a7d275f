// expect: tagwire: tagwire::unpacked applies only to repeated scalar fields
// Repeated strings are never packed, so unpacked is meaningless on them.
#include <string>
#include <tagwire/tagwire.hpp>
#include <vector>

struct msg {
  std::vector<std::string> a;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a, tagwire::unpacked));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{{"x"}})); }
