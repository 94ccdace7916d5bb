// The compiled form of a calendar: what business_hours' arithmetic reads.
// The only place besides src/domain/sla/*.cpp that sees Howard Hinnant's date.
#pragma once

#include <ticketcore/calendar.hpp>

#include <date/tz.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ticketcore {

// Open from start to end minute after local midnight: [start, end).
struct minute_range {
  int start;
  int end;
};

struct business_hours::compiled {
  // Validates c (S1) and compiles it. Throws error(validation_failed).
  explicit compiled(const calendar& c);

  std::string id;
  const date::time_zone* zone = nullptr;          // owned by date's tzdb, lives as long as the program
  std::array<std::vector<minute_range>, 7> week;  // by weekday (0 Sunday), sorted, disjoint
  std::vector<date::local_days> holidays;         // sorted, no duplicates
  duration week_open{0};                          // open time in any 7 local days without holidays

  // The first instant at which the local clock reads `day` + `minute`.
  time_point opens(date::local_days day, int minute = 0) const;
  // The local day t falls on.
  date::local_days local_day(time_point t) const;
  // The periods open on local `day`: none on a holiday.
  const std::vector<minute_range>& periods(date::local_days day) const;
  // How many whole weeks after t, ending no later than `limit`, hold exactly week_open each.
  std::int64_t whole_weeks(time_point t, time_point limit) const;
};

}  // namespace ticketcore
