// libFuzzer entry point of the `views` target (fuzz/views_target.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_main.hpp"
#include "views_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tagwire_fuzz::abort_on_failure("views", tagwire_fuzz::fuzz_views(data, size));
  return 0;
}
