// Person: the address-book classic (name, id, email, two phone numbers), 62 bytes.
#include "harness.hpp"
#include "messages.pb.h"

namespace bench::person_msg {

enum class phone_type : std::int32_t { mobile = 0, home = 1, work = 2 };

// Owning: the struct a program keeps its data in.
struct phone_number {
  std::string number;
  phone_type type = phone_type::mobile;
};
TAGWIRE_MESSAGE(phone_number, TAGWIRE_FIELD(1, number), TAGWIRE_FIELD(2, type));

struct person {
  std::string name;
  std::int32_t id = 0;
  std::string email;
  std::vector<phone_number> phones;
};
TAGWIRE_MESSAGE(person, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(3, email),
                TAGWIRE_FIELD(4, phones));

// Views: the strings point into the input.
struct phone_number_view {
  std::string_view number;
  phone_type type = phone_type::mobile;
};
TAGWIRE_MESSAGE(phone_number_view, TAGWIRE_FIELD(1, number), TAGWIRE_FIELD(2, type));

struct person_view {
  std::string_view name;
  std::int32_t id = 0;
  std::string_view email;
  std::vector<phone_number_view> phones;
};
TAGWIRE_MESSAGE(person_view, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(3, email),
                TAGWIRE_FIELD(4, phones));

// tagwire's views: the phone numbers too are a view of the input, checked when decoded and
// decoded again when iterated; no heap at all.
struct person_lazy_view {
  std::string_view name;
  std::int32_t id = 0;
  std::string_view email;
  tagwire::repeated_view<phone_number_view> phones;
};
TAGWIRE_MESSAGE(person_lazy_view, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(3, email),
                TAGWIRE_FIELD(4, phones));

// Fixed capacity: no heap at all.
struct phone_number_fixed {
  tagwire::fixed_string<16> number;
  phone_type type = phone_type::mobile;
};
TAGWIRE_MESSAGE(phone_number_fixed, TAGWIRE_FIELD(1, number), TAGWIRE_FIELD(2, type));

struct person_fixed {
  tagwire::fixed_string<32> name;
  std::int32_t id = 0;
  tagwire::fixed_string<48> email;
  tagwire::fixed_vector<phone_number_fixed, 4> phones;
};
TAGWIRE_MESSAGE(person_fixed, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(3, email),
                TAGWIRE_FIELD(4, phones));

template <class A>
bool same(const A& a, const phone_number& b) {
  return eq(a.number, b.number) && eq(a.type, b.type);
}
template <class A>
bool same(const A& a, const person& b) {
  return eq(a.name, b.name) && eq(a.id, b.id) && eq(a.email, b.email) && eq(a.phones, b.phones);
}

struct suite {
  static constexpr const char* name = "person";
  static constexpr bool has_strings = true;
  using plain = person;
  using view = person_view;
  using tagwire_view = person_lazy_view;
  using fixed = person_fixed;
  using pb = tagwire_bench::Person;

  static std::string make(person& p, std::vector<std::byte>&) {
    p.name = "Ada Lovelace";
    p.id = 1815;
    p.email = "ada@example.com";
    p.phones = {{"555-0100", phone_type::home}, {"555-0199", phone_type::work}};
    return {};
  }

  static void fill(const person& p, pb& m) {
    m.set_name(p.name);
    m.set_id(p.id);
    m.set_email(p.email);
    for (const auto& ph : p.phones) {
      auto* x = m.add_phones();
      x->set_number(ph.number);
      x->set_type(static_cast<tagwire_bench::PhoneType>(ph.type));
    }
  }

  static person to_plain(const pb& m) {
    person p;
    p.name = m.name();
    p.id = m.id();
    p.email = m.email();
    for (const auto& x : m.phones()) p.phones.push_back({x.number(), static_cast<phone_type>(x.type())});
    return p;
  }

  template <class M>
  static void pz_read(protozero::pbf_reader r, M& out) {
    while (r.next()) {
      switch (r.tag()) {
        case 1: pz_assign(out.name, r.get_view()); break;
        case 2: out.id = r.get_int32(); break;
        case 3: pz_assign(out.email, r.get_view()); break;
        case 4: {
          auto& ph = out.phones.emplace_back();
          protozero::pbf_reader sub = r.get_message();
          while (sub.next()) {
            switch (sub.tag()) {
              case 1: pz_assign(ph.number, sub.get_view()); break;
              case 2: ph.type = static_cast<phone_type>(sub.get_enum()); break;
              default: sub.skip();
            }
          }
          break;
        }
        default: r.skip();
      }
    }
  }

  template <class W, class M>
  static void pz_write(W& w, const M& p) {
    pz_string(w, 1, p.name);
    if (p.id != 0) w.add_int32(2, p.id);
    pz_string(w, 3, p.email);
    for (const auto& ph : p.phones) {
      W sub(w, 4);
      pz_string(sub, 1, ph.number);
      if (ph.type != phone_type::mobile) sub.add_enum(2, static_cast<std::int32_t>(ph.type));
    }
  }
};

}  // namespace bench::person_msg

namespace bench {
void register_person() { register_suite<person_msg::suite>(); }
}  // namespace bench
