// Decoding packed runs of 32-bit varints into a reused std::vector<std::uint32_t>, by the shape of
// the run: every value one byte (the widening loop), every value two bytes, lengths 1..3 mixed at
// random (both the branch-free byte loop). Runs of 16 and 1024 values; 256 different runs of each
// shape are cycled so that no branch predictor learns one run.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <tagwire/tagwire.hpp>
#include <vector>

namespace {

struct run_message {
  std::vector<std::uint32_t> values;
};
TAGWIRE_MESSAGE(run_message, TAGWIRE_FIELD(1, values));

enum class shape { one_byte, two_bytes, mixed };

std::vector<std::vector<std::byte>> make_runs(shape s, std::size_t n) {
  std::mt19937 rng(42);
  std::vector<std::vector<std::byte>> runs;
  for (int r = 0; r < 256; ++r) {
    run_message m;
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned len = s == shape::one_byte ? 1 : s == shape::two_bytes ? 2 : 1 + rng() % 3;
      const std::uint32_t top = std::uint32_t{1} << (7 * len - 1);  // exactly `len` bytes
      m.values.push_back(len == 1 ? rng() % 128 : top | (rng() & (top - 1)));
    }
    std::vector<std::byte> bytes;
    if (!tagwire::encode_to(m, bytes)) std::abort();
    runs.push_back(std::move(bytes));
  }
  return runs;
}

void decode_runs(benchmark::State& state, shape s) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto runs = make_runs(s, n);
  run_message m;
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    const auto& in = runs[i++ % runs.size()];
    m.values.clear();
    auto r = tagwire::decode_into(in, m);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(m.values.data());
    bytes += static_cast<std::int64_t>(in.size());
  }
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void one_byte(benchmark::State& st) { decode_runs(st, shape::one_byte); }
void two_bytes(benchmark::State& st) { decode_runs(st, shape::two_bytes); }
void mixed_1_to_3(benchmark::State& st) { decode_runs(st, shape::mixed); }

BENCHMARK(one_byte)->Arg(16)->Arg(1024);
BENCHMARK(two_bytes)->Arg(16)->Arg(1024);
BENCHMARK(mixed_1_to_3)->Arg(16)->Arg(1024);

}  // namespace
