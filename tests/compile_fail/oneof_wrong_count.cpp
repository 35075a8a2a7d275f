// expect: tagwire: a oneof member must be std::variant<std::monostate, A, B, \.\.\.> with one TAGWIRE_ALT per alternative
// Three alternatives in the variant, two TAGWIRE_ALTs.
#include <cstdint>
#include <string>
#include <tagwire/tagwire.hpp>
#include <variant>

struct msg {
  std::variant<std::monostate, std::int32_t, std::string, double> v;
};
#ifdef TAGWIRE_CF_CONTROL
TAGWIRE_MESSAGE(msg, TAGWIRE_ONEOF(v, TAGWIRE_ALT(1, a), TAGWIRE_ALT(2, b), TAGWIRE_ALT(3, c)));
#else
TAGWIRE_MESSAGE(msg, TAGWIRE_ONEOF(v, TAGWIRE_ALT(1, a), TAGWIRE_ALT(2, b)));
#endif

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
