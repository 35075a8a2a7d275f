// tagwire — decode and decode_into, built on the public wire_reader.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "codec.hpp"
#include "config.hpp"  // std::ranges concepts
#include "error.hpp"
#include "reader.hpp"
#include "utf8.hpp"

namespace tagwire {
namespace detail {

// The decode loop reads records itself: with the field known from the tag, the value is read for
// that field's wire type alone, and nothing goes through a result<record>.
struct reader_access {
  static constexpr const std::byte* end(const wire_reader& r) noexcept { return r.end_; }
  static constexpr const std::byte* origin(const wire_reader& r) noexcept { return r.origin_; }
  static constexpr void seek(wire_reader& r, const std::byte* p) noexcept { r.p_ = p; }
  static constexpr bool trusted(const wire_reader& r) noexcept { return r.trusted_; }
  // A reader over bytes a decode has already checked: no depth limit, UTF-8 or required checks.
  static constexpr wire_reader trusted_reader(std::span<const std::byte> in) noexcept {
    wire_reader r(in, {~std::uint32_t{0}, false, true});
    r.trusted_ = true;
    return r;
  }
  template <wire_type WT>
  TAGWIRE_DETAIL_INLINE static constexpr error read_value(const wire_reader& r, const std::byte*& q,
                                                          record& rec) noexcept {
    return r.read_value_as<WT>(q, rec);
  }
  // read_rest is out of line: it gets copies of the cursor and the record, so that the caller's
  // stay in registers (the record's address escaping made every record store and reload it:
  // Person 1,355 -> 1,297 instructions a decode); under -Os the copies cost more code than they save.
  TAGWIRE_DETAIL_INLINE static constexpr error read_rest(const wire_reader& r, const std::byte*& p,
                                                         record& rec) noexcept {
    if constexpr (optimize_size) return r.read_rest(p, rec);
    const std::byte* q = p;
    record copy = rec;
    const error e = r.read_rest(q, copy);
    rec = copy;
    p = q;
    return e;
  }
};

// Calls f(std::integral_constant<std::size_t, i>{}) for a run-time i < N: a switch, so a jump
// table, sixteen cases at a time.
template <std::size_t N, std::size_t Base = 0, class F>
TAGWIRE_DETAIL_INLINE constexpr void visit_index(std::size_t i, F& f) {
#define TAGWIRE_DETAIL_CASE(k)                                                          \
  case k:                                                                               \
    if constexpr (Base + (k) < N) f(std::integral_constant<std::size_t, Base + (k)>{}); \
    return;
  // clang-format off
  switch (i - Base) {
    TAGWIRE_DETAIL_CASE(0) TAGWIRE_DETAIL_CASE(1) TAGWIRE_DETAIL_CASE(2) TAGWIRE_DETAIL_CASE(3)
    TAGWIRE_DETAIL_CASE(4) TAGWIRE_DETAIL_CASE(5) TAGWIRE_DETAIL_CASE(6) TAGWIRE_DETAIL_CASE(7)
    TAGWIRE_DETAIL_CASE(8) TAGWIRE_DETAIL_CASE(9) TAGWIRE_DETAIL_CASE(10) TAGWIRE_DETAIL_CASE(11)
    TAGWIRE_DETAIL_CASE(12) TAGWIRE_DETAIL_CASE(13) TAGWIRE_DETAIL_CASE(14) TAGWIRE_DETAIL_CASE(15)
    default:
      if constexpr (Base + 16 < N) visit_index<N, Base + 16>(i, f);
      else TAGWIRE_DETAIL_UNREACHABLE();  // i < N: no bounds test before the jump table
      return;
  }
  // clang-format on
#undef TAGWIRE_DETAIL_CASE
}

template <class T>
constexpr error decode_message(T& m, wire_reader& r, bool* seen_out = nullptr, bool merge = false);

// Required fields are checked on the merged result, as libprotobuf does: a singular sub-message
// can arrive in several records, so its seen-bits accumulate in the parent over every record of
// the field and are checked when the parent's records end.
template <class F>
consteval bool singular_message_with_required() {
  using M = field_meta<F>;
  if constexpr (M::is_message && M::form != shape::repeated)
    return message_info<typename M::value_type>::required_count != 0;
  else return false;
}
template <class F, bool = singular_message_with_required<F>()>
struct child_required {};
template <class F>
struct child_required<F, true> {
  using info = message_info<typename field_meta<F>::value_type>;
  std::array<bool, info::required_count> seen{};
  bool used = false;
};
template <class Info, class Seq>
struct children_required;
template <class Info, std::size_t... I>
struct children_required<Info, std::index_sequence<I...>> {
  using type = std::tuple<child_required<typename Info::template field_t<I>>...>;
};

// True when a container cannot take one more element (fixed-capacity containers).
template <class C>
constexpr bool is_full(const C& c, std::size_t more = 1) noexcept {
  if constexpr (requires { c.max_size(); }) return c.max_size() - c.size() < more;
  else return false;
}

// What count_varints returns for a run that is not well-formed.
inline constexpr std::size_t not_well_formed = ~std::size_t{0};

// The number of varints in [p, end) if it is a well-formed run: it ends with a terminator (a byte
// below 0x80) and no varint is longer than ten bytes (no ten continuation bytes in a row); else
// not_well_formed (without Count: 0 or not_well_formed). Eight bytes at a time: the only state
// is the length of the current run of continuation bytes.
template <bool Count = true>
constexpr std::size_t count_varints(const std::byte* p, const std::byte* end) noexcept {
  if (p == end) return 0;
  if (std::to_integer<unsigned>(end[-1]) >= 0x80) return not_well_formed;
  std::size_t count = 0;
  unsigned run = 0;
  if (!std::is_constant_evaluated()) {
    for (; end - p >= 8; p += 8) {
      const std::uint64_t stops = ~load_le64(p) & 0x8080808080808080ull;
      if (Count && stops == 0x8080808080808080ull) {  // eight one-byte varints: small ids, enums, flags
        run = 0;
        count += 8;
        continue;
      }
      if (stops == 0) {
        if ((run += 8) >= max_varint_size) return not_well_formed;
        continue;
      }
      if (run + static_cast<unsigned>(std::countr_zero(stops)) / 8 >= max_varint_size) return not_well_formed;
      run = 7 - static_cast<unsigned>(63 - std::countl_zero(stops)) / 8;  // bytes after the last stop
      if constexpr (Count) count += static_cast<std::size_t>(((stops >> 7) * 0x0101010101010101ull) >> 56);
    }
  }
  for (; p != end; ++p) {
    if (std::to_integer<unsigned>(*p) < 0x80) {
      run = 0;
      if constexpr (Count) ++count;
    } else if (++run >= max_varint_size) {
      return not_well_formed;
    }
  }
  return count;
}

// The check alone (packed views): without the count, about a fifth fewer instructions.
constexpr bool varints_well_formed(const std::byte* p, const std::byte* end) noexcept {
  return count_varints</*Count=*/false>(p, end) != not_well_formed;
}

// Checks a packed run of varints: each one complete and at most 10 bytes.
// The run and the field number come by value: a record whose address escaped would stay in memory
// in the caller's loop.
constexpr error check_packed_varints(std::span<const std::byte> run, std::uint32_t field,
                                     const wire_reader& r) noexcept {
  const std::byte* p = run.data();
  const std::byte* const end = p + run.size();
  if (varints_well_formed(p, end)) return {};
  while (p != end) {  // find the exact place of the error
    std::uint64_t ignored = 0;
    if (const errc ec = read_varint(p, end, ignored); ec != errc::ok) return {ec, r.offset_of(p), field};
  }
  return {};
}

// Decodes a well-formed run of varints into dst (room for one value per terminator byte). When
// every varint is one byte (small ids, enums, flags), eight values per eight-byte load. For other
// short varints a byte at a time without branches: the byte is added to the value, the value
// stored, and the output advances only past a terminator; mixed lengths cost no mispredictions.
// Longer varints (over four bytes on average) are read whole, eight bytes at a time.
template <kind K, class V>
constexpr void decode_varints(const std::byte* p, const std::byte* const end, V* dst, std::size_t count) noexcept {
  const auto bytes = static_cast<std::size_t>(end - p);
  if (bytes == count) {
    std::size_t i = 0;
    for (; count - i >= 8; i += 8) {  // g++ -O2 does not vectorise the plain loop: eight per load
      const std::uint64_t w = load_le64(p + i);
      [&]<std::size_t... J>(std::index_sequence<J...>) { ((dst[i + J] = from_raw<K, V>((w >> (8 * J)) & 0xff)), ...); }
      (std::make_index_sequence<8>{});
    }
    for (; i < count; ++i) dst[i] = from_raw<K, V>(std::to_integer<std::uint64_t>(p[i]));
    return;
  }
  if (bytes <= 4 * count) {
    std::uint64_t value = 0;
    unsigned shift = 0;
    // The byte sign-extended: its sign is the continuation bit, so one arithmetic shift gives the
    // mask of all ones after a continuation byte (14 instructions a byte against 18 with b >> 7).
    // Two bytes an iteration: about 15% fewer instructions again, and faster on short runs.
    const auto step = [&](std::byte byte) {
      const std::int64_t b = static_cast<std::int8_t>(std::to_integer<std::uint8_t>(byte));
      const std::int64_t more = b >> 63;
      value |= (static_cast<std::uint64_t>(b) & 0x7f) << shift;  // shift <= 63: at most ten bytes
      *dst = from_raw<K, V>(value);
      dst += 1 + more;  // past a terminator only
      value &= static_cast<std::uint64_t>(more);
      shift = (shift + 7) & static_cast<unsigned>(more);
    };
    if (bytes % 2 != 0) step(*p++);
    for (; p != end; p += 2) {
      step(p[0]);
      step(p[1]);
    }
    return;
  }
  std::uint64_t raw = 0;
  while (end - p >= static_cast<std::ptrdiff_t>(max_varint_size) && read_varint_unchecked(p, raw))
    *dst++ = from_raw<K, V>(raw);
  while (p != end && read_varint(p, end, raw) == errc::ok) *dst++ = from_raw<K, V>(raw);
}

// Byte types through which any object's bytes may be read ([basic.lval]).
template <class T>
concept aliasing_byte = std::same_as<T, std::byte> || std::same_as<T, char> || std::same_as<T, unsigned char>;

// A container of such bytes with assign(first, last), as std::vector.
// clang-format off
template <class V>
concept byte_range_assignable = std::ranges::contiguous_range<V> && aliasing_byte<std::ranges::range_value_t<V>> &&
                                requires(V& v, const std::ranges::range_value_t<V>* p) { v.assign(p, p); };
// clang-format on

// Resizes c to n elements that the caller overwrites next: without zero-filling them where the
// container can (fixed_vector).
template <class C>
constexpr void resize_for_overwrite(C& c, std::size_t n) {
  if constexpr (requires { c.resize_for_overwrite(n); }) c.resize_for_overwrite(n);
  else c.resize(n);
}

template <class F, class V, class Kid = std::nullptr_t>
constexpr error decode_value(V& out, const record& rec, const wire_reader& r, Kid kid = nullptr) {
  using M = field_meta<F>;
  if constexpr (M::is_message) {  // a group record's bytes are its content, so one path serves both
    auto sub = r.nested(rec);
    if (!sub) return sub.error();
    if constexpr (requires { kid->seen; }) {
      kid->used = true;
      return decode_message(out, *sub, kid->seen.data());
    } else {
      return decode_message(out, *sub);
    }
  } else if constexpr (M::k == kind::packed_view) {
    // A view holds one contiguous run: a second non-empty run has nowhere to go.
    if (rec.bytes.empty()) return {};  // an empty run adds nothing
    if (!out.bytes().empty()) return {errc::capacity_exceeded, rec.offset, rec.field};
    if constexpr (V::width == 0) {
      if (const error e = check_packed_varints(rec.bytes, rec.field, r); e.code != errc::ok) return e;
    } else if (rec.bytes.size() % V::width != 0) {
      return {errc::truncated, r.offset_of(rec.bytes.data() + rec.bytes.size() / V::width * V::width), rec.field};
    }
    out = V(rec.bytes);
    return {};
  } else if constexpr (M::k == kind::string || M::k == kind::bytes) {
    const std::size_t n = rec.bytes.size();
    if constexpr (M::k == kind::string) {
      if (r.options().check_utf8 &&
          !utf8_valid_within(rec.bytes.data(), n, reader_access::origin(r), reader_access::end(r)))
        return {errc::invalid_utf8, r.offset_of(rec.bytes.data()), rec.field};
    }
    if constexpr (string_view_like<V>) {
      out = V(reinterpret_cast<const char*>(rec.bytes.data()), n);  // a view into the input
    } else if constexpr (bytes_view_like<V>) {
      out = rec.bytes;
    } else {
      if constexpr (requires { out.max_size(); }) {
        if (n > out.max_size()) return {errc::capacity_exceeded, rec.offset, rec.field};
      }
      if constexpr (string_like<V> && requires { out.assign(std::string_view()); }) {
        if (!std::is_constant_evaluated()) {  // one copy, where resize would also zero-fill
          out.assign(std::string_view(reinterpret_cast<const char*>(rec.bytes.data()), n));
          return {};
        }
      } else if constexpr (requires { out.resize_for_overwrite(n); }) {
        // resized below without zero-filling
      } else if constexpr (byte_range_assignable<V>) {
        // std::vector of bytes: assign copies once (resize then copy would zero-fill first).
        using E = std::ranges::range_value_t<V>;
        if (!std::is_constant_evaluated()) {
          const auto* first = reinterpret_cast<const E*>(rec.bytes.data());
          out.assign(first, first + n);
          return {};
        }
      }
      resize_for_overwrite(out, n);  // last one wins: the value is replaced
      if (std::is_constant_evaluated()) {
        for (std::size_t i = 0; i < n; ++i)
          std::data(out)[i] = static_cast<std::ranges::range_value_t<V>>(rec.bytes[i]);
      } else if (n != 0) {
        copy_bytes_short_inline(std::data(out), rec.bytes.data(), n);
      }
    }
    return {};
  } else {
    out = from_raw<M::k, V>(rec.value);
    return {};
  }
}

template <class C>
concept reservable = requires(C& c, std::size_t n) {
  c.reserve(n);
};

// A packed run of scalars: the whole payload must be whole values. The run comes by value (see
// check_packed_varints).
template <class F, class C>
constexpr error decode_packed(C& out, std::span<const std::byte> run, const wire_reader& r) {
  using M = field_meta<F>;
  using V = typename M::value_type;
  const std::byte* p = run.data();
  const std::byte* const end = p + run.size();
  if constexpr (M::width == 0) {
    // A well-formed run (checked and counted first, in one cheap pass) gets room for every value,
    // then a loop with no error paths. A malformed run, or a full fixed-capacity container, takes
    // the checked loop, which finds the exact error.
    const std::size_t count = count_varints(p, end);
    const bool room = count != not_well_formed && !is_full(out, count);
    if constexpr (std::ranges::contiguous_range<C> && requires { out.resize(count); }) {
      if (!std::is_constant_evaluated() && !optimize_size && room) {
        const std::size_t old = out.size();
        resize_for_overwrite(out, old + count);
        decode_varints<M::k>(p, end, std::data(out) + old, count);
        return {};
      }
    }
    if constexpr (reservable<C>) {
      if (room) out.reserve(out.size() + count);
    }
    while (p != end) {
      const std::byte* const at = p;
      std::uint64_t raw = 0;
      if (const errc ec = read_varint(p, end, raw); ec != errc::ok) return {ec, r.offset_of(at), F::number};
      if (is_full(out)) return {errc::capacity_exceeded, r.offset_of(at), F::number};
      out.push_back(from_raw<M::k, V>(raw));
    }
  } else {
    const std::size_t n = run.size() / M::width;
    if (run.size() % M::width != 0) return {errc::truncated, r.offset_of(p + n * M::width), F::number};
    if (is_full(out, n)) {
      const std::size_t room = out.max_size() - out.size();
      return {errc::capacity_exceeded, r.offset_of(p + room * M::width), F::number};
    }
    if constexpr (M::memcpy_ok && std::ranges::contiguous_range<C> && requires { out.resize(n); }) {
      if (!std::is_constant_evaluated()) {
        if (n == 0) return {};  // an empty vector's data() may be null: no memcpy at all
        const std::size_t old = out.size();
        resize_for_overwrite(out, old + n);
        std::memcpy(std::data(out) + old, p, n * M::width);
        return {};
      }
    }
    if constexpr (reservable<C>) out.reserve(out.size() + n);
    for (; p != end; p += M::width) out.push_back(from_raw<M::k, V>(M::width == 4 ? load_le32(p) : load_le64(p)));
  }
  return {};
}

// One map entry: key and value default when absent, unknown records ignored, last key wins.
template <class F, class Map>
constexpr error decode_entry(Map& map, record rec, const wire_reader& r) {  // by value: see check_packed_varints
  using MM = map_meta<F>;
  auto sub = r.nested(rec);
  if (!sub) return sub.error();
  typename Map::key_type key{};
  typename Map::mapped_type val{};
  while (!sub->done()) {
    record e;
    if (const error re = sub->read(e); re.code != errc::ok) return re;
    error err{};
    if (e.field == 1 && e.type == MM::K::wt) err = decode_value<typename MM::key_part>(key, e, *sub);
    else if (e.field == 2 && e.type == MM::V::wt) err = decode_value<typename MM::value_part>(val, e, *sub);
    if (err.code != errc::ok) return err;
  }
  if constexpr (requires { map.max_size(); }) {  // replacing a key's value needs no room
    if (is_full(map) && map.find(key) == map.end()) return {errc::capacity_exceeded, rec.offset, rec.field};
  }
  map.insert_or_assign(std::move(key), std::move(val));
  return {};
}

// The number of len records of field F in a row from `rec` on (canonical tags only), to size a
// repeated field once instead of growing it record by record.
template <class F>
constexpr std::size_t run_length(const record& rec, const wire_reader& r) noexcept {
  constexpr const tag_bytes& tag = tag_for<F::number, wire_type::len>;
  const std::byte* p = rec.bytes.data() + rec.bytes.size();
  const std::byte* const end = reader_access::end(r);
  std::size_t n = 1;
  for (;;) {
    if (static_cast<std::size_t>(end - p) <= tag.size) return n;
    for (std::size_t i = 0; i < tag.size; ++i)
      if (p[i] != tag.data[i]) return n;
    p += tag.size;
    std::uint64_t len = 0;
    if (read_varint(p, end, len) != errc::ok || len > static_cast<std::uint64_t>(end - p)) return n;
    p += len;
    ++n;
  }
}

// One record of a repeated_view field: the element is decoded once, to check it, and dropped
// (elements found inside an element already checked are not checked again).
template <class F, class V>
constexpr error decode_repeated_view(V& v, const record& rec, const wire_reader& r) {
  static_assert(field_meta<F>::k == kind::message,
                "tagwire: repeated_view<T> holds messages written as length-delimited records (not groups)");
  if (!reader_access::trusted(r)) {
    typename V::value_type element{};
    if (const error e = decode_value<F>(element, rec, r); e.code != errc::ok) return e;
  }
  if (!view_access::add(v, F::number, rec.bytes, reader_access::end(r)))
    return {errc::capacity_exceeded, rec.offset, rec.field};
  return {};
}

// Decodes an element of a repeated_view from bytes checked when the view was decoded.
template <class T>
constexpr void decode_checked(T& m, std::span<const std::byte> payload) {
  wire_reader r = reader_access::trusted_reader(payload);
  (void)decode_message(m, r);
}

// Decodes one record into field F. `known` is false when the wire type does not fit the field:
// the record is then an unknown field.
template <class F, class T>
constexpr error decode_field(T& m, const record& rec, const wire_reader& r, bool& known, child_required<F>& kid) {
  using M = field_meta<F>;
  using V = typename M::value_type;
  auto& v = m.*F::member;
  if constexpr (M::k == kind::unsupported) {
    return {};                                                     // already reported by check_field
  } else if constexpr (M::form == shape::repeated && M::scalar) {  // packed and unpacked both accepted
    if (rec.type == M::wt) {
      if (is_full(v)) return {errc::capacity_exceeded, rec.offset, rec.field};
      v.push_back(from_raw<M::k, V>(rec.value));
      return {};
    }
    if (rec.type == wire_type::len) return decode_packed<F>(v, rec.bytes, r);
    known = false;
    return {};
  } else {
    if constexpr (M::k == kind::packed_view) {
      // An unpacked element is this field's data, but a view holds one packed run: an error,
      // never a silent drop.
      constexpr wire_type element = V::width == 0   ? wire_type::varint
                                    : V::width == 4 ? wire_type::fixed32
                                                    : wire_type::fixed64;
      if (rec.type == element) return {errc::capacity_exceeded, rec.offset, rec.field};
    }
    if (rec.type != M::wt) {
      known = false;
      return {};
    }
    if constexpr (M::form == shape::single) {
      return decode_value<F>(v, rec, r, &kid);
    } else if constexpr (is_repeated_view<typename M::member_type>::value) {
      return decode_repeated_view<F>(v, rec, r);
    } else if constexpr (M::form == shape::repeated) {
      if (is_full(v)) return {errc::capacity_exceeded, rec.offset, rec.field};
      if constexpr (reservable<typename M::member_type> && requires { v.capacity(); }) {
        // About to grow: make room for the whole run of this field's records at once.
        if (!optimize_size && v.size() == v.capacity()) v.reserve(v.size() + run_length<F>(rec, r));
      }
      return decode_value<F>(v.emplace_back(), rec, r);
    } else if constexpr (M::form == shape::map) {
      return decode_entry<F>(v, rec, r);
    } else if constexpr (M::form == shape::alternative) {
      // The last alternative seen wins; the same message alternative seen twice is merged.
      if (v.index() != F::index) {
        v.template emplace<F::index>();
        kid = {};  // a fresh message: what an earlier one had does not count
      }
      return decode_value<F>(*std::get_if<F::index>(&v), rec, r, &kid);
    } else if constexpr (M::form == shape::optional) {
      if (!v) v.emplace();
      return decode_value<F>(*v, rec, r, &kid);
    } else {
      if (!v) {
        if constexpr (pointer_traits<typename M::member_type>::unique) v.reset(new V());
        else v.emplace();
      }
      return decode_value<F>(*v, rec, r, &kid);
    }
  }
}

// Whether required field F of a merge target already counts as set: a plain member always holds a
// value; an optional or pointer one when it holds one.
template <class F, class T>
constexpr bool already_set(const T& m) noexcept {
  if constexpr (F::form == shape::optional || F::form == shape::pointer) return static_cast<bool>(m.*F::member);
  else return true;
}

// Decodes the records of `r` into `m`. Required fields: with `seen_out`, the seen-bits are added
// there for the caller to check; otherwise they are checked here (unless options().partial), and
// with `merge` a field `m` already held counts as present.
template <class T>
constexpr error decode_message(T& m, wire_reader& r, bool* seen_out, bool merge) {
  using info = message_info<T>;
  static_assert(info::valid);
  [[maybe_unused]] std::array<bool, info::required_count> seen{};
  [[maybe_unused]] typename children_required<info, std::make_index_sequence<info::count>>::type kids{};
  const std::byte* p = r.cursor();
  const std::byte* const end = reader_access::end(r);
  while (p != end) {
    const std::byte* const begin = p;
    // rec.offset stays 0 here: an error that quotes it gets the record's offset below, so the
    // offset is not computed for every record. No error inside this record can have a true offset
    // of 0 unless the record starts at 0, where the fix-up gives 0 again.
    record rec;
    std::size_t slot = info::count;
    // A one-byte tag of a field, with the wire type it is written with: no validation left to do.
    if (const unsigned b = std::to_integer<unsigned>(*p); !optimize_size && info::fast_tag[b] != info::count) {
      rec.field = b >> 3;
      rec.type = static_cast<wire_type>(b & 7);
      slot = info::fast_tag[b];
      ++p;
    } else {
      if (const errc ec = read_tag(p, end, rec.field, rec.type); ec != errc::ok) return {ec, r.offset_of(begin), 0};
      slot = info::index_of(rec.field);
    }
    error e{};
    bool known = false;
    std::size_t hit = info::count;
    auto one = [&]<std::size_t I>(std::integral_constant<std::size_t, I>) TAGWIRE_DETAIL_INLINE {
      if constexpr (I == info::count) {  // not a field of this message
        e = reader_access::read_rest(r, p, rec);
      } else {
        using F = typename info::template field_t<I>;
        constexpr wire_type wt = field_meta<F>::record_wt;  // how this field is written
        if (wt != wire_type::start_group && rec.type == wt) e = reader_access::read_value<wt>(r, p, rec);
        else e = reader_access::read_rest(r, p, rec);
        if (e.code != errc::ok) return;
        known = true;
        hit = I;
        // Tested in place and copied only on an error: copying a callee's error (built a member at
        // a time) into `e` as a whole stalls store forwarding on every record.
        if (const error fe = decode_field<F>(m, rec, r, known, std::get<I>(kids)); fe.code != errc::ok) {
          e = fe;
          if (e.field == 0) e.field = rec.field;
        }
      }
    };
    visit_index<info::count + 1>(slot, one);
    if (e.code != errc::ok) {
      if (e.offset == 0) e.offset = r.offset_of(begin);
      return e;
    }
    if constexpr (info::required_count != 0) {
      if (known && info::required_slot[hit] < info::count) seen[info::required_slot[hit]] = true;
    }
    if constexpr (info::keeps_unknown) {
      if (!known) {  // keep the raw record, tag included, for writing back
        auto& u = unknown_member(m);
        const auto n = static_cast<std::size_t>(p - begin);
        if (is_full(u, n)) return {errc::capacity_exceeded, r.offset_of(begin), rec.field};
        const std::size_t old = u.size();
        resize_for_overwrite(u, old + n);
        if (std::is_constant_evaluated()) {
          for (std::size_t i = 0; i < n; ++i)
            std::data(u)[old + i] = static_cast<std::ranges::range_value_t<decltype(u)>>(begin[i]);
        } else {
          copy_bytes(std::data(u) + old, begin, n);
        }
      }
    }
  }
  reader_access::seek(r, p);
  if (r.options().partial) return {};
  std::uint32_t missing = 0;
  if constexpr (info::required_count != 0) {
    if (seen_out != nullptr) {
      for (std::size_t i = 0; i < info::required_count; ++i) seen_out[i] = seen_out[i] || seen[i];
    } else {
      // clang-format off
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)(((info::required_slot[I] < info::count && !seen[info::required_slot[I]] &&
                 !(merge && already_set<typename info::template field_t<I>>(m)))
                    ? (missing = info::template field_t<I>::number, true)
                    : false) ||
               ...);
      }(std::make_index_sequence<info::count>{});
      // clang-format on
    }
  }
  // Singular sub-messages are complete once this message's records end.
  // clang-format off
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)(([&](const auto& kid) {
             if constexpr (requires { kid.seen; }) {
               using sub_info = typename std::remove_cvref_t<decltype(kid)>::info;
               if (missing == 0 && kid.used)
                 for (std::size_t i = 0; i < kid.seen.size(); ++i)
                   if (!kid.seen[i]) return missing = sub_info::required_numbers[i], true;
             }
             return false;
           }(std::get<I>(kids))) ||
           ...);
  }(std::make_index_sequence<info::count>{});
  // clang-format on
  if (missing != 0) return {errc::missing_required, r.offset(), missing};
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
  else return {reinterpret_cast<const std::byte*>(std::ranges::data(b)), std::ranges::size(b)};
}

}  // namespace detail

namespace detail {
// The entry point of decode and decode_into: input checks, then the records.
template <class B, class T>
constexpr error decode_top(const B& bytes, T& msg, decode_options opts, bool merge) {
  const std::span<const std::byte> in = input_bytes(bytes);
  if (in.size() > max_message_size) return {errc::length_overflow, 0, 0};
  wire_reader r(in, opts);
  return decode_message(msg, r, nullptr, merge);
}
}  // namespace detail

/// Merges the message in `bytes` into `msg` (protobuf MergeFrom: scalars replaced, repeated
/// fields appended, sub-messages merged). Errors: truncated, varint_overflow,
/// invalid_wire_type, invalid_field_number, length_overflow, depth_exceeded, group_mismatch,
/// invalid_utf8, missing_required, capacity_exceeded; on an error `msg` holds what was decoded
/// before it.
template <detail::byte_input B, message T>
[[nodiscard]] constexpr result<void> decode_into(const B& bytes, T& msg, decode_options opts = {}) {
  if (const error e = detail::decode_top(bytes, msg, opts, /*merge=*/true); e.code != errc::ok) return e;
  return {};
}

/// Returns the message of type T in `bytes` (any contiguous range of std::byte, char,
/// unsigned char). Errors: as decode_into.
template <message T, detail::byte_input B>
[[nodiscard]] constexpr result<T> decode(const B& bytes, decode_options opts = {}) {
  result<T> out(std::in_place);  // decoded in place and returned without a move
  if (const error e = detail::decode_top(bytes, *out, opts, /*merge=*/false); e.code != errc::ok) out = e;
  return out;
}

}  // namespace tagwire
