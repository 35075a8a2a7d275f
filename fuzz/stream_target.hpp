// Fuzz target `stream`: tagwire::stream_decoder fed the input in chunks whose sizes come from the
// input must return the messages, and then the error or the leftover, that decode_delimited
// finds stepping through the whole buffer.
//
// Input layout: byte 0: the number of chunk sizes minus one (low 3 bits); byte 1: the maximum
// message size (below 0x80: that many bytes; else the default); then the chunk sizes, one byte
// each, used in turn (0 feeds an empty chunk); then the stream.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common.hpp"

namespace tagwire_fuzz {

struct packet {
  std::uint32_t seq = 0;
  std::string text;
  std::vector<std::int32_t> values;
  tagwire::box<packet> inner;
  std::int64_t delta = 0;
};
TAGWIRE_MESSAGE(packet, TAGWIRE_FIELD(1, seq), TAGWIRE_FIELD(2, text), TAGWIRE_FIELD(3, values),
                TAGWIRE_FIELD(4, inner), TAGWIRE_FIELD(5, delta, tagwire::sint));

// What a stream of `bytes` holds: its messages, then an error or the number of bytes left over.
struct stream_outcome {
  std::vector<packet> messages;
  tagwire::error error{};
  std::size_t leftover = 0;
};

// The reference: decode_delimited stepping through the whole buffer, plus the prefix checks of
// the stream (its maximum size).
inline verdict reference(std::span<const std::byte> bytes, const tagwire::stream_options& opts, stream_outcome& out) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const auto rest = bytes.subspan(pos);
    const std::byte* p = rest.data();
    std::uint64_t length = 0;
    const tagwire::errc ec = tagwire::read_varint(p, rest.data() + rest.size(), length);
    if (ec == tagwire::errc::truncated) break;
    if (ec != tagwire::errc::ok) return out.error = {ec, pos, 0}, nullptr;
    if (length > opts.max_message_size) return out.error = {tagwire::errc::message_too_large, pos, 0}, nullptr;
    if (length > tagwire::max_message_size) return out.error = {tagwire::errc::length_overflow, pos, 0}, nullptr;
    const auto prefix = static_cast<std::size_t>(p - rest.data());
    if (rest.size() - prefix < length) break;
    auto d = tagwire::decode_delimited<packet>(rest, opts.decode);
    if (!d) {
      if (d.error().code == tagwire::errc::need_more) return "decode_delimited wants more of a complete message";
      out.error = d.error();
      out.error.offset += pos;
      return nullptr;
    }
    if (d->consumed != prefix + length) return "decode_delimited consumed another size than its prefix says";
    out.messages.push_back(std::move(d->message));
    pos += d->consumed;
  }
  out.leftover = bytes.size() - pos;
  return nullptr;
}

/// Feeds the stream in chunks and compares with the reference.
inline verdict fuzz_stream(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return nullptr;
  const std::size_t count = (data[0] & 7u) + 1;
  if (size < 2 + count) return nullptr;
  tagwire::stream_options opts;
  if (data[1] < 0x80) opts.max_message_size = data[1];
  opts.decode.max_depth = 4;  // depth errors, with their offsets, in reach
  const std::uint8_t* const sizes = data + 2;
  const auto bytes = as_bytes(data + 2 + count, size - 2 - count);

  stream_outcome expected;
  if (const verdict v = reference(bytes, opts, expected)) return v;

  tagwire::stream_decoder<packet> dec(opts);
  std::vector<packet> got;
  tagwire::error error{};
  const auto drain = [&]() -> verdict {
    while (error.code == tagwire::errc::ok) {
      packet m;
      m.seq = 12345;  // next() resets its output before decoding into it
      const auto r = dec.next(m);
      if (!r) {
        error = r.error();
        return nullptr;
      }
      if (!*r) {
        if (m.seq != 12345) return "next() touched its output while asking for more bytes";
        return nullptr;
      }
      got.push_back(std::move(m));
    }
    return nullptr;
  };
  std::size_t fed = 0;
  for (std::size_t k = 0; fed < bytes.size(); ++k) {
    std::size_t chunk = sizes[k % count];
    if (chunk == 0) {
      dec.feed(std::span<const std::byte>{});
      if (const verdict v = drain()) return v;
      chunk = 1;
    }
    chunk = std::min(chunk, bytes.size() - fed);
    dec.feed(bytes.subspan(fed, chunk));
    fed += chunk;
    if (const verdict v = drain()) return v;
  }
  if (const verdict v = drain()) return v;

  if (got.size() != expected.messages.size()) return "the stream returned another number of messages";
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!same(got[i], expected.messages[i])) return "the stream returned another message";
  if (!(error == expected.error)) return "the stream's error differs from decode_delimited's";
  if (error.code != tagwire::errc::ok) {
    packet m;
    const auto again = dec.next(m);
    if (again || !(again.error() == error)) return "a stream error is not sticky";
  } else if (dec.buffered() != expected.leftover) {
    return "the stream buffers another number of bytes than are left";
  }
  return nullptr;
}

}  // namespace tagwire_fuzz
