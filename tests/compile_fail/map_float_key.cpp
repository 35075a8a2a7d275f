// expect: tagwire: map keys must be integers, bool or strings
#include <map>
#include <string>
#include <tagwire/tagwire.hpp>

struct msg {
#ifdef TAGWIRE_CF_CONTROL
  std::map<std::int32_t, std::string> m;
#else
  std::map<double, std::string> m;
#endif
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, m));

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
