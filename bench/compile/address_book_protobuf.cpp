// The address book with protoc-generated code (address_book.proto): the same two functions as
// address_book_tagwire.cpp, for the compile-time and code-size comparison in scripts/bench.sh.
#include <cstddef>
#include <span>
#include <string>

#include "address_book.pb.h"

namespace tutorial {

// Appends the encoding of `book` to `out`; false on error.
bool save(const AddressBook& book, std::string& out) { return book.AppendToString(&out); }

// Decodes `in` into `book`; false on error.
bool load(std::span<const std::byte> in, AddressBook& book) {
  return book.ParseFromArray(in.data(), static_cast<int>(in.size()));
}

}  // namespace tutorial
