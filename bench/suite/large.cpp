// Large: 10,000 packed int64 whose varints take 1 to 10 bytes, 1,000 of each length in a shuffled
// order, and 10,000 packed doubles (135 KB). large_doubles is the same message with the doubles
// only, to compare them with memcpy.
#include <random>

#include "harness.hpp"
#include "messages.pb.h"

namespace bench::large_msg {

struct large {
  std::vector<std::int64_t> ints;
  std::vector<double> doubles;
};
TAGWIRE_MESSAGE(large, TAGWIRE_FIELD(1, ints), TAGWIRE_FIELD(2, doubles));

// Views: the packed runs are decoded while iterating (decoding only checks the varints).
struct large_view {
  tagwire::packed_view<std::int64_t> ints;
  tagwire::packed_view<double> doubles;
};
TAGWIRE_MESSAGE(large_view, TAGWIRE_FIELD(1, ints), TAGWIRE_FIELD(2, doubles));

template <class A>
bool same(const A& a, const large& b) {
  return eq(a.ints, b.ints) && eq(a.doubles, b.doubles);
}

struct suite {
  static constexpr const char* name = "large";
  static constexpr bool has_strings = false;
  using plain = large;
  using view = large_view;
  using pb = tagwire_bench::Large;

  static constexpr int count = 10'000;

  static std::string make(large& l, std::vector<std::byte>&) {
    std::mt19937_64 rng(20240406);
    // An int64 whose varint has `len` bytes: 1..9 bytes hold 7*len bits; negative ones take 10.
    for (int i = 0; i < count; ++i) {
      const int len = 1 + i % 10;
      std::uint64_t v = rng();
      if (len < 10) {
        const std::uint64_t lo = len == 1 ? 0 : std::uint64_t{1} << (7 * (len - 1));
        const std::uint64_t hi = len == 9 ? (std::uint64_t{1} << 63) - 1 : (std::uint64_t{1} << (7 * len)) - 1;
        v = lo + v % (hi - lo + 1);
      } else {
        v |= std::uint64_t{1} << 63;
      }
      l.ints.push_back(static_cast<std::int64_t>(v));
    }
    for (int i = count - 1; i > 0; --i) {  // Fisher-Yates, with our own rng: the same order everywhere
      std::swap(l.ints[static_cast<std::size_t>(i)], l.ints[rng() % static_cast<std::uint64_t>(i + 1)]);
    }
    std::uniform_real_distribution<double> dist(-1e6, 1e6);
    for (int i = 0; i < count; ++i) l.doubles.push_back(dist(rng));
    return {};
  }

  static void fill(const large& l, pb& m) {
    m.mutable_ints()->Add(l.ints.begin(), l.ints.end());
    m.mutable_doubles()->Add(l.doubles.begin(), l.doubles.end());
  }

  static large to_plain(const pb& m) {
    large l;
    l.ints.assign(m.ints().begin(), m.ints().end());
    l.doubles.assign(m.doubles().begin(), m.doubles().end());
    return l;
  }

  template <class M>
  static void pz_read(protozero::pbf_reader r, M& out) {
    while (r.next()) {
      switch (r.tag()) {
        case 1: pz_packed(r, out.ints, [](auto& x) { return x.get_packed_int64(); }); break;
        case 2: pz_packed(r, out.doubles, [](auto& x) { return x.get_packed_double(); }); break;
        default: r.skip();
      }
    }
  }

  template <class W, class M>
  static void pz_write(W& w, const M& l) {
    if (!l.ints.empty()) w.add_packed_int64(1, l.ints.begin(), l.ints.end());
    if (!l.doubles.empty()) w.add_packed_double(2, l.doubles.begin(), l.doubles.end());
  }
};

// The doubles alone (80,003 bytes): decoding them should cost about a memcpy.
struct doubles_suite : suite {
  static constexpr const char* name = "large_doubles";
  static std::string make(large& l, std::vector<std::byte>& input) {
    std::string err = suite::make(l, input);
    l.ints.clear();
    return err;
  }
};

}  // namespace bench::large_msg

namespace bench {
void register_large() {
  register_suite<large_msg::suite>();
  register_suite<large_msg::doubles_suite>();
}
}  // namespace bench
