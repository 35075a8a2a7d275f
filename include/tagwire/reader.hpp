// tagwire — a wire reader that walks the records of any message, schema or not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "error.hpp"
#include "wire.hpp"

namespace tagwire {

namespace detail {
struct reader_access;
}  // namespace detail

inline constexpr std::uint32_t default_max_depth = 100;

/// Decoding options. max_depth bounds nested messages and groups (and so stack use);
/// check_utf8 rejects invalid UTF-8 in string fields (errc::invalid_utf8); partial accepts
/// messages whose tagwire::required fields are missing.
struct decode_options {
  std::uint32_t max_depth = default_max_depth;
  bool check_utf8 = true;
  bool partial = false;
};

/// One record of a message: its tag and its value.
struct record {
  std::uint32_t field = 0;
  wire_type type = wire_type::varint;
  /// The value of a varint, fixed32 or fixed64 record (fixed values as raw bits).
  std::uint64_t value = 0;
  /// The payload of a len record, or the content of a group (without its end tag).
  std::span<const std::byte> bytes{};
  /// Offset of the tag from the start of the outermost input.
  std::size_t offset = 0;
};

/// Walks the records of a message. Groups come back whole (as start_group records whose
/// `bytes` is their content), so every record at this level is seen exactly once.
class wire_reader {
 public:
  constexpr explicit wire_reader(std::span<const std::byte> data, decode_options opts = {}) noexcept
      : p_(data.data()), end_(data.data() + data.size()), origin_(data.data()), opts_(opts) {}

  /// Returns true when every record has been read.
  [[nodiscard]] constexpr bool done() const noexcept { return p_ == end_; }

  /// Returns the offset of the next record from the start of the outermost input.
  [[nodiscard]] constexpr std::size_t offset() const noexcept { return offset_of(p_); }

  /// Returns the nesting depth of this reader (0 for the outermost).
  [[nodiscard]] constexpr std::uint32_t depth() const noexcept { return depth_; }

  /// Returns the options this reader was made with.
  [[nodiscard]] constexpr const decode_options& options() const noexcept { return opts_; }

  /// Returns a pointer to the next unread byte (the start of the next record).
  [[nodiscard]] constexpr const std::byte* cursor() const noexcept { return p_; }

  /// Reads the next record (precondition: !done()). Errors: truncated, varint_overflow,
  /// invalid_field_number, invalid_wire_type, length_overflow, depth_exceeded (groups),
  /// group_mismatch. After an error the reader stays where it was.
  [[nodiscard]] constexpr result<record> next() noexcept {
    record rec;
    if (const error e = read(rec); e.code != errc::ok) return e;
    return rec;
  }

  /// Reads the next record into `rec` (precondition: !done()); as next(), without the result
  /// wrapper. Returns the error, or errc::ok.
  [[nodiscard]] constexpr error read(record& rec) noexcept {
    const std::byte* q = p_;
    rec.offset = offset_of(q);
    if (const errc ec = read_tag(q, end_, rec.field, rec.type); ec != errc::ok) return {ec, rec.offset, 0};
    if (const error e = read_rest(q, rec); e.code != errc::ok) return e;
    p_ = q;
    return {};
  }

  /// Returns a reader over a len record's payload or a group's content, one level deeper.
  /// Errors: depth_exceeded (at the record's offset).
  [[nodiscard]] constexpr result<wire_reader> nested(const record& rec) const noexcept {
    if (depth_ >= opts_.max_depth) return error{errc::depth_exceeded, rec.offset, rec.field};
    wire_reader r = *this;
    r.p_ = rec.bytes.data();
    r.end_ = rec.bytes.data() + rec.bytes.size();
    r.depth_ = depth_ + 1;
    return r;
  }

  /// Returns the offset of `p` (a pointer into the input) from the start of the outermost input.
  [[nodiscard]] constexpr std::size_t offset_of(const std::byte* p) const noexcept {
    return static_cast<std::size_t>(p - origin_);
  }

 private:
  friend struct detail::reader_access;

  // Reads the value of a record of wire type WT (not a group) whose tag is already in `rec`.
  template <wire_type WT>
  TAGWIRE_DETAIL_INLINE constexpr error read_value_as(const std::byte*& q, record& rec) const noexcept {
    if constexpr (WT == wire_type::varint) {
      if (const errc ec = read_varint(q, end_, rec.value); ec != errc::ok) return {ec, offset_of(q), rec.field};
    } else if constexpr (WT == wire_type::fixed64) {
      if (end_ - q < 8) return {errc::truncated, offset_of(q), rec.field};
      rec.value = load_le64(q);
      q += 8;
    } else if constexpr (WT == wire_type::fixed32) {
      if (end_ - q < 4) return {errc::truncated, offset_of(q), rec.field};
      rec.value = load_le32(q);
      q += 4;
    } else if constexpr (WT == wire_type::len) {
      std::uint64_t n = 0;
      const std::byte* length_at = q;
      if (const errc ec = read_varint(q, end_, n); ec != errc::ok) return {ec, offset_of(q), rec.field};
      if (n > max_message_size) return {errc::length_overflow, offset_of(length_at), rec.field};
      const std::byte* payload = q;
      if (static_cast<std::uint64_t>(end_ - payload) < n) return {errc::truncated, offset_of(payload), rec.field};
      rec.bytes = std::span<const std::byte>(payload, static_cast<std::size_t>(n));
      q = payload + n;
    }
    return {};
  }

  // Reads the value of a varint, fixed or len record whose tag is already in `rec`.
  constexpr error read_value(const std::byte*& q, record& rec) const noexcept {
    switch (rec.type) {
      case wire_type::varint: return read_value_as<wire_type::varint>(q, rec);
      case wire_type::fixed64: return read_value_as<wire_type::fixed64>(q, rec);
      case wire_type::fixed32: return read_value_as<wire_type::fixed32>(q, rec);
      case wire_type::len: return read_value_as<wire_type::len>(q, rec);
      default: return {};
    }
  }

  // Reads the rest of a record whose tag is in `rec` and ends at `q`: its value, or a group's
  // content up to the end tag.
  constexpr error read_rest(const std::byte*& q, record& rec) const noexcept {
    if (rec.type == wire_type::end_group) return {errc::group_mismatch, rec.offset, rec.field};
    if (rec.type == wire_type::start_group) {
      if (depth_ >= opts_.max_depth) return {errc::depth_exceeded, rec.offset, rec.field};
      const std::byte* content = q;
      const std::byte* content_end = nullptr;
      if (const error e = skip_group(q, rec.field, depth_ + 1, content_end); e.code != errc::ok) return e;
      rec.bytes = std::span<const std::byte>(content, content_end);
      return {};
    }
    return read_value(q, rec);
  }

  // Skips a group's content up to its end tag; `q` is just past the start tag. Recursion is
  // bounded by max_depth.
  constexpr error skip_group(const std::byte*& q, std::uint32_t number, std::uint32_t depth,
                             const std::byte*& content_end) const noexcept {
    for (;;) {
      if (q == end_) return {errc::truncated, offset_of(q), number};
      const std::byte* tag_at = q;
      record rec;
      if (const errc ec = read_tag(q, end_, rec.field, rec.type); ec != errc::ok)
        return {ec, offset_of(tag_at), number};
      if (rec.type == wire_type::end_group) {
        if (rec.field != number) return {errc::group_mismatch, offset_of(tag_at), rec.field};
        content_end = tag_at;
        return {};
      }
      if (rec.type == wire_type::start_group) {
        if (depth >= opts_.max_depth) return {errc::depth_exceeded, offset_of(tag_at), rec.field};
        const std::byte* ignored = nullptr;
        if (const error e = skip_group(q, rec.field, depth + 1, ignored); e.code != errc::ok) return e;
      } else if (const error e = read_value(q, rec); e.code != errc::ok) {
        return e;
      }
    }
  }

  const std::byte* p_;
  const std::byte* end_;
  const std::byte* origin_;
  std::uint32_t depth_ = 0;
  decode_options opts_;
  bool trusted_ = false;  // the input was checked before (a repeated_view's element): no checks again
};

}  // namespace tagwire
