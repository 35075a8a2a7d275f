// tagwire — packed_view: a packed repeated scalar decoded lazily from the input, without allocating.
#pragma once

#include <cstddef>
#include <span>

#include "codec.hpp"
#include "config.hpp"  // std::equal, std::forward_iterator_tag
#include "type_map.hpp"
#include "wire.hpp"

namespace tagwire {

/// A view of one packed run of T values inside the decoded input (e.g. packed_view<std::int32_t>,
/// packed_view<std::int32_t, tagwire::sint>, packed_view<float>). Decoding checks the run once;
/// iterating decodes values on the fly. The input buffer must outlive the view. A field split
/// over several records (legal, but libprotobuf never writes it) cannot be one view: decoding
/// it fails with errc::capacity_exceeded; use a container for such input.
template <class T, class... E>
class packed_view {
  using meta = detail::field_meta<detail::part<1, T, key<E...>>>;
  static_assert(meta::scalar, "tagwire: packed_view holds integers, bool, enums, float or double");

 public:
  using value_type = T;
  /// Bytes per value for fixed-width types, 0 for varints.
  static constexpr std::size_t width = meta::width;

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = T;
    using pointer = void;

    constexpr iterator() = default;
    constexpr iterator(const std::byte* p, const std::byte* end) noexcept : p_(p), end_(end) { load(); }
    constexpr T operator*() const noexcept { return value_; }
    constexpr iterator& operator++() noexcept {
      p_ = next_;
      load();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.p_ == b.p_; }

   private:
    constexpr void load() noexcept {
      if (p_ == end_) return;
      if constexpr (width == 0) {
        const std::byte* q = p_;
        std::uint64_t raw = 0;
        (void)read_varint(q, end_, raw);  // checked when the view was decoded
        value_ = detail::from_raw<meta::k, T>(raw);
        next_ = q;
      } else {
        value_ = detail::from_raw<meta::k, T>(width == 4 ? load_le32(p_) : load_le64(p_));
        next_ = p_ + width;
      }
    }
    const std::byte* p_ = nullptr;
    const std::byte* end_ = nullptr;
    const std::byte* next_ = nullptr;
    T value_{};
  };

  constexpr packed_view() noexcept = default;
  /// A view of `raw`, the payload of a packed record (whole values only).
  constexpr explicit packed_view(std::span<const std::byte> raw) noexcept : raw_(raw) {}

  /// Returns the encoded payload.
  [[nodiscard]] constexpr std::span<const std::byte> bytes() const noexcept { return raw_; }
  [[nodiscard]] constexpr iterator begin() const noexcept { return {raw_.data(), raw_.data() + raw_.size()}; }
  [[nodiscard]] constexpr iterator end() const noexcept {
    return {raw_.data() + raw_.size(), raw_.data() + raw_.size()};
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return raw_.empty(); }
  /// Returns the number of values (counts varint terminators, or divides for fixed widths).
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    if constexpr (width != 0) return raw_.size() / width;
    std::size_t n = 0;
    for (std::byte b : raw_) n += std::to_integer<unsigned>(b) < 0x80;
    return n;
  }
  friend constexpr bool operator==(const packed_view& a, const packed_view& b) noexcept {
    return std::equal(a.raw_.begin(), a.raw_.end(), b.raw_.begin(), b.raw_.end());
  }

 private:
  std::span<const std::byte> raw_{};
};

}  // namespace tagwire
