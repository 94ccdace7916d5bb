// Business-hours calendars (S1): open time, its arithmetic across weekends,
// holidays, split shifts and DST, and calendar validation. Every expected
// value is computed by hand in the comment beside it; instants are written in
// the calendar's local time with its UTC offset.
#define BOOST_TEST_MODULE calendar
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <ticketcore/calendar.hpp>

#include <cstdint>
#include <random>

using namespace testing;
using namespace std::chrono_literals;

namespace {

tc::time_point at(const char* text) { return tc::parse_time(text); }

std::int64_t ms(tc::duration d) { return d.count(); }

tc::calendar weekdays(const std::string& zone, std::vector<std::pair<int, int>> shifts = {{9 * 60, 17 * 60}}) {
  tc::calendar c;
  c.id = "support";
  c.time_zone = zone;
  for (int day = 1; day <= 5; ++day)
    for (auto [start, end] : shifts) c.periods.push_back({day, start, end});
  return c;
}

// The fields a calendar is rejected for; empty when it is accepted.
std::vector<std::string> rejected(const tc::calendar& c) {
  auto e = attempt([&] { tc::business_hours{c}; });
  if (e.thrown) BOOST_TEST((e.kind == tc::errc::validation_failed));
  return e.fields;
}

}  // namespace

// S1: Monday to Friday 09:00-17:00 UTC; 2026-11-23 is a Monday.
BOOST_AUTO_TEST_CASE(s1_plain_weekday) {
  tc::business_hours bh(weekdays("UTC"));
  BOOST_TEST(bh.id() == "support");
  tc::business_hours copy = bh;
  BOOST_TEST(copy.id() == "support");
  BOOST_TEST(!bh.is_open(at("2026-11-23T08:59:59.999Z")));
  BOOST_TEST(bh.is_open(at("2026-11-23T09:00:00Z")));
  BOOST_TEST(bh.is_open(at("2026-11-23T16:59:59.999Z")));
  BOOST_TEST(!bh.is_open(at("2026-11-23T17:00:00Z")));  // the end is not open
  BOOST_TEST(ms(bh.between(at("2026-11-23T10:00:00Z"), at("2026-11-23T15:30:00Z"))) == ms(5h + 30min));
  BOOST_TEST(ms(bh.between(at("2026-11-23T08:00:00Z"), at("2026-11-23T18:00:00Z"))) == ms(8h));
  // Monday 10:00 to Tuesday 10:00: 7 h on Monday, 1 h on Tuesday.
  BOOST_TEST(ms(bh.between(at("2026-11-23T10:00:00Z"), at("2026-11-24T10:00:00Z"))) == ms(8h));
  BOOST_TEST(ms(bh.between(at("2026-11-23T15:00:00Z"), at("2026-11-23T10:00:00Z"))) == 0);  // to <= from
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T10:00:00Z"), 3h)) == "2026-11-23T13:00:00.000Z");
  // 1 h left on Monday, 1 h on Tuesday from 09:00.
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T16:00:00Z"), 2h)) == "2026-11-24T10:00:00.000Z");
}

// S1: Saturday and Sunday have no periods, so they add no time.
BOOST_AUTO_TEST_CASE(s1_weekend_skipped) {
  tc::business_hours bh(weekdays("UTC"));
  // Friday 2026-11-27 16:00 + 2 h: 1 h on Friday, 1 h on Monday 2026-11-30.
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-27T16:00:00Z"), 2h)) == "2026-11-30T10:00:00.000Z");
  BOOST_TEST(ms(bh.between(at("2026-11-27T16:00:00Z"), at("2026-11-30T10:00:00Z"))) == ms(2h));
  BOOST_TEST(ms(bh.between(at("2026-11-28T00:00:00Z"), at("2026-11-30T00:00:00Z"))) == 0);
  BOOST_TEST(!bh.is_open(at("2026-11-28T12:00:00Z")));
  // Four whole weeks: 4 x 5 x 8 h.
  BOOST_TEST(ms(bh.between(at("2026-11-23T00:00:00Z"), at("2026-12-21T00:00:00Z"))) == ms(160h));
}

// S1: two periods a day, 09:00-12:00 and 13:00-17:00: 7 h a day, 35 h a week.
BOOST_AUTO_TEST_CASE(s1_split_shift_skips_the_lunch_break) {
  tc::business_hours bh(weekdays("UTC", {{9 * 60, 12 * 60}, {13 * 60, 17 * 60}}));
  BOOST_TEST(bh.is_open(at("2026-11-23T11:59:00Z")));
  BOOST_TEST(!bh.is_open(at("2026-11-23T12:30:00Z")));
  BOOST_TEST(bh.is_open(at("2026-11-23T13:00:00Z")));
  BOOST_TEST(ms(bh.between(at("2026-11-23T11:00:00Z"), at("2026-11-23T14:00:00Z"))) == ms(2h));
  BOOST_TEST(ms(bh.between(at("2026-11-23T00:00:00Z"), at("2026-11-24T00:00:00Z"))) == ms(7h));
  BOOST_TEST(ms(bh.between(at("2026-11-23T00:00:00Z"), at("2026-12-21T00:00:00Z"))) == ms(140h));
  // 11:00 + 2 h: 1 h before lunch, 1 h after it.
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T11:00:00Z"), 2h)) == "2026-11-23T14:00:00.000Z");
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T12:30:00Z"), 1h)) == "2026-11-23T14:00:00.000Z");
}

// S1: a holiday closes its whole local day; Friday 2026-12-25 here.
BOOST_AUTO_TEST_CASE(s1_holiday_closes_the_day) {
  auto c = weekdays("UTC");
  c.holidays = {"2026-12-25"};
  tc::business_hours bh(c);
  BOOST_TEST(!bh.is_open(at("2026-12-25T10:00:00Z")));
  // Thursday 16:00 + 2 h: 1 h on Thursday, then Friday (holiday) and the weekend, 1 h on Monday 12-28.
  BOOST_TEST(tc::format_time(bh.add(at("2026-12-24T16:00:00Z"), 2h)) == "2026-12-28T10:00:00.000Z");
  // Thursday 8 h + Monday 8 h.
  BOOST_TEST(ms(bh.between(at("2026-12-24T00:00:00Z"), at("2026-12-29T00:00:00Z"))) == ms(16h));
  // Five weeks around it: 25 working days less the holiday.
  BOOST_TEST(ms(bh.between(at("2026-12-07T00:00:00Z"), at("2027-01-11T00:00:00Z"))) == ms(24 * 8h));
}

// S1: Europe/Berlin springs forward on Sunday 2026-03-29, 02:00 CET -> 03:00
// CEST (01:00Z). 09:00-17:00 is still 8 h; 01:00-04:00 straddles the jump and
// is 2 h of real time (00:00Z to 02:00Z).
BOOST_AUTO_TEST_CASE(s1_berlin_spring_forward) {
  tc::calendar c;
  c.time_zone = "Europe/Berlin";
  c.periods = {{0, 1 * 60, 4 * 60}, {0, 9 * 60, 17 * 60}, {6, 9 * 60, 17 * 60}, {1, 9 * 60, 17 * 60}};
  tc::business_hours bh(c);
  BOOST_TEST(ms(bh.between(at("2026-03-29T01:00:00+01:00"), at("2026-03-29T04:00:00+02:00"))) == ms(2h));
  BOOST_TEST(ms(bh.between(at("2026-03-29T00:00:00+01:00"), at("2026-03-29T12:00:00+02:00"))) == ms(2h + 3h));
  BOOST_TEST(ms(bh.between(at("2026-03-29T09:00:00+02:00"), at("2026-03-29T17:00:00+02:00"))) == ms(8h));
  // Saturday 8 h (CET) + Sunday 2 h + 8 h + Monday 8 h (CEST).
  BOOST_TEST(ms(bh.between(at("2026-03-28T00:00:00+01:00"), at("2026-03-31T00:00:00+02:00"))) == ms(26h));
  BOOST_TEST(bh.is_open(at("2026-03-29T01:59:00+01:00")));
  BOOST_TEST(bh.is_open(at("2026-03-29T03:00:00+02:00")));  // the instant after 01:59:59 CET
  BOOST_TEST(!bh.is_open(at("2026-03-29T04:00:00+02:00")));
  // 01:00 CET + 1.5 h of real time is 03:30 CEST.
  BOOST_TEST(tc::format_time(bh.add(at("2026-03-29T01:00:00+01:00"), 90min)) == "2026-03-29T01:30:00.000Z");
  // From Saturday 16:00 CET: 1 h Saturday, 2 h in the night, 1 h from 09:00 CEST.
  BOOST_TEST(tc::format_time(bh.add(at("2026-03-28T16:00:00+01:00"), 4h)) == "2026-03-29T08:00:00.000Z");
}

// S1: a period that starts at a time the jump skips opens when the jump ends:
// Sunday 02:30-05:00 on 2026-03-29 is 03:00 CEST (01:00Z) to 05:00 CEST.
BOOST_AUTO_TEST_CASE(s1_skipped_start_opens_at_the_jump) {
  tc::calendar c;
  c.time_zone = "Europe/Berlin";
  c.periods = {{0, 2 * 60 + 30, 5 * 60}};
  tc::business_hours bh(c);
  BOOST_TEST(!bh.is_open(at("2026-03-29T00:59:59.999Z")));
  BOOST_TEST(bh.is_open(at("2026-03-29T01:00:00Z")));
  BOOST_TEST(ms(bh.between(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z"))) == ms(2h));
  // A week earlier, in CET, the same period is 2.5 h.
  BOOST_TEST(ms(bh.between(at("2026-03-21T00:00:00Z"), at("2026-03-23T00:00:00Z"))) == ms(2h + 30min));
  // A period wholly inside the gap is empty that night, 30 min a week earlier.
  c.periods = {{0, 2 * 60 + 15, 2 * 60 + 45}};
  tc::business_hours gap(c);
  BOOST_TEST(ms(gap.between(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z"))) == 0);
  BOOST_TEST(!gap.is_open(at("2026-03-29T01:00:00Z")));
  BOOST_TEST(ms(gap.between(at("2026-03-21T00:00:00Z"), at("2026-03-23T00:00:00Z"))) == ms(30min));
}

// S1: Europe/Berlin falls back on Sunday 2026-10-25, 03:00 CEST -> 02:00 CET
// (01:00Z), so 02:00-03:00 happens twice. A repeated time means its first
// occurrence: 00:00-02:30 runs from 22:00Z to 02:30 CEST (00:30Z), 2.5 h;
// 02:45-03:30 from 02:45 CEST (00:45Z) to 03:30 CET (02:30Z), 1.75 h.
BOOST_AUTO_TEST_CASE(s1_berlin_fall_back) {
  tc::calendar c;
  c.time_zone = "Europe/Berlin";
  c.periods = {{0, 0, 2 * 60 + 30}, {0, 2 * 60 + 45, 3 * 60 + 30}, {0, 9 * 60, 17 * 60}, {6, 1 * 60, 4 * 60}};
  tc::business_hours bh(c);
  BOOST_TEST(ms(bh.between(at("2026-10-24T12:00:00Z"), at("2026-10-25T00:45:00Z"))) == ms(150min));
  // 02:45-03:30 and 09:00-13:00 CET.
  BOOST_TEST(ms(bh.between(at("2026-10-25T00:30:00Z"), at("2026-10-25T12:00:00Z"))) == ms(105min + 4h));
  BOOST_TEST(ms(bh.between(at("2026-10-25T09:00:00+01:00"), at("2026-10-25T17:00:00+01:00"))) == ms(8h));
  // The local Sunday is 25 h long; 2.5 h + 1.75 h + 8 h of it are open.
  BOOST_TEST(ms(bh.between(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00"))) == ms(735min));
  BOOST_TEST(bh.is_open(at("2026-10-25T02:10:00+02:00")));   // the first 02:10
  BOOST_TEST(!bh.is_open(at("2026-10-25T02:35:00+02:00")));  // the first 02:35: between the periods
  BOOST_TEST(bh.is_open(at("2026-10-25T02:50:00+02:00")));   // the first 02:50
  BOOST_TEST(bh.is_open(at("2026-10-25T02:10:00+01:00")));   // the second 02:10: after 02:45 CEST
  BOOST_TEST(bh.is_open(at("2026-10-25T02:40:00+01:00")));
  BOOST_TEST(!bh.is_open(at("2026-10-25T03:30:00+01:00")));
  // 00:00 CEST + 3 h: 2.5 h, then 30 min from 02:45 CEST: 03:15 CEST, which the clock calls 02:15 CET.
  BOOST_TEST(tc::format_time(bh.add(at("2026-10-25T00:00:00+02:00"), 3h)) == "2026-10-25T01:15:00.000Z");
  // Saturday 2026-10-24 01:00-04:00 is still CEST, 3 h; a week later, the Saturday 10-31 is 3 h of CET.
  BOOST_TEST(ms(bh.between(at("2026-10-24T00:00:00+02:00"), at("2026-10-24T12:00:00+02:00"))) == ms(3h));
  BOOST_TEST(ms(bh.between(at("2026-10-31T00:00:00+01:00"), at("2026-10-31T12:00:00+01:00"))) == ms(3h));
}

// S1: a period inside the repeated hour is open once, the first time round.
// Sunday 02:00-02:30 is 00:00Z-00:30Z on 2026-10-25, 01:00Z-01:30Z a week later.
BOOST_AUTO_TEST_CASE(s1_repeated_hour_counts_once) {
  tc::calendar c;
  c.time_zone = "Europe/Berlin";
  c.periods = {{0, 2 * 60, 2 * 60 + 30}};
  tc::business_hours bh(c);
  BOOST_TEST(bh.is_open(at("2026-10-25T00:10:00Z")));
  BOOST_TEST(!bh.is_open(at("2026-10-25T01:10:00Z")));  // 02:10 CET, the second time round
  BOOST_TEST(ms(bh.between(at("2026-10-24T00:00:00Z"), at("2026-11-02T00:00:00Z"))) == ms(60min));
  // From inside the second pass over more than a week: only 2026-11-01 counts.
  BOOST_TEST(ms(bh.between(at("2026-10-25T01:10:00Z"), at("2026-11-02T01:10:00Z"))) == ms(30min));
  BOOST_TEST(tc::format_time(bh.add(at("2026-10-25T01:10:00Z"), 10min)) == "2026-11-01T01:10:00.000Z");
}

// S1: 01:00-04:00 on the fall-back night holds the repeated hour: 4 h real time.
BOOST_AUTO_TEST_CASE(s1_period_straddling_fall_back_is_longer) {
  tc::calendar c;
  c.time_zone = "Europe/Berlin";
  c.periods = {{0, 1 * 60, 4 * 60}};
  tc::business_hours bh(c);
  BOOST_TEST(ms(bh.between(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))) == ms(4h));
  // 01:00 CEST (23:00Z) + 4 h lands on 04:00 CET (03:00Z), the period's end.
  BOOST_TEST(tc::format_time(bh.add(at("2026-10-25T01:00:00+02:00"), 4h)) == "2026-10-25T03:00:00.000Z");
}

// S1: America/New_York, 09:00-17:00 local: EST is UTC-5, EDT UTC-4; DST
// starts Sunday 2026-03-08. Weekdays and holidays are local ones.
BOOST_AUTO_TEST_CASE(s1_new_york) {
  auto c = weekdays("America/New_York");
  c.holidays = {"2026-07-03"};
  c.periods.push_back({0, 20 * 60, 1440});  // Sunday evening on call, to midnight
  tc::business_hours bh(c);
  BOOST_TEST(bh.is_open(at("2026-11-23T21:59:00Z")));  // Monday 16:59 EST
  BOOST_TEST(!bh.is_open(at("2026-11-23T22:00:00Z")));
  BOOST_TEST(!bh.is_open(at("2026-11-23T13:59:00Z")));  // Monday 08:59 EST
  // Monday 04:30Z is still Sunday 23:30 in New York; Sunday's period ends at local midnight.
  BOOST_TEST(bh.is_open(at("2026-11-23T04:30:00Z")));
  BOOST_TEST(!bh.is_open(at("2026-11-23T05:00:00Z")));
  // Friday 16:00 EST + 2 h: 1 h Friday; Sunday 20:00-24:00 EDT is 4 h, so the
  // rest lands on Sunday 21:00 EDT (Monday 01:00Z).
  BOOST_TEST(tc::format_time(bh.add(at("2026-03-06T16:00:00-05:00"), 2h)) == "2026-03-09T01:00:00.000Z");
  // Friday 1 h + Sunday 4 h + Monday 09:00-10:00 EDT 1 h.
  BOOST_TEST(ms(bh.between(at("2026-03-06T16:00:00-05:00"), at("2026-03-09T10:00:00-04:00"))) == ms(6h));
  // Friday 2026-07-03 is a holiday: Thursday 1 h, Sunday 4 h, Monday 1 h.
  BOOST_TEST(!bh.is_open(at("2026-07-03T11:00:00-04:00")));
  BOOST_TEST(ms(bh.between(at("2026-07-02T16:00:00-04:00"), at("2026-07-06T10:00:00-04:00"))) == ms(6h));
}

// S1: spans across the year boundary, with New Year's Day a holiday.
BOOST_AUTO_TEST_CASE(s1_span_crossing_the_year) {
  auto c = weekdays("UTC");
  c.holidays = {"2026-12-25", "2027-01-01"};
  tc::business_hours bh(c);
  // Thursday 2026-12-31 16:00: 1 h, Friday 2027-01-01 closed, Monday 2027-01-04 1 h.
  BOOST_TEST(tc::format_time(bh.add(at("2026-12-31T16:00:00Z"), 2h)) == "2027-01-04T10:00:00.000Z");
  BOOST_TEST(ms(bh.between(at("2026-12-31T16:00:00Z"), at("2027-01-04T10:00:00Z"))) == ms(2h));
  // 2026 has 261 weekdays (52 weeks and Thursday the 31st), less Christmas.
  BOOST_TEST(ms(bh.between(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))) == ms(260 * 8h));
}

// S1: a year in Berlin crosses both DST changes; they fall on Sundays, so
// weekday hours are untouched: 261 x 8 h, and adding them ends on Thursday
// 2026-12-31 17:00 CET.
BOOST_AUTO_TEST_CASE(s1_year_in_berlin) {
  tc::business_hours bh(weekdays("Europe/Berlin"));
  BOOST_TEST(ms(bh.between(at("2026-01-01T00:00:00+01:00"), at("2027-01-01T00:00:00+01:00"))) == ms(261 * 8h));
  BOOST_TEST(tc::format_time(bh.add(at("2026-01-01T00:00:00+01:00"), 261 * 8h)) == "2026-12-31T16:00:00.000Z");
}

// S1: long spans are computed a week at a time: a century of UTC weekdays
// from Monday 2001-01-01 is 5217 weeks and 5 days, 26090 weekdays.
BOOST_AUTO_TEST_CASE(s1_century_span) {
  tc::business_hours bh(weekdays("UTC"));
  BOOST_TEST(ms(bh.between(at("2001-01-01T00:00:00Z"), at("2101-01-01T00:00:00Z"))) == ms(26090 * 8h));
  BOOST_TEST(tc::format_time(bh.add(at("2001-01-01T00:00:00Z"), 26090 * 8h)) == "2100-12-31T17:00:00.000Z");
}

// S1: when the amount runs out exactly at a period's end, add() answers that
// end, not the next opening.
BOOST_AUTO_TEST_CASE(s1_add_lands_at_period_end) {
  tc::business_hours bh(weekdays("UTC", {{9 * 60, 12 * 60}, {13 * 60, 17 * 60}}));
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T11:00:00Z"), 1h)) == "2026-11-23T12:00:00.000Z");
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T09:00:00Z"), 7h)) == "2026-11-23T17:00:00.000Z");
  // Friday's last hour ends the week: Friday 17:00, not Monday 09:00.
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-27T16:00:00Z"), 1h)) == "2026-11-27T17:00:00.000Z");
  // One millisecond more opens the next period.
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-27T16:00:00Z"), 1h + 1ms)) == "2026-11-30T09:00:00.001Z");
}

// S1: from a closed time, the clock starts at the next opening; a zero or
// negative amount answers `from` itself, open or not.
BOOST_AUTO_TEST_CASE(s1_add_from_outside_hours) {
  tc::business_hours bh(weekdays("UTC"));
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-28T12:00:00Z"), 1h)) == "2026-11-30T10:00:00.000Z");  // Saturday
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T07:00:00Z"), 30min)) == "2026-11-23T09:30:00.000Z");
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-23T17:00:00Z"), 1ms)) == "2026-11-24T09:00:00.001Z");
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-28T12:00:00Z"), 0ms)) == "2026-11-28T12:00:00.000Z");
  BOOST_TEST(tc::format_time(bh.add(at("2026-11-28T12:00:00Z"), -5min)) == "2026-11-28T12:00:00.000Z");
}

// S1: a day the zone skips has no hours: Samoa jumped from 2011-12-29 24:00
// (UTC-10) to 2011-12-31 00:00 (UTC+14). 09:00-17:00 daily gives 8 h on the
// 29th and 8 h on the 31st, none on the 30th.
BOOST_AUTO_TEST_CASE(s1_skipped_day_has_no_hours) {
  tc::calendar c;
  c.time_zone = "Pacific/Apia";
  for (int day = 0; day < 7; ++day) c.periods.push_back({day, 9 * 60, 17 * 60});
  tc::business_hours bh(c);
  BOOST_TEST(ms(bh.between(at("2011-12-29T00:00:00-10:00"), at("2012-01-01T00:00:00+14:00"))) == ms(16h));
  // Thursday 16:00 (-10:00) + 2 h: 1 h that day, 1 h on Saturday the 31st.
  BOOST_TEST(tc::format_time(bh.add(at("2011-12-29T16:00:00-10:00"), 2h)) == "2011-12-30T20:00:00.000Z");
}

// S1: add() and between() are inverse, and add() gives the earliest instant:
// for a few hundred seeded (from, amount) pairs on a calendar with split
// shifts, a Sunday night across the DST jumps, and holidays near them.
BOOST_AUTO_TEST_CASE(s1_between_inverts_add) {
  auto c = weekdays("Europe/Berlin", {{8 * 60, 12 * 60}, {13 * 60, 17 * 60 + 30}});
  c.periods.push_back({6, 10 * 60, 14 * 60});
  c.periods.push_back({0, 1 * 60, 4 * 60});
  c.holidays = {"2025-12-25", "2026-03-27", "2026-03-30", "2026-10-26", "2027-01-01"};
  tc::business_hours bh(c);
  std::mt19937_64 rng(20260329);
  auto first = at("2025-01-01T00:00:00Z").time_since_epoch().count();
  auto last = at("2028-01-01T00:00:00Z").time_since_epoch().count();
  std::uniform_int_distribution<std::int64_t> instant(first, last);
  std::uniform_int_distribution<std::int64_t> short_amount(1, ms(20h)), long_amount(1, ms(3000h));
  for (int i = 0; i < 400; ++i) {
    tc::time_point from{tc::duration{instant(rng)}};
    tc::duration amount{i % 2 ? short_amount(rng) : long_amount(rng)};
    auto end = bh.add(from, amount);
    auto middle = from + (end - from) / 3;
    BOOST_TEST_CONTEXT("from " << tc::format_time(from) << " amount " << amount.count() << " ms") {
      BOOST_TEST(ms(bh.between(from, end)) == ms(amount));
      BOOST_TEST(ms(bh.between(from, end - 1ms)) == ms(amount) - 1);  // not a millisecond earlier
      BOOST_TEST(bh.is_open(end - 1ms));
      BOOST_TEST(ms(bh.between(from, middle) + bh.between(middle, end)) == ms(amount));
    }
  }
}

// S1: every kind of bad calendar is rejected with the field it is about.
BOOST_AUTO_TEST_CASE(s1_validation_names_each_field) {
  auto zone = weekdays("Mars/Olympus_Mons");
  BOOST_TEST(rejected(zone) == std::vector<std::string>{"time_zone"});
  zone.time_zone = "";
  BOOST_TEST(rejected(zone) == std::vector<std::string>{"time_zone"});
  zone.time_zone = "localtime";  // the host's zone, not an IANA name
  BOOST_TEST(rejected(zone) == std::vector<std::string>{"time_zone"});

  tc::calendar empty;
  BOOST_TEST(rejected(empty) == std::vector<std::string>{"periods"});

  tc::calendar bad;
  bad.periods = {{7, 540, 600}, {-1, 540, 600}, {1, -1, 600}, {1, 1440, 1441}, {2, 600, 600}, {3, 700, 650},
                 {9, 600, 500}, {4, 0, 0}};
  BOOST_TEST(rejected(bad) == (std::vector<std::string>{"periods[0].weekday", "periods[1].weekday",
                                                        "periods[2].start_minute", "periods[3].start_minute",
                                                        "periods[3].end_minute", "periods[4].end_minute",
                                                        "periods[5].end_minute", "periods[6].weekday",
                                                        "periods[6].end_minute", "periods[7].end_minute"}));

  // Overlaps on one weekday blame the period that starts later.
  tc::calendar overlap;
  overlap.periods = {{1, 600, 720}, {1, 540, 660}, {2, 540, 720}, {2, 600, 630}, {3, 540, 720}, {3, 720, 1440}};
  BOOST_TEST(rejected(overlap) == (std::vector<std::string>{"periods[0].start_minute", "periods[3].start_minute"}));

  auto dates = weekdays("UTC");
  dates.holidays = {"2026-13-01", "2026-02-30", "26-01-01", "2026-1-01", "2026-01-01x", "", "2028-02-29", "2026/01/01"};
  BOOST_TEST(rejected(dates) == (std::vector<std::string>{"holidays[0]", "holidays[1]", "holidays[2]", "holidays[3]",
                                                          "holidays[4]", "holidays[5]", "holidays[7]"}));

  // All problems at once, and the message names them.
  tc::calendar all;
  all.time_zone = "Nowhere/City";
  all.holidays = {"2026-02-29"};
  auto e = attempt([&] { tc::business_hours{all}; });
  BOOST_TEST((e.kind == tc::errc::validation_failed));
  BOOST_TEST(e.fields == (std::vector<std::string>{"time_zone", "periods", "holidays[0]"}));
  BOOST_TEST(e.message.find("Nowhere/City") != std::string::npos);
  BOOST_TEST(e.message.find("2026-02-29") != std::string::npos);

  // Adjacent periods and the same hours on other days are fine.
  auto fine = weekdays("UTC", {{9 * 60, 12 * 60}, {12 * 60, 17 * 60}});
  fine.holidays = {"2028-02-29", "2028-02-29"};
  BOOST_TEST(rejected(fine).empty());
}

// S1: zone names a host may check before building a calendar.
BOOST_AUTO_TEST_CASE(s1_time_zone_names) {
  BOOST_TEST(tc::is_time_zone("Europe/Berlin"));
  BOOST_TEST(tc::is_time_zone("America/New_York"));
  BOOST_TEST(tc::is_time_zone("UTC"));
  BOOST_TEST(!tc::is_time_zone("Mars/Olympus_Mons"));
  BOOST_TEST(!tc::is_time_zone("localtime"));
  BOOST_TEST(!tc::is_time_zone(""));
}

// S1: times outside the years 0001-9999 are refused, not mis-computed.
BOOST_AUTO_TEST_CASE(s1_out_of_range_times_rejected) {
  tc::business_hours bh(weekdays("UTC"));
  auto far = attempt([&] { bh.add(at("9999-12-31T16:00:00Z"), 2h); });
  BOOST_TEST((far.kind == tc::errc::invalid_argument));
  auto max = attempt([&] { bh.is_open(tc::time_point::max()); });
  BOOST_TEST((max.kind == tc::errc::invalid_argument));
  auto min = attempt([&] { bh.between(tc::time_point::min(), at("2026-11-23T00:00:00Z")); });
  BOOST_TEST((min.kind == tc::errc::invalid_argument));
  BOOST_TEST(tc::format_time(bh.add(at("9999-12-31T16:00:00Z"), 1h)) == "9999-12-31T17:00:00.000Z");
}
