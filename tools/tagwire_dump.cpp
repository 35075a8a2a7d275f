// tagwire-dump: prints any protobuf message without a schema, in exactly the format of
// `protoc --decode_raw` (protobuf 3.21). This file is the command line and the I/O; the reading
// and printing are in tagwire_dump.hpp.

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <tagwire/error.hpp>
#include <tagwire/wire.hpp>

#include "tagwire_dump.hpp"

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
  if (v > tagwire_dump::max_allowed_depth) return false;
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool offsets = false;
  std::uint32_t max_depth = tagwire_dump::protoc_print_depth;
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
        return usage_error("--max-depth wants a number from 0 to " + std::to_string(tagwire_dump::max_allowed_depth) +
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

  std::string text;
  std::string message;
  if (!tagwire_dump::dump(std::span<const std::byte>(data), {offsets, max_depth}, text, message)) {
    std::fprintf(stderr, "%s\n", message.c_str());
    return 1;
  }
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "tagwire-dump: cannot write standard output\n");
    return 1;
  }
  return 0;
}
