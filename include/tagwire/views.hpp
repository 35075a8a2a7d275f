// tagwire — packed_view and repeated_view: repeated fields decoded lazily from the input, without
// allocating.
#pragma once

#include <cstddef>
#include <span>

#include "codec.hpp"
#include "decode.hpp"
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

/// A view of the records of a repeated message field inside the decoded input, e.g.
/// `repeated_view<phone_view> phones;`. Decoding checks every element (by decoding it once) and
/// allocates nothing; iterating decodes each element again, on the fly, so T is best a view
/// struct too. The input buffer must outlive the view. The records must come from one message of
/// one input: merging a second input (decode_into) into a non-empty view, or a sub-message sent
/// in two parts, fails with errc::capacity_exceeded; use a container for such input. Encoding
/// writes the records' payloads as they were read.
template <class T>
class repeated_view {
 public:
  using value_type = T;
  using size_type = std::size_t;

  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = T;
    using pointer = void;

    constexpr iterator() = default;
    /// Returns the element, decoded from its record.
    constexpr T operator*() const {
      T value{};
      detail::decode_checked(value, bytes());
      return value;
    }
    /// Returns the element's encoding: the payload of its record.
    [[nodiscard]] constexpr std::span<const std::byte> bytes() const noexcept { return {at_, size_}; }
    constexpr iterator& operator++() noexcept {
      if (--left_ != 0) find_next();
      return *this;
    }
    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.left_ == b.left_; }

   private:
    friend class repeated_view;
    constexpr iterator(std::span<const std::byte> first, const std::byte* end, std::uint32_t number,
                       std::size_t left) noexcept
        : at_(first.data()), size_(first.size()), end_(end), number_(number), left_(left) {}
    // Moves to the next record of the field after the current one (the records were checked).
    constexpr void find_next() noexcept {
      wire_reader r = detail::reader_access::trusted_reader({at_ + size_, end_});
      record rec;
      while (!r.done() && r.read(rec).code == errc::ok) {
        if (rec.field == number_ && rec.type == wire_type::len) {
          at_ = rec.bytes.data();
          size_ = rec.bytes.size();
          return;
        }
      }
      left_ = 0;  // not reached for a view built by decoding
    }
    const std::byte* at_ = nullptr;  // the current payload
    std::size_t size_ = 0;
    const std::byte* end_ = nullptr;
    std::uint32_t number_ = 0;
    std::size_t left_ = 0;  // elements from this one to the end; 0 is end()
  };
  using const_iterator = iterator;

  constexpr repeated_view() noexcept = default;

  [[nodiscard]] constexpr iterator begin() const noexcept { return {first_, end_, number_, count_}; }
  [[nodiscard]] constexpr iterator end() const noexcept { return {}; }
  [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }
  /// Returns the number of elements.
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }
  /// Makes the view empty (the next decode may fill it from another input).
  constexpr void clear() noexcept { *this = repeated_view(); }
  /// Equal when both hold the same records, byte for byte.
  friend constexpr bool operator==(const repeated_view& a, const repeated_view& b) noexcept {
    if (a.count_ != b.count_) return false;
    for (iterator i = a.begin(), j = b.begin(); i != iterator(); ++i, ++j)
      if (!std::equal(i.bytes().begin(), i.bytes().end(), j.bytes().begin(), j.bytes().end())) return false;
    return true;
  }

 private:
  friend struct detail::view_access;
  std::span<const std::byte> first_{};  // the first record's payload
  const std::byte* last_ = nullptr;     // the end of the last record's payload
  const std::byte* end_ = nullptr;      // the end of the message that holds the records
  std::size_t count_ = 0;
  std::size_t record_bytes_ = 0;
  std::uint32_t number_ = 0;
};

}  // namespace tagwire
