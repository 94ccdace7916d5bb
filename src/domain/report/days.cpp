#include "domain/report/days.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <stdexcept>

namespace ticketcore::detail::report {

std::vector<day_end> days_of(time_point from, time_point to, const std::string& zone) {
  const date::time_zone* z = nullptr;
  try {
    z = date::locate_zone(zone);
  } catch (const std::runtime_error&) {
    throw error(errc::invalid_argument, "time_zone " + detail::quoted(zone) + " is not an IANA time zone (e.g. UTC, Europe/Berlin)",
                {"time_zone"});
  }
  const auto first = date::floor<date::days>(z->to_local(from));
  const auto last = date::floor<date::days>(z->to_local(to - duration(1)));
  const auto count = (last - first).count() + 1;
  if (count > static_cast<long>(max_days))
    throw error(errc::invalid_argument, "the period covers " + std::to_string(count) + " days; a report covers at most " +
                                            std::to_string(max_days) + " (split it into several reports)",
                {"to"});
  std::vector<day_end> out;
  out.reserve(static_cast<std::size_t>(count));
  for (auto d = first; d <= last; d += date::days(1)) {
    // A midnight skipped by a clock change is taken at the change (choose::earliest).
    auto midnight = date::floor<duration>(z->to_sys(d + date::days(1), date::choose::earliest));
    out.push_back({date::format("%F", date::sys_days(d.time_since_epoch())),
                   std::min(time_point(midnight), to)});
  }
  return out;
}

}  // namespace ticketcore::detail::report
