// no_heap — protobuf messages on a microcontroller-style budget: fixed-capacity containers,
// a static output buffer, no allocation, no exceptions needed. This program counts every call to
// operator new and fails if encoding or decoding made one.
#include <tagwire/tagwire.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace {
std::size_t allocations = 0;
}
// The replacement operator new below is malloc, so free is its match; g++ -O2 cannot see that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t n) {
  ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  std::abort();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

enum class unit : std::uint8_t { celsius = 0, kelvin = 1 };

// A sensor report as a firmware would send it: every container has a compile-time capacity.
struct reading {
  std::uint32_t channel = 0;
  float value = 0;
};
TAGWIRE_MESSAGE(reading, TAGWIRE_FIELD(1, channel), TAGWIRE_FIELD(2, value));

struct report {
  tagwire::fixed_string<24> device;  // string, at most 24 chars
  std::uint64_t uptime_ms = 0;
  unit units = unit::celsius;
  tagwire::fixed_vector<reading, 8> readings;     // repeated message, at most 8
  tagwire::fixed_vector<std::int16_t, 16> trend;  // packed sint32, at most 16
  tagwire::fixed_vector<std::byte, 8> crc_seed;   // bytes, at most 8
};
TAGWIRE_MESSAGE(report, TAGWIRE_FIELD(1, device), TAGWIRE_FIELD(2, uptime_ms), TAGWIRE_FIELD(3, units),
                TAGWIRE_FIELD(4, readings), TAGWIRE_FIELD(5, trend, tagwire::sint), TAGWIRE_FIELD(6, crc_seed));

// An older, smaller receiver: room for only 4 trend values.
struct small_report {
  tagwire::fixed_vector<std::int16_t, 4> trend;
};
TAGWIRE_MESSAGE(small_report, TAGWIRE_FIELD(5, trend, tagwire::sint));

namespace {
int fail(const char* what) {
  std::fprintf(stderr, "no_heap: FAILED: %s\n", what);
  return 1;
}
std::array<std::byte, 128> tx_buffer;  // static: no heap, no large stack frame
}  // namespace

int main() {
  const std::size_t before = allocations;

  report r;
  r.device = "greenhouse-7";
  r.uptime_ms = 86'400'000;
  r.units = unit::kelvin;
  r.readings.push_back({1, 294.15f});
  r.readings.push_back({2, 296.5f});
  r.trend = {-2, -1, 0, 3, 5};
  r.crc_seed = {std::byte{0x5a}, std::byte{0xa5}};

  auto frame = tagwire::encode(r, tx_buffer);  // the written prefix of tx_buffer
  if (!frame) return fail("encode");
  auto back = tagwire::decode<report>(*frame);  // fills the fixed containers in place
  if (!back) return fail("decode");

  // A peer sending more than a receiver can hold is an error, never a silent truncation.
  auto small = tagwire::decode<small_report>(*frame);
  const std::size_t during = allocations - before;

  if (during != 0) return fail("something allocated");
  if (back->device != "greenhouse-7" || back->readings.size() != 2 || back->readings[1].value != 296.5f)
    return fail("values differ");
  if (back->trend.size() != 5 || back->trend[0] != -2 || back->trend[4] != 5) return fail("trend differs");
  if (small || small.error().code != tagwire::errc::capacity_exceeded) return fail("overflow not reported");
  std::printf("report: %zu bytes in a static buffer, %zu allocations\n", frame->size(), during);
  std::printf("device %s, %zu readings, first %.2f K\n", back->device.c_str(), back->readings.size(),
              static_cast<double>(back->readings[0].value));
  std::printf("small receiver: %s at byte %zu\n", tagwire::to_string(small.error().code).data(), small.error().offset);
  return 0;
}
