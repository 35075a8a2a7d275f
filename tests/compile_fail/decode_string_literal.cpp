// expect: tagwire: pass a std::string_view or std::span, not a char array
// The literal's size is 3: the NUL would be read as a fourth byte.
#include <cstdint>
#include <string_view>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));

int main() {
#ifdef TAGWIRE_CF_CONTROL
  const auto r = tagwire::decode<msg>(std::string_view("\x08\x01"));
#else
  const auto r = tagwire::decode<msg>("\x08\x01");
#endif
  return r ? r->a : -1;
}
