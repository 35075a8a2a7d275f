// for_each_field: names, numbers, proto types, labels and references to every field.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tagwire/reflect.hpp>
#include <tagwire/tagwire.hpp>
#include <type_traits>
#include <variant>
#include <vector>

#include "test_util.hpp"

namespace rf {
enum class mood : std::int32_t { calm = 0, loud = 1 };

struct inner {
  std::int32_t x = 0;
};
TAGWIRE_MESSAGE(inner, TAGWIRE_FIELD(1, x));

struct all {
  std::int32_t i32 = 0;
  std::int64_t s64 = 0;
  std::uint32_t f32 = 0;
  std::int64_t sf64 = 0;
  bool flag = false;
  mood m = mood::calm;
  float fl = 0;
  double db = 0;
  std::string text;
  std::string raw;
  std::vector<std::byte> blob;
  inner sub;
  std::optional<inner> group_sub;
  std::uint64_t u64 = 0;
  std::uint32_t u32 = 0;
  std::int32_t s32 = 0;
  std::uint64_t f64 = 0;
  std::int32_t sf32 = 0;
  std::int64_t i64 = 0;
};
// Declared out of number order on purpose: visiting goes by number.
TAGWIRE_MESSAGE(all, TAGWIRE_FIELD(19, i64), TAGWIRE_FIELD(1, i32), TAGWIRE_FIELD(2, s64, tagwire::sint),
                TAGWIRE_FIELD(3, f32, tagwire::fixed), TAGWIRE_FIELD(4, sf64, tagwire::sfixed), TAGWIRE_FIELD(5, flag),
                TAGWIRE_FIELD(6, m), TAGWIRE_FIELD(7, fl), TAGWIRE_FIELD(8, db), TAGWIRE_FIELD(9, text),
                TAGWIRE_FIELD(10, raw, tagwire::bytes), TAGWIRE_FIELD(11, blob), TAGWIRE_FIELD(12, sub),
                TAGWIRE_FIELD(13, group_sub, tagwire::group), TAGWIRE_FIELD(14, u64), TAGWIRE_FIELD(15, u32),
                TAGWIRE_FIELD(16, s32, tagwire::sint), TAGWIRE_FIELD(17, f64, tagwire::fixed),
                TAGWIRE_FIELD(18, sf32, tagwire::sfixed));

struct shapes {
  std::int32_t plain = 0;
  std::optional<std::int32_t> opt;
  std::unique_ptr<inner> ptr;
  std::vector<std::int32_t> list;
  std::map<std::int32_t, std::int64_t> table;
  std::variant<std::monostate, std::int32_t, std::string, inner> choice;
  tagwire::packed_view<std::int64_t, tagwire::sint> lazy;
  std::int32_t must = 0;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(shapes, TAGWIRE_FIELD(1, plain), TAGWIRE_FIELD(2, opt), TAGWIRE_FIELD(3, ptr), TAGWIRE_FIELD(4, list),
                TAGWIRE_FIELD(5, table, tagwire::key<tagwire::sint>, tagwire::value<tagwire::sint>),
                TAGWIRE_ONEOF(choice, TAGWIRE_ALT(8, num), TAGWIRE_ALT(6, word), TAGWIRE_ALT(7, nested)),
                TAGWIRE_FIELD(9, lazy), TAGWIRE_FIELD(10, must, tagwire::required), TAGWIRE_UNKNOWN(unknown));
}  // namespace rf

namespace {
struct seen {
  std::string name;
  std::uint32_t number;
  tagwire::proto_type type;
  tagwire::field_label label;
  std::string oneof;
  bool present;
};

template <class Msg>
std::vector<seen> visit(Msg& m) {
  std::vector<seen> out;
  tagwire::for_each_field(m, [&](auto f) {
    out.push_back({std::string(f.name), f.number, f.type, f.label, std::string(f.oneof), f.present()});
  });
  return out;
}
}  // namespace

TEST_CASE("every proto type, in field-number order") {
  using tagwire::proto_type;
  const rf::all a;
  const auto v = visit(a);
  const proto_type expected[] = {proto_type::int32,   proto_type::sint64,   proto_type::fixed32, proto_type::sfixed64,
                                 proto_type::bool_,   proto_type::enum_,    proto_type::float_,  proto_type::double_,
                                 proto_type::string,  proto_type::bytes,    proto_type::bytes,   proto_type::message,
                                 proto_type::group,   proto_type::uint64,   proto_type::uint32,  proto_type::sint32,
                                 proto_type::fixed64, proto_type::sfixed32, proto_type::int64};
  REQUIRE(v.size() == std::size(expected));
  for (std::size_t i = 0; i < v.size(); ++i) {
    CAPTURE(i);
    CHECK(v[i].number == i + 1);
    CHECK(v[i].type == expected[i]);
  }
  CHECK(v[0].name == "i32");
  CHECK(v[18].name == "i64");
  CHECK(v[12].label == tagwire::field_label::optional);
  CHECK(v[0].label == tagwire::field_label::singular);
  CHECK(tagwire::to_string(proto_type::sfixed64) == "sfixed64");
  CHECK(tagwire::to_string(proto_type::bool_) == "bool");
  CHECK(tagwire::to_string(proto_type::enum_) == "enum");
  CHECK(tagwire::to_string(proto_type::float_) == "float");
  CHECK(tagwire::to_string(proto_type::group) == "group");
  CHECK(tagwire::to_string(tagwire::field_label::oneof) == "oneof");
}

TEST_CASE("labels, oneof alternatives, presence") {
  using tagwire::field_label;
  rf::shapes s;
  auto v = visit(s);
  REQUIRE(v.size() == 10);
  // Alternatives are visited by number among the other fields: 6 word, 7 nested, 8 num.
  const std::uint32_t numbers[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const field_label labels[] = {field_label::singular, field_label::optional, field_label::optional,
                                field_label::repeated, field_label::map,      field_label::oneof,
                                field_label::oneof,    field_label::oneof,    field_label::repeated,
                                field_label::singular};
  for (std::size_t i = 0; i < v.size(); ++i) {
    CAPTURE(i);
    CHECK(v[i].number == numbers[i]);
    CHECK(v[i].label == labels[i]);
    CHECK(v[i].present == (i == 9));  // only the required field is written when everything is empty
    CHECK(v[i].oneof == (labels[i] == field_label::oneof ? "choice" : ""));
  }
  CHECK(v[5].name == "word");
  CHECK(v[6].name == "nested");
  CHECK(v[7].name == "num");
  CHECK(v[4].type == tagwire::proto_type::sint64);  // a map's value type
  CHECK(v[8].type == tagwire::proto_type::sint64);  // a packed view's element type

  s.plain = 1;
  s.opt = 0;  // explicit presence: zero is present
  s.ptr = std::make_unique<rf::inner>();
  s.list = {0};
  s.table[-1] = 0;
  s.choice = std::string();
  const std::vector<std::byte> packed = test_util::hex("01");
  s.lazy = tagwire::packed_view<std::int64_t, tagwire::sint>(packed);
  v = visit(s);
  const bool present[] = {true, true, true, true, true, true, false, false, true, true};
  for (std::size_t i = 0; i < v.size(); ++i) {
    CAPTURE(i);
    CHECK(v[i].present == present[i]);
  }
}

TEST_CASE("static members are compile-time constants") {
  const rf::shapes s;
  int maps = 0;
  tagwire::for_each_field(s, [&](auto f) {
    using view = decltype(f);
    static_assert(std::is_const_v<typename view::member_type>);
    if constexpr (view::label == tagwire::field_label::map) {
      static_assert(view::key_type == tagwire::proto_type::sint32);
      static_assert(view::type == tagwire::proto_type::sint64);
      ++maps;
    }
    if constexpr (view::number == 10) static_assert(view::required);
    if constexpr (view::number == 7) static_assert(view::index == 3 && view::type == tagwire::proto_type::message);
    if constexpr (f.number == 1) static_assert(!f.required);  // also through a by-value view
  });
  CHECK(maps == 1);
}

TEST_CASE("get() and mutation through a non-const message") {
  rf::shapes s;
  s.choice = rf::inner{4};
  tagwire::for_each_field(s, [](auto f) {
    using view = decltype(f);
    static_assert(!std::is_const_v<typename view::member_type>);
    if constexpr (view::number == 1) *f.get() = 11;
    if constexpr (view::number == 2) {
      CHECK(f.get() == nullptr);
      f.value = 22;
    }
    if constexpr (view::number == 3) {
      CHECK(f.get() == nullptr);
      f.value = std::make_unique<rf::inner>();
    }
    if constexpr (view::number == 6 || view::number == 8) CHECK(f.get() == nullptr);  // inactive alternatives
    if constexpr (view::number == 7) {
      REQUIRE(f.get() != nullptr);
      CHECK(f.get()->x == 4);
      f.get()->x = 44;
    }
    if constexpr (view::number == 4) f.value.push_back(5);
  });
  CHECK(s.plain == 11);
  CHECK(s.opt == 22);
  REQUIRE(s.ptr != nullptr);
  CHECK(s.list == std::vector<std::int32_t>{5});
  CHECK(std::get<rf::inner>(s.choice).x == 44);

  // A pointer member of a const message yields a pointer to const.
  const rf::shapes& cs = s;
  tagwire::for_each_field(cs, [](auto f) {
    if constexpr (decltype(f)::number == 3) {
      static_assert(std::is_same_v<decltype(f.get()), const rf::inner*>);
      CHECK(f.get() != nullptr);
    }
  });
}

TEST_CASE("unknown_bytes") {
  const auto wire = test_util::hex("08 01 f8 06 05");  // field 1 = 1, then field 111 = 5 (unknown)
  auto s = tagwire::decode<rf::shapes>(wire, {.partial = true});
  REQUIRE(s);
  CHECK(test_util::to_hex(tagwire::unknown_bytes(*s)) == "f8 06 05");
  CHECK(tagwire::unknown_bytes(rf::inner{}).empty());  // declares none
}
