// tagwire-dump's logic, apart from its command line and I/O: prints any protobuf message without
// a schema, in exactly the format of `protoc --decode_raw` (protobuf 3.21), built on tagwire's wire
// primitives. A header so that the fuzz target (fuzz/dump_target.hpp) runs the same code.
//
// Why not tagwire::wire_reader: the dump must accept exactly what protoc accepts and expand
// a length-delimited field exactly when protoc would, and libprotobuf uses two sets of rules:
//  - the input itself (and its groups) is read by the table-driven parser: tags of at most 5
//    bytes whose bits above 32 are dropped, lengths of at most 5 bytes below 2 GiB;
//  - a length-delimited field is printed as a message when CodedInputStream reads it as one:
//    tags and lengths of up to 10 bytes, both cut to their low 32 bits.
// wire_reader follows the spec instead (it rejects a tag with bits above 32 and accepts a
// 10-byte length), so this file reads records itself with read_varint and load_le32/64.

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tagwire/error.hpp>
#include <tagwire/reader.hpp>
#include <tagwire/wire.hpp>

namespace tagwire_dump {

inline constexpr std::uint32_t protoc_print_depth = 10;   // protoc's kUnknownFieldRecursionLimit
inline constexpr std::uint32_t protoc_group_depth = 100;  // libprotobuf's default recursion limit
inline constexpr std::uint32_t max_allowed_depth = 1000;  // bounds our recursion (stack)

// How records are read: see the comment at the top.
struct rules {
  std::size_t max_tag_bytes;
  bool strict_length;  // at most 5 bytes, below 2 GiB; else cut to 32 bits
  std::uint32_t max_group_depth;
};
inline constexpr rules input_rules{5, true, protoc_group_depth};
inline rules nested_rules(std::uint32_t budget) { return {tagwire::max_varint_size, false, budget}; }

// One field; a group keeps its fields in `group`.
struct node {
  tagwire::record rec;
  std::vector<node> group;
};

// A failure with its details for the message.
struct failure {
  tagwire::error err;
  std::string detail;  // extra words after the field number, may be empty
};

class scanner {
 public:
  scanner(const std::byte* origin, std::span<const std::byte> data, rules r)
      : origin_(origin), end_(data.data() + data.size()), rules_(r) {}

  // Reads every field from `p` to the end of the data; on false, why() says what broke.
  bool scan(const std::byte* p, std::vector<node>& out) { return fields(p, 0, 0, out); }
  const failure& why() const { return fail_; }

 private:
  std::size_t off(const std::byte* p) const { return static_cast<std::size_t>(p - origin_); }

  bool fail(tagwire::errc code, const std::byte* at, std::uint32_t field, std::string detail = {}) {
    fail_ = {{code, off(at), field}, std::move(detail)};
    return false;
  }

  // Reads fields at `p` until the end of the data (group == 0) or the end tag of `group`.
  bool fields(const std::byte*& p, std::uint32_t group, std::uint32_t depth, std::vector<node>& out) {
    using tagwire::errc;
    using tagwire::wire_type;
    for (;;) {
      if (p == end_) {
        if (group == 0) return true;
        return fail(errc::truncated, p, group, "group never closed");
      }
      const std::byte* const tag_at = p;
      const std::byte* q = p;
      std::uint64_t raw = 0;
      if (const errc ec = tagwire::read_varint(q, end_, raw); ec != errc::ok)
        return fail(ec, tag_at, group, "in a tag");
      if (static_cast<std::size_t>(q - tag_at) > rules_.max_tag_bytes)
        return fail(errc::varint_overflow, tag_at, group, "tag over 5 bytes");
      const auto tag = static_cast<std::uint32_t>(raw);
      const std::uint32_t number = tag >> 3;
      const unsigned type = tag & 7;
      if (type == 4) {
        if (group == 0) return fail(errc::group_mismatch, tag_at, number, "end-group without a start");
        if (number != group) return fail(errc::group_mismatch, tag_at, number, "inside group " + std::to_string(group));
        p = q;
        return true;
      }
      if (number == 0) return fail(errc::invalid_field_number, tag_at, 0, "field number 0");
      if (type > 5) return fail(errc::invalid_wire_type, tag_at, number, "wire type " + std::to_string(type));

      node n;
      n.rec.field = number;
      n.rec.type = static_cast<wire_type>(type);
      n.rec.offset = off(tag_at);
      switch (n.rec.type) {
        case wire_type::varint:
          if (const errc ec = tagwire::read_varint(q, end_, n.rec.value); ec != errc::ok)
            return fail(ec, q, number, "in a varint");
          break;
        case wire_type::fixed64:
          if (end_ - q < 8) return fail(errc::truncated, q, number, "in a fixed64");
          n.rec.value = tagwire::load_le64(q);
          q += 8;
          break;
        case wire_type::fixed32:
          if (end_ - q < 4) return fail(errc::truncated, q, number, "in a fixed32");
          n.rec.value = tagwire::load_le32(q);
          q += 4;
          break;
        case wire_type::len: {
          const std::byte* const length_at = q;
          std::uint64_t length = 0;
          if (const errc ec = tagwire::read_varint(q, end_, length); ec != errc::ok)
            return fail(ec, length_at, number, "in a length");
          if (rules_.strict_length) {
            if (q - length_at > 5) return fail(errc::varint_overflow, length_at, number, "length over 5 bytes");
          } else {
            length = static_cast<std::uint32_t>(length);
          }
          if (length > tagwire::max_message_size) return fail(errc::length_overflow, length_at, number);
          if (static_cast<std::uint64_t>(end_ - q) < length)
            return fail(errc::truncated, q, number, std::to_string(length) + "-byte payload");
          n.rec.bytes = std::span<const std::byte>(q, static_cast<std::size_t>(length));
          q += length;
          break;
        }
        case wire_type::start_group: {
          if (depth >= rules_.max_group_depth)
            return fail(errc::depth_exceeded, tag_at, number,
                        "over " + std::to_string(rules_.max_group_depth) + " nested groups");
          if (!fields(q, number, depth + 1, n.group)) return false;
          break;
        }
        case wire_type::end_group: break;  // handled above
      }
      out.push_back(std::move(n));
      p = q;
    }
  }

  const std::byte* origin_;
  const std::byte* end_;
  rules rules_;
  failure fail_;
};

class printer {
 public:
  printer(const std::byte* origin, bool offsets) : origin_(origin), offsets_(offsets) {}

  // Prints `fields` at `indent`; `budget` is protoc's recursion budget: every nested message
  // or group spends one, and a payload is expanded only while some is left (groups are
  // printed whatever the budget, so it can go below zero).
  void print(const std::vector<node>& fields, std::size_t indent, std::int64_t budget) {
    using tagwire::wire_type;
    for (const node& n : fields) {
      out_.append(indent * 2, ' ');
      out_ += std::to_string(n.rec.field);
      switch (n.rec.type) {
        case wire_type::varint:
          out_ += ": ";
          out_ += std::to_string(n.rec.value);
          end_line(n, "varint");
          break;
        case wire_type::fixed32:
          out_ += ": 0x";
          hex(n.rec.value, 8);
          end_line(n, "fixed32");
          break;
        case wire_type::fixed64:
          out_ += ": 0x";
          hex(n.rec.value, 16);
          end_line(n, "fixed64");
          break;
        case wire_type::len: {
          const std::string type = "len:" + std::to_string(n.rec.bytes.size());
          std::vector<node> inner;
          // protoc's test: non-empty, budget left, and the bytes parse as a message whose
          // groups nest at most `budget` deep.
          if (!n.rec.bytes.empty() && budget > 0 &&
              scanner(origin_, n.rec.bytes, nested_rules(static_cast<std::uint32_t>(budget)))
                  .scan(n.rec.bytes.data(), inner)) {
            out_ += " {";
            end_line(n, type);
            print(inner, indent + 1, budget - 1);
            close(indent);
          } else {
            out_ += ": \"";
            escape(n.rec.bytes);
            out_ += '"';
            end_line(n, type);
          }
          break;
        }
        case wire_type::start_group:
          out_ += " {";
          end_line(n, "group");
          print(n.group, indent + 1, budget - 1);  // a group uses the budget too, as in protoc
          close(indent);
          break;
        case wire_type::end_group: break;  // never stored
      }
    }
  }

  const std::string& text() const { return out_; }

 private:
  void end_line(const node& n, std::string_view type) {
    if (offsets_) {
      out_ += "  # @";
      out_ += std::to_string(n.rec.offset);
      out_ += ' ';
      out_ += type;
    }
    out_ += '\n';
  }
  void close(std::size_t indent) {
    out_.append(indent * 2, ' ');
    out_ += "}\n";
  }
  void hex(std::uint64_t v, int digits) {
    static constexpr char xdigits[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i) out_ += xdigits[(v >> (4 * i)) & 0xf];
  }
  // protoc's CEscape: \n \r \t \" \' \\, octal \ooo for bytes outside 0x20..0x7e.
  void escape(std::span<const std::byte> bytes) {
    for (const std::byte b : bytes) {
      const auto c = std::to_integer<unsigned char>(b);
      switch (c) {
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        case '"': out_ += "\\\""; break;
        case '\'': out_ += "\\'"; break;
        case '\\': out_ += "\\\\"; break;
        default:
          if (c < 0x20 || c > 0x7e) {
            out_ += '\\';
            out_ += static_cast<char>('0' + (c >> 6));
            out_ += static_cast<char>('0' + ((c >> 3) & 7));
            out_ += static_cast<char>('0' + (c & 7));
          } else {
            out_ += static_cast<char>(c);
          }
      }
    }
  }

  const std::byte* origin_;
  bool offsets_;
  std::string out_;
};

// What to print: offsets and the depth to which length-delimited fields are expanded.
struct dump_options {
  bool offsets = false;
  std::uint32_t max_depth = protoc_print_depth;
};

// Dumps `input` (at most tagwire::max_message_size bytes): true with the text in `text`, or, on
// malformed input, false with the one-line message for standard error (no newline) in `message`.
inline bool dump(std::span<const std::byte> input, const dump_options& opts, std::string& text, std::string& message) {
  // Read the whole input first: on malformed input nothing is printed.
  std::vector<node> fields;
  scanner top(input.data(), input, input_rules);
  if (!top.scan(input.data(), fields)) {
    const failure& why = top.why();
    message = "tagwire-dump: ";
    message += tagwire::to_string(why.err.code);
    message += " at byte " + std::to_string(why.err.offset);
    if (why.err.field != 0 || !why.detail.empty()) {
      message += " (";
      if (why.err.field != 0) message += "field " + std::to_string(why.err.field);
      if (why.err.field != 0 && !why.detail.empty()) message += ", ";
      message += why.detail;
      message += ")";
    }
    return false;
  }
  printer out(input.data(), opts.offsets);
  out.print(fields, 0, opts.max_depth);
  text = out.text();
  return true;
}

}  // namespace tagwire_dump
