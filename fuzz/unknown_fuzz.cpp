// libFuzzer entry point of the `unknown` target (fuzz/unknown_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_main.hpp"
#include "unknown_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("unknown", tagwire_fuzz::fuzz_unknown(data, size));
  return 0;
}
