// address_book — the classic protobuf tutorial, with plain C++ structs as the schema.
// Builds an address book, saves it to a file, loads it back and checks nothing changed.
// Speaks the same bytes as this addressbook.proto (proto3):
//   message Person {
//     string name = 1; int32 id = 2; string email = 3;
//     enum PhoneType { MOBILE = 0; HOME = 1; WORK = 2; }
//     message PhoneNumber { string number = 1; PhoneType type = 2; }
//     repeated PhoneNumber phones = 4;
//   }
//   message AddressBook { repeated Person people = 1; }
#include <tagwire/tagwire.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tutorial {

// Enums are int32 on the wire; 0 is the proto3 default and is not written.
enum class phone_type : std::int32_t { mobile = 0, home = 1, work = 2 };

struct phone_number {
  std::string number;
  phone_type type = phone_type::mobile;
  friend bool operator==(const phone_number&, const phone_number&) = default;
};
TAGWIRE_MESSAGE(phone_number, TAGWIRE_FIELD(1, number), TAGWIRE_FIELD(2, type));

struct person {
  std::string name;
  std::int32_t id = 0;
  std::string email;
  std::vector<phone_number> phones;  // repeated sub-messages
  friend bool operator==(const person&, const person&) = default;
};
TAGWIRE_MESSAGE(person, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(3, email),
                TAGWIRE_FIELD(4, phones));

struct address_book {
  std::vector<person> people;
  friend bool operator==(const address_book&, const address_book&) = default;
};
TAGWIRE_MESSAGE(address_book, TAGWIRE_FIELD(1, people));

}  // namespace tutorial

namespace {

int fail(const char* what) {
  std::fprintf(stderr, "address_book: FAILED: %s\n", what);
  return 1;
}

const char* type_name(tutorial::phone_type t) {
  switch (t) {
    case tutorial::phone_type::mobile: return "mobile";
    case tutorial::phone_type::home: return "home";
    case tutorial::phone_type::work: return "work";
  }
  return "unknown";  // open enums: a newer writer may send values we do not know
}

}  // namespace

int main() {
  using namespace tutorial;

  // 1. One small person whose bytes we know by hand, from the protobuf encoding spec.
  //    A tag byte is (field_number << 3) | wire_type; wire type 0 = varint, 2 = length-delimited.
  //      0A 03 'A' 'n' 'n'        name  (1, len) = "Ann"
  //      10 07                    id    (2, varint) = 7
  //      1A 05 'a' '@' 'b' '.' 'c' email (3, len) = "a@b.c"
  //      22 07                    phones(4, len), a 7-byte PhoneNumber:
  //        0A 03 '5' '5' '5'        number (1, len) = "555"
  //        10 02                    type   (2, varint) = WORK
  const person ann{"Ann", 7, "a@b.c", {{"555", phone_type::work}}};
  const std::string expected_ann =
      "\x0A\x03"
      "Ann"
      "\x10\x07"
      "\x1A\x05"
      "a@b.c"
      "\x22\x07"
      "\x0A\x03"
      "555"
      "\x10\x02";
  std::string ann_bytes;
  if (!tagwire::encode_to(ann, ann_bytes)) return fail("encoding Ann");
  if (ann_bytes != expected_ann) return fail("Ann's bytes differ from the hand-computed encoding");
  if (tagwire::encoded_size(ann) != expected_ann.size()) return fail("encoded_size(Ann)");

  // 2. A whole book; defaults (id 0, empty email, MOBILE) are simply not written.
  address_book book;
  book.people.push_back(ann);
  book.people.push_back(
      {"Bob Smith", 1234, "bob@example.com", {{"555-4321", phone_type::home}, {"555-0000", phone_type::mobile}}});
  book.people.push_back({"Zoë", -1, "", {}});  // UTF-8 name; a negative int32 takes 10 bytes

  // 3. Save: encode into a byte vector and write it as a binary file.
  const char* path = "address_book.bin";  // in the current directory
  std::vector<std::byte> out;
  const auto written = tagwire::encode_to(book, out);
  if (!written) return fail("encoding the book");
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
    if (!file) return fail("writing address_book.bin");
  }

  // 4. Load: read the whole file and decode; errors are values, not exceptions.
  std::ifstream file(path, std::ios::binary);
  const std::string in{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (in.size() != *written) return fail("file size differs from what was written");
  const auto loaded = tagwire::decode<address_book>(in);
  if (!loaded) {
    std::fprintf(stderr, "address_book: decode error: %s at offset %zu\n",
                 tagwire::to_string(loaded.error().code).data(), loaded.error().offset);
    return 1;
  }

  // 5. List it, then check it is exactly what we saved.
  std::printf("%s: %zu bytes, %zu people\n", path, in.size(), loaded->people.size());
  for (const person& p : loaded->people) {
    std::printf("  #%d %s <%s>\n", static_cast<int>(p.id), p.name.c_str(), p.email.c_str());
    for (const phone_number& ph : p.phones) std::printf("     %-6s %s\n", type_name(ph.type), ph.number.c_str());
  }
  if (!(*loaded == book)) return fail("the loaded book differs from the saved one");
  // The file is kept: `protoc --decode_raw < address_book.bin` shows the same records.
  std::printf("round trip OK\n");
  return 0;
}
