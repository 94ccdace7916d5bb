#include <ticketcore/clock.hpp>
#include <ticketcore/error.hpp>

#include "model/text.hpp"
#include "model/time_range.hpp"


namespace ticketcore {

namespace {

// Writes `value` as `width` digits ending just before `end`.
void put_digits(char* end, int width, long value) {
  for (int i = 0; i < width; ++i, value /= 10) *--end = static_cast<char>('0' + value % 10);
}

}  // namespace

// By hand, not snprintf: every record written or returned as JSON formats
// its times, and a C or Python read spent a visible share here.
std::string format_time(time_point t) {
  using namespace std::chrono;
  // U3: a time outside 0000-9999 would be written in a form parse_time
  // refuses, and the record holding it would no longer read back.
  if (!detail::in_time_range(t))
    throw error(errc::invalid_argument, std::to_string(t.time_since_epoch().count()) +
                                            " ms since the epoch is outside the years 0000 to 9999");
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  std::string out = "0000-00-00T00:00:00.000Z";
  int year = static_cast<int>(ymd.year());
  char* s = out.data();
  put_digits(s + 4, 4, year);
  put_digits(s + 7, 2, static_cast<long>(static_cast<unsigned>(ymd.month())));
  put_digits(s + 10, 2, static_cast<long>(static_cast<unsigned>(ymd.day())));
  put_digits(s + 13, 2, static_cast<long>(hms.hours().count()));
  put_digits(s + 16, 2, static_cast<long>(hms.minutes().count()));
  put_digits(s + 19, 2, static_cast<long>(hms.seconds().count()));
  put_digits(s + 23, 3, static_cast<long>(hms.subseconds().count()));
  return out;
}

namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

time_point parse_time(std::string_view s) {
  using namespace std::chrono;
  auto fail = [&] {
    return error(errc::invalid_argument,
                 detail::quoted(s) + " is not an ISO 8601 time like 2026-11-23T09:30:00Z");
  };
  int y, mo, d, h, mi, sec, ms = 0;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
    throw fail();
  std::size_t at = 19;
  if (at < s.size() && s[at] == '.') {
    std::size_t start = ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    if (at == start) throw fail();
    int scale = 100;
    for (std::size_t i = start; i < at && i < start + 3; ++i, scale /= 10) ms += (s[i] - '0') * scale;
  }
  int offset_minutes = 0;
  if (at < s.size() && s[at] == 'Z') {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    int oh, om;
    if (!digits(s, at + 1, 2, oh) || at + 3 >= s.size() || s[at + 3] != ':' || !digits(s, at + 4, 2, om) ||
        oh > 23 || om > 59)
      throw fail();
    offset_minutes = (s[at] == '-' ? -1 : 1) * (oh * 60 + om);
    at += 6;
  } else {
    throw fail();
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  // Second 60 (a leap second) has no time_point of its own: it would be
  // read as the next minute's first second, a shifted value (U3).
  if (at != s.size() || !ymd.ok() || h > 23 || mi > 59 || sec > 59) throw fail();
  const time_point t = time_point{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms} -
                       minutes{offset_minutes};
  if (!detail::in_time_range(t))
    throw error(errc::invalid_argument, detail::quoted(s) + " is outside the years 0000 to 9999 in UTC");
  return t;
}

namespace detail {

void check_time(time_point t, const char* field) {
  if (!in_time_range(t))
    throw error(errc::validation_failed,
                std::string(field) + " is outside the years 0000 to 9999 (U3): " +
                    std::to_string(t.time_since_epoch().count()) + " ms since the epoch",
                {field});
}

time_point clock_reading(clock& c) {
  const time_point t = c.now();
  check_time(t, "clock");
  return t;
}

}  // namespace detail

time_point system_clock::now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

manual_clock::manual_clock(time_point start) : now_(start) {}

time_point manual_clock::now() {
  std::lock_guard lock(mutex_);
  return now_;
}

void manual_clock::set(time_point t) {
  std::lock_guard lock(mutex_);
  now_ = t;
}

void manual_clock::advance(duration d) {
  std::lock_guard lock(mutex_);
  // U3: a reading past the time_point's range is an error, never a wrapped value.
  duration::rep moved = 0;
  if (__builtin_add_overflow(now_.time_since_epoch().count(), d.count(), &moved))
    throw error(errc::validation_failed, "clock: advancing by " + std::to_string(d.count()) + " ms overflows the clock",
                {"clock"});
  now_ = time_point{duration{moved}};
}

}  // namespace ticketcore
