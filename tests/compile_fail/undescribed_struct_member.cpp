// expect: tagwire: this member type cannot be encoded
// The nested struct has no TAGWIRE_MESSAGE. The check fires where the message is used (encode).
#include <array>
#include <cstddef>
#include <cstdint>
#include <tagwire/tagwire.hpp>

struct inner {
  std::int32_t v = 0;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, v));
#endif

struct outer {
  inner in;
};
TAGWIRE_MESSAGE(outer, TAGWIRE_FIELD(1, in));

int main() {
  std::array<std::byte, 16> buf{};
  const auto r = tagwire::encode(outer{{1}}, buf);
  return r ? static_cast<int>(r->size()) : -1;
}
