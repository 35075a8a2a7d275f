// expect: tagwire: a oneof member must be std::variant<std::monostate, A, B, \.\.\.>
#include <cstdint>
#include <string>
#include <tagwire/tagwire.hpp>
#include <variant>

struct msg {
#ifdef TAGWIRE_CF_CONTROL
  std::variant<std::monostate, std::int32_t, std::string> v;
#else
  std::variant<std::int32_t, std::string> v;
#endif
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_ONEOF(v, TAGWIRE_ALT(1, a), TAGWIRE_ALT(2, b)));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_ONEOF(v, TAGWIRE_ALT(1, a)));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
