// The directory's records: their JSON forms from their descriptions, and
// the one way e-mail addresses are compared.
#include "model/record_shapes.hpp"

#include <ticketcore/json.hpp>

#include <boost/uuid/name_generator_sha1.hpp>

#include <algorithm>
#include <cctype>

namespace ticketcore {

namespace json = boost::json;

const std::string& contact::email() const noexcept {
  static const std::string none;
  return emails.empty() ? none : emails.front();
}

std::string normalized_email(std::string_view text) {
  auto space = [](unsigned char ch) { return std::isspace(ch) != 0; };
  while (!text.empty() && space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size() || text.find('@', at + 1) != std::string_view::npos)
    return {};
  std::string out;
  out.reserve(text.size());
  for (unsigned char ch : text) {
    if (space(ch) || ch < 0x20) return {};
    out.push_back(static_cast<char>(std::tolower(ch)));
  }
  return out;
}

uuid directory_subject(std::string_view kind, std::string_view id) {
  static const uuid space = parse_id("6f1c2f0e-5b7d-4e38-9a51-3c0de1a7d1e2");
  boost::uuids::name_generator_sha1 make(space);
  std::string name(kind);
  name += '/';
  name += id;
  return make(name);
}

json::value to_json(const contact& c) { return detail::write_record(c); }
json::value to_json(const company& c) { return detail::write_record(c); }
json::value to_json(const teammate& t) { return detail::write_record(t); }
json::value to_json(const team& t) { return detail::write_record(t); }

contact contact_from_json(const json::value& v) { return detail::read_request_or_throw<contact>(v, "contact"); }
company company_from_json(const json::value& v) { return detail::read_request_or_throw<company>(v, "company"); }
teammate teammate_from_json(const json::value& v) { return detail::read_request_or_throw<teammate>(v, "teammate"); }
team team_from_json(const json::value& v) { return detail::read_request_or_throw<team>(v, "team"); }

}  // namespace ticketcore
