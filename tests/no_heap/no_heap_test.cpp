// Encoding and decoding a message of fixed-capacity containers and views allocates nothing: this
// binary replaces the global operator new and counts every call. Its own binary, because the
// replacement applies to the whole program.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string_view>
#include <tagwire/tagwire.hpp>

namespace {
std::size_t allocations = 0;
bool counting = false;
}  // namespace
// The replacement operator new below is malloc, so free is its match; g++ -O2 cannot see that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  std::abort();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace nh {

enum class kind : std::uint8_t { player = 0, npc = 1 };

struct component {
  std::uint32_t id = 0;
  tagwire::fixed_string<16> name;
  friend bool operator==(const component&, const component&) = default;
};
TAGWIRE_MESSAGE(component, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name));

struct entity {
  std::uint64_t id = 0;
  kind type = kind::player;
  tagwire::fixed_string<32> name;
  tagwire::fixed_vector<float, 3> position;
  tagwire::fixed_vector<std::int32_t, 8> deltas;
  tagwire::fixed_vector<std::byte, 16> blob;
  tagwire::fixed_vector<component, 4> components;
  tagwire::fixed_vector<tagwire::fixed_string<8>, 4> tags;
  std::optional<std::int32_t> health;
  std::variant<std::monostate, std::int32_t, component> extra;
  tagwire::fixed_vector<std::byte, 32> unknown;
  friend bool operator==(const entity&, const entity&) = default;
};
TAGWIRE_MESSAGE(entity, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, type), TAGWIRE_FIELD(3, name),
                TAGWIRE_FIELD(4, position), TAGWIRE_FIELD(5, deltas, tagwire::sint), TAGWIRE_FIELD(6, blob),
                TAGWIRE_FIELD(7, components), TAGWIRE_FIELD(8, tags), TAGWIRE_FIELD(9, health),
                TAGWIRE_ONEOF(extra, TAGWIRE_ALT(10, bonus), TAGWIRE_ALT(11, attached)), TAGWIRE_UNKNOWN(unknown));

struct component_view {
  std::uint32_t id = 0;
  std::string_view name;
};
TAGWIRE_MESSAGE(component_view, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, name));

struct entity_view {
  std::uint64_t id = 0;
  std::string_view name;
  tagwire::packed_view<float> position;
  tagwire::packed_view<std::int32_t, tagwire::sint> deltas;
  std::span<const std::byte> blob;
  tagwire::repeated_view<component_view> components;
};
TAGWIRE_MESSAGE(entity_view, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(3, name), TAGWIRE_FIELD(4, position),
                TAGWIRE_FIELD(5, deltas), TAGWIRE_FIELD(6, blob), TAGWIRE_FIELD(7, components));

entity sample() {
  entity e;
  e.id = 1234567890123;
  e.type = kind::npc;
  e.name = "goblin";
  e.position = {1.0f, -2.5f, 3.25f};
  e.deltas = {-1, 2, -300, 40000};
  e.blob = {std::byte{0xde}, std::byte{0xad}};
  e.components.push_back({7, "ai"});
  e.components.push_back({9, "physics"});
  e.tags = {"hostile", "small"};
  e.health = 0;
  e.extra = component{3, "loot"};
  return e;
}

}  // namespace nh

TEST_CASE("encode and decode of fixed-capacity messages allocate nothing") {
  const nh::entity e = nh::sample();
  std::array<std::byte, 256> buf{};
  std::array<std::byte, 256> again{};

  allocations = 0;
  counting = true;
  const auto size = tagwire::encoded_size(e);
  auto written = tagwire::encode(e, buf);
  auto back = written ? tagwire::decode<nh::entity>(*written) : tagwire::result<nh::entity>(written.error());
  auto view = written ? tagwire::decode<nh::entity_view>(*written) : tagwire::result<nh::entity_view>(written.error());
  auto rewritten = back ? tagwire::encode(*back, again) : tagwire::result<std::span<std::byte>>(back.error());
  std::int32_t delta_sum = 0;
  std::string_view::size_type name_chars = 0;
  std::uint32_t component_ids = 0;
  std::array<std::byte, 64> view_again{};
  auto view_rewritten = view ? tagwire::encode(*view, view_again) : tagwire::result<std::span<std::byte>>(view.error());
  if (view) {
    for (std::int32_t d : view->deltas) delta_sum += d;
    for (const nh::component_view c : view->components) {
      component_ids = component_ids * 10 + c.id;
      name_chars += c.name.size();
    }
  }
  counting = false;

  CHECK(allocations == 0);
  REQUIRE(written.has_value());
  CHECK(written->size() == size);
  REQUIRE(back.has_value());
  CHECK(*back == e);
  REQUIRE(rewritten.has_value());
  CHECK(std::equal(written->begin(), written->end(), rewritten->begin(), rewritten->end()));
  REQUIRE(view.has_value());
  CHECK(view->name == "goblin");
  CHECK(view->position.size() == 3);
  CHECK(delta_sum == -1 + 2 - 300 + 40000);
  CHECK(view->components.size() == 2);
  CHECK(component_ids == 79);
  CHECK(name_chars == std::string_view("ai").size() + std::string_view("physics").size());
  REQUIRE(view_rewritten.has_value());
  CHECK(view_rewritten->size() == tagwire::encoded_size(*view));

  // The counter does count (a direct call: new-expressions may be elided by the optimiser).
  counting = true;
  void* p = ::operator new(16);
  counting = false;
  ::operator delete(p);
  CHECK(allocations == 1);
}

TEST_CASE("overflowing a fixed-capacity container is errc::capacity_exceeded, never truncation") {
  using tagwire::errc;
  using E = tagwire::error;
  std::array<std::byte, 128> buf{};
  auto decode_error = [&](std::initializer_list<int> bytes) {
    std::size_t n = 0;
    for (int b : bytes) buf[n++] = static_cast<std::byte>(b);
    auto r = tagwire::decode<nh::entity>(std::span<const std::byte>(buf.data(), n));
    REQUIRE_FALSE(r.has_value());
    return r.error();
  };
  // A 33-character name into fixed_string<32>: the record at offset 0.
  {
    std::size_t n = 0;
    buf[n++] = std::byte{0x1a};
    buf[n++] = std::byte{33};
    for (int i = 0; i < 33; ++i) buf[n++] = std::byte{'a'};
    auto r = tagwire::decode<nh::entity>(std::span<const std::byte>(buf.data(), n));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error() == E{errc::capacity_exceeded, 0, 3});
  }
  // Four packed floats into fixed_vector<float, 3>: the fourth value (offset 2 + 12).
  CHECK(decode_error({0x22, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) ==
        E{errc::capacity_exceeded, 14, 4});
  // Unpacked floats: the fourth record.
  CHECK(decode_error({0x25, 0, 0, 0, 0, 0x25, 0, 0, 0, 0, 0x25, 0, 0, 0, 0, 0x25, 0, 0, 0, 0}) ==
        E{errc::capacity_exceeded, 15, 4});
  // Nine packed sint32 into fixed_vector<int32_t, 8>: the ninth value at offset 10.
  CHECK(decode_error({0x2a, 0x09, 1, 1, 1, 1, 1, 1, 1, 1, 1}) == E{errc::capacity_exceeded, 10, 5});
  // 17 bytes into fixed_vector<std::byte, 16>.
  CHECK(decode_error({0x32, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) ==
        E{errc::capacity_exceeded, 0, 6});
  // A fifth component.
  CHECK(decode_error({0x3a, 0, 0x3a, 0, 0x3a, 0, 0x3a, 0, 0x3a, 0}) == E{errc::capacity_exceeded, 8, 7});
  // A nine-character tag into fixed_string<8>, inside the repeated field.
  CHECK(decode_error({0x42, 9, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'}) == E{errc::capacity_exceeded, 0, 8});
  // Unknown records over the 32-byte unknown buffer: field 20 with a 40-byte payload.
  {
    std::size_t n = 0;
    buf[n++] = std::byte{0xa2};
    buf[n++] = std::byte{0x01};
    buf[n++] = std::byte{40};
    for (int i = 0; i < 40; ++i) buf[n++] = std::byte{0};
    auto r = tagwire::decode<nh::entity>(std::span<const std::byte>(buf.data(), n));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error() == E{errc::capacity_exceeded, 0, 20});
  }
  // Exactly full is fine.
  CHECK(tagwire::decode<nh::entity>(std::array<std::byte, 14>{std::byte{0x22}, std::byte{12}}).has_value());
}
