#include "model/json_numbers.hpp"

#include <ticketcore/error.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>

#include <charconv>
#include <cmath>

namespace ticketcore::detail {

namespace json = boost::json;

namespace {

// Whether `v` holds a non-finite number; if so, `where` gets its path
// relative to `v`, built only on the way back up (a record with none, the
// usual case, allocates nothing).
bool holds_non_finite(const json::value& v, std::string& where) {
  switch (v.kind()) {
    case json::kind::double_:
      return !std::isfinite(v.get_double());
    case json::kind::array: {
      const json::array& a = v.get_array();
      for (std::size_t i = 0; i < a.size(); ++i)
        if (holds_non_finite(a[i], where)) {
          where.insert(0, "[" + std::to_string(i) + "]");
          return true;
        }
      return false;
    }
    case json::kind::object:
      for (const auto& kv : v.get_object())
        if (holds_non_finite(kv.value(), where)) {
          where.insert(0, "." + std::string(kv.key()));
          return true;
        }
      return false;
    default:
      return false;
  }
}

}  // namespace

std::optional<std::string> find_non_finite(const json::value& v, const std::string& path) {
  std::string where;
  if (!holds_non_finite(v, where)) return std::nullopt;
  if (path.empty()) return where.empty() ? std::string("(the value)") : where.substr(where[0] == '.' ? 1 : 0);
  return path + where;
}

namespace {

// Boost.JSON's own value-building handler (detail::handler), with doubles
// taken from their text.
struct exact_handler {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack st;
  std::string number;  // a number's earlier parts, if its text came in pieces

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) { return true; }
  bool on_object_end(std::size_t n, boost::system::error_code&) { return st.push_object(n), true; }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t n, boost::system::error_code&) { return st.push_array(n), true; }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) { return st.push_chars(s), true; }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code&) { return st.push_key(s), true; }
  bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) { return st.push_chars(s), true; }
  bool on_string(json::string_view s, std::size_t, boost::system::error_code&) { return st.push_string(s), true; }
  bool on_number_part(json::string_view s, boost::system::error_code&) { return number.append(s.data(), s.size()), true; }
  bool on_int64(std::int64_t i, json::string_view, boost::system::error_code&) {
    number.clear();
    return st.push_int64(i), true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code&) {
    number.clear();
    return st.push_uint64(u), true;
  }
  bool on_double(double d, json::string_view s, boost::system::error_code&) {
    std::string_view text(s.data(), s.size());
    if (!number.empty()) text = number.append(s.data(), s.size());
    double exact = 0;
    // Out of range (overflow to infinity, underflow to zero): Boost's value
    // stands, and an infinity is refused where values come in.
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), exact);
    if (ec == std::errc() && end == text.data() + text.size()) d = exact;
    number.clear();
    return st.push_double(d), true;
  }
  bool on_bool(bool b, boost::system::error_code&) { return st.push_bool(b), true; }
  bool on_null(boost::system::error_code&) { return st.push_null(), true; }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }
};

}  // namespace

json::value parse_exact(std::string_view text, boost::system::error_code& ec, const json::parse_options& options) {
  json::basic_parser<exact_handler> parser(options);
  parser.handler().st.reset();
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = json::error::extra_data;
  if (ec) return nullptr;
  return parser.handler().st.release();
}

bool identical(const json::value& a, const json::value& b) {
  if (a.is_double() && b.is_double()) return std::signbit(a.get_double()) == std::signbit(b.get_double()) && a == b;
  return a == b;
}

std::string serialize_checked(const json::value& v, const char* what) {
  if (auto at = find_non_finite(v))
    throw error(errc::internal, std::string(what) + " holds a non-finite number at " + *at +
                                    ", which JSON cannot carry; nothing was written (U3)");
  return json::serialize(v);
}

}  // namespace ticketcore::detail
