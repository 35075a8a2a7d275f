// Shared by the fuzz targets: deep comparison of decoded values and the round-trip property.
//
// A target is `verdict fuzz_NAME(const std::uint8_t* data, std::size_t size)`: nullptr when
// every property holds for the input, else a short description of the one that failed. The
// libFuzzer entry points (fuzz/*_fuzz.cpp) abort on a failure; the unit suite
// (tests/fuzz_regression_test.cpp) reports it as a test failure. Nothing here aborts.
#pragma once

#include <tagwire/tagwire.hpp>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace tagwire_fuzz {

/// nullptr: every property holds; otherwise which property failed.
using verdict = const char*;
using target_fn = verdict (*)(const std::uint8_t* data, std::size_t size);

inline std::span<const std::byte> as_bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const std::byte*>(data), size};
}

// ---- deep equality --------------------------------------------------------------------
// Over the described members, floats by bit pattern (so NaN equals itself and -0.0 differs from
// 0.0), maps by lookup (unordered_map iteration order is not part of the value), views by the
// bytes they show.

template <class T>
bool same(const T& a, const T& b);

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_owner : std::false_type {};
template <class T, class D>
struct is_owner<std::unique_ptr<T, D>> : std::true_type {};
template <class T>
struct is_owner<tagwire::box<T>> : std::true_type {};
template <class T>
struct is_variant : std::false_type {};
template <class... A>
struct is_variant<std::variant<A...>> : std::true_type {};

template <class D, class T>
bool same_member(const T& a, const T& b) {
  if constexpr (requires { D::member; }) return same(a.*D::member, b.*D::member);
  else return true;  // TAGWIRE_RESERVED: no member
}

template <class T, std::size_t... I>
bool same_message(const T& a, const T& b, std::index_sequence<I...>) {
  using fields = decltype(tagwire::fields_of<T>());
  return (same_member<std::tuple_element_t<I, fields>>(a, b) && ... && true);
}

template <class V, std::size_t... I>
bool same_variant(const V& a, const V& b, std::index_sequence<I...>) {
  if (a.index() != b.index()) return false;
  return ((a.index() == I ? same(*std::get_if<I>(&a), *std::get_if<I>(&b)) : true) && ...);
}

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
  } else if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  } else if constexpr (tagwire::message<T>) {
    return same_message(a, b, std::make_index_sequence<std::tuple_size_v<decltype(tagwire::fields_of<T>())>>{});
  } else if constexpr (is_optional<T>::value || is_owner<T>::value) {
    if (static_cast<bool>(a) != static_cast<bool>(b)) return false;
    return !a || same(*a, *b);
  } else if constexpr (is_variant<T>::value) {
    return same_variant(a, b, std::make_index_sequence<std::variant_size_v<T>>{});
  } else if constexpr (std::is_same_v<T, std::monostate>) {
    return true;
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    return a == b;
  } else if constexpr (requires {
                         typename T::key_type;
                         typename T::mapped_type;
                         a.find(a.begin()->first);
                       }) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a) {
      const auto it = b.find(k);
      if (it == b.end() || !same(v, it->second)) return false;
    }
    return true;
  } else if constexpr (std::ranges::range<T>) {
    auto i = std::ranges::begin(a);
    auto j = std::ranges::begin(b);
    for (; i != std::ranges::end(a) && j != std::ranges::end(b); ++i, ++j) {
      using E = std::remove_cvref_t<std::ranges::range_value_t<T>>;
      if (!same<E>(*i, *j)) return false;
    }
    return i == std::ranges::end(a) && j == std::ranges::end(b);
  } else {
    return a == b;
  }
}

// ---- checks ---------------------------------------------------------------------------

inline bool equal_bytes(std::span<const std::byte> a, std::span<const std::byte> b) { return std::ranges::equal(a, b); }

/// The error of a failed decode names a real failure at a place inside the input.
inline verdict check_error(const tagwire::error& e, std::size_t input_size) {
  if (e.code == tagwire::errc::ok) return "a failed call reports errc::ok";
  if (e.offset > input_size) return "an error offset lies past the end of the input";
  if (e.field > tagwire::max_field_number) return "an error names a field number over 536870911";
  return nullptr;
}

/// For a value `x` that decode<T> returned with `opts`: encoded_size(x) is what encode_to and
/// encode write; encode refuses a span one byte short without writing; decoding the bytes
/// gives a value equal to `x` that encodes to the same bytes (the encoding is a fixed point);
/// the delimited form reads back too. `wire_out`, if given, receives encode(x).
template <class T>
verdict check_roundtrip(const T& x, tagwire::decode_options opts, std::vector<std::byte>* wire_out = nullptr) {
  const std::size_t n = tagwire::encoded_size(x);
  std::vector<std::byte> wire;
  const auto appended = tagwire::encode_to(x, wire);
  if (!appended) return "encode_to failed on a decoded value";
  if (*appended != n || wire.size() != n) return "encoded_size differs from what encode_to wrote";

  std::vector<std::byte> exact(n + 1, std::byte{0xa5});
  const auto written = tagwire::encode(x, std::span<std::byte>(exact).first(n));
  if (!written || written->size() != n || !equal_bytes(*written, wire)) return "encode into an exact span differs";
  if (exact[n] != std::byte{0xa5}) return "encode wrote past the size it reported";
  if (n != 0) {
    std::vector<std::byte> small(n - 1, std::byte{0x5a});
    const auto refused = tagwire::encode(x, std::span<std::byte>(small));
    if (refused || refused.error().code != tagwire::errc::buffer_too_small || refused.error().offset != n)
      return "encode into a span one byte short is not buffer_too_small with the size needed";
    if (std::ranges::any_of(small, [](std::byte b) { return b != std::byte{0x5a}; }))
      return "encode wrote into a span too small for the message";
  }

  // A plain `required` sub-message is always written, even when a partial input lacked it: the
  // encoding can then nest one level deeper than the input did.
  tagwire::decode_options again_opts = opts;
  if (opts.partial) again_opts.max_depth += 1;
  const auto y = tagwire::decode<T>(wire, again_opts);
  if (!y) return "decoding the encoding of a decoded value fails";
  if (!same(x, *y)) return "decode(encode(x)) differs from x";
  std::vector<std::byte> again;
  if (!tagwire::encode_to(*y, again) || !equal_bytes(again, wire)) return "encode(decode(encode(x))) differs";

  std::vector<std::byte> framed;
  if (!tagwire::encode_delimited_to(x, framed)) return "encode_delimited_to failed";
  const auto d = tagwire::decode_delimited<T>(framed, again_opts);
  if (!d || d->consumed != framed.size() || !same(x, d->message))
    return "decode_delimited(encode_delimited(x)) differs";

  if (wire_out != nullptr) *wire_out = std::move(wire);
  return nullptr;
}

/// decode<T>(input, opts): on success the round-trip properties, on failure a sane error.
/// `out`, if given, receives the decoded value.
template <class T>
verdict check_decode(std::span<const std::byte> input, tagwire::decode_options opts, std::optional<T>* out = nullptr) {
  auto r = tagwire::decode<T>(input, opts);
  if (!r) return check_error(r.error(), input.size());
  if (!opts.partial && !tagwire::is_initialized(*r)) return "a decoded message misses a required field";
  if (const verdict v = check_roundtrip(*r, opts)) return v;
  // decode_into an empty message is decode.
  T merged{};
  if (const auto m = tagwire::decode_into(input, merged, opts); !m || !same(merged, *r))
    return "decode_into an empty message differs from decode";
  if (out != nullptr) out->emplace(std::move(*r));
  return nullptr;
}

/// The two option sets every decoding target runs: the defaults, and a shallow depth limit with
/// UTF-8 checks off and partial messages accepted (so required fields do not stop the rest).
inline constexpr tagwire::decode_options strict_options{};
inline constexpr tagwire::decode_options loose_options{.max_depth = 6, .check_utf8 = false, .partial = true};

/// check_decode<T> with both option sets.
template <class T>
verdict check_both(std::span<const std::byte> input) {
  if (const verdict v = check_decode<T>(input, strict_options)) return v;
  return check_decode<T>(input, loose_options);
}

}  // namespace tagwire_fuzz
