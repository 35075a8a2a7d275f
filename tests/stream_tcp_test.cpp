// stream_decoder over a real TCP connection on loopback: the sender writes delimited messages in
// send() calls of random sizes (1 byte included), the receiver recv()s 7 bytes at a time, so
// messages and prefixes are cut everywhere the kernel and the sizes put the cuts.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <string>
#include <tagwire/stream.hpp>
#include <tagwire/tagwire.hpp>
#include <thread>
#include <vector>

namespace strm_tcp {

struct packet {
  std::uint64_t seq = 0;
  std::string body;
  std::vector<std::uint32_t> values;
  friend bool operator==(const packet&, const packet&) = default;
};
TAGWIRE_MESSAGE(packet, TAGWIRE_FIELD(1, seq), TAGWIRE_FIELD(2, body), TAGWIRE_FIELD(3, values));

}  // namespace strm_tcp

namespace {

using strm_tcp::packet;

// Closes the descriptor when it goes out of scope.
struct fd_guard {
  int fd = -1;
  explicit fd_guard(int f) : fd(f) {}
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

// A bug must fail the test, not hang it: every blocking call gives up after 10 seconds.
bool set_timeouts(int fd) {
  timeval tv{};
  tv.tv_sec = 10;
  return ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0 &&
         ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == 0;
}

std::vector<packet> make_packets(std::size_t n) {
  std::mt19937 rng(2024);
  std::vector<packet> out;
  for (std::size_t i = 0; i < n; ++i) {
    packet p;
    p.seq = i;
    // Mostly short, sometimes over 16 KiB (a 3-byte prefix), sometimes empty but for seq.
    const std::size_t len = i % 97 == 0 ? 16384 + rng() % 4000 : (i % 13 == 0 ? 0 : rng() % 300);
    p.body.resize(len);
    for (char& c : p.body) c = static_cast<char>('a' + rng() % 26);
    p.values.resize(rng() % 5);
    for (auto& v : p.values) v = static_cast<std::uint32_t>(rng());
    out.push_back(std::move(p));
  }
  return out;
}

// What the sender thread saw; checked on the main thread (doctest asserts stay there).
struct sender_report {
  bool connected = false;
  bool encoded = false;
  std::size_t bytes_sent = 0;
  std::size_t stream_size = 0;
  int send_errno = 0;
};

void run_sender(std::uint16_t port, const std::vector<packet>& packets, sender_report& rep) {
  fd_guard s(::socket(AF_INET, SOCK_STREAM, 0));
  if (s.fd < 0 || !set_timeouts(s.fd)) return;
  const int one = 1;
  ::setsockopt(s.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // small sends stay small segments
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(s.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) return;
  rep.connected = true;

  std::vector<std::byte> stream;
  for (const packet& p : packets)
    if (!tagwire::encode_delimited_to(p, stream)) return;
  rep.encoded = true;
  rep.stream_size = stream.size();

  std::mt19937 rng(99);
  std::size_t at = 0;
  while (at < stream.size()) {
    // 1 byte a quarter of the time, else up to 64 bytes or, now and then, up to 4 KiB.
    const std::size_t r = rng() % 16;
    const std::size_t want = r < 4 ? 1 : (r == 15 ? 1 + rng() % 4096 : 1 + rng() % 64);
    const std::size_t n = std::min(want, stream.size() - at);
    const ssize_t sent = ::send(s.fd, stream.data() + at, n, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) {
      rep.send_errno = sent < 0 ? errno : -1;
      return;
    }
    at += static_cast<std::size_t>(sent);
    rep.bytes_sent = at;
  }
  ::shutdown(s.fd, SHUT_WR);  // the receiver sees the end of the stream
}

}  // namespace

TEST_CASE("stream_decoder: 1000 messages over TCP loopback, sent and received in small pieces") {
  const std::vector<packet> packets = make_packets(1000);

  fd_guard listener(::socket(AF_INET, SOCK_STREAM, 0));
  REQUIRE(listener.fd >= 0);
  const int one = 1;
  REQUIRE(::setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;  // the kernel picks a free port
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(listener.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(listener.fd, 1) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(listener.fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  const std::uint16_t port = ntohs(addr.sin_port);
  REQUIRE(port != 0);

  sender_report rep;
  std::thread sender(run_sender, port, std::cref(packets), std::ref(rep));

  std::size_t received = 0;
  std::size_t bytes_in = 0;
  bool stream_ok = true;
  bool recv_ok = true;
  tagwire::error stream_error{};
  {
    pollfd pfd{listener.fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, 10000);
    fd_guard conn(ready == 1 ? ::accept(listener.fd, nullptr, nullptr) : -1);
    if (conn.fd >= 0 && set_timeouts(conn.fd)) {
      tagwire::stream_decoder<packet> dec;
      char buf[7];
      for (;;) {
        const ssize_t n = ::recv(conn.fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) recv_ok = false;  // a timeout: the sender is stuck or gone
        if (n <= 0) break;
        bytes_in += static_cast<std::size_t>(n);
        dec.feed(std::span<const char>(buf, static_cast<std::size_t>(n)));
        packet p;
        tagwire::result<bool> got = false;
        while ((got = dec.next(p)) && *got) {
          if (received >= packets.size() || !(p == packets[received])) stream_ok = false;
          ++received;
        }
        if (!got) {
          stream_ok = false;
          stream_error = got.error();
          break;
        }
        if (!stream_ok) break;
      }
      CHECK(dec.buffered() == 0);
    } else {
      recv_ok = false;
    }
  }  // closing the connection unblocks a sender that is still writing
  sender.join();

  CHECK(rep.connected);
  CHECK(rep.encoded);
  CHECK(rep.send_errno == 0);
  CHECK(rep.bytes_sent == rep.stream_size);
  CHECK(recv_ok);
  CHECK(stream_ok);
  CHECK(stream_error == tagwire::error{});
  CHECK(bytes_in == rep.stream_size);
  CHECK(received == packets.size());
}
