// libFuzzer entry point of the `maps_oneof` target (fuzz/maps_oneof_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_main.hpp"
#include "maps_oneof_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("maps_oneof", tagwire_fuzz::fuzz_maps_oneof(data, size));
  return 0;
}
