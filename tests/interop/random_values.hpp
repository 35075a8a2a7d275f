// Helpers shared by the differential tests against libprotobuf (interop_test.cpp,
// features_test.cpp, property_test.cpp): the seeded random source, UTF-8 assembly, libprotobuf's
// deterministic bytes and a field-by-field comparison. Each test keeps its own value
// distributions (its `gen` derives from random_source), so its fixed seeds give the same values.
#pragma once

#include <doctest/doctest.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <tagwire/tagwire.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace interop_support {

// ---- bytes --------------------------------------------------------------------------------

inline std::span<const std::byte> bytes_of(const std::string& s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

// libprotobuf's deterministic serialization (map entries sorted by key); `partial` skips the
// required-field check.
template <class P>
std::string pb_bytes(const P& p, bool partial = false) {
  std::string out;
  bool ok = false;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    ok = partial ? p.SerializePartialToCodedStream(&coded) : p.SerializeToCodedStream(&coded);
  }
  CHECK(ok);
  return out;
}

// ---- value equality: field by field, floats bit for bit -----------------------------------

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_pointer_like : std::false_type {};
template <class T>
struct is_pointer_like<std::unique_ptr<T>> : std::true_type {};
template <class T>
struct is_pointer_like<tagwire::box<T>> : std::true_type {};
template <class T>
struct is_variant : std::false_type {};
template <class... A>
struct is_variant<std::variant<A...>> : std::true_type {};
template <class T>
concept map_like = requires {
  typename T::key_type;
  typename T::mapped_type;
};

inline std::string hex_number(std::uint64_t v) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), digits[v & 15]);
    v >>= 4;
  } while (v != 0);
  return "0x" + s;
}

template <class T>
std::string show(const T& v) {
  if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
  else if constexpr (std::is_enum_v<T>) return std::to_string(static_cast<long long>(v));
  else if constexpr (std::is_arithmetic_v<T>) return std::to_string(v);
  else return "\"" + std::string(v) + "\"";
}

template <class T>
bool same(const T& a, const T& b, std::string& where);

template <class V, std::size_t... I>
bool same_alternative(const V& a, const V& b, std::string& where, std::index_sequence<I...>) {
  bool ok = true;
  (void)((a.index() == I ? (ok = same(*std::get_if<I>(&a), *std::get_if<I>(&b), where), true) : false) || ...);
  return ok;
}

// Compares one field of two messages: for_each_field visits `a`, the same member of `b` is
// looked up through the descriptor.
template <class T>
struct field_comparer {
  const T& b;
  std::string& where;
  bool& ok;
  template <class View>
  void operator()(View f) const {
    using F = typename View::descriptor;
    if (!ok) return;
    if (same(f.value, b.*F::member, where)) return;
    ok = false;
    where = "." + std::string(f.oneof.empty() ? f.name : f.oneof) + where;
  }
};

// true when `a` and `b` hold the same values; else false, and `where` names the first difference.
template <class T>
bool same(const T& a, const T& b, std::string& where) {
  if constexpr (std::is_floating_point_v<T>) {
    using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    if (std::bit_cast<U>(a) == std::bit_cast<U>(b)) return true;
    where = ": bits " + hex_number(std::bit_cast<U>(a)) + " != " + hex_number(std::bit_cast<U>(b));
    return false;
  } else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
    if (a == b) return true;
    where = ": " + show(a) + " != " + show(b);
    return false;
  } else if constexpr (std::is_same_v<T, std::monostate>) {
    return true;
  } else if constexpr (is_optional<T>::value || is_pointer_like<T>::value) {
    if (!a != !b) {
      where = std::string(": ") + (a ? "present" : "absent") + " != " + (b ? "present" : "absent");
      return false;
    }
    return !a || same(*a, *b, where);
  } else if constexpr (is_variant<T>::value) {
    if (a.index() != b.index()) {
      where = ": alternative " + std::to_string(a.index()) + " != " + std::to_string(b.index());
      return false;
    }
    return same_alternative(a, b, where, std::make_index_sequence<std::variant_size_v<T>>{});
  } else if constexpr (tagwire::message<T>) {
    bool ok = true;
    tagwire::for_each_field(a, field_comparer<T>{b, where, ok});
    return ok;
  } else if constexpr (map_like<T>) {
    if (a.size() != b.size()) {
      where = ": " + std::to_string(a.size()) + " entries != " + std::to_string(b.size());
      return false;
    }
    for (const auto& [k, v] : a) {
      const auto it = b.find(k);
      if (it == b.end()) {
        where = "[" + show(k) + "]: missing";
        return false;
      }
      if (!same(v, it->second, where)) {
        where = "[" + show(k) + "]" + where;
        return false;
      }
    }
    return true;
  } else {  // strings, byte containers, repeated fields
    using E = std::ranges::range_value_t<T>;
    if (std::size(a) != std::size(b)) {
      where = ": size " + std::to_string(std::size(a)) + " != " + std::to_string(std::size(b));
      return false;
    }
    std::size_t i = 0;
    for (auto ia = std::begin(a), ib = std::begin(b); ia != std::end(a); ++ia, ++ib, ++i) {
      const E& x = *ia;  // vector<bool>: a temporary bool
      const E& y = *ib;
      if (!same(x, y, where)) {
        where = "[" + std::to_string(i) + "]" + where;
        return false;
      }
    }
    return true;
  }
}

// ---- random values ------------------------------------------------------------------------

// Appends code point `cp` (not a surrogate, at most U+10FFFF) as UTF-8.
inline void append_utf8(std::string& s, std::uint32_t cp) {
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xc0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xe0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    s += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    s += static_cast<char>(0xf0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    s += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// Deterministic on every platform: the engine's raw output only, never std::*_distribution.
class random_source {
 public:
  explicit random_source(std::uint64_t seed) : rng_(seed) {}
  std::uint64_t bits() { return rng_(); }
  std::uint64_t below(std::uint64_t n) { return rng_() % n; }
  bool one_in(std::uint64_t n) { return below(n) == 0; }

  // The integer for `pick` (drawn by the caller): 0..4 the edges 0, 1, -1, min, max; 5 a small
  // one of either sign; 6 one around a varint length step; anything else any bit pattern.
  template <class I>
  I edge_integer(std::uint64_t pick) {
    switch (pick) {
      case 0: return 0;
      case 1: return 1;
      case 2: return static_cast<I>(-1);
      case 3: return std::numeric_limits<I>::min();
      case 4: return std::numeric_limits<I>::max();
      case 5: {
        const auto small = static_cast<std::int64_t>(below(300));
        return static_cast<I>(one_in(2) ? -small : small);
      }
      case 6: {  // 2^7k - 1, 2^7k, 2^7k + 1
        const std::uint64_t step = std::uint64_t{1} << (7 * (1 + below(9)));
        return static_cast<I>(step - 1 + below(3));
      }
      default: return static_cast<I>(bits());
    }
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace interop_support
