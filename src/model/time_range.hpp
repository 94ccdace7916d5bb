// The times ticketcore keeps (U3): those format_time writes and parse_time
// reads back, 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z.
#pragma once

#include <ticketcore/clock.hpp>

namespace ticketcore::detail {

inline constexpr time_point earliest_time{std::chrono::sys_days{std::chrono::year{0} / 1 / 1}};
inline constexpr time_point latest_time{std::chrono::sys_days{std::chrono::year{9999} / 12 / 31} +
                                        std::chrono::days{1} - std::chrono::milliseconds{1}};

inline bool in_time_range(time_point t) { return t >= earliest_time && t <= latest_time; }

// Throws error(validation_failed) naming `field` when `t` is outside the
// range: a time that would not read back is refused where it comes in.
void check_time(time_point t, const char* field);

// `c.now()`, checked like check_time with the field "clock": a host clock
// that reads outside the range fails the operation instead of stamping
// records with a time that does not read back.
time_point clock_reading(clock& c);

}  // namespace ticketcore::detail
