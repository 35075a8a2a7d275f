// result<T>: the std::expected-shaped return type.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>
#include <tagwire/tagwire.hpp>

TEST_CASE("result<T> holds a value or an error") {
  tagwire::result<std::string> ok(std::string("value"));
  CHECK(ok.has_value());
  CHECK(static_cast<bool>(ok));
  CHECK(*ok == "value");
  CHECK(ok->size() == 5);
  CHECK(ok.value() == "value");
  CHECK(ok.value_or("other") == "value");

  tagwire::result<std::string> bad(tagwire::error{tagwire::errc::truncated, 3, 2});
  CHECK_FALSE(bad.has_value());
  CHECK_FALSE(static_cast<bool>(bad));
  CHECK(bad.error() == tagwire::error{tagwire::errc::truncated, 3, 2});
  CHECK(bad.value_or("other") == "other");

  // Copy, move and assignment across states.
  tagwire::result<std::string> c = ok;
  CHECK(*c == "value");
  c = bad;
  CHECK(c.error().code == tagwire::errc::truncated);
  c = tagwire::result<std::string>(std::string("again"));
  CHECK(*c == "again");
  tagwire::result<std::string> m = std::move(c);
  CHECK(*m == "again");

  // Move-only values.
  tagwire::result<std::unique_ptr<int>> p(std::make_unique<int>(7));
  auto moved = std::move(p);
  CHECK(**moved == 7);
}

namespace {
struct no_default_values {  // members without initializers: T{} must still zero them
  int a;
  double b;
  std::string s;
  tagwire::fixed_string<8> f;
};
struct explicit_default {
  explicit explicit_default() = default;
  int v = 5;
};
struct holds_explicit_default {  // T{} is ill-formed here: the variadic in_place constructor serves
  explicit_default e;
};
}  // namespace

TEST_CASE("result(std::in_place) with no arguments holds T{}") {
  const tagwire::result<no_default_values> r(std::in_place);
  REQUIRE(r.has_value());
  CHECK(r->a == 0);
  CHECK(r->b == 0.0);
  CHECK(r->s.empty());
  CHECK(r->f.empty());
  CHECK(std::string(r->f.c_str()).empty());
  const tagwire::result<std::vector<int>> v(std::in_place);
  CHECK(v->empty());
  const tagwire::result<std::vector<int>> three(std::in_place, 3, 4);  // not a list of {3, 4}
  CHECK(*three == std::vector<int>{4, 4, 4});
  const tagwire::result<holds_explicit_default> h(std::in_place);
  CHECK(h->e.v == 5);
}

TEST_CASE("result<void>") {
  tagwire::result<void> ok;
  CHECK(ok.has_value());
  tagwire::result<void> bad(tagwire::error{tagwire::errc::depth_exceeded, 1, 1});
  CHECK_FALSE(bad);
  CHECK(bad.error().code == tagwire::errc::depth_exceeded);
}

#if defined(__cpp_exceptions)
TEST_CASE("value() on an error throws bad_result_access carrying the error") {
  tagwire::result<int> bad(tagwire::error{tagwire::errc::group_mismatch, 9, 4});
  CHECK_THROWS_AS((void)bad.value(), tagwire::bad_result_access);
  try {
    (void)bad.value();
  } catch (const tagwire::bad_result_access& e) {
    CHECK(e.get() == tagwire::error{tagwire::errc::group_mismatch, 9, 4});
    CHECK(std::string(e.what()) == "mismatched end-group");
  }
}
#endif
