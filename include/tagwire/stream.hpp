// tagwire — length-delimited messages (a varint length prefix, then the message), as Google's
// writeDelimitedTo / parseDelimitedFrom and SerializeDelimitedToOstream write and read them,
// and stream_decoder: an incremental decoder of such messages arriving in chunks of any size.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "config.hpp"  // std::min, std::ranges concepts
#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "field.hpp"
#include "reader.hpp"
#include "size.hpp"
#include "wire.hpp"

namespace tagwire {

/// A message read by decode_delimited and the bytes it took (prefix and payload), so that a
/// caller can step through a buffer holding many messages.
template <class T>
struct delimited {
  T message;
  std::size_t consumed = 0;
};

namespace detail {

// A length prefix: errc::ok (prefix bytes and the length read), errc::need_more (the input ends
// inside it) or errc::varint_overflow (over 10 bytes). The length is not range-checked.
struct length_prefix {
  errc code = errc::ok;
  std::size_t size = 0;
  std::uint64_t length = 0;
};

constexpr length_prefix read_length_prefix(std::span<const std::byte> in) noexcept {
  const std::byte* p = in.data();
  std::uint64_t n = 0;
  const errc ec = read_varint(p, in.data() + in.size(), n);
  if (ec == errc::truncated) return {errc::need_more, 0, 0};
  if (ec != errc::ok) return {ec, 0, 0};
  return {errc::ok, static_cast<std::size_t>(p - in.data()), n};
}

template <class B>
concept delimited_input = std::ranges::contiguous_range<B> && std::ranges::sized_range<B> &&
    (std::same_as<std::remove_cv_t<std::ranges::range_value_t<B>>, std::byte> ||
     std::same_as<std::remove_cv_t<std::ranges::range_value_t<B>>, char> ||
     std::same_as<std::remove_cv_t<std::ranges::range_value_t<B>>, unsigned char>);

template <class B>
constexpr std::span<const std::byte> delimited_bytes(const B& b) noexcept {
  static_assert(!(std::is_array_v<B> && std::same_as<std::remove_cv_t<std::remove_extent_t<B>>, char>),
                "tagwire: pass a std::string_view or std::span, not a char array: its size counts the "
                "terminating NUL");
  if constexpr (std::same_as<std::remove_cv_t<std::ranges::range_value_t<B>>, std::byte>)
    return {std::ranges::data(b), std::ranges::size(b)};
  else return {reinterpret_cast<const std::byte*>(std::ranges::data(b)), std::ranges::size(b)};
}

}  // namespace detail

/// Writes the length of `msg` as a varint, then `msg`, at the front of `out`; returns the
/// written prefix. Errors: buffer_too_small (offset: the size needed, prefix included; nothing
/// is written), length_overflow (a message over 2 GiB - 1).
template <message T>
[[nodiscard]] constexpr result<std::span<std::byte>> encode_delimited(const T& msg, std::span<std::byte> out) noexcept {
  using R = result<std::span<std::byte>>;
  return detail::encode_either(
      msg,
      [&](std::span<const std::byte> s) -> R {
        const std::size_t prefix = varint_size(s.size());
        if (prefix + s.size() > out.size()) return error{errc::buffer_too_small, prefix + s.size(), 0};
        std::byte* const payload = write_varint(out.data(), s.size());
        if (!s.empty()) detail::copy_bytes(payload, s.data(), s.size());
        return out.first(prefix + s.size());
      },
      [&](std::size_t n) -> R {
        if (n > max_message_size) return error{errc::length_overflow, n, 0};
        const std::size_t prefix = varint_size(n);
        if (prefix + n > out.size()) return error{errc::buffer_too_small, prefix + n, 0};
        detail::write_message_back(msg, out.data() + prefix + n);  // sized once, above
        write_varint(out.data(), n);
        return out.first(prefix + n);
      });
}

/// Appends the length of `msg` as a varint, then `msg`, to `out` (any container encode_to
/// takes). Returns the number of bytes appended; errors: length_overflow, capacity_exceeded
/// (nothing appended).
template <message T, class Out>
  requires requires(const T& m, Out& o) { tagwire::encode_to(m, o); }
constexpr result<std::size_t> encode_delimited_to(const T& msg, Out& out) {
  // body: the encoding in the stack buffer, or null to write it in place (sized once).
  const auto append = [&](std::size_t n, const std::byte* body) {
    std::byte prefix[max_varint_size]{};
    const auto p = static_cast<std::size_t>(write_varint(prefix, n) - prefix);
    return detail::append_encoded(msg, out, n, std::span<const std::byte>(prefix, p), body);
  };
  return detail::encode_either(
      msg, [&](std::span<const std::byte> s) { return append(s.size(), s.data()); },
      [&](std::size_t n) { return append(n, nullptr); });
}

/// Reads one length-delimited message of type T from the front of `bytes` (any contiguous
/// range of std::byte, char or unsigned char); bytes after it are left alone. Errors:
/// - need_more: `bytes` ends inside the prefix or the payload. error().offset is the total
///   number of bytes (from the start of `bytes`) the message needs when the prefix is complete;
///   when it is not, bytes.size() + 1, i.e. at least one byte more.
/// - varint_overflow: a prefix over 10 bytes (offset 0).
/// - length_overflow: a length over 2 GiB - 1 (offset 0).
/// - any error of decode<T> for the payload, its offset counted from the start of `bytes`
///   (prefix included).
template <message T, detail::delimited_input B>
[[nodiscard]] constexpr result<delimited<T>> decode_delimited(const B& bytes, decode_options opts = {}) {
  const std::span<const std::byte> in = detail::delimited_bytes(bytes);
  const detail::length_prefix pre = detail::read_length_prefix(in);
  if (pre.code == errc::need_more) return error{errc::need_more, in.size() + 1, 0};
  if (pre.code != errc::ok) return error{pre.code, 0, 0};
  if (pre.length > max_message_size) return error{errc::length_overflow, 0, 0};
  const auto n = static_cast<std::size_t>(pre.length);
  if (in.size() - pre.size < n) return error{errc::need_more, pre.size + n, 0};
  delimited<T> out{T{}, pre.size + n};
  if (auto r = decode_into(in.subspan(pre.size, n), out.message, opts); !r) {
    error e = r.error();
    e.offset += pre.size;
    return e;
  }
  return out;
}

/// Options of stream_decoder: the largest payload accepted (a longer length prefix is an error
/// before any of its payload is buffered) and the options each message is decoded with.
struct stream_options {
  std::size_t max_message_size = 64 * 1024 * 1024;
  decode_options decode{};
};

/// Decodes length-delimited messages of type T from bytes that arrive in chunks of any size,
/// e.g. from a socket:
///
///     tagwire::stream_decoder<chat> dec;
///     while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
///       dec.feed(std::span<const char>(buf, static_cast<std::size_t>(n)));
///       chat m;
///       tagwire::result<bool> got = false;
///       while ((got = dec.next(m)) && *got) handle(m);
///       if (!got) break;  // malformed or over-long: the stream is broken
///     }
///
/// Bytes are buffered until next() has taken the message they belong to. Memory use is bounded
/// by what is fed and not yet taken; once a length prefix over the maximum is complete, feed()
/// buffers nothing more. Error offsets count bytes from the start of the stream.
template <message T>
class stream_decoder {
 public:
  stream_decoder() = default;
  explicit stream_decoder(stream_options opts) : opts_(opts) {}

  /// Appends `chunk` to the buffered bytes. After a bad length prefix (over the maximum, or
  /// over 10 bytes) nothing more is buffered: every byte after that prefix is dropped; so is
  /// everything fed once next() has returned an error.
  void feed(std::span<const std::byte> chunk) {
    if (capped_) return;  // a bad prefix is buffered, or the stream is broken
    compact();
    for (;;) {
      scan();
      if (capped_ || chunk.empty()) return;
      // Take at most the rest of the current frame, or of a longest prefix, so that a bad
      // prefix is seen before anything after it is buffered.
      const std::size_t room = frame_end_ != 0 ? frame_end_ - buf_.size() : max_varint_size - (buf_.size() - scan_);
      const std::size_t take = std::min(room, chunk.size());
      buf_.insert(buf_.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(take));
      chunk = chunk.subspan(take);
    }
  }
  void feed(std::span<const char> chunk) { feed(std::as_bytes(chunk)); }
  void feed(std::span<const unsigned char> chunk) { feed(std::as_bytes(chunk)); }

  /// Takes the next message. Returns true with it in `out` (reset to T{} first, so nothing of
  /// its old value survives), false when more bytes are needed (`out` untouched), or an error:
  /// message_too_large (offset: the prefix), length_overflow (a prefix over 2 GiB - 1, when the
  /// maximum is larger), varint_overflow (a prefix over 10 bytes), or a decode error of the
  /// payload. Errors are sticky: the stream is broken, and every later call returns the same
  /// error. Messages complete before a bad one are returned first.
  [[nodiscard]] result<bool> next(T& out) {
    if (err_.code != errc::ok) return err_;
    const std::span<const std::byte> in = pending();
    const detail::length_prefix pre = check(detail::read_length_prefix(in));
    if (pre.code == errc::need_more) return false;
    if (pre.code != errc::ok) return fail({pre.code, 0, 0});
    const auto n = static_cast<std::size_t>(pre.length);
    if (in.size() - pre.size < n) return false;
    out = T{};
    if (auto r = decode_into(in.subspan(pre.size, n), out, opts_.decode); !r) {
      error e = r.error();
      e.offset += pre.size;
      return fail(e);
    }
    start_ += pre.size + n;
    taken_ += pre.size + n;
    if (start_ == buf_.size()) {  // everything taken: restart at the front, at no cost
      buf_.clear();
      start_ = scan_ = 0;
    }
    return true;
  }

  /// Returns the number of bytes fed and not yet taken by next().
  [[nodiscard]] std::size_t buffered() const noexcept { return buf_.size() - start_; }

  /// Returns the options this decoder was made with.
  [[nodiscard]] const stream_options& options() const noexcept { return opts_; }

 private:
  // The prefix errors of a stream: over the configured maximum, or over what protobuf allows.
  [[nodiscard]] detail::length_prefix check(detail::length_prefix pre) const noexcept {
    if (pre.code == errc::ok && pre.length > opts_.max_message_size) pre.code = errc::message_too_large;
    else if (pre.code == errc::ok && pre.length > max_message_size) pre.code = errc::length_overflow;
    return pre;
  }

  [[nodiscard]] std::span<const std::byte> pending() const noexcept {
    return std::span<const std::byte>(buf_).subspan(start_);
  }

  // Breaks the stream: the error sticks, and feed() buffers nothing more.
  result<bool> fail(error e) {
    e.offset += taken_;
    err_ = e;
    capped_ = true;
    return err_;
  }

  // Moves the untaken bytes to the front once at least as many bytes were taken: each byte is
  // moved at most once per byte taken before it, so buffering stays amortised O(1) per byte.
  void compact() {
    if (start_ == 0 || start_ < buf_.size() - start_) return;
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(start_));
    scan_ -= start_;
    if (frame_end_ != 0) frame_end_ -= start_;
    start_ = 0;
  }

  // Walks the length prefixes of the buffered frames not yet walked. A bad prefix caps the
  // buffer just after it (next() reports it when it gets there); a good one is remembered with
  // its frame's end so that feed() never reads a prefix twice.
  void scan() {
    for (;;) {
      if (frame_end_ == 0) {
        const detail::length_prefix pre =
            check(detail::read_length_prefix(std::span<const std::byte>(buf_).subspan(scan_)));
        if (pre.code == errc::need_more) return;
        if (pre.code != errc::ok) {
          capped_ = true;
          buf_.resize(scan_ + (pre.code == errc::varint_overflow ? max_varint_size : pre.size));
          return;
        }
        frame_end_ = scan_ + pre.size + static_cast<std::size_t>(pre.length);
      }
      if (buf_.size() < frame_end_) return;
      scan_ = frame_end_;
      frame_end_ = 0;
    }
  }

  stream_options opts_{};
  std::vector<std::byte> buf_;
  std::size_t start_ = 0;      // the first byte next() has not taken
  std::size_t scan_ = 0;       // the first frame whose end scan() has not reached
  std::size_t frame_end_ = 0;  // the end of that frame once its prefix is read, else 0
  std::size_t taken_ = 0;      // bytes taken by next() since the stream began
  bool capped_ = false;        // a bad prefix was buffered: nothing after it is
  error err_{};
};

}  // namespace tagwire
