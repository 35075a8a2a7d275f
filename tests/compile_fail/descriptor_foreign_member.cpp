// expect: tagwire: a field's member pointer belongs to another type
// The descriptor of msg names a member of other.
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <tuple>

struct other {
  std::int32_t a = 0;
};
struct msg {
  std::int32_t a = 0;
};
template <>
struct tagwire::descriptor<msg> {
#ifdef TAGWIRE_CF_CONTROL
  // clang-format off
  static constexpr auto fields = std::tuple{tagwire::field<1, &msg::a>{"a"}};
  // clang-format on
#else
  static constexpr auto fields = std::tuple{tagwire::field<1, &other::a>{"a"}};
#endif
};

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
