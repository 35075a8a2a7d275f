// expect: tagwire: this member type cannot be encoded
// The bad member is one level down; encoding the outer message must still report it.
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <vector>

struct inner {
#ifdef TAGWIRE_CF_CONTROL
  std::vector<std::int32_t> a;
#else
  std::vector<std::vector<std::int32_t>> a;
#endif
};
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, a));

struct outer {
  inner in;
};
TAGWIRE_MESSAGE(outer, TAGWIRE_FIELD(1, in));

int main() { return static_cast<int>(tagwire::encoded_size(outer{})); }
