// expect: tagwire: this member type cannot be encoded
// long double has no protobuf type. The check fires where the message is used (encode_to).
#include <cstddef>
#include <tagwire/tagwire.hpp>
#include <vector>

struct msg {
#ifdef TAGWIRE_CF_CONTROL
  double a = 0;
#else
  long double a = 0;
#endif
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));

int main() {
  std::vector<std::byte> out;
  const auto r = tagwire::encode_to(msg{1}, out);
  return r ? static_cast<int>(*r) : -1;
}
