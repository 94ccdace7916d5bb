// Small text helpers shared by the model.
#pragma once

#include <string>
#include <string_view>

namespace ticketcore::detail {

// The longest prefix of `text` of at most `max_bytes` bytes that does not
// split a UTF-8 sequence.
inline std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

// `text` for an error message (rule 9 of the security issue): in single
// quotes, with quotes, backslashes, control characters and NUL escaped
// (\' \\ \n \u0000), so a NUL or a line break cannot cut the message short
// or forge a line; longer than `max_bytes`, it is cut at a character
// boundary and ends in "..." with the full size.
std::string quoted(std::string_view text, std::size_t max_bytes = 80);

}  // namespace ticketcore::detail
