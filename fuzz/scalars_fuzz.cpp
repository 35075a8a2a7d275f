// libFuzzer entry point of the `scalars` target (fuzz/scalars_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_main.hpp"
#include "scalars_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("scalars", tagwire_fuzz::fuzz_scalars(data, size));
  return 0;
}
