// Throughput of tagwire::is_valid_utf8 against a plain memcpy of the same bytes (the copy
// into a std::string that decoding a string field pays anyway).
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <tagwire/utf8.hpp>
#include <vector>

namespace {

using bytes = std::vector<std::byte>;
constexpr std::size_t mib = std::size_t{1} << 20;

void append(bytes& out, std::string_view s) {
  for (char c : s) out.push_back(static_cast<std::byte>(static_cast<unsigned char>(c)));
}

// Cuts `b` to at most `n` bytes, on a code-point boundary.
void cut(bytes& b, std::size_t n) {
  if (b.size() <= n) return;
  while (n > 0 && (std::to_integer<unsigned>(b[n]) & 0xC0u) == 0x80u) --n;
  b.resize(n);
}

constexpr std::array<std::string_view, 12> english = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ",
                                                      "a ",   "lazy ",  "dog, ",  "and ", "then ",  "rests. "};
// clang-format off
constexpr std::array<std::string_view, 10> mixed_pieces = {
    "hello ", "world ", "\xe4\xbd\xa0\xe5\xa5\xbd\xe4\xb8\x96\xe7\x95\x8c",  // 你好世界
    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",                                 // 日本語
    "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 ",                                // 한국어
    "\xf0\x9f\x98\x80", "\xf0\x9f\x8e\x89 ",                                // emoji
    "caf\xc3\xa9 ", "na\xc3\xafve ", "12345 "};
// clang-format on

bytes make_ascii(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  bytes b;
  while (b.size() < n) append(b, english[rng() % english.size()]);
  cut(b, n);
  return b;
}

bytes make_mixed(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  bytes b;
  while (b.size() < n + 8) append(b, mixed_pieces[rng() % mixed_pieces.size()]);
  cut(b, n);
  return b;
}

// Many short strings of 8..32 bytes, as typical string fields are.
std::vector<bytes> make_short(bool mixed) {
  std::mt19937 rng(42);
  std::vector<bytes> v;
  for (int i = 0; i < 4096; ++i) {
    const std::size_t n = 8 + rng() % 25;
    v.push_back(mixed ? make_mixed(n, rng()) : make_ascii(n, rng()));
  }
  return v;
}

std::size_t total_size(const std::vector<bytes>& v) {
  std::size_t n = 0;
  for (const bytes& b : v) n += b.size();
  return n;
}

const bytes& big(bool mixed) {
  static const bytes ascii = make_ascii(mib, 1);
  static const bytes mix = make_mixed(mib, 2);
  return mixed ? mix : ascii;
}

const std::vector<bytes>& small(bool mixed) {
  static const std::vector<bytes> ascii = make_short(false);
  static const std::vector<bytes> mix = make_short(true);
  return mixed ? mix : ascii;
}

void validate_1mib(benchmark::State& state) {
  const bytes& in = big(state.range(0) != 0);
  if (!tagwire::is_valid_utf8(in.data(), in.size())) state.SkipWithError("input is not valid UTF-8");
  for (auto _ : state) {
    const std::byte* p = in.data();
    benchmark::DoNotOptimize(p);
    bool ok = tagwire::is_valid_utf8(p, in.size());
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

// Each run-time path on its own (arg 1): 0 the scalar DFA, 1 SSSE3 (skipped where the CPU or the
// build lacks it).
void validate_1mib_path(benchmark::State& state) {
  const bytes& in = big(state.range(0) != 0);
  const auto path = state.range(1);
#if TAGWIRE_DETAIL_UTF8_SIMD
  if (path > tagwire::detail::utf8_simd_level()) state.SkipWithError("not on this CPU");
#else
  if (path > 0) state.SkipWithError("not in this build");
#endif
  for (auto _ : state) {
    const std::byte* p = in.data();
    benchmark::DoNotOptimize(p);
    bool ok = false;
    if (path == 0) ok = tagwire::detail::utf8_valid_fast(p, p + in.size());
#if TAGWIRE_DETAIL_UTF8_SIMD
    if (path == 1) ok = tagwire::detail::utf8_valid_ssse3(p, in.size());
#endif
    if (!ok) state.SkipWithError("input is not valid UTF-8");
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

void memcpy_1mib(benchmark::State& state) {
  const bytes& in = big(state.range(0) != 0);
  bytes out(in.size());
  for (auto _ : state) {
    std::memcpy(out.data(), in.data(), in.size());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.size()));
}

void validate_short(benchmark::State& state) {
  const std::vector<bytes>& in = small(state.range(0) != 0);
  for (const bytes& b : in)
    if (!tagwire::is_valid_utf8(b.data(), b.size())) state.SkipWithError("input is not valid UTF-8");
  for (auto _ : state) {
    for (const bytes& b : in) {
      const std::byte* p = b.data();
      benchmark::DoNotOptimize(p);
      bool ok = tagwire::is_valid_utf8(p, b.size());
      benchmark::DoNotOptimize(ok);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_size(in)));
}

void memcpy_short(benchmark::State& state) {
  const std::vector<bytes>& in = small(state.range(0) != 0);
  std::array<std::byte, 64> out{};
  for (auto _ : state) {
    for (const bytes& b : in) {
      std::size_t n = b.size();
      benchmark::DoNotOptimize(n);  // a run-time length, as in decoding
      std::memcpy(out.data(), b.data(), n);
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_size(in)));
}

// What decoding actually does with a short string: assign it to a std::string.
void string_assign_short(benchmark::State& state) {
  const std::vector<bytes>& in = small(state.range(0) != 0);
  std::string out;
  for (auto _ : state) {
    for (const bytes& b : in) {
      out.assign(reinterpret_cast<const char*>(b.data()), b.size());
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_size(in)));
}

}  // namespace

// Arg 0: ASCII; arg 1: English + CJK + emoji.
BENCHMARK(validate_1mib)->ArgName("mixed")->Arg(0)->Arg(1);
BENCHMARK(validate_1mib_path)->ArgNames({"mixed", "path"})->ArgsProduct({{0, 1}, {0, 1}});
BENCHMARK(memcpy_1mib)->ArgName("mixed")->Arg(0)->Arg(1);
BENCHMARK(validate_short)->ArgName("mixed")->Arg(0)->Arg(1);
BENCHMARK(memcpy_short)->ArgName("mixed")->Arg(0)->Arg(1);
BENCHMARK(string_assign_short)->ArgName("mixed")->Arg(0)->Arg(1);
