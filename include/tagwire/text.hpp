// tagwire — the protobuf text format: to_text prints what `protoc --decode` prints for the same bytes.
#pragma once

#include <cfloat>
#include <charconv>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "codec.hpp"
#include "config.hpp"  // std::less
#include "enum.hpp"
#include "type_name.hpp"
#include "reflect.hpp"
#include "wire.hpp"

namespace tagwire {

/// Text format options. single_line gives one line (`a: 1 b { c: 2 }`, as libprotobuf's
/// ShortDebugString lays it out) instead of one field per line indented by two spaces.
struct text_options {
  bool single_line = false;
};

namespace detail {

// Appends `data` C-escaped as protobuf's CEscape does: \n \r \t \" \' \\, other bytes outside
// 0x20..0x7e as three octal digits (UTF-8 included, as protoc prints it).
inline void append_escaped(std::string& out, std::span<const std::byte> data) {
  for (std::byte b : data) {
    const auto c = std::to_integer<unsigned char>(b);
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          const char octal[] = {'\\', static_cast<char>('0' + (c >> 6)), static_cast<char>('0' + ((c >> 3) & 7)),
                                static_cast<char>('0' + (c & 7))};
          out.append(octal, 4);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

template <class I>
void append_integer(std::string& out, I v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// protobuf's SimpleFtoa / SimpleDtoa: "inf", "-inf", "nan"; else printf's %.*g with FLT_DIG (6)
// or DBL_DIG (15) digits when that reads back as the same value, otherwise 9 or 17 digits.
// (SimpleFtoa reads back with strtof and also refuses an ERANGE result, which glibc reports
// for every subnormal float: those always take 9 digits.)
// (The classification is done by hand, as <cmath> costs a tenth of a second per translation unit.)
template <class Float>
void append_floating(std::string& out, Float v) {
  constexpr bool is_float = std::is_same_v<Float, float>;
  constexpr Float largest = is_float ? FLT_MAX : DBL_MAX;
  if (v > largest || v < -largest) {  // infinite
    out += v > 0 ? "inf" : "-inf";
    return;
  }
  if (!(v == v)) {  // NaN: the one value unequal to itself
    out += "nan";
    return;
  }
  char buf[48];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, is_float ? 6 : 15);
  Float back{};
  const auto parsed = std::from_chars(buf, r.ptr, back);
  const bool subnormal = back != 0 && back < FLT_MIN && back > -FLT_MIN;
  const bool exact = parsed.ec == std::errc{} && back == v && (!is_float || !subnormal);
  if (!exact) r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, is_float ? 9 : 17);
  out.append(buf, r.ptr);
}

template <class C>
std::span<const std::byte> raw_bytes(const C& c) noexcept {
  return std::as_bytes(std::span(std::data(c), std::size(c)));
}

// Appends one scalar, string or bytes value as the text format spells it.
template <kind K, class V>
void append_value(std::string& out, const V& v) {
  if constexpr (K == kind::string || K == kind::bytes) {
    out += '"';
    append_escaped(out, raw_bytes(v));
    out += '"';
  } else if constexpr (K == kind::boolean) {
    out += v ? "true" : "false";
  } else if constexpr (K == kind::float32) {
    append_floating(out, static_cast<float>(v));
  } else if constexpr (K == kind::float64) {
    append_floating(out, static_cast<double>(v));
  } else if constexpr (K == kind::enumeration) {
    // By name when registered with TAGWIRE_ENUM, else the number the wire carries.
    if constexpr (described_enum<V>) {
      if (const std::string_view name = enum_name(v); !name.empty()) {
        out += name;
        return;
      }
    }
    append_integer(out, static_cast<std::int32_t>(static_cast<std::uint32_t>(to_raw<K>(v))));
  } else if constexpr (K == kind::int32 || K == kind::int64 || K == kind::sint32 || K == kind::sint64 ||
                       K == kind::sfixed32 || K == kind::sfixed64) {
    // The value a reader of the wire sees (a narrow member widens, as it does on the wire).
    append_integer(out, from_raw<K, std::int64_t>(to_raw<K>(v)));
  } else {
    append_integer(out, from_raw<K, std::uint64_t>(to_raw<K>(v)));
  }
}

class text_writer {
 public:
  text_writer(std::string& out, bool single_line) noexcept : out_(out), single_(single_line) {}

  std::string& out() noexcept { return out_; }
  // Starts `name: ` ... ended by end_value().
  void begin_value(std::string_view name) {
    indent();
    out_ += name;
    out_ += ": ";
  }
  void end_value() { out_ += single_ ? ' ' : '\n'; }
  void open(std::string_view name) {
    indent();
    out_ += name;
    out_ += single_ ? " { " : " {\n";
    ++depth_;
  }
  void close() {
    --depth_;
    indent();
    out_ += single_ ? "} " : "}\n";
  }

 private:
  void indent() {
    if (!single_) out_.append(2 * depth_, ' ');
  }
  std::string& out_;
  bool single_;
  std::size_t depth_ = 0;
};

// ---- unknown fields, printed as libprotobuf's TextFormat prints an UnknownFieldSet ----------

// libprotobuf nests at most this many length-delimited unknown fields parsed as messages
// (TextFormat's kUnknownFieldRecursionLimit); deeper ones print as strings.
inline constexpr int unknown_recursion_budget = 10;

// Reads one record's tag the way libprotobuf's CodedInputStream does: a varint of up to 10
// bytes, keeping the low 32 bits. Returns false on a short or overlong varint.
inline bool read_unknown_tag(const std::byte*& p, const std::byte* end, std::uint32_t& tag) noexcept {
  std::uint64_t t = 0;
  if (read_varint(p, end, t) != errc::ok) return false;
  tag = static_cast<std::uint32_t>(t);
  return true;
}

// Walks records as libprotobuf's UnknownFieldSet::ParseFromCodedStream does, up to the end of
// the input (group == 0) or to the end tag of group `group`, whose content ends at `content_end`.
// Groups may nest `depth_left` deep. Returns false where libprotobuf refuses the input: a zero
// tag, field number 0, wire type 6 or 7, a short value, a length over INT_MAX, a stray or
// mismatched end-group, input ending inside a group.
inline bool skip_unknown(const std::byte*& p, const std::byte* end, int depth_left, std::uint32_t group,
                         const std::byte*& content_end) noexcept {
  for (;;) {
    if (p == end) return group == 0;
    const std::byte* const tag_at = p;
    std::uint32_t tag = 0;
    if (!read_unknown_tag(p, end, tag) || tag == 0) return false;
    const std::uint32_t number = tag >> 3;
    const unsigned type = tag & 7;
    if (type == 4) {
      content_end = tag_at;
      return group != 0 && number == group;
    }
    if (number == 0) return false;
    std::uint64_t v = 0;
    switch (type) {
      case 0:
        if (read_varint(p, end, v) != errc::ok) return false;
        break;
      case 1:
      case 5: {
        const std::size_t n = type == 1 ? 8 : 4;
        if (static_cast<std::size_t>(end - p) < n) return false;
        p += n;
        break;
      }
      case 2: {
        if (read_varint(p, end, v) != errc::ok) return false;
        const auto n = static_cast<std::uint32_t>(v);
        if (n > static_cast<std::uint32_t>(INT_MAX) || static_cast<std::size_t>(end - p) < n) return false;
        p += n;
        break;
      }
      case 3: {
        if (depth_left == 0) return false;
        const std::byte* ignored = nullptr;
        if (!skip_unknown(p, end, depth_left - 1, number, ignored)) return false;
        break;
      }
      default: return false;
    }
  }
}

// True when libprotobuf's TextFormat would print `payload` as a nested message.
inline bool unknown_is_message(std::span<const std::byte> payload, int budget) noexcept {
  if (payload.empty() || budget <= 0) return false;
  const std::byte* p = payload.data();
  const std::byte* ignored = nullptr;
  return skip_unknown(p, payload.data() + payload.size(), budget, 0, ignored);
}

inline void append_hex(std::string& out, std::uint64_t v, int digits) {
  static constexpr char hex[] = "0123456789abcdef";
  out += "0x";
  for (int i = digits - 1; i >= 0; --i) out += hex[(v >> (4 * i)) & 15];
}

// Prints the records of `data` in order: varints in decimal, fixed32/fixed64 as 0x%08x /
// 0x%016x, length-delimited values as a nested message when they parse as one (within the
// budget) else as a string, groups as nested messages. Stops at a malformed record.
inline void print_unknown(text_writer& w, std::span<const std::byte> data, int budget) {
  const std::byte* p = data.data();
  const std::byte* const end = data.data() + data.size();
  while (p != end) {
    std::uint32_t tag = 0;
    if (!read_unknown_tag(p, end, tag)) return;
    const std::uint32_t number = tag >> 3;
    char name_buf[12];
    const char* const name_end = std::to_chars(name_buf, name_buf + sizeof name_buf, number).ptr;
    const std::string_view name(name_buf, static_cast<std::size_t>(name_end - name_buf));
    std::uint64_t v = 0;
    switch (tag & 7) {
      case 0:
        if (read_varint(p, end, v) != errc::ok) return;
        w.begin_value(name);
        append_integer(w.out(), v);
        w.end_value();
        break;
      case 1:
      case 5: {
        const bool wide = (tag & 7) == 1;
        if (static_cast<std::size_t>(end - p) < (wide ? 8u : 4u)) return;
        w.begin_value(name);
        append_hex(w.out(), wide ? load_le64(p) : load_le32(p), wide ? 16 : 8);
        w.end_value();
        p += wide ? 8 : 4;
        break;
      }
      case 2: {
        if (read_varint(p, end, v) != errc::ok) return;
        const auto n = static_cast<std::uint32_t>(v);
        if (static_cast<std::size_t>(end - p) < n) return;
        const std::span<const std::byte> payload(p, n);
        p += n;
        if (unknown_is_message(payload, budget)) {
          w.open(name);
          print_unknown(w, payload, budget - 1);
          w.close();
        } else {
          w.begin_value(name);
          w.out() += '"';
          append_escaped(w.out(), payload);
          w.out() += '"';
          w.end_value();
        }
        break;
      }
      case 3: {
        const std::byte* const content = p;
        const std::byte* content_end = nullptr;
        if (!skip_unknown(p, end, INT_MAX, number, content_end)) return;
        w.open(name);
        print_unknown(w, std::span<const std::byte>(content, content_end), budget - 1);
        w.close();
        break;
      }
      default: return;
    }
  }
}

// ---- known fields -----------------------------------------------------------------------

template <class T>
void print_message(text_writer& w, const T& m);

template <kind K, class V>
void print_value(text_writer& w, std::string_view name, const V& v) {
  if constexpr (K == kind::message || K == kind::group) {
    w.open(name);
    print_message(w, v);
    w.close();
  } else {
    w.begin_value(name);
    append_value<K>(w.out(), v);
    w.end_value();
  }
}

// clang-format off
template <class Map>
concept ordered_by_key = requires { typename Map::key_compare; } &&
                         (std::is_same_v<typename Map::key_compare, std::less<typename Map::key_type>> ||
                          std::is_same_v<typename Map::key_compare, std::less<>>);
// clang-format on

// Map entries in key order, as libprotobuf prints them: `name { key: .. value: .. }`, both
// always present.
template <class F, class Map>
void print_map(text_writer& w, std::string_view name, const Map& map) {
  using MM = map_meta<F>;
  const auto entry = [&](const auto& key, const auto& value) {
    w.open(name);
    print_value<MM::K::k>(w, "key", key);
    print_value<MM::V::k>(w, "value", value);
    w.close();
  };
  if constexpr (ordered_by_key<Map>) {
    for (const auto& [key, value] : map) entry(key, value);
  } else {
    std::vector<const typename Map::value_type*> sorted;
    sorted.reserve(map.size());
    for (const auto& e : map) sorted.push_back(&e);
    sort_by_key(sorted.data(), sorted.size());
    for (const auto* e : sorted) entry(e->first, e->second);
  }
}

template <class Msg, class F>
void print_field(text_writer& w, const field_view<Msg, F>& f) {
  if (!f.present()) return;
  constexpr kind K = value_kind<F>();
  using V = typename field_meta<F>::value_type;
  std::string_view name = f.name;
  if constexpr (K == kind::group) name = type_name<V>();  // a group prints as its type's name
  if constexpr (field_view<Msg, F>::label == field_label::map) {
    print_map<F>(w, name, f.value);
  } else if constexpr (field_view<Msg, F>::label == field_label::repeated) {
    if constexpr (field_meta<F>::k == kind::packed_view) {
      for (const auto e : f.value) print_value<K>(w, name, e);
    } else if constexpr (K < kind::string) {
      for (const auto& e : f.value) print_value<K>(w, name, static_cast<V>(e));  // vector<bool> proxies too
    } else {
      for (const auto& e : f.value) print_value<K>(w, name, e);
    }
  } else {
    print_value<K>(w, name, *f.get());
  }
}

template <class T>
void print_message(text_writer& w, const T& m) {
  for_each_field(m, [&](auto f) { print_field(w, f); });
  if constexpr (message_info<T>::keeps_unknown) print_unknown(w, unknown_bytes(m), unknown_recursion_budget);
}

}  // namespace detail

/// Appends the text format of `msg` to `out`.
template <message T>
void append_text(const T& msg, std::string& out, text_options opts = {}) {
  const std::size_t start = out.size();
  detail::text_writer w(out, opts.single_line);
  detail::print_message(w, msg);
  if (opts.single_line && out.size() > start && out.back() == ' ') out.pop_back();
}

/// Returns `msg` in the protobuf text format, byte for byte what `protoc --decode=Type` (and
/// libprotobuf's TextFormat::Print) prints for the bytes encode() writes: fields in number
/// order then the TAGWIRE_UNKNOWN records, `name: value` lines indented two spaces per level,
/// sub-messages as `name {` ... `}`, map entries in key order, strings C-escaped (octal for bytes
/// outside 0x20..0x7e, UTF-8 included), floats with 6 (double: 15) significant digits when
/// they read back exactly, else 9 (17). Fields that encode() skips (implicit-presence zeros,
/// empty plain sub-messages) are not printed. Enums print by their TAGWIRE_ENUM name, else as a
/// number; a group prints under its struct's unqualified name (name it like the .proto group).
/// Field names are the names given in TAGWIRE_FIELD / TAGWIRE_ALT (the member's name).
/// Where protoc knows more than the struct says, the output differs: an enum without
/// TAGWIRE_ENUM prints numbers, and a value with no enumerator in a proto2 (closed) enum field
/// prints in place, where protoc moves it to the unknown fields at the end.
template <message T>
[[nodiscard]] std::string to_text(const T& msg, text_options opts = {}) {
  std::string out;
  append_text(msg, out, opts);
  return out;
}

/// Returns `msg` as one line for logs, `a: 1 b { c: 2 }` (libprotobuf's ShortDebugString layout).
template <message T>
[[nodiscard]] std::string to_text_compact(const T& msg) {
  return to_text(msg, text_options{.single_line = true});
}

}  // namespace tagwire
