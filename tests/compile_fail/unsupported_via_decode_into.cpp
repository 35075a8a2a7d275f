// expect: tagwire: this member type cannot be encoded
// An optional of a container has no protobuf type. The check fires where the message is used
// (decode_into).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <tagwire/tagwire.hpp>
#include <vector>

struct msg {
#ifdef TAGWIRE_CF_CONTROL
  std::optional<std::int32_t> a;
#else
  std::optional<std::vector<std::int32_t>> a;
#endif
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));

int main() {
  const std::vector<std::byte> in{};
  msg m{};
  const auto r = tagwire::decode_into(in, m);
  return r ? 0 : 1;
}
