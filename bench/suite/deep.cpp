// Deep: a message nested 32 levels (each level an id, a short label and the child), to show that
// sizing and encoding stay linear in the depth.
#include "harness.hpp"
#include "messages.pb.h"

namespace bench::deep_msg {

struct deep {
  std::uint32_t id = 0;
  std::string label;
  tagwire::box<deep> child;
};
TAGWIRE_MESSAGE(deep, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, label), TAGWIRE_FIELD(3, child));

struct deep_view {
  std::uint32_t id = 0;
  std::string_view label;
  tagwire::box<deep_view> child;
};
TAGWIRE_MESSAGE(deep_view, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, label), TAGWIRE_FIELD(3, child));

template <class A>
bool same(const A& a, const deep& b) {
  return eq(a.id, b.id) && eq(a.label, b.label) && eq(a.child, b.child);
}

struct suite {
  static constexpr const char* name = "deep";
  static constexpr bool has_strings = true;
  using plain = deep;
  using view = deep_view;
  using pb = tagwire_bench::Deep;

  static constexpr int levels = 32;

  static std::string make(deep& d, std::vector<std::byte>&) {
    deep* level = &d;
    for (int i = 1; i <= levels; ++i) {
      level->id = static_cast<std::uint32_t>(i);
      level->label = "level-" + std::to_string(i);
      if (i < levels) level = &level->child.emplace();
    }
    return {};
  }

  static void fill(const deep& d, pb& m) {
    m.set_id(d.id);
    m.set_label(d.label);
    if (d.child) fill(*d.child, *m.mutable_child());
  }

  static deep to_plain(const pb& m) {
    deep d;
    d.id = m.id();
    d.label = m.label();
    if (m.has_child()) d.child = to_plain(m.child());
    return d;
  }

  template <class M>
  static void pz_read(protozero::pbf_reader r, M& out) {
    while (r.next()) {
      switch (r.tag()) {
        case 1: out.id = r.get_uint32(); break;
        case 2: pz_assign(out.label, r.get_view()); break;
        case 3: {
          if (!out.child) out.child.emplace();
          pz_read(r.get_message(), *out.child);
          break;
        }
        default: r.skip();
      }
    }
  }

  template <class W, class M>
  static void pz_write(W& w, const M& d) {
    if (d.id != 0) w.add_uint32(1, d.id);
    pz_string(w, 2, d.label);
    if (d.child) {
      W sub(w, 3);
      pz_write(sub, *d.child);
    }
  }
};

}  // namespace bench::deep_msg

namespace bench {
void register_deep() { register_suite<deep_msg::suite>(); }
}  // namespace bench
