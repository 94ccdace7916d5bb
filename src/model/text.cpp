#include "model/text.hpp"

namespace ticketcore::detail {

std::string quoted(std::string_view text, std::size_t max_bytes) {
  const bool cut = text.size() > max_bytes;
  const std::string prefix = cut ? utf8_prefix(text, max_bytes) : std::string();
  const std::string_view shown = cut ? std::string_view(prefix) : text;
  std::string out = "'";
  out.reserve(shown.size() + 16);
  for (char ch : shown) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '\'' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else {
      out += ch;
    }
  }
  out += '\'';
  if (cut) out.insert(out.size() - 1, "...").append(" (" + std::to_string(text.size()) + " bytes)");
  return out;
}

}  // namespace ticketcore::detail
