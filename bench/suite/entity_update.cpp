// EntityUpdate: a game-state packet (uint64 id, 3 float positions, 3 float velocities, sint32
// health, 16 packed uint32 components, a 32-byte blob), 122 bytes.
#include "harness.hpp"
#include "messages.pb.h"

namespace bench::entity_msg {

struct entity_update {
  std::uint64_t id = 0;
  float pos_x = 0, pos_y = 0, pos_z = 0;
  float vel_x = 0, vel_y = 0, vel_z = 0;
  std::int32_t health = 0;
  std::vector<std::uint32_t> components;
  std::vector<std::byte> blob;
};
TAGWIRE_MESSAGE(entity_update, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, pos_x), TAGWIRE_FIELD(3, pos_y),
                TAGWIRE_FIELD(4, pos_z), TAGWIRE_FIELD(5, vel_x), TAGWIRE_FIELD(6, vel_y), TAGWIRE_FIELD(7, vel_z),
                TAGWIRE_FIELD(8, health, tagwire::sint), TAGWIRE_FIELD(9, components), TAGWIRE_FIELD(10, blob));

// Views: components decoded lazily, the blob points into the input.
struct entity_update_view {
  std::uint64_t id = 0;
  float pos_x = 0, pos_y = 0, pos_z = 0;
  float vel_x = 0, vel_y = 0, vel_z = 0;
  std::int32_t health = 0;
  tagwire::packed_view<std::uint32_t> components;
  std::span<const std::byte> blob;
};
TAGWIRE_MESSAGE(entity_update_view, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, pos_x), TAGWIRE_FIELD(3, pos_y),
                TAGWIRE_FIELD(4, pos_z), TAGWIRE_FIELD(5, vel_x), TAGWIRE_FIELD(6, vel_y), TAGWIRE_FIELD(7, vel_z),
                TAGWIRE_FIELD(8, health, tagwire::sint), TAGWIRE_FIELD(9, components), TAGWIRE_FIELD(10, blob));

// Fixed capacity: no heap.
struct entity_update_fixed {
  std::uint64_t id = 0;
  float pos_x = 0, pos_y = 0, pos_z = 0;
  float vel_x = 0, vel_y = 0, vel_z = 0;
  std::int32_t health = 0;
  tagwire::fixed_vector<std::uint32_t, 16> components;
  tagwire::fixed_vector<std::byte, 32> blob;
};
TAGWIRE_MESSAGE(entity_update_fixed, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, pos_x), TAGWIRE_FIELD(3, pos_y),
                TAGWIRE_FIELD(4, pos_z), TAGWIRE_FIELD(5, vel_x), TAGWIRE_FIELD(6, vel_y), TAGWIRE_FIELD(7, vel_z),
                TAGWIRE_FIELD(8, health, tagwire::sint), TAGWIRE_FIELD(9, components), TAGWIRE_FIELD(10, blob));

template <class A>
bool same(const A& a, const entity_update& b) {
  return eq(a.id, b.id) && eq(a.pos_x, b.pos_x) && eq(a.pos_y, b.pos_y) && eq(a.pos_z, b.pos_z) &&
         eq(a.vel_x, b.vel_x) && eq(a.vel_y, b.vel_y) && eq(a.vel_z, b.vel_z) && eq(a.health, b.health) &&
         eq(a.components, b.components) && eq(a.blob, b.blob);
}

struct suite {
  static constexpr const char* name = "entity_update";
  static constexpr bool has_strings = false;
  using plain = entity_update;
  using view = entity_update_view;
  using fixed = entity_update_fixed;
  using pb = tagwire_bench::EntityUpdate;

  static std::string make(entity_update& e, std::vector<std::byte>&) {
    e.id = 0x00c0ffee12345678;  // a 64-bit entity handle: an 8-byte varint
    e.pos_x = 1024.5f;
    e.pos_y = -37.25f;
    e.pos_z = 3.0e-2f;
    e.vel_x = 0.75f;
    e.vel_y = -9.81f;
    e.vel_z = 12.5f;
    e.health = -42;
    // Component ids of 1, 2 and 3 varint bytes.
    e.components = {1, 7, 42, 127, 128, 300, 1000, 5000, 16383, 16384, 20000, 65535, 99999, 3, 250, 2000000};
    for (int i = 0; i < 32; ++i) e.blob.push_back(static_cast<std::byte>(i * 37 + 11));
    return {};
  }

  static void fill(const entity_update& e, pb& m) {
    m.set_id(e.id);
    m.set_pos_x(e.pos_x);
    m.set_pos_y(e.pos_y);
    m.set_pos_z(e.pos_z);
    m.set_vel_x(e.vel_x);
    m.set_vel_y(e.vel_y);
    m.set_vel_z(e.vel_z);
    m.set_health(e.health);
    m.mutable_components()->Add(e.components.begin(), e.components.end());
    m.set_blob(e.blob.data(), e.blob.size());
  }

  static entity_update to_plain(const pb& m) {
    entity_update e;
    e.id = m.id();
    e.pos_x = m.pos_x();
    e.pos_y = m.pos_y();
    e.pos_z = m.pos_z();
    e.vel_x = m.vel_x();
    e.vel_y = m.vel_y();
    e.vel_z = m.vel_z();
    e.health = m.health();
    e.components.assign(m.components().begin(), m.components().end());
    const auto b = std::as_bytes(std::span(m.blob().data(), m.blob().size()));
    e.blob.assign(b.begin(), b.end());
    return e;
  }

  template <class M>
  static void pz_read(protozero::pbf_reader r, M& out) {
    while (r.next()) {
      switch (r.tag()) {
        case 1: out.id = r.get_uint64(); break;
        case 2: out.pos_x = r.get_float(); break;
        case 3: out.pos_y = r.get_float(); break;
        case 4: out.pos_z = r.get_float(); break;
        case 5: out.vel_x = r.get_float(); break;
        case 6: out.vel_y = r.get_float(); break;
        case 7: out.vel_z = r.get_float(); break;
        case 8: out.health = r.get_sint32(); break;
        case 9: pz_packed(r, out.components, [](auto& x) { return x.get_packed_uint32(); }); break;
        case 10: pz_assign(out.blob, r.get_view()); break;
        default: r.skip();
      }
    }
  }

  // Proto3: zero scalars are not written; a float when its bits are not all zero.
  static bool nonzero(float f) { return std::bit_cast<std::uint32_t>(f) != 0; }

  template <class W, class M>
  static void pz_write(W& w, const M& e) {
    if (e.id != 0) w.add_uint64(1, e.id);
    if (nonzero(e.pos_x)) w.add_float(2, e.pos_x);
    if (nonzero(e.pos_y)) w.add_float(3, e.pos_y);
    if (nonzero(e.pos_z)) w.add_float(4, e.pos_z);
    if (nonzero(e.vel_x)) w.add_float(5, e.vel_x);
    if (nonzero(e.vel_y)) w.add_float(6, e.vel_y);
    if (nonzero(e.vel_z)) w.add_float(7, e.vel_z);
    if (e.health != 0) w.add_sint32(8, e.health);
    if (!e.components.empty()) w.add_packed_uint32(9, e.components.begin(), e.components.end());
    pz_bytes(w, 10, e.blob);
  }
};

}  // namespace bench::entity_msg

namespace bench {
void register_entity_update() { register_suite<entity_msg::suite>(); }
}  // namespace bench
