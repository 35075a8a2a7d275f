// game_packet — a per-tick network packet of entity updates, encoded into a stack buffer.
// The output never touches the heap: tagwire::encode writes into any std::span<std::byte>,
// and tells you the size it needs when the buffer is too small.
#include <tagwire/tagwire.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace game {

struct entity_update {
  std::uint64_t entity_id = 0;
  float x = 0, y = 0, z = 0;              // float: fixed 4 bytes on the wire
  std::int32_t health_delta = 0;          // often negative: zigzag keeps -1 at 1 byte, not 10
  std::vector<std::uint32_t> components;  // repeated scalars are packed: one tag for the lot
  std::vector<float> velocity;            // packed floats: a length plus 4 bytes each
  friend bool operator==(const entity_update&, const entity_update&) = default;
};
TAGWIRE_MESSAGE(entity_update, TAGWIRE_FIELD(1, entity_id), TAGWIRE_FIELD(2, x), TAGWIRE_FIELD(3, y),
                TAGWIRE_FIELD(4, z), TAGWIRE_FIELD(5, health_delta, tagwire::sint), TAGWIRE_FIELD(6, components),
                TAGWIRE_FIELD(7, velocity));

struct packet {
  std::uint32_t tick = 0;
  std::vector<entity_update> updates;
  friend bool operator==(const packet&, const packet&) = default;
};
TAGWIRE_MESSAGE(packet, TAGWIRE_FIELD(1, tick), TAGWIRE_FIELD(2, updates));

}  // namespace game

namespace {

int fail(const char* what) {
  std::fprintf(stderr, "game_packet: FAILED: %s\n", what);
  return 1;
}

}  // namespace

int main() {
  using game::entity_update;

  // 1. A tiny update with known bytes (zero fields, like x/y/z = 0, are not written):
  //    08 2A        entity_id (1, varint) = 42
  //    28 05        health_delta (5, varint) = zigzag(-3) = 5
  //    32 03 01 AC 02  components (6, len 3), packed varints 1 and 300
  const entity_update tiny{42, 0, 0, 0, -3, {1, 300}, {}};
  const std::array<unsigned char, 9> tiny_expected{0x08, 0x2A, 0x28, 0x05, 0x32, 0x03, 0x01, 0xAC, 0x02};
  std::array<std::byte, 16> tiny_buf{};
  const auto tiny_out = tagwire::encode(tiny, tiny_buf);
  if (!tiny_out || tiny_out->size() != tiny_expected.size() ||
      std::memcmp(tiny_out->data(), tiny_expected.data(), tiny_expected.size()) != 0)
    return fail("the tiny update's bytes differ from the hand-computed encoding");

  // 2. A realistic packet.
  game::packet pkt;
  pkt.tick = 100'000;
  pkt.updates.push_back({1, 10.5f, 0.0f, -3.25f, -15, {1, 2, 7}, {0.5f, 0.0f, -1.0f}});
  pkt.updates.push_back({2, 0.0f, 2.0f, 0.0f, 20, {}, {}});
  pkt.updates.push_back({0xFFFF'FFFF'FFFFull, -0.0f, 1e-3f, 99.0f, 0, {300, 70'000}, {}});  // -0.0f IS written
  pkt.updates.push_back(tiny);

  // 3. Encode into a buffer on the stack.
  std::array<std::byte, 512> buf{};
  const auto written = tagwire::encode(pkt, buf);  // result<std::span<std::byte>>: the written prefix
  if (!written) return fail("encoding into 512 bytes");
  const std::size_t size = tagwire::encoded_size(pkt);  // what a sender uses to size a datagram
  std::printf("tick %u: %zu updates in %zu bytes (buffer %zu)\n", static_cast<unsigned>(pkt.tick), pkt.updates.size(),
              written->size(), buf.size());
  if (written->size() != size) return fail("encoded_size() differs from the bytes written");
  if (written->data() != buf.data()) return fail("the output should start at the buffer's front");

  // 4. Decode and verify every field, floats bit for bit (-0.0f included).
  const auto back = tagwire::decode<game::packet>(*written);
  if (!back) return fail("decoding the packet");
  if (!(*back == pkt)) return fail("the decoded packet differs");
  if (!std::signbit(back->updates[2].x)) return fail("-0.0f lost its sign");
  for (const entity_update& u : back->updates)
    std::printf("  entity %llu at (%g, %g, %g) health %+d, %zu components\n",
                static_cast<unsigned long long>(u.entity_id), static_cast<double>(u.x), static_cast<double>(u.y),
                static_cast<double>(u.z), static_cast<int>(u.health_delta), u.components.size());

  // 5. Too small a buffer: an error value that says how much is needed, and nothing written.
  std::array<std::byte, 32> small;
  small.fill(std::byte{0xEE});
  const auto too_small = tagwire::encode(pkt, small);
  if (too_small) return fail("encoding into 32 bytes should fail");
  if (too_small.error().code != tagwire::errc::buffer_too_small) return fail("expected buffer_too_small");
  if (too_small.error().offset != size) return fail("buffer_too_small should report the size needed");
  for (std::byte b : small)
    if (b != std::byte{0xEE}) return fail("a failed encode wrote into the buffer");
  std::printf("32-byte buffer: %s (need %zu bytes)\n", tagwire::to_string(too_small.error().code).data(),
              too_small.error().offset);
  return 0;
}
