// libFuzzer entry point of the `wire_reader` target (fuzz/wire_reader_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_main.hpp"
#include "wire_reader_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("wire_reader", tagwire_fuzz::fuzz_wire_reader(data, size));
  return 0;
}
