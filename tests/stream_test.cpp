// Length-delimited messages (encode_delimited, decode_delimited) and stream_decoder: exact bytes
// as Google's writeDelimitedTo writes them, "need more" at every cut, chunked input of any size,
// size limits enforced before buffering, sticky errors.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <tagwire/stream.hpp>
#include <tagwire/tagwire.hpp>
#include <vector>

#include "test_util.hpp"

using test_util::hex;
using test_util::to_hex;

namespace strm {

struct note {
  std::uint32_t id = 0;
  std::string text;
  std::vector<std::int32_t> values;
  friend bool operator==(const note&, const note&) = default;
};
TAGWIRE_MESSAGE(note, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, text), TAGWIRE_FIELD(3, values));

struct wrapper {
  note inner;
};
TAGWIRE_MESSAGE(wrapper, TAGWIRE_FIELD(1, inner));

struct point {
  std::int32_t x = 0;
  std::int32_t y = 0;
};
TAGWIRE_MESSAGE(point, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y));

}  // namespace strm

namespace {

using strm::note;

std::vector<std::byte> frame(const note& m) {
  std::vector<std::byte> out;
  auto r = tagwire::encode_delimited_to(m, out);
  REQUIRE(r.has_value());
  CHECK(*r == out.size());
  return out;
}

std::vector<std::byte> concat(std::initializer_list<std::vector<std::byte>> parts) {
  std::vector<std::byte> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// Empty messages, 1-, 2- and 3-byte prefixes, a negative packed value.
std::vector<note> sample() {
  return {note{150, "hi", {}},
          note{},
          note{0, std::string(297, 'a'), {}},
          note{7, "", {-1, 2, 300}},
          note{},
          note{1, std::string(16381, 'z'), {5}},
          note{2, std::string(125, 'b'), {}}};
}

std::vector<std::byte> sample_stream() {
  std::vector<std::byte> out;
  for (const note& m : sample()) REQUIRE(tagwire::encode_delimited_to(m, out).has_value());
  return out;
}

// Takes every message the decoder has ready.
void drain(tagwire::stream_decoder<note>& dec, std::vector<note>& got) {
  for (;;) {
    note m;
    auto r = dec.next(m);
    REQUIRE(r.has_value());
    if (!*r) return;
    got.push_back(std::move(m));
  }
}

constexpr auto point_frame = [] {
  std::array<std::byte, 8> buf{};
  auto r = tagwire::encode_delimited(strm::point{1, 2}, buf);
  std::array<int, 9> out{};  // size, then the bytes
  out[0] = r ? static_cast<int>(r->size()) : -1;
  for (std::size_t i = 0; i < 8; ++i) out[i + 1] = std::to_integer<int>(buf[i]);
  return out;
}();
static_assert(point_frame == std::array<int, 9>{5, 0x04, 0x08, 0x01, 0x10, 0x02, 0, 0, 0});

constexpr bool point_decodes = [] {
  const std::array<std::byte, 6> in{std::byte{0x04}, std::byte{0x08}, std::byte{0x01},
                                    std::byte{0x10}, std::byte{0x02}, std::byte{0x04}};
  auto r = tagwire::decode_delimited<strm::point>(in);
  return r && r->consumed == 5 && r->message.x == 1 && r->message.y == 2;
}();
static_assert(point_decodes);

}  // namespace

TEST_CASE("encode_delimited: varint length prefix, then the message") {
  SUBCASE("small message: one-byte prefix") {
    std::array<std::byte, 16> buf{};
    auto r = tagwire::encode_delimited(note{150, "hi", {}}, buf);
    REQUIRE(r.has_value());
    CHECK(r->data() == buf.data());
    CHECK(to_hex(*r) == "07 08 96 01 12 02 68 69");
  }
  SUBCASE("empty message: prefix 00 alone") {
    std::array<std::byte, 4> buf{};
    auto r = tagwire::encode_delimited(note{}, buf);
    REQUIRE(r.has_value());
    CHECK(to_hex(*r) == "00");
  }
  SUBCASE("127 and 128 bytes: 7f, then 80 01") {
    const auto f127 = frame(note{0, std::string(125, 'b'), {}});
    REQUIRE(f127.size() == 128);
    CHECK(to_hex(std::span(f127).first(3)) == "7f 12 7d");
    const auto f128 = frame(note{0, std::string(126, 'b'), {}});
    REQUIRE(f128.size() == 130);
    CHECK(to_hex(std::span(f128).first(4)) == "80 01 12 7e");
  }
  SUBCASE("300 bytes: prefix ac 02") {
    const auto f = frame(note{0, std::string(297, 'a'), {}});
    REQUIRE(f.size() == 302);
    CHECK(to_hex(std::span(f).first(5)) == "ac 02 12 a9 02");
    for (std::size_t i = 5; i < f.size(); ++i) CHECK(f[i] == std::byte{'a'});
  }
  SUBCASE("16384 bytes: prefix 80 80 01") {
    const auto f = frame(note{0, std::string(16381, 'z'), {}});
    REQUIRE(f.size() == 3 + 16384);
    CHECK(to_hex(std::span(f).first(6)) == "80 80 01 12 fd 7f");
  }
  SUBCASE("negative packed values") {
    CHECK(to_hex(frame(note{7, "", {-1, 2, 300}})) == "11 08 07 1a 0d ff ff ff ff ff ff ff ff ff 01 02 ac 02");
  }
}

TEST_CASE("encode_delimited: buffer_too_small counts the prefix and writes nothing") {
  const note m{0, std::string(297, 'a'), {}};
  std::vector<std::byte> buf(301, std::byte{0xee});
  auto r = tagwire::encode_delimited(m, buf);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::buffer_too_small, 302, 0});
  for (std::byte b : buf) CHECK(b == std::byte{0xee});
  buf.resize(302);
  auto ok = tagwire::encode_delimited(m, buf);
  REQUIRE(ok.has_value());
  CHECK(ok->size() == 302);
  CHECK(std::vector<std::byte>(ok->begin(), ok->end()) == frame(m));
}

TEST_CASE("encode_delimited_to appends to std::string and byte vectors") {
  const note m{150, "hi", {}};
  std::string s = "xy";
  auto r = tagwire::encode_delimited_to(m, s);
  REQUIRE(r.has_value());
  CHECK(*r == 8);
  CHECK(s == std::string("xy\x07\x08\x96\x01\x12\x02hi", 10));

  std::vector<unsigned char> u{0xff};
  REQUIRE(tagwire::encode_delimited_to(note{}, u).has_value());
  REQUIRE(tagwire::encode_delimited_to(m, u).has_value());
  CHECK(u == std::vector<unsigned char>{0xff, 0x00, 0x07, 0x08, 0x96, 0x01, 0x12, 0x02, 'h', 'i'});
}

TEST_CASE("decode_delimited: many messages back to back, in a loop") {
  const auto stream = sample_stream();
  const auto want = sample();
  std::vector<note> got;
  std::span<const std::byte> rest(stream);
  std::size_t total = 0;
  while (!rest.empty()) {
    auto r = tagwire::decode_delimited<note>(rest);
    REQUIRE(r.has_value());
    CHECK(r->consumed == frame(r->message).size());
    total += r->consumed;
    got.push_back(std::move(r->message));
    rest = rest.subspan(r->consumed);
  }
  CHECK(total == stream.size());
  CHECK(got == want);
}

TEST_CASE("decode_delimited: bytes after the message are left alone") {
  const auto in = hex("04 08 01 10 02 ff ff");
  auto r = tagwire::decode_delimited<strm::point>(in);
  REQUIRE(r.has_value());
  CHECK(r->consumed == 5);
  CHECK(r->message.x == 1);
  CHECK(r->message.y == 2);
}

TEST_CASE("decode_delimited: takes char and unsigned char input") {
  const std::string s("\x07\x08\x96\x01\x12\x02hi", 8);
  auto a = tagwire::decode_delimited<note>(s);
  REQUIRE(a.has_value());
  CHECK(a->message == note{150, "hi", {}});
  const std::vector<unsigned char> u(s.begin(), s.end());
  auto b = tagwire::decode_delimited<note>(u);
  REQUIRE(b.has_value());
  CHECK(b->consumed == 8);
  CHECK(b->message == note{150, "hi", {}});
}

TEST_CASE("decode_delimited: need_more at every cut, with the bytes needed") {
  // Frames: 302 bytes (prefix ac 02), 1 byte (00), 8 bytes (07 ...).
  const auto a = frame(note{0, std::string(297, 'a'), {}});
  const auto b = frame(note{});
  const auto c = frame(note{150, "hi", {}});
  REQUIRE(a.size() == 302);
  REQUIRE(b.size() == 1);
  REQUIRE(c.size() == 8);
  const auto all = concat({a, b, c});
  const std::size_t starts[] = {0, 302, 303, 311};
  const std::size_t prefixes[] = {2, 1, 1};
  for (std::size_t cut = 0; cut < all.size(); ++cut) {
    CAPTURE(cut);
    std::span<const std::byte> rest = std::span<const std::byte>(all).first(cut);
    std::size_t frame_index = 0;
    while (starts[frame_index + 1] <= cut) {
      auto r = tagwire::decode_delimited<note>(rest);
      REQUIRE(r.has_value());
      rest = rest.subspan(r->consumed);
      ++frame_index;
    }
    const std::size_t in_frame = cut - starts[frame_index];
    const std::size_t needed =
        in_frame < prefixes[frame_index] ? in_frame + 1 : starts[frame_index + 1] - starts[frame_index];
    auto r = tagwire::decode_delimited<note>(rest);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error() == tagwire::error{tagwire::errc::need_more, needed, 0});
  }
}

TEST_CASE("decode_delimited: need_more offsets, spelled out") {
  using tagwire::errc;
  using tagwire::error;
  const auto need = [](std::string_view h) { return tagwire::decode_delimited<note>(hex(h)).error(); };
  CHECK(need("") == error{errc::need_more, 1, 0});
  CHECK(need("ac") == error{errc::need_more, 2, 0});
  CHECK(need("ac 02") == error{errc::need_more, 302, 0});
  CHECK(need("ac 02 12") == error{errc::need_more, 302, 0});
  CHECK(need("ff ff ff ff ff ff ff ff ff") == error{errc::need_more, 10, 0});
  // The largest length allowed: 2 GiB - 1 after a 5-byte prefix.
  CHECK(need("ff ff ff ff 07") == error{errc::need_more, 5 + std::size_t{0x7fffffff}, 0});
}

TEST_CASE("decode_delimited: bad prefixes") {
  using tagwire::errc;
  using tagwire::error;
  const auto err = [](std::string_view h) { return tagwire::decode_delimited<note>(hex(h)).error(); };
  CHECK(err("80 80 80 80 08") == error{errc::length_overflow, 0, 0});  // 2 GiB
  CHECK(err("ff ff ff ff ff ff ff ff ff 01") == error{errc::length_overflow, 0, 0});
  CHECK(err("ff ff ff ff ff ff ff ff ff ff") == error{errc::varint_overflow, 0, 0});  // an 11th byte would follow
  CHECK(err("ff ff ff ff ff ff ff ff ff ff 01 00") == error{errc::varint_overflow, 0, 0});
  // A non-minimal prefix is read as libprotobuf reads it.
  auto r = tagwire::decode_delimited<note>(hex("80 00 07"));
  REQUIRE(r.has_value());
  CHECK(r->consumed == 2);
  CHECK(r->message == note{});
}

TEST_CASE("decode_delimited: payload errors, offsets counted from the prefix") {
  using tagwire::errc;
  using tagwire::error;
  const auto err = [](const std::vector<std::byte>& in) { return tagwire::decode_delimited<note>(in).error(); };
  CHECK(err(hex("02 08 80")) == error{errc::truncated, 2, 1});
  CHECK(err(hex("01 0f")) == error{errc::invalid_wire_type, 1, 0});
  // The payload ends where the prefix says, though a byte that would complete it follows.
  CHECK(err(hex("02 08 96 01")) == error{errc::truncated, 2, 1});
  // A 2-byte prefix: a varint cut short at payload offset 301 is at offset 303 in the input.
  auto long_bad = concat({hex("ae 02 12 a9 02"), std::vector<std::byte>(297, std::byte{'a'}), hex("08 80")});
  REQUIRE(long_bad.size() == 304);
  CHECK(err(long_bad) == error{errc::truncated, 303, 1});
  // Decode options are applied: max_depth 0 refuses the nested message.
  const auto nested = hex("04 0a 02 08 01");
  auto deep = tagwire::decode_delimited<strm::wrapper>(nested, tagwire::decode_options{.max_depth = 0});
  REQUIRE_FALSE(deep.has_value());
  CHECK(deep.error() == error{errc::depth_exceeded, 1, 1});
  auto fine = tagwire::decode_delimited<strm::wrapper>(nested);
  REQUIRE(fine.has_value());
  CHECK(fine->message.inner.id == 1);
}

TEST_CASE("stream_decoder: all at once, one byte at a time and random chunks agree") {
  const auto stream = sample_stream();
  const auto want = sample();

  SUBCASE("all at once") {
    tagwire::stream_decoder<note> dec;
    dec.feed(stream);
    CHECK(dec.buffered() == stream.size());
    std::vector<note> got;
    drain(dec, got);
    CHECK(got == want);
    CHECK(dec.buffered() == 0);
  }
  SUBCASE("one byte at a time: each message exactly when its last byte arrives") {
    std::vector<std::size_t> ends;
    std::size_t at = 0;
    for (const note& m : want) ends.push_back(at += frame(m).size());
    tagwire::stream_decoder<note> dec;
    std::vector<note> got;
    std::size_t frames_done = 0;
    for (std::size_t i = 0; i < stream.size(); ++i) {
      dec.feed(std::span(stream).subspan(i, 1));
      while (frames_done < ends.size() && ends[frames_done] <= i + 1) ++frames_done;
      drain(dec, got);
      REQUIRE(got.size() == frames_done);
      CHECK(dec.buffered() == i + 1 - (frames_done == 0 ? 0 : ends[frames_done - 1]));
    }
    CHECK(got == want);
    CHECK(dec.buffered() == 0);
  }
  SUBCASE("random chunk sizes, fixed seed") {
    for (std::uint32_t seed : {1u, 2u, 3u, 42u}) {
      CAPTURE(seed);
      std::mt19937 rng(seed);
      tagwire::stream_decoder<note> dec;
      std::vector<note> got;
      std::size_t i = 0;
      while (i < stream.size()) {
        const std::size_t limit = rng() % 4 == 0 ? 5000 : 40;  // mostly small, sometimes large
        const std::size_t n = std::min<std::size_t>(1 + rng() % limit, stream.size() - i);
        dec.feed(std::span(stream).subspan(i, n));
        i += n;
        if (rng() % 3 != 0) drain(dec, got);  // sometimes let messages pile up
      }
      drain(dec, got);
      CHECK(got == want);
      CHECK(dec.buffered() == 0);
    }
  }
}

TEST_CASE("stream_decoder: need more bytes leaves out untouched; a message resets it") {
  tagwire::stream_decoder<note> dec;
  const auto f = frame(note{0, "", {3}});
  dec.feed(std::span(f).first(f.size() - 1));
  note out{9, "old", {1, 2}};
  auto r = dec.next(out);
  REQUIRE(r.has_value());
  CHECK_FALSE(*r);
  CHECK(out == note{9, "old", {1, 2}});
  dec.feed(std::span(f).last(1));
  r = dec.next(out);
  REQUIRE(r.has_value());
  CHECK(*r);
  CHECK(out == note{0, "", {3}});  // not merged into the old value
}

TEST_CASE("stream_decoder: empty messages (prefix 00)") {
  tagwire::stream_decoder<note> dec;
  dec.feed(hex("00 00 07 08 96 01 12 02 68 69 00"));
  std::vector<note> got;
  drain(dec, got);
  CHECK(got == std::vector<note>{note{}, note{}, note{150, "hi", {}}, note{}});
  CHECK(dec.buffered() == 0);
}

TEST_CASE("stream_decoder: feeds char, unsigned char and std::string input") {
  tagwire::stream_decoder<note> dec;
  const std::string s("\x07\x08\x96\x01\x12\x02hi", 8);
  dec.feed(std::span<const char>(s.data(), 3));
  const unsigned char u[] = {0x01, 0x12};
  dec.feed(u);
  dec.feed(std::string("\x02hi\x00", 4));
  std::vector<note> got;
  drain(dec, got);
  CHECK(got == std::vector<note>{note{150, "hi", {}}, note{}});
}

TEST_CASE("stream_decoder: a message of exactly the maximum is accepted, one byte more is not") {
  const auto at_limit = frame(note{0, std::string(297, 'a'), {}});    // 300-byte payload
  const auto over_limit = frame(note{0, std::string(298, 'a'), {}});  // 301-byte payload
  REQUIRE(at_limit.size() == 302);
  REQUIRE(over_limit.size() == 303);
  tagwire::stream_decoder<note> dec(tagwire::stream_options{.max_message_size = 300});
  CHECK(dec.options().max_message_size == 300);
  dec.feed(concat({at_limit, over_limit}));
  CHECK(dec.buffered() == 302 + 2);  // the payload over the limit is not buffered
  note m;
  auto r = dec.next(m);
  REQUIRE(r.has_value());
  CHECK(*r);
  CHECK(m.text.size() == 297);
  r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::message_too_large, 302, 0});

  tagwire::stream_decoder<note> zero(tagwire::stream_options{.max_message_size = 0});
  zero.feed(hex("00 01 00"));
  r = zero.next(m);
  REQUIRE(r.has_value());
  CHECK(*r);
  r = zero.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::message_too_large, 1, 0});
}

TEST_CASE("stream_decoder: a prefix claiming 1 GiB is refused before its payload is buffered") {
  tagwire::stream_decoder<note> dec;  // default maximum: 64 MiB
  note m;
  for (std::byte b : hex("80 80 80 80 04")) {  // 2^30, one byte at a time
    auto r = dec.next(m);
    REQUIRE(r.has_value());
    CHECK_FALSE(*r);
    dec.feed(std::span(&b, 1));
  }
  CHECK(dec.buffered() == 5);
  const std::vector<std::byte> junk(4096, std::byte{0x08});
  for (int i = 0; i < 256; ++i) dec.feed(junk);  // 1 MiB more
  CHECK(dec.buffered() == 5);
  auto r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::message_too_large, 0, 0});
  r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::message_too_large, 0, 0});
  CHECK(dec.buffered() == 5);
}

TEST_CASE("stream_decoder: messages before a bad prefix come first; nothing after it is kept") {
  tagwire::stream_decoder<note> dec;
  const auto good = frame(note{150, "hi", {}});
  dec.feed(concat({good, hex("80 80 80 80 04"), std::vector<std::byte>(1000, std::byte{0})}));
  CHECK(dec.buffered() == 8 + 5);
  note m;
  auto r = dec.next(m);
  REQUIRE(r.has_value());
  CHECK(*r);
  CHECK(m == note{150, "hi", {}});
  CHECK(dec.buffered() == 5);
  r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::message_too_large, 8, 0});
}

TEST_CASE("stream_decoder: a bad prefix after a message cut in two, the buffer compacted between") {
  const auto a = frame(note{150, "hi", {}});
  const auto b = frame(note{0, std::string(20, 'c'), {}});
  REQUIRE(a.size() == 8);
  REQUIRE(b.size() == 23);
  tagwire::stream_decoder<note> dec;
  dec.feed(concat({a, std::vector<std::byte>(b.begin(), b.begin() + 5)}));
  note m;
  REQUIRE(dec.next(m).value_or(false));
  CHECK(dec.buffered() == 5);
  // Taken bytes (8) outnumber the rest (5): this feed moves the rest to the front first.
  dec.feed(concat({std::vector<std::byte>(b.begin() + 5, b.end()), hex("80 80 80 80 04"),
                   std::vector<std::byte>(100, std::byte{0})}));
  CHECK(dec.buffered() == 23 + 5);
  auto r = dec.next(m);
  REQUIRE(r.has_value());
  CHECK(*r);
  CHECK(m.text == std::string(20, 'c'));
  r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::message_too_large, 31, 0});
}

TEST_CASE("stream_decoder: an 11-byte prefix and lengths over 2 GiB - 1") {
  note m;
  tagwire::stream_decoder<note> dec;
  for (int i = 0; i < 10; ++i) dec.feed(hex("ff"));
  dec.feed(hex("01 02 03"));
  CHECK(dec.buffered() == 10);
  auto r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::varint_overflow, 0, 0});

  // With no maximum of its own, the stream still refuses what protobuf cannot hold.
  const tagwire::stream_options unlimited{.max_message_size = std::numeric_limits<std::size_t>::max()};
  tagwire::stream_decoder<note> big(unlimited);
  big.feed(hex("80 80 80 80 08 00 00"));
  CHECK(big.buffered() == 5);
  r = big.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::length_overflow, 0, 0});

  tagwire::stream_decoder<note> largest(unlimited);
  largest.feed(hex("ff ff ff ff 07 00 00"));  // 2 GiB - 1: allowed, so it waits for the rest
  r = largest.next(m);
  REQUIRE(r.has_value());
  CHECK_FALSE(*r);
  CHECK(largest.buffered() == 7);
}

TEST_CASE("stream_decoder: a malformed payload breaks the stream, and the error sticks") {
  const auto good = frame(note{150, "hi", {}});
  tagwire::stream_decoder<note> dec;
  dec.feed(concat({good, hex("02 08 80"), good}));
  note m;
  auto r = dec.next(m);
  REQUIRE(r.has_value());
  CHECK(*r);
  const tagwire::error want{tagwire::errc::truncated, 8 + 2, 1};  // stream offset of the varint
  for (int i = 0; i < 3; ++i) {
    r = dec.next(m);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error() == want);
  }
  const std::size_t held = dec.buffered();
  dec.feed(good);  // ignored: the stream is broken
  CHECK(dec.buffered() == held);
  r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == want);
}

TEST_CASE("stream_decoder: error offsets count from the start of the stream") {
  // Two messages taken, then a wire type 7 at stream offset 8 + 1 + 1.
  tagwire::stream_decoder<note> dec;
  dec.feed(concat({frame(note{150, "hi", {}}), hex("00 01 0f")}));
  note m;
  REQUIRE(dec.next(m).value_or(false));
  REQUIRE(dec.next(m).value_or(false));
  auto r = dec.next(m);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::invalid_wire_type, 10, 0});
}

TEST_CASE("stream_decoder: decode options are applied to each message") {
  const auto nested = hex("04 0a 02 08 01");
  tagwire::stream_decoder<strm::wrapper> strict(
      tagwire::stream_options{.decode = tagwire::decode_options{.max_depth = 0}});
  strict.feed(nested);
  strm::wrapper w;
  auto r = strict.next(w);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error() == tagwire::error{tagwire::errc::depth_exceeded, 1, 1});
  tagwire::stream_decoder<strm::wrapper> loose;
  loose.feed(nested);
  r = loose.next(w);
  REQUIRE(r.has_value());
  CHECK(*r);
  CHECK(w.inner.id == 1);
}

TEST_CASE("stream_decoder: a long interleaved run keeps only the unfinished message buffered") {
  std::mt19937 rng(7);
  std::vector<note> want;
  std::vector<std::byte> stream;
  std::size_t largest_frame = 0;
  for (std::uint32_t i = 0; i < 3000; ++i) {
    note m{i, std::string(rng() % 200, static_cast<char>('a' + i % 26)), {}};
    if (i % 5 == 0) m.values.assign(rng() % 8, -static_cast<std::int32_t>(i));
    const std::size_t before = stream.size();
    REQUIRE(tagwire::encode_delimited_to(m, stream).has_value());
    largest_frame = std::max(largest_frame, stream.size() - before);
    want.push_back(std::move(m));
  }
  tagwire::stream_decoder<note> dec;
  std::vector<note> got;
  for (std::size_t i = 0; i < stream.size();) {
    const std::size_t n = std::min<std::size_t>(1 + rng() % 500, stream.size() - i);
    dec.feed(std::span(stream).subspan(i, n));
    i += n;
    drain(dec, got);
    REQUIRE(dec.buffered() < largest_frame);
  }
  CHECK(dec.buffered() == 0);
  CHECK(got.size() == want.size());
  CHECK(got == want);
}

TEST_CASE("encode_to and encode_delimited_to a fixed-capacity output: capacity_exceeded, nothing appended") {
  const strm::note n{7, "hi", {1, 2}};  // 08 07 12 02 68 69 1a 02 01 02: 10 bytes
  tagwire::fixed_vector<std::byte, 12> out;
  out.push_back(std::byte{0xee});
  auto fits = tagwire::encode_to(n, out);
  REQUIRE(fits.has_value());
  CHECK(*fits == 10);
  CHECK(to_hex(out) == "ee 08 07 12 02 68 69 1a 02 01 02");
  // One more message needs 10 bytes, 1 is left: refused whole, the output unchanged.
  auto full = tagwire::encode_to(n, out);
  REQUIRE_FALSE(full.has_value());
  CHECK(full.error() == tagwire::error{tagwire::errc::capacity_exceeded, 10, 0});
  CHECK(out.size() == 11);
  out.resize(1);
  auto delimited = tagwire::encode_delimited_to(n, out);  // 11 bytes fit in the 11 left
  REQUIRE(delimited.has_value());
  CHECK(*delimited == 11);
  CHECK(to_hex(out) == "ee 0a 08 07 12 02 68 69 1a 02 01 02");
  out.resize(2);
  auto no_room = tagwire::encode_delimited_to(n, out);  // the prefix counts too
  REQUIRE_FALSE(no_room.has_value());
  CHECK(no_room.error() == tagwire::error{tagwire::errc::capacity_exceeded, 11, 0});
  CHECK(out.size() == 2);
}
