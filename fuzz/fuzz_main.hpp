// The libFuzzer side of a target: a property failure is a crash, so libFuzzer keeps the input.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "common.hpp"

namespace tagwire_fuzz {

inline void abort_on_failure(const char* target, verdict v) {
  if (v == nullptr) return;
  std::fprintf(stderr, "tagwire fuzz target %s: property failed: %s\n", target, v);
  std::abort();
}

}  // namespace tagwire_fuzz
