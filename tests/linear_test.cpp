// Sizing and encoding stay linear at any nesting depth: no sub-message is re-sized per level.
#include <doctest/doctest.h>

#include <cstddef>
#include <memory>
#include <tagwire/tagwire.hpp>
#include <vector>

namespace lin {

// A bytes container that counts how often its size is asked for.
inline std::size_t size_calls = 0;
struct counting_bytes {
  using value_type = std::byte;
  std::vector<std::byte> v;
  std::size_t size() const noexcept {
    ++size_calls;
    return v.size();
  }
  void resize(std::size_t n) { v.resize(n); }
  std::byte* data() noexcept { return v.data(); }
  const std::byte* data() const noexcept { return v.data(); }
  std::byte* begin() noexcept { return v.data(); }
  std::byte* end() noexcept { return v.data() + v.size(); }
  const std::byte* begin() const noexcept { return v.data(); }
  const std::byte* end() const noexcept { return v.data() + v.size(); }
};

struct chain {
  counting_bytes payload;
  std::unique_ptr<chain> next;
  std::vector<chain> kids;
};
TAGWIRE_MESSAGE(chain, TAGWIRE_FIELD(1, payload), TAGWIRE_FIELD(2, next), TAGWIRE_FIELD(3, kids));

std::unique_ptr<chain> make_chain(int depth) {
  auto head = std::make_unique<chain>();
  chain* c = head.get();
  for (int i = 0; i < depth; ++i) {
    c->payload.v.assign(3, std::byte{0x61});
    c->next = std::make_unique<chain>();
    c = c->next.get();
  }
  c->payload.v.assign(3, std::byte{0x61});
  return head;
}

std::size_t calls_to_encode(const chain& c) {
  size_calls = 0;
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(c, out).has_value());
  return size_calls;
}

}  // namespace lin

TEST_CASE("encoding work per level does not grow with depth") {
  // Chains of 10-30 levels fit the encoder's stack buffer (written once, under a size bound);
  // chains of 1000-3000 are sized exactly first. On both paths each level adds the same work:
  // re-sizing each sub-message at every level would make the step grow with the depth.
  const auto calls = [](int depth) { return lin::calls_to_encode(*lin::make_chain(depth)); };
  CHECK(calls(20) > calls(10));
  CHECK(calls(20) - calls(10) == calls(30) - calls(20));
  CHECK(calls(2000) > calls(1000));
  CHECK(calls(2000) - calls(1000) == calls(3000) - calls(2000));
  CHECK((calls(2000) - calls(1000)) / 1000 <= 8);
}

TEST_CASE("a 1000-deep chain round-trips with a raised depth limit") {
  const auto deep = lin::make_chain(1000);
  std::vector<std::byte> out;
  REQUIRE(tagwire::encode_to(*deep, out).has_value());
  CHECK(out.size() == tagwire::encoded_size(*deep));
  CHECK(tagwire::decode<lin::chain>(out).error().code == tagwire::errc::depth_exceeded);
  auto back = tagwire::decode<lin::chain>(out, {.max_depth = 1001});
  REQUIRE(back.has_value());
  int depth = 0;
  for (const lin::chain* c = &*back; c->next; c = c->next.get()) ++depth;
  CHECK(depth == 1000);
}
