// tagwire — a bounds-checked forward writer of raw records, for messages without a struct.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "error.hpp"
#include "wire.hpp"

namespace tagwire {

/// Appends records to a span. Running out of room is sticky: finish() reports it, and
/// nothing is ever written past the end.
class wire_writer {
 public:
  constexpr explicit wire_writer(std::span<std::byte> out) noexcept : out_(out) {}

  constexpr wire_writer& tag(std::uint32_t field, wire_type type) noexcept { return raw_varint(make_tag(field, type)); }
  constexpr wire_writer& varint(std::uint32_t field, std::uint64_t v) noexcept {
    return tag(field, wire_type::varint).raw_varint(v);
  }
  constexpr wire_writer& sint(std::uint32_t field, std::int64_t v) noexcept {
    return varint(field, zigzag_encode64(v));
  }
  constexpr wire_writer& fixed32(std::uint32_t field, std::uint32_t v) noexcept {
    tag(field, wire_type::fixed32);
    if (room(4)) {
      store_le32(out_.data() + pos_, v);
      pos_ += 4;
    }
    return *this;
  }
  constexpr wire_writer& fixed64(std::uint32_t field, std::uint64_t v) noexcept {
    tag(field, wire_type::fixed64);
    if (room(8)) {
      store_le64(out_.data() + pos_, v);
      pos_ += 8;
    }
    return *this;
  }
  constexpr wire_writer& float32(std::uint32_t field, float v) noexcept {
    return fixed32(field, std::bit_cast<std::uint32_t>(v));
  }
  constexpr wire_writer& float64(std::uint32_t field, double v) noexcept {
    return fixed64(field, std::bit_cast<std::uint64_t>(v));
  }
  constexpr wire_writer& bytes(std::uint32_t field, std::span<const std::byte> v) noexcept {
    return tag(field, wire_type::len).raw_varint(v.size()).raw(v);
  }
  constexpr wire_writer& string(std::uint32_t field, std::string_view v) noexcept {
    tag(field, wire_type::len).raw_varint(v.size());
    if (room(v.size()))
      for (char c : v) out_[pos_++] = static_cast<std::byte>(c);
    return *this;
  }
  constexpr wire_writer& start_group(std::uint32_t field) noexcept { return tag(field, wire_type::start_group); }
  constexpr wire_writer& end_group(std::uint32_t field) noexcept { return tag(field, wire_type::end_group); }
  /// Appends a bare varint (a length prefix, say).
  constexpr wire_writer& raw_varint(std::uint64_t v) noexcept {
    if (room(varint_size(v))) pos_ = static_cast<std::size_t>(write_varint(out_.data() + pos_, v) - out_.data());
    return *this;
  }
  /// Appends bytes as they are.
  constexpr wire_writer& raw(std::span<const std::byte> v) noexcept {
    if (room(v.size()))
      for (std::byte b : v) out_[pos_++] = b;
    return *this;
  }

  /// Returns the written prefix, or buffer_too_small (offset: the size that was needed).
  [[nodiscard]] constexpr result<std::span<std::byte>> finish() const noexcept {
    if (needed_ > out_.size()) return error{errc::buffer_too_small, needed_, 0};
    return out_.first(pos_);
  }

 private:
  constexpr bool room(std::size_t n) noexcept {
    needed_ += n;
    return needed_ <= out_.size();
  }
  std::span<std::byte> out_;
  std::size_t pos_ = 0;
  std::size_t needed_ = 0;
};

}  // namespace tagwire
