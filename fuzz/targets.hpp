// Every fuzz target, by name: the libFuzzer entry points (fuzz/NAME_fuzz.cpp) call one each, and
// tests/fuzz_regression_test.cpp runs fuzz/corpus/NAME/* and fuzz/regressions/NAME/* through all.
#pragma once

#include <string_view>

#include "common.hpp"
#include "dump_target.hpp"
#include "fixed_target.hpp"
#include "maps_oneof_target.hpp"
#include "nested_target.hpp"
#include "scalars_target.hpp"
#include "stream_target.hpp"
#include "unknown_target.hpp"
#include "views_target.hpp"
#include "wire_reader_target.hpp"

namespace tagwire_fuzz {

struct target {
  std::string_view name;
  target_fn run;
};

inline constexpr target all_targets[] = {
    {"scalars", fuzz_scalars},         {"nested", fuzz_nested}, {"maps_oneof", fuzz_maps_oneof},
    {"unknown", fuzz_unknown},         {"views", fuzz_views},   {"fixed", fuzz_fixed},
    {"wire_reader", fuzz_wire_reader}, {"stream", fuzz_stream}, {"dump", fuzz_dump},
};

}  // namespace tagwire_fuzz
