// Business-time arithmetic (S1). Local period bounds become instants through
// `opens`: the first instant the local clock reads that time. It never
// decreases as local time grows, so periods stay ordered and disjoint in real
// time whatever DST does. Long spans skip whole weeks where the weekly pattern
// repeats exactly; elsewhere they walk one local day, period by period.
#include "domain/sla/compiled_calendar.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <cstdint>

namespace ticketcore {
namespace {

using std::chrono::minutes;
using local_ms = date::local_time<duration>;

constexpr auto one_week = std::chrono::weeks{1};

// The supported years, 0001 to 9999 UTC: far beyond any service level, and
// day counts and date's calendar arithmetic stay in range.
const time_point lowest{date::sys_days{date::year{1} / 1 / 1}};
const time_point beyond{date::sys_days{date::year{10000} / 1 / 1}};

void check_range(time_point t) {
  if (t < lowest || t >= beyond)
    throw error(errc::invalid_argument, "business time is computed for the years 0001 to 9999 only");
}

}  // namespace

// date::choose::earliest maps a skipped time to the end of the jump and a
// repeated one to its first occurrence.
time_point business_hours::compiled::opens(date::local_days day, int minute) const {
  return zone->to_sys(day + minutes{minute}, date::choose::earliest);
}

date::local_days business_hours::compiled::local_day(time_point t) const {
  return date::floor<date::days>(zone->to_local(t));
}

const std::vector<minute_range>& business_hours::compiled::periods(date::local_days day) const {
  static const std::vector<minute_range> closed;
  if (std::binary_search(holidays.begin(), holidays.end(), day)) return closed;
  return week[date::weekday{day}.c_encoding()];
}

// Exact when the zone's offset is constant over the weeks, no holiday falls
// in them, and none of their local times already occurred before t. The last
// holds once t is two days past the offset change, as offsets stay within ±16 h.
std::int64_t business_hours::compiled::whole_weeks(time_point t, time_point limit) const {
  auto info = zone->get_info(date::floor<std::chrono::seconds>(t));
  if (t < info.begin + date::days{2}) return 0;
  duration room = std::min(limit, time_point{info.end}) - t;
  local_ms local{t.time_since_epoch() + info.offset};
  auto holiday = std::lower_bound(holidays.begin(), holidays.end(), date::floor<date::days>(local));
  if (holiday != holidays.end()) room = std::min(room, local_ms{*holiday} - local);
  return room < one_week ? 0 : room / one_week;
}

business_hours::business_hours(const calendar& c) : c_(std::make_shared<const compiled>(c)) {}

const std::string& business_hours::id() const noexcept { return c_->id; }

bool business_hours::is_open(time_point t) const {
  check_range(t);
  const compiled& r = *c_;
  // Usually only t's local day can hold it; after a fall-back across
  // midnight a period of the next day may have opened already.
  for (auto day = r.local_day(t); r.opens(day) <= t; day += date::days{1})
    for (const auto& p : r.periods(day))
      if (r.opens(day, p.start) <= t && t < r.opens(day, p.end)) return true;
  return false;
}

duration business_hours::between(time_point from, time_point to) const {
  if (to <= from) return duration::zero();
  check_range(from);
  check_range(to);
  const compiled& r = *c_;
  duration total{0};
  // Open time before t is counted; no period of a local day before `day` reaches t.
  time_point t = from;
  auto day = r.local_day(from);
  for (;;) {
    if (auto weeks = r.whole_weeks(t, to); weeks > 0) {
      total += weeks * r.week_open;
      t += weeks * one_week;
      day = r.local_day(t);
    }
    for (const auto& p : r.periods(day)) {
      time_point a = std::max(r.opens(day, p.start), t), b = std::min(r.opens(day, p.end), to);
      if (a < b) total += b - a;
    }
    day += date::days{1};
    t = std::max(t, r.opens(day));
    if (t >= to) return total;
  }
}

time_point business_hours::add(time_point from, duration amount) const {
  check_range(from);
  if (amount <= duration::zero()) return from;
  const compiled& r = *c_;
  duration left = amount;
  time_point t = from;
  auto day = r.local_day(from);
  for (;;) {
    // Whole weeks only while more than they hold is left: the answer lies
    // inside the last week, not at its end.
    if (auto weeks = std::min<std::int64_t>(r.whole_weeks(t, beyond), (left - duration{1}) / r.week_open);
        weeks > 0) {
      left -= weeks * r.week_open;
      t += weeks * one_week;
      day = r.local_day(t);
    }
    for (const auto& p : r.periods(day)) {
      time_point a = std::max(r.opens(day, p.start), t), b = r.opens(day, p.end);
      if (a >= b) continue;
      if (b - a >= left) {
        check_range(a + left);
        return a + left;  // exactly b when it runs out at the end: never the next opening
      }
      left -= b - a;
    }
    day += date::days{1};
    t = std::max(t, r.opens(day));
    check_range(t);
  }
}

}  // namespace ticketcore
