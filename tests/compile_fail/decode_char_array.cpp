// expect: tagwire: pass a std::string_view or std::span, not a char array
// A char array's size would include a string literal's terminating NUL.
#include <cstdint>
#include <span>
#include <tagwire/tagwire.hpp>

struct msg {
  std::int32_t a = 0;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, a));

int main() {
  const char buf[4] = {0x08, 0x01, 0x08, 0x02};
#ifdef TAGWIRE_CF_CONTROL
  const auto r = tagwire::decode<msg>(std::span<const char>(buf));
#else
  const auto r = tagwire::decode<msg>(buf);
#endif
  return r ? r->a : -1;
}
