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

}  // namespace ticketcore::detail
