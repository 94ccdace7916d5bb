// The JSON form of reports (R1), as the C `report` op and Python carry them.
#include "model/record_shapes.hpp"

#include <ticketcore/json.hpp>

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

}  // namespace

json::value to_json(const report_request& r) { return detail::write_record(r); }

json::value to_json(const report& r) {
  json::array rows;
  for (const auto& row : r.rows) rows.push_back(to_json(row));
  return {{"request", to_json(r.request)}, {"rows", std::move(rows)}, {"total", to_json(r.total)}};
}

report_request report_request_from_json(const json::value& v) {
  return detail::read_request_or_throw<report_request>(v, "report request");
}

}  // namespace ticketcore
