#include <tagwire/tagwire.hpp>

#include <string>

struct ping {
  std::string text;
  std::int32_t seq = 0;
};
TAGWIRE_MESSAGE(ping, TAGWIRE_FIELD(1, text), TAGWIRE_FIELD(2, seq));

int main() {
  std::string out;
  (void)tagwire::encode_to(ping{"hi", 7}, out);
  // 0a 02 68 69 10 07
  if (out != std::string("\x0a\x02hi\x10\x07", 6)) return 1;
  auto back = tagwire::decode<ping>(out);
  return back && back->text == "hi" && back->seq == 7 ? 0 : 1;
}
