// Calendar validation and compilation (S1): every problem is collected and
// reported at once, like configuration, so a host fixes its calendar in one pass.
#include "model/problems.hpp"
#include "model/text.hpp"
#include "domain/sla/compiled_calendar.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace ticketcore {
namespace {

using detail::problems;

// "localtime" is in the zoneinfo directory but is the host's own zone, not an
// IANA name: a calendar must mean the same thing on every machine.
const date::time_zone* find_zone(std::string_view name) {
  if (name == "localtime") throw std::runtime_error("localtime is the host's zone, not an IANA name");
  return date::locate_zone(name);
}

std::string clock_text(int minute) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
  return buffer;
}

bool parse_date(const std::string& s, date::local_days& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      parts[k] = parts[k] * 10 + (s[i] - '0');
    }
  date::year_month_day ymd{date::year{parts[0]}, date::month{static_cast<unsigned>(parts[1])},
                           date::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return false;
  out = date::local_days{ymd};
  return true;
}

void check_periods(const std::vector<business_period>& periods, problems& p,
                   std::array<std::vector<minute_range>, 7>& week) {
  if (periods.empty()) p.add("periods", "a calendar needs at least one business period");
  // The valid periods of each weekday, with their index, to find overlaps.
  std::array<std::vector<std::size_t>, 7> by_day;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const business_period& b = periods[i];
    std::string at = "periods[" + std::to_string(i) + "]";
    bool weekday_ok = b.weekday >= 0 && b.weekday <= 6;
    bool start_ok = b.start_minute >= 0 && b.start_minute < 1440;
    bool end_ok = b.end_minute >= 1 && b.end_minute <= 1440;
    if (!weekday_ok)
      p.add(at + ".weekday", "must be 0 (Sunday) to 6 (Saturday), got " + std::to_string(b.weekday));
    if (!start_ok) p.add(at + ".start_minute", "must be 0 to 1439, got " + std::to_string(b.start_minute));
    if (!end_ok) {
      p.add(at + ".end_minute", "must be 1 to 1440, got " + std::to_string(b.end_minute));
    } else if (start_ok && b.end_minute <= b.start_minute) {
      p.add(at + ".end_minute", "must be after start_minute " + std::to_string(b.start_minute) + ", got " +
                                    std::to_string(b.end_minute));
      end_ok = false;
    }
    if (weekday_ok && start_ok && end_ok) by_day[static_cast<std::size_t>(b.weekday)].push_back(i);
  }
  // Sorted by start (then by index, so the blame is deterministic), a period
  // overlaps if it starts before the latest end seen so far on its weekday.
  for (std::size_t d = 0; d < 7; ++d) {
    auto& day = by_day[d];
    std::sort(day.begin(), day.end(), [&](std::size_t a, std::size_t b) {
      return std::pair(periods[a].start_minute, a) < std::pair(periods[b].start_minute, b);
    });
    int latest_end = -1;
    std::size_t latest = 0;
    for (std::size_t i : day) {
      const business_period& b = periods[i];
      if (b.start_minute < latest_end)
        p.add("periods[" + std::to_string(i) + "].start_minute",
              "overlaps periods[" + std::to_string(latest) + "] (" + clock_text(periods[latest].start_minute) + "-" +
                  clock_text(periods[latest].end_minute) + ") on weekday " + std::to_string(d));
      if (b.end_minute > latest_end) {
        latest_end = b.end_minute;
        latest = i;
      }
      week[d].push_back({b.start_minute, b.end_minute});
    }
  }
}

}  // namespace

bool is_time_zone(std::string_view name) {
  try {
    find_zone(name);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

business_hours::compiled::compiled(const calendar& c) : id(c.id) {
  problems p;
  try {
    zone = find_zone(c.time_zone);
    // date reads a zone's file on first use: read it now, so a broken
    // database fails here and not in the middle of a timer.
    zone->get_info(date::sys_days{date::year{2000} / 1 / 1});
  } catch (const std::runtime_error& e) {
    p.add("time_zone", detail::quoted(c.time_zone) + " is not a known IANA time zone (" + e.what() + ")");
  }
  check_periods(c.periods, p, week);
  for (std::size_t i = 0; i < c.holidays.size(); ++i) {
    date::local_days day;
    if (parse_date(c.holidays[i], day)) holidays.push_back(day);
    else p.add("holidays[" + std::to_string(i) + "]", detail::quoted(c.holidays[i]) + " is not a date like 2026-12-24");
  }
  p.raise_if_any("invalid calendar " + detail::quoted(c.id), true);
  std::sort(holidays.begin(), holidays.end());
  holidays.erase(std::unique(holidays.begin(), holidays.end()), holidays.end());
  for (const auto& day : week)
    for (const auto& r : day) week_open += std::chrono::minutes{r.end - r.start};
}

}  // namespace ticketcore
