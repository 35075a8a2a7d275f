// tagwire-dump: prints any protobuf message without a schema, in exactly the format of
// `protoc --decode_raw` (protobuf 3.21), built on tagwire's wire primitives.
//
// Why not tagwire::wire_reader: the dump must accept exactly what protoc accepts and expand
// a length-delimited field exactly when protoc would, and libprotobuf uses two sets of rules:
//  - the input itself (and its groups) is read by the table-driven parser: tags of at most 5
//    bytes whose bits above 32 are dropped, lengths of at most 5 bytes below 2 GiB;
//  - a length-delimited field is printed as a message when CodedInputStream reads it as one:
//    tags and lengths of up to 10 bytes, both cut to their low 32 bits.
// wire_reader follows the spec instead (it rejects a tag with bits above 32 and accepts a
// 10-byte length), so this file reads records itself with read_varint and load_le32/64.

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tagwire/error.hpp>
#include <tagwire/reader.hpp>
#include <tagwire/wire.hpp>

namespace {

constexpr std::string_view usage_text =
    "Usage: tagwire-dump [OPTIONS] [FILE]\n"
    "Prints the protobuf message in FILE (or standard input when FILE is absent or -)\n"
    "without a schema, in exactly the format of `protoc --decode_raw`.\n"
    "\n"
    "Options:\n"
    "  -o, --offsets      end each field's first line with '  # @OFFSET TYPE': the byte\n"
    "                     offset of its tag from the start of the input (decimal) and its\n"
    "                     wire type: varint, fixed64, fixed32, group, or len:N with N the\n"
    "                     payload size. Example: '1: 150  # @0 varint'.\n"
    "  --max-depth N      print length-delimited fields as nested messages only within N\n"
    "                     levels of nesting, groups included (default 10, protoc's limit;\n"
    "                     0 prints them all as strings; at most 1000). As in protoc, a\n"
    "                     payload at depth d parses as a message only if its groups nest\n"
    "                     at most N - d deep.\n"
    "  -h, --help         print this help and exit.\n"
    "\n"
    "A length-delimited field is printed as a nested message `N { ... }` when its bytes are\n"
    "non-empty and parse as a message, else as a C-escaped string (octal escapes).\n"
    "\n"
    "Malformed input (input protoc --decode_raw rejects): nothing is printed on standard\n"
    "output and one line on standard error names the problem, the byte offset where the\n"
    "input breaks and the field being read, e.g.\n"
    "  tagwire-dump: truncated input at byte 17 (field 3)\n"
    "Exit status: 0 on success, 1 on malformed input or an I/O error, 2 on a usage error.\n";

constexpr std::uint32_t protoc_print_depth = 10;  // protoc's kUnknownFieldRecursionLimit
constexpr std::uint32_t protoc_group_depth = 100;  // libprotobuf's default recursion limit
constexpr std::uint32_t max_allowed_depth = 1000;  // bounds our recursion (stack)

// How records are read: see the comment at the top.
struct rules {
  std::size_t max_tag_bytes;
  bool strict_length;            // at most 5 bytes, below 2 GiB; else cut to 32 bits
  std::uint32_t max_group_depth;
};
constexpr rules input_rules{5, true, protoc_group_depth};
rules nested_rules(std::uint32_t budget) { return {tagwire::max_varint_size, false, budget}; }

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
        if (number != group)
          return fail(errc::group_mismatch, tag_at, number, "inside group " + std::to_string(group));
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
        case wire_type::end_group:
          break;  // handled above
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
        case wire_type::end_group:
          break;  // never stored
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

int usage_error(const std::string& what) {
  std::fprintf(stderr, "tagwire-dump: %s\nTry 'tagwire-dump --help'.\n", what.c_str());
  return 2;
}

bool read_all(std::FILE* f, std::vector<std::byte>& data) {
  char buf[65536];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    const auto* b = reinterpret_cast<const std::byte*>(buf);
    data.insert(data.end(), b, b + n);
    if (n < sizeof buf) return std::ferror(f) == 0;
  }
}

bool parse_depth(std::string_view s, std::uint32_t& out) {
  if (s.empty() || s.size() > 9) return false;
  std::uint32_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (v > max_allowed_depth) return false;
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool offsets = false;
  std::uint32_t max_depth = protoc_print_depth;
  const char* path = nullptr;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (!options_done && (arg == "-h" || arg == "--help")) {
      std::fwrite(usage_text.data(), 1, usage_text.size(), stdout);
      return std::fflush(stdout) == 0 ? 0 : 1;
    }
    if (!options_done && (arg == "-o" || arg == "--offsets")) {
      offsets = true;
    } else if (!options_done && (arg == "--max-depth" || arg.starts_with("--max-depth="))) {
      std::string_view value;
      if (arg == "--max-depth") {
        if (i + 1 == argc) return usage_error("--max-depth needs a number");
        value = argv[++i];
      } else {
        value = arg.substr(std::string_view("--max-depth=").size());
      }
      if (!parse_depth(value, max_depth))
        return usage_error("--max-depth wants a number from 0 to " + std::to_string(max_allowed_depth) +
                           ", not '" + std::string(value) + "'");
    } else if (!options_done && arg == "--") {
      options_done = true;
    } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
      return usage_error("unknown option '" + std::string(arg) + "'");
    } else if (path != nullptr) {
      return usage_error("more than one input file");
    } else {
      path = argv[i];
    }
  }

  std::vector<std::byte> data;
  const bool use_stdin = path == nullptr || std::string_view(path) == "-";
  std::FILE* f = use_stdin ? stdin : std::fopen(path, "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "tagwire-dump: cannot open %s: %s\n", path, std::strerror(errno));
    return 1;
  }
  const bool read_ok = read_all(f, data);
  if (!use_stdin) std::fclose(f);
  if (!read_ok) {
    std::fprintf(stderr, "tagwire-dump: cannot read %s\n", use_stdin ? "standard input" : path);
    return 1;
  }
  if (data.size() > tagwire::max_message_size) {
    std::fprintf(stderr, "tagwire-dump: %s (%zu bytes)\n",
                 std::string(tagwire::to_string(tagwire::errc::length_overflow)).c_str(), data.size());
    return 1;
  }

  // Read the whole input first: on malformed input nothing reaches standard output.
  const std::span<const std::byte> input(data);
  std::vector<node> fields;
  scanner top(input.data(), input, input_rules);
  if (!top.scan(input.data(), fields)) {
    const failure& why = top.why();
    std::string msg = "tagwire-dump: ";
    msg += tagwire::to_string(why.err.code);
    msg += " at byte " + std::to_string(why.err.offset);
    if (why.err.field != 0 || !why.detail.empty()) {
      msg += " (";
      if (why.err.field != 0) msg += "field " + std::to_string(why.err.field);
      if (why.err.field != 0 && !why.detail.empty()) msg += ", ";
      msg += why.detail;
      msg += ")";
    }
    std::fprintf(stderr, "%s\n", msg.c_str());
    return 1;
  }

  printer out(input.data(), offsets);
  out.print(fields, 0, max_depth);
  const std::string& text = out.text();
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "tagwire-dump: cannot write standard output\n");
    return 1;
  }
  return 0;
}
