// Reports (R1): volumes, backlog, response and resolution times, SLA
// compliance and CSAT over a period, grouped by one ticket attribute.
// Computed from history alone, so a report over a past period does not
// change when tickets change later. Definitions: docs/reporting.md.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/config.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore {

// What rows are keyed by: the ticket's value as of each event (type and
// channel never change; team, assignee, priority and brand follow history).
enum class report_group { none, type, team, assignee, priority, channel, brand };
BOOST_DESCRIBE_ENUM(report_group, none, type, team, assignee, priority, channel, brand)
TICKETCORE_API const char* to_string(report_group g) noexcept;
TICKETCORE_API std::optional<report_group> parse_report_group(std::string_view text) noexcept;

struct TICKETCORE_API report_request {
  time_point from{};  // the period, half-open: [from, to)
  time_point to{};
  report_group group_by = report_group::none;
  // IANA zone whose local midnights end the days of the backlog series.
  std::string time_zone = "UTC";
  // Only tickets of this category; none: every category.
  std::optional<ticketcore::category> category;
};
BOOST_DESCRIBE_STRUCT(report_request, (), (from, to, group_by, time_zone, category))

// Durations in seconds: business seconds where the ticket's SLA policy
// counts on a calendar, elapsed seconds otherwise. Percentiles are
// nearest-rank: the smallest value with at least p% of values at or below it.
struct TICKETCORE_API duration_stats {
  std::size_t count = 0;
  std::optional<std::int64_t> median;  // none when count is 0
  std::optional<std::int64_t> p90;
};

// One SLA target's clock cycles decided in the period.
struct TICKETCORE_API sla_compliance {
  std::size_t met = 0;     // met within the target
  std::size_t missed = 0;  // breached, or met after the target
  std::optional<double> rate() const noexcept {
    return met + missed ? std::optional<double>(double(met) / double(met + missed)) : std::nullopt;
  }
};

struct TICKETCORE_API csat_stats {
  std::size_t count = 0;
  std::array<std::size_t, 5> distribution{};  // ratings of 1..5
  std::optional<double> average;
  std::optional<double> satisfied_share;  // share rated 4 or 5
};

// The end of one local day and the tickets open then.
struct TICKETCORE_API backlog_point {
  std::string day;  // local date, YYYY-MM-DD
  std::size_t open = 0;
};

struct TICKETCORE_API report_row {
  std::string group;  // the group's value; "" for none (unassigned, no team, ...)
  std::size_t created = 0;
  std::size_t resolved = 0;
  std::size_t reopened = 0;
  std::vector<backlog_point> backlog;  // one per day of the period
  duration_stats first_response;
  duration_stats resolution;
  std::map<std::string, sla_compliance> sla;  // by target: first_response, next_response, resolution
  csat_stats csat;
};

struct TICKETCORE_API report {
  report_request request;
  std::vector<report_row> rows;  // by group value; one row "" when not grouped
  report_row total;              // every group together (group "")
};

// The report as CSV for spreadsheets: a header line, then one line per row
// and a last line for the total (group "(total)"). RFC 4180 quoting.
TICKETCORE_API std::string to_csv(const report& r);

}  // namespace ticketcore
