// libFuzzer entry point of the `dump` target (fuzz/dump_target.hpp).
#include <cstddef>
#include <cstdint>

#include "dump_target.hpp"
#include "fuzz_main.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("dump", tagwire_fuzz::fuzz_dump(data, size));
  return 0;
}
