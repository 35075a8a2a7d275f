// libFuzzer entry point of the `nested` target (fuzz/nested_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_main.hpp"
#include "nested_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("nested", tagwire_fuzz::fuzz_nested(data, size));
  return 0;
}
