// expect: tagwire: a message's field descriptors must be tagwire::field<number, &T::member, encodings\.\.\.> objects
// A hand-written descriptor holding a bare member pointer instead of a tagwire::field.
#include <cstdint>
#include <tagwire/tagwire.hpp>

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
  static constexpr auto fields = std::tuple{&msg::a};
#endif
};

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
