// expect: tagwire: this member type cannot be encoded
// Protobuf has no repeated-of-repeated. The check fires where the message is used (decode).
#include <cstddef>
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <vector>

struct msg {
#ifdef TAGWIRE_CF_CONTROL
  std::vector<std::int32_t> a;
#else
  std::vector<std::vector<std::int32_t>> a;
#endif
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));

int main() {
  const std::vector<std::byte> in{};
  const auto r = tagwire::decode<msg>(in);
  return r ? static_cast<int>(r->a.size()) : -1;
}
