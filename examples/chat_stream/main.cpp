// chat_stream — a tiny chat over a TCP connection on loopback. TCP carries bytes, not messages:
// each message goes out with a varint length prefix (encode_delimited_to, the framing of
// Google's writeDelimitedTo), and tagwire::stream_decoder rebuilds whole messages from whatever
// pieces recv() returns. The server acknowledges every line the client sends.
#include <tagwire/stream.hpp>
#include <tagwire/tagwire.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace chat {

struct chat_message {
  std::string from;
  std::string text;
  std::uint64_t sent_at_ms = 0;
};
TAGWIRE_MESSAGE(chat_message, TAGWIRE_FIELD(1, from), TAGWIRE_FIELD(2, text), TAGWIRE_FIELD(3, sent_at_ms));

}  // namespace chat

namespace {

using chat::chat_message;

std::uint64_t now_ms() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

// Every blocking call gives up after 5 seconds, so the example always ends.
bool set_timeouts(int fd) {
  timeval tv{};
  tv.tv_sec = 5;
  return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0 &&
         setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == 0;
}

// Frames `m` and writes all of it.
bool send_message(int fd, const chat_message& m) {
  std::vector<std::byte> out;
  if (!tagwire::encode_delimited_to(m, out)) return false;
  std::size_t at = 0;
  while (at < out.size()) {
    const ssize_t n = send(fd, out.data() + at, out.size() - at, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += static_cast<std::size_t>(n);
  }
  return true;
}

enum class got { message, end, failure };

// Returns the next whole message, reading more bytes only when the decoder needs them.
got receive_message(int fd, tagwire::stream_decoder<chat_message>& dec, chat_message& out) {
  for (;;) {
    const tagwire::result<bool> r = dec.next(out);
    if (!r) {
      std::fprintf(stderr, "chat_stream: bad stream: %s at byte %zu\n", tagwire::to_string(r.error().code).data(),
                   r.error().offset);
      return got::failure;
    }
    if (*r) return got::message;
    char buf[16];  // small on purpose: messages arrive in several pieces
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return got::failure;
    if (n == 0) return dec.buffered() == 0 ? got::end : got::failure;  // no cut-off message
    dec.feed(std::span<const char>(buf, static_cast<std::size_t>(n)));
  }
}

// The server: answers each message with an acknowledgement, until the client hangs up.
void serve(int listener, int& received, bool& ok) {
  ok = false;
  pollfd pfd{listener, POLLIN, 0};
  if (poll(&pfd, 1, 5000) != 1) return;
  const int fd = accept(listener, nullptr, nullptr);
  if (fd < 0) return;
  if (set_timeouts(fd)) {
    // A chat line is small: refuse anything over 64 KiB before buffering it.
    tagwire::stream_decoder<chat_message> dec(tagwire::stream_options{.max_message_size = 64 * 1024});
    chat_message m;
    got g;
    while ((g = receive_message(fd, dec, m)) == got::message) {
      ++received;
      std::printf("server <- %s: %.60s%s\n", m.from.c_str(), m.text.c_str(), m.text.size() > 60 ? "..." : "");
      std::fflush(stdout);
      if (!send_message(fd, chat_message{"server", "ack: " + m.text, now_ms()})) break;
    }
    ok = g == got::end;
  }
  close(fd);
}

int fail(const char* what) {
  std::fprintf(stderr, "chat_stream: FAILED: %s\n", what);
  return 1;
}

int run_client(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return fail("socket");
  int status = 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (!set_timeouts(fd) || connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    status = fail("connect");
  } else {
    const std::string lines[] = {"hello", "", "a longer line, so that it spans several reads of 16 bytes",
                                 std::string(300, 'x')};  // 300 bytes: a 2-byte length prefix
    tagwire::stream_decoder<chat_message> dec;
    for (const std::string& line : lines) {
      const std::uint64_t sent = now_ms();
      if (!send_message(fd, chat_message{"alice", line, sent})) {
        status = fail("send");
        break;
      }
      chat_message reply;
      if (receive_message(fd, dec, reply) != got::message) {
        status = fail("no reply");
        break;
      }
      std::printf("client <- %s: %.60s%s\n", reply.from.c_str(), reply.text.c_str(),
                  reply.text.size() > 60 ? "..." : "");
      if (reply.from != "server" || reply.text != "ack: " + line || reply.sent_at_ms < sent) {
        status = fail("wrong reply");
        break;
      }
    }
  }
  close(fd);  // the server sees the end of the stream and stops
  return status;
}

}  // namespace

int main() {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  if (listener < 0) return fail("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;  // the kernel picks a free port
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(listener, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 || listen(listener, 1) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(listener);
    return fail("listen");
  }

  int received = 0;
  bool server_ok = false;
  std::thread server(serve, listener, std::ref(received), std::ref(server_ok));
  int status = run_client(ntohs(addr.sin_port));
  server.join();
  close(listener);

  if (status == 0 && !server_ok) status = fail("server");
  if (status == 0 && received != 4) status = fail("server message count");
  if (status == 0) std::printf("chat_stream: OK, %d messages each way\n", received);
  return status;
}
