// The JSON form of reports (R1), as the C `report` op and Python carry them.
#include "model/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <set>

namespace ticketcore {
namespace {

namespace json = boost::json;

json::value optional(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value optional(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::value to_json(const duration_stats& s) {
  return {{"count", s.count}, {"median_seconds", optional(s.median)}, {"p90_seconds", optional(s.p90)}};
}

json::value to_json(const report_row& r) {
  json::array backlog;
  for (const auto& b : r.backlog) backlog.push_back({{"day", b.day}, {"open", b.open}});
  json::object sla;
  for (const auto& [target, c] : r.sla) sla[target] = {{"met", c.met}, {"missed", c.missed}, {"rate", optional(c.rate())}};
  json::array distribution;
  for (std::size_t n : r.csat.distribution) distribution.push_back(n);
  return {{"group", r.group},
          {"created", r.created},
          {"resolved", r.resolved},
          {"reopened", r.reopened},
          {"backlog", std::move(backlog)},
          {"first_response", to_json(r.first_response)},
          {"resolution", to_json(r.resolution)},
          {"sla", std::move(sla)},
          {"csat",
           {{"count", r.csat.count},
            {"average", optional(r.csat.average)},
            {"satisfied_share", optional(r.csat.satisfied_share)},
            {"distribution", std::move(distribution)}}}};
}

[[noreturn]] void bad(const std::string& key, const std::string& why) {
  throw error(errc::invalid_argument, "report request: " + detail::quoted(key) + " " + why, {key});
}

std::string text(const json::object& o, const char* key, bool required) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) bad(key, "is required");
    return {};
  }
  if (!v->is_string()) bad(key, "must be a string");
  return std::string(v->get_string());
}

}  // namespace

json::value to_json(const report_request& r) {
  json::object o{{"from", format_time(r.from)},
                 {"to", format_time(r.to)},
                 {"group_by", to_string(r.group_by)},
                 {"time_zone", r.time_zone}};
  o["category"] = r.category ? json::value(to_string(*r.category)) : json::value(nullptr);
  return o;
}

json::value to_json(const report& r) {
  json::array rows;
  for (const auto& row : r.rows) rows.push_back(to_json(row));
  return {{"request", to_json(r.request)}, {"rows", std::move(rows)}, {"total", to_json(r.total)}};
}

report_request report_request_from_json(const json::value& v) {
  static const std::set<std::string> keys = {"from", "to", "group_by", "time_zone", "category"};
  if (!v.is_object()) throw error(errc::invalid_argument, "a report request is a JSON object with from and to");
  const json::object& o = v.get_object();
  for (const auto& kv : o)
    if (!keys.count(std::string(kv.key())))
      bad(std::string(kv.key()), "is not a report request field (from, to, group_by, time_zone, category)");
  report_request r;
  auto time = [&](const char* key) {
    try {
      return parse_time(text(o, key, true));
    } catch (const error& e) {
      if (e.fields().empty()) bad(key, std::string("is not a time: ") + e.what());
      throw;
    }
  };
  r.from = time("from");
  r.to = time("to");
  if (auto g = text(o, "group_by", false); !g.empty()) {
    auto parsed = parse_report_group(g);
    if (!parsed) bad("group_by", "is " + detail::quoted(g) + ", not one of none, type, team, assignee, priority, channel, brand");
    r.group_by = *parsed;
  }
  if (auto z = text(o, "time_zone", false); !z.empty()) r.time_zone = z;
  if (auto c = text(o, "category", false); !c.empty()) {
    r.category = parse_category(c);
    if (!r.category) bad("category", "is " + detail::quoted(c) + ", not one of customer, back_office, tracker");
  }
  return r;
}

}  // namespace ticketcore
