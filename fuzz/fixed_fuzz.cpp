// libFuzzer entry point of the `fixed` target (fuzz/fixed_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fixed_target.hpp"
#include "fuzz_main.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("fixed", tagwire_fuzz::fuzz_fixed(data, size));
  return 0;
}
