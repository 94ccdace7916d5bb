// Reports as CSV for spreadsheets (R1): RFC 4180, one line per group, a
// column per day of backlog, "" for figures with nothing to measure.
#include <ticketcore/report.hpp>

#include <charconv>

namespace ticketcore {
namespace {

constexpr const char* targets[] = {"first_response", "next_response", "resolution"};

// Quoted when it holds a comma, quote or line break; quotes doubled.
std::string field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 4);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

template <class T>
std::string optional(const std::optional<T>& v) {
  if (!v) return {};
  if constexpr (std::is_floating_point_v<T>) return number(*v);
  else return std::to_string(*v);
}

void line(std::string& out, const report_row& r, const std::string& group) {
  std::string l = field(group) + "," + std::to_string(r.created) + "," + std::to_string(r.resolved) + "," +
                  std::to_string(r.reopened);
  for (const auto* s : {&r.first_response, &r.resolution})
    l += "," + std::to_string(s->count) + "," + optional(s->median) + "," + optional(s->p90);
  for (const char* t : targets) {
    auto it = r.sla.find(t);
    sla_compliance c = it == r.sla.end() ? sla_compliance{} : it->second;
    l += "," + std::to_string(c.met) + "," + std::to_string(c.missed) + "," + optional(c.rate());
  }
  l += "," + std::to_string(r.csat.count) + "," + optional(r.csat.average) + "," + optional(r.csat.satisfied_share);
  for (std::size_t n : r.csat.distribution) l += "," + std::to_string(n);
  for (const auto& b : r.backlog) l += "," + std::to_string(b.open);
  out += l + "\r\n";
}

}  // namespace

std::string to_csv(const report& r) {
  std::string out = std::string(to_string(r.request.group_by)) + ",created,resolved,reopened";
  for (const char* m : {"first_response", "resolution"})
    out += std::string(",") + m + "_count," + m + "_median_seconds," + m + "_p90_seconds";
  for (const char* t : targets) out += std::string(",sla_") + t + "_met,sla_" + t + "_missed,sla_" + t + "_rate";
  out += ",csat_count,csat_average,csat_satisfied_share,csat_1,csat_2,csat_3,csat_4,csat_5";
  for (const auto& b : r.total.backlog) out += ",backlog_" + b.day;
  out += "\r\n";
  for (const auto& row : r.rows) line(out, row, row.group);
  line(out, r.total, "(total)");
  return out;
}

}  // namespace ticketcore
