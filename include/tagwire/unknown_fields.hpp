// tagwire — unknown_fields: the records a message did not know, kept to be written back.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace tagwire {

/// The raw records (tag and value) of fields a message does not declare, in arrival order.
/// Name it with TAGWIRE_UNKNOWN(member): decode keeps unknown records here and encode writes them
/// after the known fields, so a program relays fields newer than its own schema intact.
/// For no-heap builds, any byte container (tagwire::fixed_vector<std::byte, N>) works instead.
class unknown_fields {
 public:
  using value_type = std::byte;
  using iterator = std::byte*;
  using const_iterator = const std::byte*;

  /// Returns the raw records.
  [[nodiscard]] std::span<const std::byte> bytes() const noexcept { return data_; }
  [[nodiscard]] bool empty() const noexcept { return data_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return data_.size(); }
  [[nodiscard]] std::size_t max_size() const noexcept { return data_.max_size(); }
  void clear() noexcept { data_.clear(); }
  void resize(std::size_t n) { data_.resize(n); }
  [[nodiscard]] std::byte* data() noexcept { return data_.data(); }
  [[nodiscard]] const std::byte* data() const noexcept { return data_.data(); }
  std::byte* begin() noexcept { return data_.data(); }
  std::byte* end() noexcept { return data_.data() + data_.size(); }
  const std::byte* begin() const noexcept { return data_.data(); }
  const std::byte* end() const noexcept { return data_.data() + data_.size(); }
  friend bool operator==(const unknown_fields&, const unknown_fields&) = default;

 private:
  std::vector<std::byte> data_;
};

}  // namespace tagwire
