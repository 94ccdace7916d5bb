#include "model/json_numbers.hpp"

#include <ticketcore/error.hpp>

#include <boost/json/serialize.hpp>

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
