// Fuzz target `wire_reader`: walks any input with tagwire::wire_reader, into group contents and
// into length-delimited payloads that parse, and rewrites it canonically with wire_writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "common.hpp"

namespace tagwire_fuzz {

// A message that keeps (almost) every record as unknown: decoding it is walking the records. The
// one field is there because g++ warns (-Wunused-but-set-variable, in field.hpp) on a message
// with TAGWIRE_UNKNOWN alone.
struct raw_message {
  std::optional<std::uint64_t> last;
  tagwire::unknown_fields unknown;
};
TAGWIRE_MESSAGE(raw_message, TAGWIRE_FIELD(536870911, last), TAGWIRE_UNKNOWN(unknown));

struct walk_result {
  verdict failed = nullptr;  // a property that does not hold
  bool complete = false;     // every record read
  tagwire::error error{};    // why not, when !complete
  std::size_t records = 0;
};

// Walks `r` to its end or its first error, checking each record; recurses into groups (whose
// content must read back whole: the reader checked it when it skipped the group) and into len
// payloads (which may or may not be messages). `canon` receives the canonical rewrite.
inline walk_result walk(tagwire::wire_reader& r, std::span<const std::byte> input, std::vector<std::byte>& canon) {
  using tagwire::wire_type;
  walk_result out;
  while (!r.done()) {
    const std::size_t before = r.offset();
    const auto rec = r.next();
    if (!rec) {
      out.error = rec.error();
      if (const verdict v = check_error(out.error, input.size())) return out.failed = v, out;
      if (r.offset() != before) return out.failed = "wire_reader moved after an error", out;
      const auto again = r.next();
      if (again || !(again.error() == out.error)) return out.failed = "wire_reader errors are not repeatable", out;
      return out;
    }
    ++out.records;
    const std::size_t after = r.offset();
    if (rec->offset != before || after <= before || after > input.size())
      return out.failed = "a record's offset or extent is wrong", out;
    if (rec->field == 0 || rec->field > tagwire::max_field_number || rec->type == wire_type::end_group)
      return out.failed = "wire_reader returned an impossible tag", out;
    const auto* const lo = input.data() + before;
    const auto* const hi = input.data() + after;
    if (!rec->bytes.empty() && (rec->bytes.data() < lo || rec->bytes.data() + rec->bytes.size() > hi))
      return out.failed = "a record's bytes lie outside the record", out;

    std::byte buf[2 * tagwire::max_varint_size + 8];
    tagwire::wire_writer head(buf);
    switch (rec->type) {
      case wire_type::varint: head.varint(rec->field, rec->value); break;
      case wire_type::fixed32:
        if (rec->value > 0xffffffffu) return out.failed = "a fixed32 value over 32 bits", out;
        head.fixed32(rec->field, static_cast<std::uint32_t>(rec->value));
        break;
      case wire_type::fixed64: head.fixed64(rec->field, rec->value); break;
      case wire_type::len: {
        if (rec->bytes.data() + rec->bytes.size() != hi && !rec->bytes.empty())
          return out.failed = "a len payload does not end its record", out;
        head.tag(rec->field, wire_type::len).raw_varint(rec->bytes.size());
        if (auto sub = r.nested(*rec)) {  // maybe a message: walk it, the outcome does not matter
          std::vector<std::byte> ignored;
          const walk_result inner = walk(*sub, input, ignored);
          if (inner.failed) return out.failed = inner.failed, out;
        }
        break;
      }
      case wire_type::start_group: {
        auto sub = r.nested(*rec);
        if (!sub) return out.failed = "wire_reader returned a group it cannot open", out;
        std::vector<std::byte> content;
        const walk_result inner = walk(*sub, input, content);
        if (inner.failed) return out.failed = inner.failed, out;
        if (!inner.complete) return out.failed = "a group's content does not read back", out;
        head.start_group(rec->field);
        const auto h = head.finish();
        if (!h) return out.failed = "wire_writer failed on a small record", out;
        canon.insert(canon.end(), h->begin(), h->end());
        canon.insert(canon.end(), content.begin(), content.end());
        tagwire::wire_writer tail(buf);
        tail.end_group(rec->field);
        canon.insert(canon.end(), buf, buf + tail.finish()->size());
        continue;
      }
      case wire_type::end_group: break;
    }
    const auto h = head.finish();
    if (!h) return out.failed = "wire_writer failed on a small record", out;
    canon.insert(canon.end(), h->begin(), h->end());
    if (rec->type == wire_type::len) canon.insert(canon.end(), rec->bytes.begin(), rec->bytes.end());
  }
  out.complete = true;
  return out;
}

inline verdict check_walk(std::span<const std::byte> input, tagwire::decode_options opts) {
  tagwire::wire_reader r(input, opts);
  std::vector<std::byte> canon;
  const walk_result w = walk(r, input, canon);
  if (w.failed) return w.failed;

  // Decoding a message that keeps every record agrees with the walk, error included.
  const auto raw = tagwire::decode<raw_message>(input, opts);
  if (raw.has_value() != w.complete) return "decode and wire_reader disagree on whether the input is valid";
  if (!raw) return raw.error() == w.error ? nullptr : "decode and wire_reader report different errors";
  if (!raw->last && !equal_bytes(raw->unknown.bytes(), input))
    return "a message keeping every record does not keep the input";
  if (!w.complete) return nullptr;

  // The canonical rewrite is no longer, reads back as many records, and is its own rewrite.
  if (canon.size() > input.size()) return "the canonical rewrite is longer than the input";
  tagwire::wire_reader r2(canon, opts);
  std::vector<std::byte> canon2;
  const walk_result w2 = walk(r2, canon, canon2);
  if (w2.failed) return w2.failed;
  if (!w2.complete || w2.records != w.records) return "the canonical rewrite does not read back";
  if (!equal_bytes(canon, canon2)) return "the canonical rewrite is not canonical";

  // wire_writer into a span one byte short: refused, with the size needed.
  if (!canon.empty()) {
    std::vector<std::byte> small(canon.size() - 1);
    tagwire::wire_writer w3(small);
    w3.raw(canon);
    const auto f = w3.finish();
    if (f || f.error().code != tagwire::errc::buffer_too_small || f.error().offset != canon.size())
      return "wire_writer does not report the size it needed";
  }
  return nullptr;
}

/// Walks the input with the default options and with a depth limit of 2.
inline verdict fuzz_wire_reader(const std::uint8_t* data, std::size_t size) {
  const auto input = as_bytes(data, size);
  if (const verdict v = check_walk(input, {})) return v;
  return check_walk(input, {.max_depth = 2});
}

}  // namespace tagwire_fuzz
