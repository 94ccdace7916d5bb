#include "config/attribute_values.hpp"
#include "model/text.hpp"

#include "visibility/policy.hpp"

#include <ticketcore/clock.hpp>
#include <ticketcore/error.hpp>

#include <chrono>
#include <cmath>
#include <set>

namespace ticketcore::detail {
namespace {

namespace json = boost::json;

bool is_date(const json::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  std::chrono::year_month_day ymd{std::chrono::year{num(0, 4)}, std::chrono::month{static_cast<unsigned>(num(5, 2))},
                                  std::chrono::day{static_cast<unsigned>(num(8, 2))}};
  return ymd.ok();
}

bool in_options(const attribute_def& a, std::string_view v) {
  for (const auto& o : a.options)
    if (o == v) return true;
  return false;
}

}  // namespace

std::string attribute_value_problem(people& directory, const attribute_def& a, const json::value& v) {
  const json::string* s = v.if_string();
  switch (a.type) {
    case attribute_type::text:
    case attribute_type::rich_text:
      return s ? "" : "must be a string";
    case attribute_type::integer:
      return v.is_int64() || (v.is_uint64() && v.get_uint64() <= INT64_MAX) ? "" : "must be an integer";
    case attribute_type::decimal:
      // U3: infinity (1e400 parses to it) and NaN have no JSON form, and a
      // stored one would fail every later read of the record.
      if (!v.is_number()) return "must be a number";
      return !v.is_double() || std::isfinite(v.get_double()) ? "" : "must be a finite number";
    case attribute_type::boolean:
      return v.is_bool() ? "" : "must be true or false";
    case attribute_type::date:
      return s && is_date(*s) ? "" : "must be a date like 2026-11-23";
    case attribute_type::datetime:
      if (!s) return "must be an ISO 8601 datetime string";
      try {
        parse_time(std::string_view(s->data(), s->size()));
        return "";
      } catch (const error&) {
        return "must be an ISO 8601 datetime like 2026-11-23T09:30:00Z";
      }
    case attribute_type::list:
      if (!s) return "must be one of the options";
      return in_options(a, *s) ? "" : detail::quoted(*s) + " is not one of the options";
    case attribute_type::multi_list: {
      const json::array* arr = v.if_array();
      if (!arr) return "must be an array of options";
      std::set<std::string> seen;
      for (const auto& item : *arr) {
        const json::string* o = item.if_string();
        if (!o || !in_options(a, *o)) return "holds a value that is not one of the options";
        if (!seen.insert(std::string(*o)).second) return "repeats option " + detail::quoted(*o);
      }
      return "";
    }
    case attribute_type::contact:
      return s && directory.find_contact(*s) ? "" : "must name a known contact";
    case attribute_type::teammate:
      return s && directory.find_teammate(*s) ? "" : "must name a known teammate";
  }
  return "has an unknown type";
}

void apply_attributes(const config& c, people& directory, const ticket_type& type, const json::object& incoming,
                      json::object& current, const actor& writer, bool creating) {
  const visibility policy(c, writer, directory);
  const bool by_contact = writer.is_contact(), by_teammate = writer.kind == actor_kind::teammate;
  std::vector<std::string> fields;
  std::string message;
  auto problem = [&](const std::string& key, const std::string& what) {
    fields.push_back(key);
    message += (message.empty() ? "" : "; ") + detail::quoted(key) + " " + what;
  };
  json::object merged = current;
  for (const auto& kv : incoming) {
    std::string key(kv.key());
    if (std::string why = policy.attribute_write_problem(type, key, kv.value()); !why.empty()) {
      problem(key, why);  // V4, U2: the same words for hidden and unknown keys
      continue;
    }
    const attribute_def* a = type.find_attribute(key);
    if (!a) {
      problem(key, "is not an attribute of type " + detail::quoted(type.id));
      continue;
    }
    if (kv.value().is_null()) {
      merged.erase(key);
      continue;
    }
    std::string why = attribute_value_problem(directory, *a, kv.value());
    if (!why.empty()) problem(key, why);
    else merged[key] = kv.value();
  }
  for (const auto& a : type.attributes) {
    bool required = (by_contact && creating && a.required_for_customers) ||
                    (by_teammate && a.required_for_teammates &&
                     (creating || incoming.contains(a.key)));
    if (required && !merged.contains(a.key) &&
        std::find(fields.begin(), fields.end(), a.key) == fields.end())
      problem(a.key, "is required");
  }
  if (!fields.empty())
    throw error(errc::validation_failed, "invalid attributes for type " + detail::quoted(type.id) + ": " + message, fields);
  current = std::move(merged);
}

}  // namespace ticketcore::detail
