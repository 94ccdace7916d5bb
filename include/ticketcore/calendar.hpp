// Business-hours calendars: when a team works, for service levels counted
// in business time (S1). Semantics in docs/calendars.md.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/clock.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore {

// One stretch of work on one weekday, in local wall-clock time.
struct TICKETCORE_API business_period {
  int weekday = 1;            // 0 Sunday ... 6 Saturday, in the calendar's zone
  int start_minute = 9 * 60;  // minutes after local midnight, [0, 1440)
  int end_minute = 17 * 60;   // (start_minute, 1440]; 1440 means midnight at the end of the day
};

// When a team works: a weekly pattern in one time zone, minus holidays.
struct TICKETCORE_API calendar {
  std::string id;
  std::string time_zone = "UTC";         // an IANA name, e.g. "Europe/Berlin"
  std::vector<business_period> periods;  // several per day for split shifts; no overlaps
  std::vector<std::string> holidays;     // local dates "YYYY-MM-DD": closed all day
};

// True if `name` is a zone of the system tz database ("Europe/Berlin",
// "UTC"). "localtime" is not: it depends on the host. For config checks.
TICKETCORE_API bool is_time_zone(std::string_view name);

// A calendar made ready for arithmetic (S1). Immutable and thread-safe after
// construction; cheap to copy.
//
// A period on local day D is open, in real time, from the instant the local
// clock first reads D+start to the instant it first reads D+end. So a time
// skipped by a DST jump maps to the jump (01:00-04:00 on a spring-forward
// night is 2 h), and a repeated time maps to its first occurrence (the same
// period on a fall-back night is 4 h). Holidays close their whole local day.
//
// Requires: every time point passed in, and every result of add(), lies in
// the years 0001 to 9999 UTC; otherwise the call throws error(invalid_argument).
class TICKETCORE_API business_hours {
 public:
  // Throws error(validation_failed) naming each bad field in error::fields()
  // ("time_zone", "periods", "periods[2].end_minute", "holidays[0]"): unknown
  // zone, no periods, weekday out of range, minutes out of range or
  // start >= end, periods overlapping on one weekday, malformed or impossible date.
  explicit business_hours(const calendar& c);
  // Copies share the compiled form. No move operations: a "moved-from"
  // object is a copy, so it stays usable.
  business_hours(const business_hours&) = default;
  business_hours& operator=(const business_hours&) = default;

  // True if t lies in an open period: [start, end), the end is closed.
  bool is_open(time_point t) const;

  // Open (business) time in [from, to); zero when to <= from.
  duration between(time_point from, time_point to) const;

  // The earliest instant at which `amount` of open time has passed since
  // `from`: from itself when amount <= 0; the end of a period, not the next
  // opening, when the amount runs out exactly there. For amount > 0,
  // between(from, add(from, amount)) == amount.
  time_point add(time_point from, duration amount) const;

  const std::string& id() const noexcept;

 private:
  struct compiled;
  std::shared_ptr<const compiled> c_;
};

}  // namespace ticketcore
