// libFuzzer entry point of the `stream` target (fuzz/stream_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_main.hpp"
#include "stream_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("stream", tagwire_fuzz::fuzz_stream(data, size));
  return 0;
}
