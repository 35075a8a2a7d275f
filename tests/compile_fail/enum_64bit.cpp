// expect: tagwire: enum fields need an underlying type of at most 32 bits
// Protobuf enums are int32 on the wire. The check fires where the message is used (encoded_size).
#include <cstdint>
#include <tagwire/tagwire.hpp>

#ifdef TAGWIRE_CF_CONTROL
enum class color : std::int32_t { red = 1 };
#else
enum class color : std::int64_t { red = 1 };
#endif

struct msg {
  color c = color::red;
};
TAGWIRE_MESSAGE(msg, TAGWIRE_FIELD(1, c));

int main() { return static_cast<int>(tagwire::encoded_size(msg{})); }
