// expect: tagwire: a field needs a pointer to a data member, as in &T::member
#include <cstdint>
#include <tagwire/tagwire.hpp>
#include <tuple>

struct msg {
  std::int32_t a = 0;
  std::int32_t get() const { return a; }
};
template <>
struct tagwire::descriptor<msg> {
#ifdef TAGWIRE_CF_CONTROL
  // clang-format off
  static constexpr auto fields = std::tuple{tagwire::field<1, &msg::a>{"a"}};
  // clang-format on
#else
  static constexpr auto fields = std::tuple{tagwire::field<1, &msg::get>{"a"}};
#endif
};

int main() { return static_cast<int>(tagwire::encoded_size(msg{1})); }
