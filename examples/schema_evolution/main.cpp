// schema_evolution — old and new programs keep talking while a message grows.
// A v1 program and a v2 program exchange `player` records both ways. This works because
// protobuf identifies fields by NUMBER, never by name or position, and the rules below hold:
//  - Never reuse or renumber a field. A number once used means that field forever; if a
//    field is removed, keep its number reserved (and never hand it out again).
//  - Never change a field's wire encoding: int32 -> sint32, say, turns -1 into 1 for the
//    other side. (int32/int64/uint32/uint64/bool are interchangeable only within range.)
//  - New fields get new numbers. A reader skips numbers it does not know, and a field missing
//    from the input keeps its default, so old and new programs each see what they understand.
//  - Names are not on the wire: renaming a member (score -> points below) is free.
#include <tagwire/tagwire.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace v1 {
struct player {
  std::string name;
  std::uint32_t level = 0;
  std::int32_t score = 0;
  friend bool operator==(const player&, const player&) = default;
};
TAGWIRE_MESSAGE(player, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, level), TAGWIRE_FIELD(3, score, tagwire::sint));
}  // namespace v1

namespace v2 {
struct guild {
  std::string name;
  std::uint32_t rank = 0;
  friend bool operator==(const guild&, const guild&) = default;
};
TAGWIRE_MESSAGE(guild, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, rank));

struct player {
  std::string name;                  // 1: unchanged
  std::uint32_t level = 0;           // 2: unchanged
  std::int32_t points = 0;           // 3: renamed from score; same number, same sint encoding
  guild team;                        // 4: new nested message
  std::vector<std::string> titles;   // 5: new repeated string
  std::vector<std::uint32_t> items;  // 6: new repeated scalar, packed
  friend bool operator==(const player&, const player&) = default;
};
TAGWIRE_MESSAGE(player, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, level), TAGWIRE_FIELD(3, points, tagwire::sint),
                TAGWIRE_FIELD(4, team), TAGWIRE_FIELD(5, titles), TAGWIRE_FIELD(6, items));
}  // namespace v2

namespace {

int fail(const char* what) {
  std::fprintf(stderr, "schema_evolution: FAILED: %s\n", what);
  return 1;
}

}  // namespace

int main() {
  // 1. New writer, old reader: v1 skips fields 4..6 and gets every field it knows exactly.
  const v2::player newer{"Ada", 12, -40, {"Night Owls", 3}, {"First Blood", "Cartographer"}, {7, 19, 300}};
  std::string newer_bytes;
  if (!tagwire::encode_to(newer, newer_bytes)) return fail("encoding v2");
  const auto as_v1 = tagwire::decode<v1::player>(newer_bytes);
  if (!as_v1) return fail("v1 could not decode v2 bytes");
  if (!(*as_v1 == v1::player{"Ada", 12, -40})) return fail("v1 read wrong values from v2 bytes");
  std::printf("v2 -> v1: %zu bytes; v1 sees name=%s level=%u score=%d\n", newer_bytes.size(), as_v1->name.c_str(),
              static_cast<unsigned>(as_v1->level), static_cast<int>(as_v1->score));

  // v1 does not keep the fields it skipped: re-encoding gives v1's own, shorter bytes.
  std::string v1_again;
  if (!tagwire::encode_to(*as_v1, v1_again)) return fail("re-encoding as v1");
  std::string v1_direct;
  if (!tagwire::encode_to(v1::player{"Ada", 12, -40}, v1_direct)) return fail("encoding v1");
  if (v1_again != v1_direct || v1_again.size() >= newer_bytes.size())
    return fail("v1's re-encoding should hold only the fields v1 knows");

  // 2. Old writer, new reader: fields v1 never wrote hold their defaults in v2.
  const v1::player older{"Brian", 3, 250};
  std::string older_bytes;
  if (!tagwire::encode_to(older, older_bytes)) return fail("encoding v1");
  const auto as_v2 = tagwire::decode<v2::player>(older_bytes);
  if (!as_v2) return fail("v2 could not decode v1 bytes");
  if (!(*as_v2 == v2::player{"Brian", 3, 250, {}, {}, {}})) return fail("v2 read wrong values from v1 bytes");
  if (!as_v2->team.name.empty() || as_v2->team.rank != 0 || !as_v2->titles.empty() || !as_v2->items.empty())
    return fail("new v2 fields should hold their defaults");
  std::printf("v1 -> v2: %zu bytes; v2 sees name=%s level=%u points=%d, guild \"%s\", %zu titles, %zu items\n",
              older_bytes.size(), as_v2->name.c_str(), static_cast<unsigned>(as_v2->level),
              static_cast<int>(as_v2->points), as_v2->team.name.c_str(), as_v2->titles.size(), as_v2->items.size());

  // 3. New fields at their defaults are not written, so v2 sends v1's exact bytes: adding
  //    fields costs nothing until they are used.
  std::string v2_plain;
  if (!tagwire::encode_to(*as_v2, v2_plain)) return fail("encoding v2 with defaults");
  if (v2_plain != older_bytes) return fail("v2 with default new fields should encode like v1");

  // 4. And a full v2 round trip still loses nothing.
  const auto v2_back = tagwire::decode<v2::player>(newer_bytes);
  if (!v2_back || !(*v2_back == newer)) return fail("v2 round trip");
  std::printf("compatible both ways\n");
  return 0;
}
