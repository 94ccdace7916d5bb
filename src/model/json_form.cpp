#include "model/json_form.hpp"

#include "model/text.hpp"

#include <boost/json/serialize.hpp>

namespace ticketcore::detail {

namespace json = boost::json;

std::string json_path::text() const {
  std::string out = parent ? parent->text() : std::string();
  if (index != std::size_t(-1)) return out + "[" + std::to_string(index) + "]";
  if (out.empty()) return std::string(key);
  return out + "." + std::string(key);
}

std::string found_text(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return "the string " + quoted(std::string_view(v.get_string().data(), v.get_string().size()));
    case json::kind::object:
      return "an object";
    case json::kind::array:
      return "an array";
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return v.get_bool() ? "true" : "false";
    default:
      return "the number " + json::serialize(v);
  }
}

void report_missing(problems& p, const std::string& path, const std::string& expected) {
  p.add(path, "missing (expected " + expected + ")");
}

void report_expected(problems& p, const std::string& path, const std::string& expected, const json::value& found) {
  p.add(path, "expected " + expected + ", found " + found_text(found));
}

void report_unknown_key(problems& p, const std::string& path) { p.add(path, "unknown key"); }

}  // namespace ticketcore::detail
