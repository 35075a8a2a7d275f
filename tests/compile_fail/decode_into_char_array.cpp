// expect: tagwire: pass a std::string_view or std::span, not a char array
#include <cstdint>
#include <span>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));

int main() {
  char buf[2] = {0x08, 0x01};
  msg m{};
#ifdef TAGWIRE_CF_CONTROL
  const auto r = tagwire::decode_into(std::span<char>(buf), m);
#else
  const auto r = tagwire::decode_into(buf, m);
#endif
  return r ? m.a : -1;
}
