// expect: tagwire: duplicate field number in a message
// A hand-written descriptor bypasses the macro's check; the check runs where the message is used.
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <tuple>

struct msg {
  std::int32_t a = 0;
  std::int32_t b = 0;
};
template <>
struct tagwire::descriptor<msg> {
#ifdef TAGWIRE_CF_CONTROL
  // clang-format off
  static constexpr auto fields = std::tuple{tagwire::field<1, &msg::a>{"a"}, tagwire::field<2, &msg::b>{"b"}};
  // clang-format on
#else
  static constexpr auto fields = std::tuple{tagwire::field<1, &msg::a>{"a"}, tagwire::field<1, &msg::b>{"b"}};
#endif
};

int main() { return static_cast<int>(tagwire::encoded_size(msg{1, 2})); }
