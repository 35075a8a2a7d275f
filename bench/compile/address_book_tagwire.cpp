// The address book of examples/address_book, encoded and decoded with tagwire. scripts/bench.sh
// times `g++ -O2 -c` of this file and measures the code of its `-Os` object, beside
// address_book_protobuf.cpp and the protoc-generated code it uses.
#include <tagwire/tagwire.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tutorial {

enum class phone_type : std::int32_t { mobile = 0, home = 1, work = 2 };

struct phone_number {
  std::string number;
  phone_type type = phone_type::mobile;
};
TAGWIRE_MESSAGE(phone_number, TAGWIRE_FIELD(1, number), TAGWIRE_FIELD(2, type));

struct person {
  std::string name;
  std::int32_t id = 0;
  std::string email;
  std::vector<phone_number> phones;
};
TAGWIRE_MESSAGE(person, TAGWIRE_FIELD(1, name), TAGWIRE_FIELD(2, id), TAGWIRE_FIELD(3, email),
                TAGWIRE_FIELD(4, phones));

struct address_book {
  std::vector<person> people;
};
TAGWIRE_MESSAGE(address_book, TAGWIRE_FIELD(1, people));

// Appends the encoding of `book` to `out`; false on error.
bool save(const address_book& book, std::vector<std::byte>& out) { return tagwire::encode_to(book, out).has_value(); }

// Decodes `in` into `book`; false on error.
bool load(std::span<const std::byte> in, address_book& book) {
  auto r = tagwire::decode<address_book>(in);
  if (!r) return false;
  book = std::move(*r);
  return true;
}

}  // namespace tutorial
