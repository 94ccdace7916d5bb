// The local days of a report's period, for the backlog series (R1).
#pragma once

#include <ticketcore/clock.hpp>

#include <string>
#include <vector>

namespace ticketcore::detail::report {

// A local day of the period and the instant its backlog is read: the next
// local midnight, or the period's end if that comes first.
struct day_end {
  std::string day;  // YYYY-MM-DD in the zone
  time_point end{};
};

// Every local day in `zone` that [from, to) touches, in order. Throws
// error(invalid_argument) for an unknown zone or a period over max_days.
std::vector<day_end> days_of(time_point from, time_point to, const std::string& zone);

inline constexpr std::size_t max_days = 3700;  // about ten years of daily backlog

}  // namespace ticketcore::detail::report
