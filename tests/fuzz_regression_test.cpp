// The fuzz targets' properties (fuzz/*_target.hpp) in the unit suite: every seed in fuzz/corpus/NAME/
// and every past finding in fuzz/regressions/NAME/ goes through every target, with each compiler
// and sanitizer preset. A finding becomes a regression by copying its file into
// fuzz/regressions/NAME/ (see FUZZING.md).
#include <doctest/doctest.h>

#include "../fuzz/targets.hpp"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "test_util.hpp"

#ifndef TAGWIRE_SOURCE_DIR
#error "tests/CMakeLists.txt and meson.build define TAGWIRE_SOURCE_DIR, the source tree, for this suite"
#endif

namespace fuzz_regression {

namespace fs = std::filesystem;

struct input {
  std::string path;
  std::vector<std::uint8_t> bytes;
};

// The regular files of `dir`, sorted by name; none if it does not exist.
std::vector<input> read_dir(const fs::path& dir) {
  std::vector<input> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().filename().string().starts_with(".")) continue;
    input in{it->path().string(), {}};
    std::FILE* f = std::fopen(in.path.c_str(), "rb");
    REQUIRE_MESSAGE(f != nullptr, "cannot open ", in.path);
    for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) in.bytes.push_back(static_cast<std::uint8_t>(c));
    std::fclose(f);
    out.push_back(std::move(in));
  }
  std::sort(out.begin(), out.end(), [](const input& a, const input& b) { return a.path < b.path; });
  return out;
}

const fs::path fuzz_dir = fs::path(TAGWIRE_SOURCE_DIR) / "fuzz";

std::string hex_of(const std::vector<std::uint8_t>& b) {
  return test_util::to_hex(std::span(reinterpret_cast<const std::byte*>(b.data()), b.size()));
}

}  // namespace fuzz_regression

TEST_CASE("fuzz corpora and regressions: every target's properties hold on every file") {
  using namespace fuzz_regression;
  std::size_t files = 0;
  for (const auto& t : tagwire_fuzz::all_targets) {
    const auto seeds = read_dir(fuzz_dir / "corpus" / std::string(t.name));
    CHECK_MESSAGE(seeds.size() >= 3, "fuzz/corpus/", t.name, " has ", seeds.size(), " seeds");
    const auto found = read_dir(fuzz_dir / "regressions" / std::string(t.name));
    for (const auto* set : {&seeds, &found}) {
      for (const input& in : *set) {
        ++files;
        // Each file through every target: a seed of one shape is a valid odd input for another.
        for (const auto& u : tagwire_fuzz::all_targets) {
          const tagwire_fuzz::verdict v = u.run(in.bytes.data(), in.bytes.size());
          CHECK_MESSAGE(v == nullptr, "target ", u.name, " on ", in.path, " (", hex_of(in.bytes),
                        "): ", v == nullptr ? "" : v);
        }
      }
    }
  }
  CHECK(files >= 9 * 3);
}

TEST_CASE("fuzz targets: every prefix of every seed") {
  // Truncations reach the error paths of every decoder; cheap, since the seeds are small.
  using namespace fuzz_regression;
  for (const auto& t : tagwire_fuzz::all_targets) {
    for (const input& in : read_dir(fuzz_dir / "corpus" / std::string(t.name))) {
      for (std::size_t n = 0; n < in.bytes.size(); ++n) {
        const tagwire_fuzz::verdict v = t.run(in.bytes.data(), n);
        CHECK_MESSAGE(v == nullptr, "target ", t.name, " on the first ", n, " bytes of ", in.path, ": ",
                      v == nullptr ? "" : v);
      }
    }
  }
}

TEST_CASE("fuzz properties: same() compares floats by bits, maps by content, views by bytes") {
  using tagwire_fuzz::same;
  CHECK(same(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()));
  CHECK_FALSE(same(0.0, -0.0));
  CHECK_FALSE(same(std::bit_cast<float>(0x7fc00001u), std::bit_cast<float>(0x7fc00002u)));
  tagwire_fuzz::mapped a;
  tagwire_fuzz::mapped b;
  a.by_id = {{1, "x"}, {2, "y"}, {3, "z"}};
  b.by_id = {{3, "z"}, {1, "x"}, {2, "y"}};
  CHECK(same(a, b));
  b.by_id[2] = "Y";
  CHECK_FALSE(same(a, b));
  b.by_id[2] = "y";
  b.choice = std::int32_t{0};
  CHECK_FALSE(same(a, b));
  tagwire_fuzz::tree t;
  tagwire_fuzz::tree u;
  t.left.emplace().plain.v = {1};
  CHECK_FALSE(same(t, u));
  u.left.emplace().plain.v = {1};
  CHECK(same(t, u));
}

TEST_CASE("fuzz properties: a lossy round trip is reported") {
  // Invalid UTF-8 in a string field encodes, but does not decode back: the property must say so.
  tagwire_fuzz::scalars s;
  s.text = "\xff";
  const tagwire_fuzz::verdict v = tagwire_fuzz::check_roundtrip(s, tagwire::decode_options{});
  REQUIRE(v != nullptr);
  CHECK(std::string_view(v) == "decoding the encoding of a decoded value fails");
  CHECK(tagwire_fuzz::check_roundtrip(s, tagwire::decode_options{.check_utf8 = false}) == nullptr);
  // An error offset past the end is caught.
  CHECK(tagwire_fuzz::check_error({tagwire::errc::truncated, 5, 0}, 4) != nullptr);
  CHECK(tagwire_fuzz::check_error({tagwire::errc::truncated, 4, 0}, 4) == nullptr);
}
