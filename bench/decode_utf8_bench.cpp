// What the UTF-8 check costs inside decoding: a string-heavy message decoded with
// decode_options::check_utf8 on and off, ASCII and mixed (Latin, CJK, emoji) text, into owning
// std::string members and into std::string_view members.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <tagwire/tagwire.hpp>
#include <vector>

namespace {

struct profile {
  std::string name;
  std::string email;
  std::string bio;
  std::vector<std::string> tags;
  std::string city;
};
TAGWIRE_MESSAGE(profile, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, email), TAGWIRE_FIELD(3, bio), TAGWIRE_FIELD(4, tags),
                TAGWIRE_FIELD(5, city));

struct profile_view {
  std::string_view name;
  std::string_view email;
  std::string_view bio;
  std::vector<std::string_view> tags;
  std::string_view city;
};
TAGWIRE_MESSAGE(profile_view, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, email), TAGWIRE_FIELD(3, bio),
                TAGWIRE_FIELD(4, tags), TAGWIRE_FIELD(5, city));

std::vector<std::byte> sample(bool mixed) {
  profile p;
  if (mixed) {
    p.name = "Zoë Ångström-李";
    p.email = "zoe@例え.jp";
    p.bio = "Ingénieure réseau. 好きな食べ物は寿司 🍣 and ramen 🍜; vit à Zürich depuis 2019.";
    p.tags = {"café", "日本語", "ñandú", "emoji🙂", "straße"};
    p.city = "Zürich";
  } else {
    p.name = "Zoe Angstrom-Li";
    p.email = "zoe@example.jp";
    p.bio = "Network engineer. Favourite food is sushi and ramen; lives in Zurich since 2019.";
    p.tags = {"cafe", "nihongo", "nandu", "emoji", "strasse"};
    p.city = "Zurich";
  }
  std::vector<std::byte> out;
  (void)tagwire::encode_to(p, out);
  return out;
}

template <class T>
void decode(benchmark::State& state, bool mixed, bool check) {
  const auto wire = sample(mixed);
  const tagwire::decode_options opts{.check_utf8 = check};
  for (auto _ : state) {
    auto r = tagwire::decode<T>(wire, opts);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire.size()));
}

void owning(benchmark::State& state, bool mixed, bool check) { decode<profile>(state, mixed, check); }
void views(benchmark::State& state, bool mixed, bool check) { decode<profile_view>(state, mixed, check); }

}  // namespace

BENCHMARK_CAPTURE(owning, ascii_check, false, true);
BENCHMARK_CAPTURE(owning, ascii_nocheck, false, false);
BENCHMARK_CAPTURE(owning, mixed_check, true, true);
BENCHMARK_CAPTURE(owning, mixed_nocheck, true, false);
BENCHMARK_CAPTURE(views, ascii_check, false, true);
BENCHMARK_CAPTURE(views, ascii_nocheck, false, false);
BENCHMARK_CAPTURE(views, mixed_check, true, true);
BENCHMARK_CAPTURE(views, mixed_nocheck, true, false);
