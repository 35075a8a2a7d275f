// tagwire_bench: the side-by-side suite of issue 4 (see harness.hpp). Run through scripts/bench.sh,
// which builds it at -O2, runs 5 repetitions and prints the table; or directly, with the usual
// google-benchmark flags (--benchmark_filter=person/decode, --benchmark_min_time=0.05, ...).
#include <benchmark/benchmark.h>
#include <google/protobuf/stubs/common.h>

#include <protozero/version.hpp>
#include <string>

namespace bench {
void register_person();
void register_entity_update();
void register_google_message1();
void register_large();
void register_deep();
void register_strings();
}  // namespace bench

int main(int argc, char** argv) {
  bench::register_person();
  bench::register_entity_update();
  bench::register_google_message1();
  bench::register_large();
  bench::register_deep();
  bench::register_strings();

#if defined(__clang__)
  benchmark::AddCustomContext("compiler", "clang++ " __clang_version__);
#elif defined(__GNUC__)
  benchmark::AddCustomContext("compiler", "g++ " __VERSION__);
#endif
  benchmark::AddCustomContext("libprotobuf", google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION));
  benchmark::AddCustomContext("protozero", PROTOZERO_VERSION_STRING);

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
