// embedded — sensor telemetry the way a small firmware sends it: fixed-capacity containers only
// (tagwire::fixed_string, tagwire::fixed_vector; no std::string, no std::vector), the frame
// encoded into a buffer on the stack, nothing allocated. It is built with -fno-exceptions
// -fno-rtti -Os, and its test (size.cmake) prints the object file's code size and checks that
// the object refers to no allocation, exception or RTTI symbol.
#include <tagwire/tagwire.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>

namespace telemetry {

enum class sensor_kind : std::uint8_t { temperature = 0, humidity = 1, pressure = 2 };

// One sensor's readings over the frame's period, in milli-units (m°C, m%RH, Pa).
struct channel {
  std::uint32_t id = 0;
  sensor_kind kind = sensor_kind::temperature;
  std::uint32_t period_ms = 0;
  tagwire::fixed_vector<std::int32_t, 8> values;  // packed sint32: small deltas stay 1 byte
  friend bool operator==(const channel&, const channel&) = default;
};
TAGWIRE_MESSAGE(channel, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, kind), TAGWIRE_FIELD(3, period_ms),
                TAGWIRE_FIELD(4, values, tagwire::sint));

struct frame {
  tagwire::fixed_string<12> device;
  std::uint32_t seq = 0;
  std::uint64_t timestamp_ms = 0;  // fixed64: always 8 bytes, cheap to patch in
  tagwire::fixed_vector<channel, 3> channels;
  std::optional<std::uint32_t> battery_mv;          // sent only when measured
  tagwire::fixed_vector<std::byte, 4> firmware_id;  // bytes
  friend bool operator==(const frame&, const frame&) = default;
};
TAGWIRE_MESSAGE(frame, TAGWIRE_FIELD(1, device), TAGWIRE_FIELD(2, seq), TAGWIRE_FIELD(3, timestamp_ms, tagwire::fixed),
                TAGWIRE_FIELD(4, channels), TAGWIRE_FIELD(5, battery_mv), TAGWIRE_FIELD(6, firmware_id));

// What an older gateway with room for only 2 channels makes of the same bytes.
struct small_frame {
  tagwire::fixed_vector<channel, 2> channels;
};
TAGWIRE_MESSAGE(small_frame, TAGWIRE_FIELD(4, channels));

}  // namespace telemetry

namespace {

int fail(const char* what) {
  std::printf("embedded: FAILED: %s\n", what);
  return 1;
}

// Stands in for the ADC: a fixed, plausible series per channel.
telemetry::channel read_channel(std::uint32_t id, telemetry::sensor_kind kind, std::int32_t base, std::int32_t step) {
  telemetry::channel c;
  c.id = id;
  c.kind = kind;
  c.period_ms = 250;
  for (std::int32_t i = 0; i < 8; ++i) c.values.push_back(base + step * i);
  return c;
}

}  // namespace

int main() {
  using telemetry::sensor_kind;

  telemetry::frame f;
  f.device = "node-17";
  f.seq = 4242;
  f.timestamp_ms = 1'700'000'000'000;
  f.channels.push_back(read_channel(1, sensor_kind::temperature, 21'500, -125));
  f.channels.push_back(read_channel(2, sensor_kind::humidity, 48'000, 250));
  f.channels.push_back(read_channel(3, sensor_kind::pressure, 101'325, -3));
  f.battery_mv = 3'300;
  f.firmware_id = {std::byte{0xde}, std::byte{0xad}, std::byte{0xbe}, std::byte{0xef}};

  std::array<std::byte, 160> tx;  // the radio's frame buffer, on the stack
  const auto wire = tagwire::encode(f, tx);
  if (!wire) return fail("encode");
  if (wire->size() != tagwire::encoded_size(f)) return fail("encoded_size differs from the bytes written");

  // The start of the frame, by hand: 0a 07 "node-17" (device), 10 92 21 (seq 4242 as a varint),
  // 19 + 8 little-endian bytes (timestamp_ms, fixed64: 1700000000000 = 0x18bcfe56800).
  static constexpr unsigned char head[] = {0x0a, 0x07, 'n',  'o',  'd',  'e',  '-',  '1',  '7',  0x10, 0x92,
                                           0x21, 0x19, 0x00, 0x68, 0xe5, 0xcf, 0x8b, 0x01, 0x00, 0x00};
  if (std::memcmp(wire->data(), head, sizeof head) != 0) return fail("the frame's first bytes");

  // The receiving side: decodes into fixed containers too.
  const auto back = tagwire::decode<telemetry::frame>(*wire);
  if (!back) return fail("decode");
  if (!(*back == f)) return fail("the decoded frame differs");

  // Too much for the receiver is an error, never a silent truncation or an overflow.
  const auto small = tagwire::decode<telemetry::small_frame>(*wire);
  if (small || small.error().code != tagwire::errc::capacity_exceeded) return fail("capacity_exceeded expected");
  // Too small a buffer: nothing written, and the error says how much is needed.
  std::array<std::byte, 32> tiny;
  const auto too_small = tagwire::encode(f, tiny);
  if (too_small || too_small.error().code != tagwire::errc::buffer_too_small ||
      too_small.error().offset != wire->size())
    return fail("buffer_too_small expected");

  std::printf("embedded: frame %u from %s: %zu channels x %zu values, battery %u mV\n",
              static_cast<unsigned>(back->seq), back->device.c_str(), back->channels.size(),
              back->channels[0].values.size(), static_cast<unsigned>(*back->battery_mv));
  std::printf("embedded: %zu bytes in a %zu-byte stack buffer (sizeof(frame) = %zu), decoded back equal\n",
              wire->size(), tx.size(), sizeof(telemetry::frame));
  std::printf("embedded: 2-channel receiver: %s at byte %zu; 32-byte buffer: %s (need %zu)\n",
              tagwire::to_string(small.error().code).data(), small.error().offset,
              tagwire::to_string(too_small.error().code).data(), too_small.error().offset);
  return 0;
}
