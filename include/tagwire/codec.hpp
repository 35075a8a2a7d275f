// tagwire — per-field and per-message compile-time information, and value conversions (internal).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <span>
#include <utility>

#include "field.hpp"
#include <tuple>
#include "type_map.hpp"
#include "wire.hpp"

namespace tagwire::detail {

// The proto type of one value. Scalars come before `string`.
enum class kind : std::uint8_t {
  int32,
  int64,
  uint32,
  uint64,
  sint32,
  sint64,
  fixed32,
  fixed64,
  sfixed32,
  sfixed64,
  boolean,
  enumeration,
  float32,
  float64,
  string,
  bytes,
  message,
  group,
  packed_view,
  unsupported
};

template <class V, class F>
consteval kind kind_of() {
  if constexpr (std::same_as<V, bool>) return kind::boolean;
  else if constexpr (std::is_enum_v<V>) return kind::enumeration;
  else if constexpr (std::same_as<V, float>) return kind::float32;
  else if constexpr (std::same_as<V, double>) return kind::float64;
  else if constexpr (signed_int<V> && sizeof(V) <= 8) {
    constexpr bool wide = sizeof(V) > 4;
    if constexpr (F::template has<sint>) return wide ? kind::sint64 : kind::sint32;
    else if constexpr (F::template has<sfixed>) return wide ? kind::sfixed64 : kind::sfixed32;
    else return wide ? kind::int64 : kind::int32;
  } else if constexpr (unsigned_int<V> && sizeof(V) <= 8) {
    constexpr bool wide = sizeof(V) > 4;
    if constexpr (F::template has<fixed>) return wide ? kind::fixed64 : kind::fixed32;
    else return wide ? kind::uint64 : kind::uint32;
  } else if constexpr (string_like<V> || string_view_like<V>) {
    return F::template has<bytes> ? kind::bytes : kind::string;
  } else if constexpr (byte_container<V> || bytes_view_like<V>) {
    return kind::bytes;
  } else if constexpr (is_packed_view<V>::value) {
    return kind::packed_view;
  } else if constexpr (message<V>) {
    return F::template has<group> ? kind::group : kind::message;
  } else {
    return kind::unsupported;
  }
}

constexpr wire_type wire_of(kind k) {
  switch (k) {
    case kind::fixed64:
    case kind::sfixed64:
    case kind::float64: return wire_type::fixed64;
    case kind::fixed32:
    case kind::sfixed32:
    case kind::float32: return wire_type::fixed32;
    case kind::string:
    case kind::bytes:
    case kind::message:
    case kind::packed_view: return wire_type::len;
    case kind::group: return wire_type::start_group;
    default: return wire_type::varint;
  }
}

// Everything the encoder and decoder need to know about one field, at compile time.
// A map's key (number 1) or value (number 2), described like a field.
template <std::uint32_t Number, class V, class Encodings>
struct part;
template <std::uint32_t Number, class V, template <class...> class W, class... E>
struct part<Number, V, W<E...>> {
  using member_type = V;
  using element_type = V;
  static constexpr std::uint32_t number = Number;
  static constexpr shape form = shape::single;
  template <class X>
  static constexpr bool has = has_encoding<X, E...>;
};

template <class F>
struct field_meta {
  using member_type = typename F::member_type;
  using value_type = typename F::element_type;
  static constexpr shape form = F::form;
  static constexpr kind k = kind_of<value_type, F>();
  static constexpr bool is_required = F::template has<tagwire::required>;
  // A map field is a run of entry messages; its `k` is the kind of its values (map_meta has both).
  static constexpr bool is_map = form == shape::map;
  static constexpr bool is_message = !is_map && (k == kind::message || k == kind::group);
  static constexpr wire_type wt = is_map ? wire_type::len : wire_of(k);
  static constexpr bool scalar = !is_map && k < kind::string;
  static constexpr bool packed = form == shape::repeated && scalar && !F::template has<unpacked>;
  static constexpr wire_type record_wt = packed ? wire_type::len : wt;
  // Bytes per value for fixed-width kinds, 0 for varints.
  static constexpr std::size_t width = wt == wire_type::fixed32 ? 4 : wt == wire_type::fixed64 ? 8 : 0;
  // A packed run of these can be copied as it is on a little-endian host.
  // clang-format off
  static constexpr bool memcpy_ok = width != 0 && sizeof(value_type) == width &&
                                    (std::is_floating_point_v<value_type> || std::is_integral_v<value_type>) &&
                                    std::endian::native == std::endian::little;
  // clang-format on
};

template <class F>
struct map_meta {
  using key_part = part<1, typename F::member_type::key_type, typename F::key_encodings>;
  using value_part = part<2, typename F::member_type::mapped_type, typename F::value_encodings>;
  using K = field_meta<key_part>;
  using V = field_meta<value_part>;
};

// The raw wire value (varint payload or fixed bits) of `v`.
template <kind K, class V>
constexpr std::uint64_t to_raw(const V& v) noexcept {
  if constexpr (K == kind::int32)
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(static_cast<std::int32_t>(v)));
  else if constexpr (K == kind::int64 || K == kind::sfixed64)
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
  else if constexpr (K == kind::uint32 || K == kind::fixed32) return static_cast<std::uint32_t>(v);
  else if constexpr (K == kind::uint64 || K == kind::fixed64) return static_cast<std::uint64_t>(v);
  else if constexpr (K == kind::sint32) return zigzag_encode32(static_cast<std::int32_t>(v));
  else if constexpr (K == kind::sint64) return zigzag_encode64(static_cast<std::int64_t>(v));
  else if constexpr (K == kind::sfixed32) return static_cast<std::uint32_t>(static_cast<std::int32_t>(v));
  else if constexpr (K == kind::boolean) return v ? 1u : 0u;
  else if constexpr (K == kind::enumeration)
    return static_cast<std::uint64_t>(
        static_cast<std::int64_t>(static_cast<std::int32_t>(static_cast<std::underlying_type_t<V>>(v))));
  else if constexpr (K == kind::float32) return std::bit_cast<std::uint32_t>(v);
  else if constexpr (K == kind::float64) return std::bit_cast<std::uint64_t>(v);
}

// The value of type V read from a raw wire value, by protobuf's rules: 32-bit kinds keep the
// low 32 bits, sint32 truncates before zigzag decoding, any nonzero bool is true.
template <kind K, class V>
constexpr V from_raw(std::uint64_t r) noexcept {
  const auto lo = static_cast<std::uint32_t>(r);
  if constexpr (K == kind::int32 || K == kind::sfixed32) return static_cast<V>(static_cast<std::int32_t>(lo));
  else if constexpr (K == kind::int64 || K == kind::sfixed64) return static_cast<V>(static_cast<std::int64_t>(r));
  else if constexpr (K == kind::uint32 || K == kind::fixed32) return static_cast<V>(lo);
  else if constexpr (K == kind::uint64 || K == kind::fixed64) return static_cast<V>(r);
  else if constexpr (K == kind::sint32) return static_cast<V>(zigzag_decode32(lo));
  else if constexpr (K == kind::sint64) return static_cast<V>(zigzag_decode64(r));
  else if constexpr (K == kind::boolean) return r != 0;
  else if constexpr (K == kind::enumeration)
    return static_cast<V>(static_cast<std::underlying_type_t<V>>(static_cast<std::int32_t>(lo)));
  else if constexpr (K == kind::float32) return std::bit_cast<float>(lo);
  else if constexpr (K == kind::float64) return std::bit_cast<double>(r);
}

template <class T, class F>
consteval bool check_field() {
  using M = field_meta<F>;
  static_assert(std::is_base_of_v<typename F::class_type, T>,
                "tagwire: a field's member pointer belongs to another type");
  static_assert(M::k != kind::unsupported,
                "tagwire: this member type cannot be encoded: use an integer, bool, enum, float, double, "
                "std::string, a byte vector or a described message (did you forget TAGWIRE_MESSAGE?), "
                "or one of those inside a std::optional, a std::unique_ptr or a container");
  if constexpr (std::is_enum_v<typename M::value_type>)
    static_assert(sizeof(typename M::value_type) <= 4,
                  "tagwire: enum fields need an underlying type of at most 32 bits");
  if constexpr (M::form == shape::map) {
    using MM = map_meta<F>;
    constexpr kind key_kind = MM::K::k;
    static_assert(key_kind <= kind::boolean || key_kind == kind::string,
                  "tagwire: map keys must be integers, bool or strings");
    static_assert(MM::V::k != kind::unsupported && MM::V::k != kind::group && MM::V::k != kind::packed_view,
                  "tagwire: this map value type cannot be encoded");
  }
  return true;
}

template <class Tuple>
inline constexpr bool all_fields = false;
template <class... D>
inline constexpr bool all_fields<std::tuple<D...>> = (is_field<D>::value && ...);

// The fields of a message (oneofs flattened into their alternatives), sorted by number, the
// unknown-fields member if any, the required fields, and the checks on the whole message.
template <class T>
struct message_info {
  static constexpr auto declared = fields_of<T>();
  using declared_type = std::remove_cvref_t<decltype(declared)>;
  static constexpr std::size_t declared_count = std::tuple_size_v<declared_type>;

  // clang-format off
  static constexpr bool all_descriptors = []<std::size_t... I>(std::index_sequence<I...>) {
    return (is_descriptor<std::tuple_element_t<I, declared_type>> && ... && true);
  }(std::make_index_sequence<declared_count>{});
  // clang-format on
  static_assert(all_descriptors,
                "tagwire: a message's field descriptors must be tagwire::field<number, &T::member, "
                "encodings...> objects (or TAGWIRE_ONEOF / TAGWIRE_UNKNOWN)");

  static constexpr auto fields = [] {
    if constexpr (!all_descriptors) return std::tuple<>{};
    else if constexpr (all_fields<declared_type>) return declared;  // nothing to flatten
    else return std::apply([](const auto&... d) { return std::tuple_cat(flatten_one(d)...); }, declared);
  }();
  using tuple_type = std::remove_cvref_t<decltype(fields)>;
  static constexpr std::size_t count = std::tuple_size_v<tuple_type>;
  template <std::size_t I>
  using field_t = std::tuple_element_t<I, tuple_type>;

  // clang-format off
  static constexpr bool valid = []<std::size_t... I, std::size_t... D>(std::index_sequence<I...>,
                                                                      std::index_sequence<D...>) {
    if constexpr (!all_descriptors) {
      return false;
    } else {
      static_assert(unique_numbers<field_t<I>...>(), "tagwire: duplicate field number in a message");
      static_assert(unique_members<std::tuple_element_t<D, declared_type>...>(),
                    "tagwire: a member is described by two fields");
      static_assert((int{is_unknown<std::tuple_element_t<D, declared_type>>::value} + ... + 0) <= 1,
                    "tagwire: a message has at most one TAGWIRE_UNKNOWN");
      static_assert(outside_reserved<tuple_type, std::tuple_element_t<D, declared_type>...>(),
                    "tagwire: a field number lies in a reserved range of its message");
      static_assert(reserved_disjoint<std::tuple_element_t<D, declared_type>...>(),
                    "tagwire: reserved ranges of a message overlap");
      return (check_field<T, field_t<I>>() && ... && true);
    }
  }(std::make_index_sequence<count>{}, std::make_index_sequence<declared_count>{});
  // clang-format on

  // Field indices in ascending field-number order: the order of the encoded output.
  // clang-format off
  static constexpr std::array<std::size_t, count> order = []<std::size_t... I>(std::index_sequence<I...>) {
    std::array<std::size_t, count> o{I...};
    const std::array<std::uint32_t, count> n{field_t<I>::number...};
    for (std::size_t i = 1; i < count; ++i)
      for (std::size_t j = i; j > 0 && n[o[j]] < n[o[j - 1]]; --j) std::swap(o[j], o[j - 1]);
    return o;
  }(std::make_index_sequence<count>{});

  // Field number -> field index (count when the message has no such field), for dispatch on
  // decode: a table indexed by number when the numbers are small, else a binary search.
  static constexpr std::uint32_t max_number = []<std::size_t... I>(std::index_sequence<I...>) {
    std::uint32_t n = 0;
    ((n = field_t<I>::number > n ? field_t<I>::number : n), ...);
    return n;
  }(std::make_index_sequence<count>{});
  static constexpr bool dense = max_number < 1024;
  static_assert(count < 0xffff, "tagwire: too many fields in one message");
  using index_type = std::conditional_t<(count < 0xff), std::uint8_t, std::uint16_t>;
  static constexpr auto by_number = []<std::size_t... I>(std::index_sequence<I...>) {
    std::array<index_type, dense ? max_number + 1 : 1> t{};
    for (auto& x : t) x = static_cast<index_type>(count);
    if constexpr (dense) ((t[field_t<I>::number] = static_cast<index_type>(I)), ...);
    return t;
  }(std::make_index_sequence<count>{});
  static constexpr std::array<std::uint32_t, count> sorted_numbers =
      []<std::size_t... I>(std::index_sequence<I...>) {
        const std::array<std::uint32_t, count> n{field_t<I>::number...};
        std::array<std::uint32_t, count> s{};
        for (std::size_t i = 0; i < count; ++i) s[i] = n[order[i]];
        return s;
      }(std::make_index_sequence<count>{});
  // One-byte tag -> field index for the fields numbered 1..15, by the wire type each is written
  // with; count for every other byte (those tags take the general path). 256 entries, so that
  // the first byte of a longer tag needs no test of its own.
  static constexpr auto fast_tag = []<std::size_t... I>(std::index_sequence<I...>) {
    std::array<index_type, 256> t{};
    for (auto& x : t) x = static_cast<index_type>(count);
    ((field_t<I>::number < 16 && field_meta<field_t<I>>::record_wt != wire_type::start_group
          ? (t[field_t<I>::number << 3 | static_cast<unsigned>(field_meta<field_t<I>>::record_wt)] =
                 static_cast<index_type>(I))
          : 0),
     ...);
    return t;
  }(std::make_index_sequence<count>{});
  // clang-format on
  static constexpr std::size_t index_of(std::uint32_t number) noexcept {
    if constexpr (dense) {
      return number <= max_number ? by_number[number] : count;
    } else {
      std::size_t lo = 0, hi = count;
      while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (sorted_numbers[mid] < number) lo = mid + 1;
        else hi = mid;
      }
      return lo < count && sorted_numbers[lo] == number ? order[lo] : count;
    }
  }

  // The TAGWIRE_UNKNOWN member, if declared: its index among the declared descriptors.
  // clang-format off
  static constexpr std::size_t unknown_index = []<std::size_t... D>(std::index_sequence<D...>) {
    std::size_t i = declared_count;
    ((is_unknown<std::tuple_element_t<D, declared_type>>::value ? (i = D, 0) : 0), ...);
    return i;
  }(std::make_index_sequence<declared_count>{});
  // clang-format on
  static constexpr bool keeps_unknown = unknown_index < declared_count;

  // Required fields: how many, and each field's slot among them (count when not required).
  // clang-format off
  static constexpr std::size_t required_count = []<std::size_t... I>(std::index_sequence<I...>) {
    return (std::size_t{field_meta<field_t<I>>::is_required} + ... + 0);
  }(std::make_index_sequence<count>{});
  static constexpr std::array<std::uint32_t, required_count> required_numbers =
      []<std::size_t... I>(std::index_sequence<I...>) {
        std::array<std::uint32_t, required_count> n{};
        std::size_t next = 0;
        ((field_meta<field_t<I>>::is_required ? (n[next++] = field_t<I>::number, 0) : 0), ...);
        return n;
      }(std::make_index_sequence<count>{});
  static constexpr std::array<std::size_t, count> required_slot = []<std::size_t... I>(std::index_sequence<I...>) {
    std::array<std::size_t, count> slot{};
    std::size_t next = 0;
    ((slot[I] = field_meta<field_t<I>>::is_required ? next++ : count), ...);
    return slot;
  }(std::make_index_sequence<count>{});
  // clang-format on
};

// The unknown-fields member of `m` (precondition: message_info<T>::keeps_unknown).
template <class T>
constexpr auto& unknown_member(T& m) noexcept {
  using info = message_info<std::remove_const_t<T>>;
  return m.*(std::tuple_element_t<info::unknown_index, typename info::declared_type>::member);
}

// Builds repeated_view's state; the view has no public way to add a record.
struct view_access {
  // Adds the record whose payload is `payload`, inside a message whose content ends at `end`.
  // False when it cannot join the view: from another message or input, or not after its records.
  template <class V>
  static constexpr bool add(V& v, std::uint32_t number, std::span<const std::byte> payload,
                            const std::byte* end) noexcept {
    if (v.count_ == 0) {
      v.first_ = payload;
      v.end_ = end;
      v.number_ = number;
    } else if (v.end_ != end || !(v.last_ < payload.data())) {
      return false;
    }
    v.last_ = payload.data() + payload.size();
    ++v.count_;
    v.record_bytes_ += varint_size(payload.size()) + payload.size();
    return true;
  }
  // The bytes of the view's records after their tags: length prefixes and payloads.
  template <class V>
  [[nodiscard]] static constexpr std::size_t record_bytes(const V& v) noexcept {
    return v.record_bytes_;
  }
};

}  // namespace tagwire::detail
