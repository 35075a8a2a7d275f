// udp_game_server — a game server and a client exchanging tagwire messages as UDP datagrams on
// loopback. The client sends one input packet per tick; the server applies it to its world and
// answers with a snapshot of the whole world. The client runs the same simulation step itself
// (client-side prediction), so it can check every snapshot exactly. One message per datagram:
// UDP keeps message boundaries, so no length prefix is needed (TCP needs one, see chat_stream).
// Every wait has a timeout, so the program always ends: status 0 when all 100 snapshots matched.
#include <tagwire/tagwire.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <span>
#include <thread>
#include <variant>
#include <vector>

namespace game {

struct vec2 {
  float x = 0;
  float y = 0;
  friend bool operator==(const vec2&, const vec2&) = default;
};
TAGWIRE_MESSAGE(vec2, TAGWIRE_FIELD(1, x), TAGWIRE_FIELD(2, y));

enum button : std::uint32_t { button_move = 1, button_fire = 2 };

// Client to server, once per tick.
struct input {
  std::uint32_t seq = 0;      // 1, 2, 3...: the server applies each one once, in order
  std::uint32_t buttons = 0;  // a set of `button` bits
  vec2 aim;                   // a unit vector
};
TAGWIRE_MESSAGE(input, TAGWIRE_FIELD(1, seq), TAGWIRE_FIELD(2, buttons), TAGWIRE_FIELD(3, aim));

struct goodbye {
  std::uint32_t last_seq = 0;
};
TAGWIRE_MESSAGE(goodbye, TAGWIRE_FIELD(1, last_seq));

// Everything a client sends is one of these, so the server needs one decode call per datagram.
struct client_packet {
  std::variant<std::monostate, input, goodbye> body;
};
TAGWIRE_MESSAGE(client_packet, TAGWIRE_ONEOF(body, TAGWIRE_ALT(1, input), TAGWIRE_ALT(2, goodbye)));

struct entity {
  std::uint32_t id = 0;
  vec2 pos;
  std::int32_t health = 0;  // goes below zero: sint keeps small negatives at 1 byte
  friend bool operator==(const entity&, const entity&) = default;
};
TAGWIRE_MESSAGE(entity, TAGWIRE_FIELD(1, id), TAGWIRE_FIELD(2, pos), TAGWIRE_FIELD(3, health, tagwire::sint));

// Server to client: the authoritative world after an input. The server's state is this message.
struct world_state {
  std::uint32_t tick = 0;
  std::uint32_t ack_seq = 0;  // the last input applied
  std::vector<entity> entities;
  std::uint32_t rejected = 0;  // datagrams the server could not decode
  friend bool operator==(const world_state&, const world_state&) = default;
};
TAGWIRE_MESSAGE(world_state, TAGWIRE_FIELD(1, tick), TAGWIRE_FIELD(2, ack_seq), TAGWIRE_FIELD(3, entities),
                TAGWIRE_FIELD(4, rejected));

world_state initial_world() {
  world_state w;
  w.entities.push_back({1, {0, 0}, 100});  // the player
  for (std::uint32_t i = 0; i < 5; ++i)    // bots on a line
    w.entities.push_back({100 + i, {-8.0f + 4.0f * static_cast<float>(i), 3.0f}, 30});
  return w;
}

// One simulation step, run by the server and, to predict, by the client: same code, same floats.
void step(world_state& w, const input& in) {
  ++w.tick;
  w.ack_seq = in.seq;
  entity& player = w.entities[0];
  if (in.buttons & button_move) {
    player.pos.x += in.aim.x * 0.5f;
    player.pos.y += in.aim.y * 0.5f;
  }
  for (std::size_t i = 1; i < w.entities.size(); ++i) {
    entity& bot = w.entities[i];
    bot.pos.x += (w.tick / 20) % 2 == 0 ? 0.25f : -0.25f;  // patrol back and forth
    const float dx = bot.pos.x - player.pos.x, dy = bot.pos.y - player.pos.y;
    if ((in.buttons & button_fire) && dx * dx + dy * dy < 36.0f) bot.health -= 7;
  }
}

}  // namespace game

namespace {

using game::client_packet;
using game::world_state;

constexpr std::uint32_t ticks = 100;
constexpr int timeout_ms = 2000;
constexpr std::size_t max_datagram = 1200;  // stays under a typical path MTU

int fail(const char* what) {
  std::fprintf(stderr, "udp_game_server: FAILED: %s\n", what);
  return 1;
}

// Encodes `msg` into one datagram and sends it (to `to`, or to the connected peer).
template <class Msg>
bool send_message(int fd, const Msg& msg, const sockaddr_in* to = nullptr) {
  std::array<std::byte, max_datagram> buf;
  const auto bytes = tagwire::encode(msg, buf);  // fails, rather than truncates, if it does not fit
  if (!bytes) return false;
  const ssize_t n = to ? sendto(fd, bytes->data(), bytes->size(), 0, reinterpret_cast<const sockaddr*>(to), sizeof *to)
                       : send(fd, bytes->data(), bytes->size(), 0);
  return n == static_cast<ssize_t>(bytes->size());
}

// Waits up to timeout_ms for one datagram; returns its size, or -1 on timeout or error.
ssize_t receive(int fd, std::span<std::byte> buf, sockaddr_in* from = nullptr) {
  pollfd p{fd, POLLIN, 0};
  int ready;
  while ((ready = poll(&p, 1, timeout_ms)) < 0 && errno == EINTR) {
  }
  if (ready != 1) return -1;
  socklen_t len = sizeof(sockaddr_in);
  return recvfrom(fd, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(from), from ? &len : nullptr);
}

// The server: applies inputs in order and answers each with a snapshot, until a goodbye.
void serve(int fd, bool& ok) {
  ok = false;
  world_state world = game::initial_world();
  std::array<std::byte, 1500> buf;
  for (;;) {
    sockaddr_in from{};
    const ssize_t n = receive(fd, buf, &from);
    if (n < 0) {
      std::fprintf(stderr, "server: nothing received for %d ms\n", timeout_ms);
      return;
    }
    const auto packet = tagwire::decode<client_packet>(std::span(buf.data(), static_cast<std::size_t>(n)));
    if (!packet) {  // a datagram from anyone can be anything: count it, never trust it
      ++world.rejected;
      std::printf("server: rejected a %zd-byte datagram: %s at byte %zu\n", n,
                  tagwire::to_string(packet.error().code).data(), packet.error().offset);
      continue;
    }
    if (const auto* in = std::get_if<game::input>(&packet->body)) {
      if (in->seq == world.ack_seq + 1) game::step(world, *in);  // a late duplicate changes nothing
    } else if (std::holds_alternative<game::goodbye>(packet->body)) {
      ok = send_message(fd, world, &from);
      return;
    } else {
      ++world.rejected;  // an empty body
      continue;
    }
    if (!send_message(fd, world, &from)) {
      std::fprintf(stderr, "server: send failed\n");
      return;
    }
  }
}

// The client's input for a tick: always moving, turning through 8 directions, firing every third.
game::input input_for(std::uint32_t seq) {
  static constexpr game::vec2 directions[] = {{1, 0},  {0.7071f, 0.7071f},   {0, 1},  {-0.7071f, 0.7071f},
                                              {-1, 0}, {-0.7071f, -0.7071f}, {0, -1}, {0.7071f, -0.7071f}};
  return {seq, game::button_move | (seq % 3 == 0 ? game::button_fire : 0u), directions[(seq / 10) % 8]};
}

int run_client(int fd) {
  world_state predicted = game::initial_world();
  std::uint32_t expected_rejected = 0;
  std::size_t input_bytes = 0, snapshot_bytes = 0;
  std::array<std::byte, 1500> buf;
  for (std::uint32_t seq = 1; seq <= ticks; ++seq) {
    if (seq == ticks / 2) {  // a corrupt datagram: the length says 5 bytes, only 2 follow
      const unsigned char junk[] = {0x0a, 0x05, 0x08, 0x01};
      if (send(fd, junk, sizeof junk, 0) != static_cast<ssize_t>(sizeof junk)) return fail("send junk");
      ++expected_rejected;
    }
    const game::input in = input_for(seq);
    input_bytes += tagwire::encoded_size(client_packet{in});
    if (!send_message(fd, client_packet{in})) return fail("send input");
    game::step(predicted, in);
    predicted.rejected = expected_rejected;

    const ssize_t n = receive(fd, buf);
    if (n < 0) return fail("no snapshot within the timeout");
    snapshot_bytes += static_cast<std::size_t>(n);
    const auto snapshot = tagwire::decode<world_state>(std::span(buf.data(), static_cast<std::size_t>(n)));
    if (!snapshot) return fail("undecodable snapshot");
    if (!(*snapshot == predicted)) {
      std::fprintf(stderr, "tick %u: snapshot tick %u ack %u rejected %u differs from the prediction\n", seq,
                   snapshot->tick, snapshot->ack_seq, snapshot->rejected);
      return fail("snapshot differs");
    }
    if (seq % 25 == 0) {
      const game::entity& p = snapshot->entities[0];
      std::printf("client: tick %3u, player at (%6.2f, %6.2f), bot 100 health %+d, %zd-byte snapshot\n", snapshot->tick,
                  static_cast<double>(p.pos.x), static_cast<double>(p.pos.y),
                  static_cast<int>(snapshot->entities[1].health), n);
    }
  }
  if (!send_message(fd, client_packet{game::goodbye{ticks}})) return fail("send goodbye");
  const ssize_t n = receive(fd, buf);
  if (n < 0) return fail("no final snapshot within the timeout");
  const auto last = tagwire::decode<world_state>(std::span(buf.data(), static_cast<std::size_t>(n)));
  if (!last || !(*last == predicted)) return fail("final snapshot");
  std::printf("client: %u inputs (%zu bytes), %u snapshots checked (%zu bytes), %u datagram rejected\n", ticks,
              input_bytes, ticks, snapshot_bytes, last->rejected);
  return 0;
}

// A UDP socket on 127.0.0.1; port 0 lets the kernel pick a free one, so parallel runs never clash.
int bound_socket(sockaddr_in& addr) {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return -1;
  addr = sockaddr_in{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

int main() {
  sockaddr_in server_addr{}, client_addr{};
  const int server_fd = bound_socket(server_addr);
  const int client_fd = bound_socket(client_addr);
  if (server_fd < 0 || client_fd < 0) return fail("socket");
  // connect() on UDP: send() needs no address, and only the server's datagrams are received.
  if (connect(client_fd, reinterpret_cast<const sockaddr*>(&server_addr), sizeof server_addr) != 0)
    return fail("connect");
  std::printf("server on 127.0.0.1:%u, client on port %u\n", static_cast<unsigned>(ntohs(server_addr.sin_port)),
              static_cast<unsigned>(ntohs(client_addr.sin_port)));

  bool server_ok = false;
  std::thread server(serve, server_fd, std::ref(server_ok));
  int status = run_client(client_fd);
  if (status != 0) (void)send_message(client_fd, client_packet{game::goodbye{}});  // let the server stop now
  server.join();
  close(client_fd);
  close(server_fd);
  if (status == 0 && !server_ok) status = fail("server");
  if (status == 0) std::printf("udp_game_server: OK\n");
  return status;
}
