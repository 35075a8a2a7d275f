// tagwire — decode and decode_into, built on the public wire_reader.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstring>
#include <memory>
#include <ranges>
#include <span>
#include <type_traits>
#include <utility>

#include "codec.hpp"
#include "error.hpp"
#include "reader.hpp"

namespace tagwire {
namespace detail {

template <class T>
constexpr error decode_message(T& m, wire_reader& r);

template <class F, class V>
constexpr error decode_value(V& out, const record& rec, const wire_reader& r) {
  using M = field_meta<F>;
  if constexpr (M::k == kind::message) {
    auto sub = r.nested(rec);
    if (!sub) return sub.error();
    return decode_message(out, *sub);
  } else if constexpr (M::k == kind::string || M::k == kind::bytes) {
    const std::size_t n = rec.bytes.size();
    out.resize(n);  // last one wins: the value is replaced
    if (std::is_constant_evaluated()) {
      for (std::size_t i = 0; i < n; ++i) std::data(out)[i] = static_cast<std::ranges::range_value_t<V>>(rec.bytes[i]);
    } else if (n != 0) {
      std::memcpy(std::data(out), rec.bytes.data(), n);
    }
    return {};
  } else {
    out = from_raw<M::k, V>(rec.value);
    return {};
  }
}

template <class C>
concept reservable = requires(C& c, std::size_t n) { c.reserve(n); };

// A packed run of scalars: the whole payload must be whole values.
template <class F, class C>
constexpr error decode_packed(C& out, const record& rec, const wire_reader& r) {
  using M = field_meta<F>;
  using V = typename M::value_type;
  const std::byte* p = rec.bytes.data();
  const std::byte* const end = p + rec.bytes.size();
  if constexpr (M::width == 0) {
    if constexpr (reservable<C>) {
      std::size_t count = 0;  // one terminator byte per varint
      for (const std::byte* q = p; q != end; ++q) count += std::to_integer<unsigned>(*q) < 0x80;
      out.reserve(out.size() + count);
    }
    while (p != end) {
      std::uint64_t raw = 0;
      if (const errc ec = read_varint(p, end, raw); ec != errc::ok) return {ec, r.offset_of(p), F::number};
      out.push_back(from_raw<M::k, V>(raw));
    }
  } else {
    const std::size_t n = rec.bytes.size() / M::width;
    if (rec.bytes.size() % M::width != 0) return {errc::truncated, r.offset_of(p + n * M::width), F::number};
    if constexpr (M::memcpy_ok && std::ranges::contiguous_range<C> && requires { out.resize(n); }) {
      if (!std::is_constant_evaluated()) {
        const std::size_t old = out.size();
        out.resize(old + n);
        std::memcpy(std::data(out) + old, p, n * M::width);
        return {};
      }
    }
    if constexpr (reservable<C>) out.reserve(out.size() + n);
    for (; p != end; p += M::width)
      out.push_back(from_raw<M::k, V>(M::width == 4 ? load_le32(p) : load_le64(p)));
  }
  return {};
}

template <class F, class T>
constexpr error decode_field(T& m, const record& rec, const wire_reader& r) {
  using M = field_meta<F>;
  using V = typename M::value_type;
  auto& v = m.*F::member;
  if constexpr (M::k == kind::unsupported) {
    return {};  // already reported by check_field
  } else if constexpr (M::form == shape::repeated) {
    if constexpr (M::scalar) {  // packed and unpacked records are both accepted
      if (rec.type == M::wt) v.push_back(from_raw<M::k, V>(rec.value));
      else if (rec.type == wire_type::len) return decode_packed<F>(v, rec, r);
      return {};
    } else {
      if (rec.type != wire_type::len) return {};  // unexpected wire type: an unknown field
      return decode_value<F>(v.emplace_back(), rec, r);
    }
  } else {
    if (rec.type != M::wt) return {};  // unexpected wire type: an unknown field
    if constexpr (M::form == shape::single) {
      return decode_value<F>(v, rec, r);
    } else if constexpr (M::form == shape::optional) {
      if (!v) v.emplace();
      return decode_value<F>(*v, rec, r);
    } else {
      if (!v) v = std::make_unique<V>();
      return decode_value<F>(*v, rec, r);
    }
  }
}

template <class T>
constexpr error dispatch(T& m, const record& rec, const wire_reader& r) {
  using info = message_info<T>;
  error e{};
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)((rec.field == info::template field_t<I>::number
                ? (e = decode_field<typename info::template field_t<I>>(m, rec, r), true)
                : false) ||
           ...);
  }(std::make_index_sequence<info::count>{});
  return e;  // a number no field has: an unknown field, already skipped by the reader
}

template <class T>
constexpr error decode_message(T& m, wire_reader& r) {
  static_assert(message_info<T>::valid);
  while (!r.done()) {
    auto rec = r.next();
    if (!rec) return rec.error();
    if (error e = dispatch(m, *rec, r); e.code != errc::ok) {
      if (e.field == 0) e.field = rec->field;
      return e;
    }
  }
  return {};
}

template <class B>
concept byte_input = std::ranges::contiguous_range<B> && std::ranges::sized_range<B> &&
                     byte_like<std::remove_cv_t<std::ranges::range_value_t<B>>>;

template <class B>
constexpr std::span<const std::byte> input_bytes(const B& b) noexcept {
  static_assert(!(std::is_array_v<B> && std::same_as<std::remove_cv_t<std::remove_extent_t<B>>, char>),
                "tagwire: pass a std::string_view or std::span, not a char array: its size counts the "
                "terminating NUL");
  if constexpr (std::same_as<std::remove_cv_t<std::ranges::range_value_t<B>>, std::byte>)
    return {std::ranges::data(b), std::ranges::size(b)};
  else
    return {reinterpret_cast<const std::byte*>(std::ranges::data(b)), std::ranges::size(b)};
}

}  // namespace detail

/// Merges the message in `bytes` into `msg` (protobuf MergeFrom: scalars replaced, repeated
/// fields appended, sub-messages merged). Errors: truncated, varint_overflow,
/// invalid_wire_type, invalid_field_number, length_overflow, depth_exceeded, group_mismatch;
/// on an error `msg` holds what was decoded before it.
template <detail::byte_input B, message T>
[[nodiscard]] constexpr result<void> decode_into(const B& bytes, T& msg, decode_options opts = {}) {
  const std::span<const std::byte> in = detail::input_bytes(bytes);
  if (in.size() > max_message_size) return error{errc::length_overflow, 0, 0};
  wire_reader r(in, opts);
  const error e = detail::decode_message(msg, r);
  if (e.code != errc::ok) return e;
  return {};
}

/// Returns the message of type T in `bytes` (any contiguous range of std::byte, char,
/// unsigned char). Errors: as decode_into.
template <message T, detail::byte_input B>
[[nodiscard]] constexpr result<T> decode(const B& bytes, decode_options opts = {}) {
  T msg{};
  if (auto r = decode_into(bytes, msg, opts); !r) return r.error();
  return msg;
}

}  // namespace tagwire
