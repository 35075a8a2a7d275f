// Strings: many short strings (a title, 100 words of 3 to 12 letters) and a few long ones (three
// paragraphs of 600, 1,500 and 3,000 bytes, with some non-ASCII UTF-8), 5.9 KB.
#include <random>

#include "harness.hpp"
#include "messages.pb.h"

namespace bench::strings_msg {

struct strings {
  std::string title;
  std::vector<std::string> words;
  std::vector<std::string> paragraphs;
};
TAGWIRE_MESSAGE(strings, TAGWIRE_FIELD(1, title), TAGWIRE_FIELD(2, words), TAGWIRE_FIELD(3, paragraphs));

struct strings_view {
  std::string_view title;
  std::vector<std::string_view> words;
  std::vector<std::string_view> paragraphs;
};
TAGWIRE_MESSAGE(strings_view, TAGWIRE_FIELD(1, title), TAGWIRE_FIELD(2, words), TAGWIRE_FIELD(3, paragraphs));

struct strings_fixed {
  tagwire::fixed_string<64> title;
  tagwire::fixed_vector<tagwire::fixed_string<16>, 128> words;
  tagwire::fixed_vector<tagwire::fixed_string<4096>, 4> paragraphs;
};
TAGWIRE_MESSAGE(strings_fixed, TAGWIRE_FIELD(1, title), TAGWIRE_FIELD(2, words), TAGWIRE_FIELD(3, paragraphs));

template <class A>
bool same(const A& a, const strings& b) {
  return eq(a.title, b.title) && eq(a.words, b.words) && eq(a.paragraphs, b.paragraphs);
}

struct suite {
  static constexpr const char* name = "strings";
  static constexpr bool has_strings = true;
  using plain = strings;
  using view = strings_view;
  using fixed = strings_fixed;
  using pb = tagwire_bench::Strings;

  static std::string make(strings& s, std::vector<std::byte>&) {
    std::mt19937 rng(7);
    auto letters = [&](std::size_t n) {
      std::string w;
      for (std::size_t i = 0; i < n; ++i) w += static_cast<char>('a' + rng() % 26);
      return w;
    };
    s.title = "Notes from the field";
    for (int i = 0; i < 100; ++i) s.words.push_back(letters(3 + rng() % 10));
    for (std::size_t len : {600u, 1500u, 3000u}) {
      std::string p;
      while (p.size() < len) {
        p += rng() % 16 == 0 ? "café Zürich " : letters(1 + rng() % 9) + " ";  // é and ü: 2-byte UTF-8
      }
      p.resize(len - 1);
      while ((static_cast<unsigned char>(p.back()) & 0x80) != 0) p.pop_back();  // no cut UTF-8 sequence
      p.resize(len - 1, 'x');
      p += '.';
      s.paragraphs.push_back(std::move(p));
    }
    return {};
  }

  static void fill(const strings& s, pb& m) {
    m.set_title(s.title);
    for (const auto& w : s.words) m.add_words(w);
    for (const auto& p : s.paragraphs) m.add_paragraphs(p);
  }

  static strings to_plain(const pb& m) {
    strings s;
    s.title = m.title();
    s.words.assign(m.words().begin(), m.words().end());
    s.paragraphs.assign(m.paragraphs().begin(), m.paragraphs().end());
    return s;
  }

  template <class M>
  static void pz_read(protozero::pbf_reader r, M& out) {
    while (r.next()) {
      switch (r.tag()) {
        case 1: pz_assign(out.title, r.get_view()); break;
        case 2: pz_assign(out.words.emplace_back(), r.get_view()); break;
        case 3: pz_assign(out.paragraphs.emplace_back(), r.get_view()); break;
        default: r.skip();
      }
    }
  }

  template <class W, class M>
  static void pz_write(W& w, const M& s) {
    pz_string(w, 1, s.title);
    for (const auto& x : s.words) w.add_string(2, std::string_view(x).data(), std::string_view(x).size());
    for (const auto& x : s.paragraphs) w.add_string(3, std::string_view(x).data(), std::string_view(x).size());
  }
};

}  // namespace bench::strings_msg

namespace bench {
void register_strings() { register_suite<strings_msg::suite>(); }
}  // namespace bench
