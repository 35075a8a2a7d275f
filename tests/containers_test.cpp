// fixed_vector and fixed_string: lifetimes, capacity limits, std-like behaviour, layout.
#include <doctest/doctest.h>

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <forward_list>
#include <iterator>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <tagwire/containers.hpp>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#define TAGWIRE_HAVE_FORK 1
#endif

using tagwire::fixed_string;
using tagwire::fixed_vector;

namespace {

// Counts every construction and destruction so that each test can check exact lifetimes.
struct counters {
  int constructed = 0;  // by any constructor
  int copied = 0;       // copy constructions
  int moved = 0;        // move constructions
  int copy_assigned = 0;
  int move_assigned = 0;
  int destroyed = 0;
  [[nodiscard]] int live() const { return constructed - destroyed; }
};
counters g;

struct tracked {
  int value = -1;
  tracked() { ++g.constructed; }
  explicit tracked(int v) : value(v) { ++g.constructed; }
  tracked(const tracked& o) : value(o.value) {
    ++g.constructed;
    ++g.copied;
  }
  tracked(tracked&& o) noexcept : value(o.value) {
    o.value = -2;  // marks a moved-from object
    ++g.constructed;
    ++g.moved;
  }
  tracked& operator=(const tracked& o) {
    value = o.value;
    ++g.copy_assigned;
    return *this;
  }
  tracked& operator=(tracked&& o) noexcept {
    value = o.value;
    o.value = -2;
    ++g.move_assigned;
    return *this;
  }
  ~tracked() { ++g.destroyed; }
  friend bool operator==(const tracked& a, const tracked& b) { return a.value == b.value; }
};

// No default constructor: the container must not need one.
struct no_default {
  explicit no_default(int v) : value(v) {}
  int value;
  friend bool operator==(const no_default&, const no_default&) = default;
};

// A message-like struct holding other fixed containers.
struct inner_message {
  fixed_string<8> name;
  fixed_vector<std::int32_t, 4> values;
  friend bool operator==(const inner_message&, const inner_message&) = default;
};

template <class R>
std::vector<int> values_of(const R& r) {
  std::vector<int> out;
  for (const auto& x : r) out.push_back(x.value);
  return out;
}

}  // namespace

// --- compile-time properties ---

static_assert(std::ranges::contiguous_range<fixed_vector<int, 4>>);
static_assert(std::ranges::contiguous_range<const fixed_vector<int, 4>>);
static_assert(std::ranges::bidirectional_range<fixed_vector<tracked, 4>>);
static_assert(std::ranges::sized_range<fixed_vector<tracked, 4>>);
static_assert(std::same_as<std::ranges::range_value_t<fixed_vector<tracked, 4>>, tracked>);
static_assert(std::same_as<fixed_vector<int, 4>::iterator, int*>);
static_assert(std::same_as<fixed_vector<int, 4>::const_iterator, const int*>);
static_assert(fixed_vector<int, 7>::capacity() == 7 && fixed_vector<int, 7>::max_size() == 7);
static_assert(fixed_vector<int, 7>::static_capacity == 7);
static_assert(std::ranges::contiguous_range<fixed_string<4>>);
static_assert(std::same_as<std::ranges::range_value_t<fixed_string<4>>, char>);
static_assert(fixed_string<9>::capacity() == 9 && fixed_string<9>::max_size() == 9);

// Copy operations exist only when the element type has them.
static_assert(!std::is_copy_constructible_v<fixed_vector<std::unique_ptr<int>, 2>>);
static_assert(!std::is_copy_assignable_v<fixed_vector<std::unique_ptr<int>, 2>>);
static_assert(std::is_nothrow_move_constructible_v<fixed_vector<std::unique_ptr<int>, 2>>);
static_assert(std::is_copy_constructible_v<fixed_vector<tracked, 2>>);
static_assert(std::is_nothrow_default_constructible_v<fixed_vector<no_default, 2>>);

// Comparisons exist only when the element type has them.
static_assert(std::equality_comparable<fixed_vector<int, 2>>);
struct not_comparable {};
static_assert(!std::equality_comparable<fixed_vector<not_comparable, 2>>);
static_assert(std::three_way_comparable<fixed_vector<int, 2>>);

// Layout: the elements plus a size field of the smallest width that holds N; no pointers.
static_assert(sizeof(fixed_vector<std::byte, 16>) == 17);
static_assert(sizeof(fixed_vector<std::uint8_t, 255>) == 256);
static_assert(sizeof(fixed_vector<std::uint8_t, 256>) == 258);  // 16-bit size field
static_assert(sizeof(fixed_vector<std::uint32_t, 4>) == 20);
static_assert(sizeof(fixed_vector<std::uint64_t, 3>) == 32);
static_assert(sizeof(fixed_vector<tracked, 3>) == 3 * sizeof(tracked) + alignof(tracked));
static_assert(alignof(fixed_vector<std::uint64_t, 3>) == alignof(std::uint64_t));
static_assert(sizeof(fixed_vector<std::byte, 70000>) == 70000 + 4);
static_assert(sizeof(fixed_string<15>) == 17);
static_assert(sizeof(fixed_string<0>) == 2);
static_assert(sizeof(fixed_string<1000>) == 1001 + 1 + 2);  // 1001 chars, padding, 16-bit size
static_assert(std::is_trivially_copyable_v<fixed_string<32>>);
// (These were checked in containers.hpp itself, at a cost to every translation unit.)
static_assert(sizeof(fixed_vector<std::uint64_t, 2>) == 24);
static_assert(sizeof(fixed_vector<char, 300>) == 302);
static_assert(sizeof(fixed_string<255>) == 257);
static_assert(std::is_trivially_copyable_v<fixed_string<8>>);
static_assert(std::contiguous_iterator<fixed_vector<int, 1>::iterator>);

// Usable in constant expressions with trivial element types.
static_assert([] {
  fixed_vector<int, 4> v{1, 2};
  v.push_back(3);
  v.emplace_back(4);
  if (v.try_push_back(5)) return -1;  // full: refused
  v.erase(v.begin());
  v.insert(v.begin(), 9);
  v.pop_back();
  fixed_vector<int, 4> w = v;
  w.resize(4);
  return w[0] * 1000 + w[1] * 100 + w[2] * 10 + w[3] + static_cast<int>(w.size()) * 10000;
}() == 49230);
static_assert([] {
  fixed_string<8> s = "ab";
  s += 'c';
  s.append("de");
  s.resize(6, 'x');
  return s == "abcdex" && s.size() == 6 && s.c_str()[6] == '\0';
}());
constexpr fixed_string<8> constant_name = "player";
// A default-constructed one is a constant too (at compile time every char is initialised).
constexpr fixed_string<8> constant_empty{};
static_assert(constant_empty.empty() && constant_empty.c_str()[0] == '\0');
static_assert(constant_name.size() == 6 && constant_name == std::string_view("player"));

// --- fixed_vector ---

TEST_CASE("fixed_vector: an empty vector") {
  g = {};
  {
    fixed_vector<tracked, 4> v;
    CHECK(v.empty());
    CHECK_FALSE(v.full());
    CHECK(v.size() == 0);
    CHECK(v.capacity() == 4);
    CHECK(v.max_size() == 4);
    CHECK(v.begin() == v.end());
    CHECK(v.data() != nullptr);
    CHECK(std::ranges::distance(v) == 0);
  }
  CHECK(g.constructed == 0);  // the storage holds no elements until asked
  CHECK(g.destroyed == 0);
}

TEST_CASE("fixed_vector: push_back and emplace_back construct exactly one element each") {
  g = {};
  {
    fixed_vector<tracked, 4> v;
    const tracked a(1);
    v.push_back(a);
    CHECK(g.copied == 1);
    v.push_back(tracked(2));
    CHECK(g.moved == 1);
    tracked& r = v.emplace_back(3);
    CHECK(&r == &v.back());
    CHECK(r.value == 3);
    tracked& d = v.emplace_back();
    CHECK(&d == &v[3]);
    CHECK(d.value == -1);
    CHECK(v.size() == 4);
    CHECK(v.full());
    CHECK(values_of(v) == std::vector<int>{1, 2, 3, -1});
    CHECK(v.front().value == 1);
    CHECK(g.live() == 1 + 4);  // a plus the four elements
  }
  CHECK(g.live() == 0);
  CHECK(g.constructed == 6);  // a, the temporary 2, its move, 3, default, a's copy
}

TEST_CASE("fixed_vector: a full vector refuses try_push_back and try_emplace_back unchanged") {
  g = {};
  fixed_vector<tracked, 2> v;
  CHECK(v.try_push_back(tracked(1)));
  CHECK(v.try_emplace_back(2));
  CHECK(v.full());
  const counters before = g;

  tracked extra(3);
  CHECK_FALSE(v.try_push_back(extra));
  CHECK_FALSE(v.try_push_back(std::move(extra)));
  CHECK(extra.value == 3);  // not moved from
  CHECK_FALSE(v.try_emplace_back(4));
  CHECK_FALSE(v.try_emplace_back());

  CHECK(v.size() == 2);
  CHECK(values_of(v) == std::vector<int>{1, 2});
  CHECK(g.constructed == before.constructed + 1);  // only `extra`
  CHECK(g.moved == before.moved);
  CHECK(g.copied == before.copied);
  CHECK(g.destroyed == before.destroyed);

  // After making room the same calls succeed.
  v.pop_back();
  CHECK(v.try_push_back(std::move(extra)));
  CHECK(extra.value == -2);
  CHECK(values_of(v) == std::vector<int>{1, 3});
}

TEST_CASE("fixed_vector: the decoder's pattern fills to capacity and stops") {
  fixed_vector<std::uint32_t, 3> v;
  int accepted = 0;
  for (std::uint32_t x = 10; x < 20; ++x) {
    if (v.size() < v.max_size()) {
      v.push_back(x);
      ++accepted;
    }
  }
  CHECK(accepted == 3);
  CHECK(v == fixed_vector<std::uint32_t, 3>{10, 11, 12});
  v.reserve(1000);  // a no-op, even beyond N
  CHECK(v.capacity() == 3);
  CHECK(v.size() == 3);
}

TEST_CASE("fixed_vector: pop_back, clear and the destructor destroy exactly the live elements") {
  g = {};
  {
    fixed_vector<tracked, 5> v;
    for (int i = 0; i < 5; ++i) v.emplace_back(i);
    CHECK(g.live() == 5);
    v.pop_back();
    CHECK(g.destroyed == 1);
    CHECK(v.size() == 4);
    CHECK(v.back().value == 3);
    v.clear();
    CHECK(g.destroyed == 5);
    CHECK(v.empty());
    v.emplace_back(7);
    v.emplace_back(8);
    CHECK(g.live() == 2);
  }
  CHECK(g.live() == 0);
  CHECK(g.destroyed == 7);
}

TEST_CASE("fixed_vector: resize grows with value-initialised elements and shrinks by destroying") {
  SUBCASE("trivial elements are zeroed, even over earlier values") {
    fixed_vector<int, 6> v{7, 7, 7, 7, 7, 7};
    v.resize(1);
    CHECK(v.size() == 1);
    v.resize(4);
    CHECK(v == fixed_vector<int, 6>{7, 0, 0, 0});
    v.resize(6, 5);
    CHECK(v == fixed_vector<int, 6>{7, 0, 0, 0, 5, 5});
    v.resize(6);
    CHECK(v.size() == 6);
    v.resize(0);
    CHECK(v.empty());
  }
  SUBCASE("counted elements") {
    g = {};
    fixed_vector<tracked, 6> v;
    v.resize(3);
    CHECK(g.constructed == 3);
    CHECK(values_of(v) == std::vector<int>{-1, -1, -1});
    v.resize(5, tracked(9));
    CHECK(g.copied == 2);
    CHECK(values_of(v) == std::vector<int>{-1, -1, -1, 9, 9});
    const int destroyed = g.destroyed;
    v.resize(2);
    CHECK(g.destroyed == destroyed + 3);
    CHECK(g.live() == 2);
    v.resize(2);  // same size: nothing happens
    CHECK(g.live() == 2);
    CHECK(g.destroyed == destroyed + 3);
  }
  SUBCASE("resize with a value from the vector itself") {
    fixed_vector<std::string, 4> v{"abc"};
    v.resize(3, v.front());
    CHECK(v == fixed_vector<std::string, 4>{"abc", "abc", "abc"});
  }
}

TEST_CASE("fixed_vector: resize_for_overwrite keeps the live elements and leaves new trivial ones unwritten") {
  SUBCASE("trivial elements") {
    fixed_vector<int, 6> v{1, 2, 3};
    v.resize_for_overwrite(5);
    REQUIRE(v.size() == 5);
    CHECK(v[0] == 1);
    CHECK(v[2] == 3);
    v[3] = 40;
    v[4] = 50;
    CHECK(v == fixed_vector<int, 6>{1, 2, 3, 40, 50});
    v.resize_for_overwrite(2);  // shrinks like resize
    CHECK(v == fixed_vector<int, 6>{1, 2});
    v.resize_for_overwrite(6);
    CHECK(v.size() == 6);
    CHECK(v.full());
  }
  SUBCASE("other elements are built and destroyed as by resize") {
    g = {};
    {
      fixed_vector<tracked, 4> v;
      v.resize_for_overwrite(3);
      CHECK(g.constructed == 3);
      CHECK(values_of(v) == std::vector<int>{-1, -1, -1});
      v.resize_for_overwrite(1);
      CHECK(g.live() == 1);
    }
    CHECK(g.live() == 0);
  }
  SUBCASE("in a constant expression") {
    constexpr int sum = [] {
      fixed_vector<int, 4> v{5};
      v.resize_for_overwrite(3);
      v[1] = 6;
      v[2] = 7;
      return v[0] + v[1] + v[2] + static_cast<int>(v.size());
    }();
    CHECK(sum == 21);
  }
}

TEST_CASE("fixed_vector: copy construction and copy assignment") {
  g = {};
  fixed_vector<tracked, 4> a;
  a.emplace_back(1);
  a.emplace_back(2);
  a.emplace_back(3);

  fixed_vector<tracked, 4> b = a;
  CHECK(g.copied == 3);
  CHECK(values_of(b) == std::vector<int>{1, 2, 3});
  CHECK(values_of(a) == std::vector<int>{1, 2, 3});
  CHECK(b == a);

  SUBCASE("into a shorter vector: assigns over live elements, copy-constructs the rest") {
    fixed_vector<tracked, 4> c;
    c.emplace_back(9);
    g = {};
    c = a;
    CHECK(values_of(c) == std::vector<int>{1, 2, 3});
    CHECK(g.copy_assigned == 1);
    CHECK(g.copied == 2);
    CHECK(g.destroyed == 0);
  }
  SUBCASE("into a longer vector: assigns, then destroys the extra elements") {
    fixed_vector<tracked, 4> c;
    for (int i = 0; i < 4; ++i) c.emplace_back(10 + i);
    fixed_vector<tracked, 4> one;
    one.emplace_back(5);
    g = {};
    c = one;
    CHECK(values_of(c) == std::vector<int>{5});
    CHECK(g.copy_assigned == 1);
    CHECK(g.copied == 0);
    CHECK(g.destroyed == 3);
  }
  SUBCASE("self-assignment changes nothing") {
    g = {};
    auto& self = a;
    a = self;
    CHECK(values_of(a) == std::vector<int>{1, 2, 3});
    CHECK(g.copy_assigned == 0);
    CHECK(g.copied == 0);
    CHECK(g.destroyed == 0);
  }
}

TEST_CASE("fixed_vector: move construction and move assignment move each element and empty the source") {
  g = {};
  fixed_vector<tracked, 4> a;
  a.emplace_back(1);
  a.emplace_back(2);

  fixed_vector<tracked, 4> b = std::move(a);
  CHECK(g.moved == 2);
  CHECK(g.copied == 0);
  CHECK(values_of(b) == std::vector<int>{1, 2});
  CHECK(a.empty());  // NOLINT: documented moved-from state
  CHECK(g.live() == 2);

  fixed_vector<tracked, 4> c;
  for (int i = 0; i < 3; ++i) c.emplace_back(7);
  g = {};
  c = std::move(b);
  CHECK(values_of(c) == std::vector<int>{1, 2});
  CHECK(g.move_assigned == 2);
  CHECK(g.moved == 0);
  CHECK(g.copied == 0);
  CHECK(g.destroyed == 3);  // c's third element, then b's two moved-from elements
  CHECK(b.empty());         // NOLINT: documented moved-from state

  // Move-only elements.
  fixed_vector<std::unique_ptr<int>, 3> p;
  p.push_back(std::make_unique<int>(4));
  p.emplace_back(std::make_unique<int>(5));
  auto q = std::move(p);
  REQUIRE(q.size() == 2);
  CHECK(*q[0] == 4);
  CHECK(*q[1] == 5);
  CHECK(p.empty());  // NOLINT
}

TEST_CASE("fixed_vector: swap exchanges vectors of different sizes") {
  g = {};
  {
    fixed_vector<tracked, 4> a;
    fixed_vector<tracked, 4> b;
    a.emplace_back(1);
    for (int i = 0; i < 3; ++i) b.emplace_back(10 + i);
    swap(a, b);
    CHECK(values_of(a) == std::vector<int>{10, 11, 12});
    CHECK(values_of(b) == std::vector<int>{1});
    CHECK(g.live() == 4);
    a.swap(a);
    CHECK(values_of(a) == std::vector<int>{10, 11, 12});
    b.swap(a);
    CHECK(values_of(a) == std::vector<int>{1});
    CHECK(values_of(b) == std::vector<int>{10, 11, 12});
    CHECK(g.live() == 4);
  }
  CHECK(g.live() == 0);
}

TEST_CASE("fixed_vector: construction and assignment from lists, counts and ranges") {
  const fixed_vector<int, 5> from_list{1, 2, 3};
  CHECK(from_list.size() == 3);
  CHECK(from_list[2] == 3);

  const fixed_vector<int, 5> counted(4);
  CHECK(counted == fixed_vector<int, 5>{0, 0, 0, 0});
  const fixed_vector<int, 5> filled(2, 8);
  CHECK(filled == fixed_vector<int, 5>{8, 8});

  const std::vector<int> source{5, 6, 7};
  const fixed_vector<int, 5> from_range(source.begin(), source.end());
  CHECK(from_range == fixed_vector<int, 5>{5, 6, 7});

  // An input range of unknown length is taken element by element.
  const std::forward_list<int> list{1, 2, 3, 4, 5};
  fixed_vector<int, 5> v(list.begin(), list.end());
  CHECK(v == fixed_vector<int, 5>{1, 2, 3, 4, 5});
  const int more[] = {20, 21};
  v.assign(std::begin(more), std::end(more));
  CHECK(v == fixed_vector<int, 5>{20, 21});
  v.assign(3, 4);
  CHECK(v == fixed_vector<int, 5>{4, 4, 4});
  v.assign({9});
  CHECK(v == fixed_vector<int, 5>{9});
  v = {1, 2, 3, 4, 5};
  CHECK(v.full());

  g = {};
  {
    fixed_vector<tracked, 3> t{tracked(1), tracked(2)};
    CHECK(values_of(t) == std::vector<int>{1, 2});
    CHECK(g.copied == 2);  // an initializer_list is copied from
  }
  CHECK(g.live() == 0);
}

TEST_CASE("fixed_vector: insert, emplace and erase keep order and lifetimes") {
  g = {};
  {
    fixed_vector<tracked, 6> v;
    for (int i = 1; i <= 4; ++i) v.emplace_back(i);
    auto it = v.emplace(v.begin() + 1, 10);
    CHECK(it == v.begin() + 1);
    CHECK(values_of(v) == std::vector<int>{1, 10, 2, 3, 4});
    it = v.insert(v.end(), tracked(20));
    CHECK(it == v.end() - 1);
    CHECK(values_of(v) == std::vector<int>{1, 10, 2, 3, 4, 20});
    CHECK(g.live() == 6);

    it = v.erase(v.begin());
    CHECK(it == v.begin());
    CHECK(values_of(v) == std::vector<int>{10, 2, 3, 4, 20});
    it = v.erase(v.begin() + 1, v.begin() + 3);
    CHECK(it->value == 4);
    CHECK(values_of(v) == std::vector<int>{10, 4, 20});
    CHECK(g.live() == 3);
    it = v.erase(v.begin(), v.begin());  // empty range: nothing removed
    CHECK(it == v.begin());
    CHECK(v.size() == 3);
    it = v.erase(v.begin(), v.end());
    CHECK(it == v.end());
    CHECK(v.empty());
    CHECK(g.live() == 0);

    // Inserting a copy of an element of the same vector.
    v.emplace_back(1);
    v.emplace_back(2);
    v.insert(v.begin(), v.back());
    CHECK(values_of(v) == std::vector<int>{2, 1, 2});
  }
  CHECK(g.live() == 0);
}

TEST_CASE("fixed_vector: comparisons") {
  using v3 = fixed_vector<int, 3>;
  CHECK(v3{1, 2} == v3{1, 2});
  CHECK(v3{1, 2} != v3{1, 2, 3});
  CHECK(v3{} == v3{});
  CHECK(v3{1, 2} < v3{1, 2, 3});
  CHECK(v3{1, 3} > v3{1, 2, 3});
  CHECK((v3{1, 2} <=> v3{1, 2}) == std::strong_ordering::equal);
  CHECK((v3{} <=> v3{0}) == std::strong_ordering::less);
  // Only live elements count, not what the storage held before.
  v3 a{1, 2, 3};
  a.pop_back();
  CHECK(a == v3{1, 2});
}

TEST_CASE("fixed_vector: iteration and standard algorithms") {
  fixed_vector<int, 8> v{5, 3, 8, 1};
  int sum = 0;
  for (int x : v) sum += x;
  CHECK(sum == 17);
  CHECK(std::vector<int>(v.rbegin(), v.rend()) == std::vector<int>{1, 8, 3, 5});
  CHECK(std::vector<int>(v.crbegin(), v.crend()) == std::vector<int>{1, 8, 3, 5});
  std::ranges::sort(v);
  CHECK(v == fixed_vector<int, 8>{1, 3, 5, 8});
  CHECK(std::ranges::find(v, 5) == v.begin() + 2);
  CHECK(v.end() - v.begin() == 4);
  CHECK(v.cend() - v.cbegin() == 4);
  CHECK(std::ranges::data(v) == &v[0]);
  CHECK(std::ranges::size(v) == 4);
  for (int& x : v) x *= 2;
  const auto& cv = v;
  CHECK(std::vector<int>(cv.begin(), cv.end()) == std::vector<int>{2, 6, 10, 16});
  CHECK(cv.front() == 2);
  CHECK(cv.back() == 16);
  CHECK(cv[1] == 6);
}

TEST_CASE("fixed_vector: element types without a default constructor") {
  fixed_vector<no_default, 3> v;
  v.emplace_back(1);
  v.push_back(no_default(2));
  CHECK(v.try_emplace_back(3));
  CHECK_FALSE(v.try_emplace_back(4));
  CHECK(v.size() == 3);
  CHECK(v[2].value == 3);
  fixed_vector<no_default, 3> w = v;
  CHECK(w == v);
  w.erase(w.begin());
  CHECK(w.front().value == 2);
}

TEST_CASE("fixed_vector: nested fixed containers as message-like elements") {
  fixed_vector<inner_message, 3> list;
  inner_message& first = list.emplace_back();
  first.name = "alpha";
  first.values.push_back(1);
  first.values.push_back(-2);
  list.push_back(inner_message{fixed_string<8>("beta"), {3}});

  auto copy = list;
  CHECK(copy == list);
  CHECK(copy[0].name == "alpha");
  CHECK(copy[0].values == fixed_vector<std::int32_t, 4>{1, -2});
  CHECK(copy[1].name == "beta");
  copy[1].values.push_back(4);
  CHECK(copy != list);
  CHECK(list[1].values.size() == 1);  // a deep copy

  auto moved = std::move(copy);
  CHECK(moved[1].values == fixed_vector<std::int32_t, 4>{3, 4});
  CHECK(copy.empty());  // NOLINT
}

// --- fixed_string ---

TEST_CASE("fixed_string: construction, c_str and size") {
  const fixed_string<8> empty;
  CHECK(empty.empty());
  CHECK(empty.size() == 0);
  CHECK(std::string_view(empty.c_str()).empty());
  CHECK(empty.capacity() == 8);
  CHECK(empty.max_size() == 8);

  const fixed_string<8> s = "hello";
  CHECK(s.size() == 5);
  CHECK(s.length() == 5);
  CHECK(std::string(s.c_str()) == "hello");
  CHECK(s.c_str()[5] == '\0');
  CHECK(s.data() == s.c_str());
  CHECK(s[1] == 'e');
  CHECK(s[5] == '\0');  // const operator[] at size() reads the terminator
  CHECK(s.front() == 'h');
  CHECK(s.back() == 'o');

  const fixed_string<5> exact(std::string_view("12345"));
  CHECK(exact.full());
  CHECK(exact == "12345");
  CHECK(exact.c_str()[5] == '\0');

  const fixed_string<4> counted(3, 'z');
  CHECK(counted == "zzz");
  const fixed_string<4> from_pointer("abcdef", 2);
  CHECK(from_pointer == "ab");

  // Embedded NULs are chars like any other (bytes fields).
  const fixed_string<8> with_nul(std::string_view("a\0b", 3));
  CHECK(with_nul.size() == 3);
  CHECK(with_nul.view() == std::string_view("a\0b", 3));
  CHECK(with_nul != "a");
}

TEST_CASE("fixed_string: push_back, append, assign, resize and clear") {
  fixed_string<6> s;
  s.push_back('a');
  s += 'b';
  s.append("cd");
  CHECK(s == "abcd");
  CHECK(s.c_str()[4] == '\0');
  s += std::string_view("e");
  s.append(1, 'f');
  CHECK(s == "abcdef");
  CHECK(s.full());

  s.pop_back();
  CHECK(s == "abcde");
  CHECK(s.c_str()[5] == '\0');

  s.resize(2);
  CHECK(s == "ab");
  CHECK(s.c_str()[2] == '\0');
  s.resize(4);  // grows with NULs
  CHECK(s.size() == 4);
  CHECK(s.view() == std::string_view("ab\0\0", 4));
  CHECK(s.c_str()[4] == '\0');
  s.resize(6, 'x');
  CHECK(s.view() == std::string_view("ab\0\0xx", 6));

  s.assign("xyz");
  CHECK(s == "xyz");
  s.assign(2, 'q');
  CHECK(s == "qq");
  s = "uvw";
  CHECK(s == "uvw");
  s = std::string_view("12");
  CHECK(s == "12");
  s = std::string("345");
  CHECK(s == "345");

  // Appending or assigning a view of the string itself.
  s.append(s.view());
  CHECK(s == "345345");
  s.assign(s.view().substr(2, 3));
  CHECK(s == "534");
  s.assign(s.view());
  CHECK(s == "534");

  s.clear();
  CHECK(s.empty());
  CHECK(s.c_str()[0] == '\0');
  s.reserve(100);  // a no-op
  CHECK(s.capacity() == 6);
}

TEST_CASE("fixed_string: assigning an overlapping part of itself, at every copy length") {
  // Lengths up to 16 are copied inline (loads before stores), longer ones by memmove.
  const std::string source = "abcdefghijklmnopqrstuvwxyz012345";
  for (std::size_t n = 1; n <= 24; ++n) {
    CAPTURE(n);
    fixed_string<32> s{std::string_view(source)};
    s.assign(s.view().substr(3, n));  // overlapping, the source after the destination
    CHECK(s == std::string_view(source).substr(3, n));
    fixed_string<64> t{std::string_view(source).substr(0, n + 3)};
    t.append(t.view().substr(0, n));  // its own chars, right before the destination
    CHECK(t == source.substr(0, n + 3) + source.substr(0, n));
  }
}

TEST_CASE("fixed_string: a full string refuses try_push_back and try_append unchanged") {
  fixed_string<3> s = "ab";
  CHECK_FALSE(s.try_append("cd"));
  CHECK(s == "ab");
  CHECK(s.c_str()[2] == '\0');
  CHECK(s.try_push_back('c'));
  CHECK(s.full());
  CHECK_FALSE(s.try_push_back('d'));
  CHECK_FALSE(s.try_append("d"));
  CHECK(s.try_append(""));  // nothing to add always fits
  CHECK(s == "abc");
  CHECK(s.c_str()[3] == '\0');
}

TEST_CASE("fixed_string: comparisons with fixed_string, string_view and const char*") {
  const fixed_string<8> a = "abc";
  const fixed_string<16> b = "abc";
  const fixed_string<8> c = "abd";
  CHECK(a == b);
  CHECK(b == a);
  CHECK(a != c);
  CHECK(a == std::string_view("abc"));
  CHECK(std::string_view("abc") == a);
  CHECK(a == "abc");
  CHECK("abc" == a);
  CHECK(a != "ab");
  CHECK(a != "abcd");
  CHECK(a == std::string("abc"));
  CHECK(a < c);
  CHECK(c > b);
  CHECK(a < "b");
  CHECK(a > std::string_view("ab"));
  CHECK((a <=> b) == std::strong_ordering::equal);
  CHECK((a <=> "abcd") == std::strong_ordering::less);
  CHECK((fixed_string<2>() <=> "") == std::strong_ordering::equal);
}

TEST_CASE("fixed_string: converts to std::string_view and iterates") {
  fixed_string<10> s = "stream";
  auto takes_view = [](std::string_view v) { return v.size(); };
  CHECK(takes_view(s) == 6);
  const std::string_view v = s;
  CHECK(v.data() == s.data());
  CHECK(std::string(s.begin(), s.end()) == "stream");
  CHECK(std::string(s.rbegin(), s.rend()) == "maerts");
  for (char& ch : s) ch = static_cast<char>(ch - 'a' + 'A');
  CHECK(s == "STREAM");
  std::ranges::sort(s);
  CHECK(s == "AEMRST");
  const fixed_string<10> copy = s;
  CHECK(copy == s);
  CHECK(copy.data() != s.data());
  const fixed_string<4> narrower(std::string_view(fixed_string<9>("abcd")));
  CHECK(narrower == "abcd");

  fixed_string<10> other = "x";
  swap(s, other);
  CHECK(s == "x");
  CHECK(other == "AEMRST");
}

// --- precondition violations abort, without writing out of bounds ---

#if defined(TAGWIRE_HAVE_FORK)
namespace {

// Runs f in a child process; returns true if the child was killed by SIGABRT.
template <class F>
bool aborts(F f) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::signal(SIGABRT, SIG_DFL);  // not doctest's crash reporter
    rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    alarm(20);  // a child that loops after a bad write fails the check instead of hanging
    f();
    _exit(0);
  }
  REQUIRE(pid > 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

}  // namespace

TEST_CASE("fixed_vector and fixed_string: capacity violations abort") {
  // The harness itself: a child that returns normally is not reported as aborting.
  CHECK_FALSE(aborts([] {}));
  CHECK_FALSE(aborts([] {
    fixed_vector<int, 2> v{1};
    v.push_back(2);
  }));

  CHECK(aborts([] {
    fixed_vector<int, 2> v{1, 2};
    v.push_back(3);
  }));
  CHECK(aborts([] {
    fixed_vector<tracked, 1> v;
    v.emplace_back(1);
    v.emplace_back(2);
  }));
  CHECK(aborts([] {
    fixed_vector<int, 2> v;
    v.resize(3);
  }));
  CHECK(aborts([] {
    fixed_vector<int, 2> v;
    v.resize(3, 1);
  }));
  CHECK(aborts([] {
    fixed_vector<int, 2> v;
    v.resize_for_overwrite(3);
  }));
  CHECK(aborts([] { [[maybe_unused]] fixed_vector<int, 2> v{1, 2, 3}; }));
  CHECK(aborts([] { [[maybe_unused]] fixed_vector<int, 2> v(5); }));
  CHECK(aborts([] {
    fixed_vector<int, 2> v{1, 2};
    v.insert(v.begin(), 0);
  }));
  CHECK(aborts([] {
    const std::forward_list<int> list{1, 2, 3};
    [[maybe_unused]] fixed_vector<int, 2> v(list.begin(), list.end());
  }));
  CHECK(aborts([] {
    fixed_vector<int, 2> v;
    v.pop_back();
  }));

  CHECK(aborts([] { [[maybe_unused]] fixed_string<3> s = "abcd"; }));
  CHECK(aborts([] { [[maybe_unused]] fixed_string<3> s(std::string_view("abcd")); }));
  CHECK(aborts([] {
    fixed_string<3> s = "ab";
    s.append("cd");
  }));
  CHECK(aborts([] {
    fixed_string<3> s = "abc";
    s.push_back('d');
  }));
  CHECK(aborts([] {
    fixed_string<3> s;
    s.resize(4);
  }));
  CHECK(aborts([] {
    fixed_string<3> s;
    s.assign(4, 'x');
  }));
  CHECK(aborts([] {
    fixed_string<3> s;
    s.pop_back();
  }));
  CHECK(aborts([] {
    const char* null = nullptr;
    [[maybe_unused]] fixed_string<3> s(null);
  }));
}
#endif
