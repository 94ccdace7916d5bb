#include <ticketcore/clock.hpp>
#include <ticketcore/error.hpp>

#include "model/text.hpp"

#include <cstdio>

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
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  std::string out = "0000-00-00T00:00:00.000Z";
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {  // outside what the fixed width holds: rare, keep the general path
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%d-%02u-%02uT%02d:%02d:%02d.%03dZ", year, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                  static_cast<int>(hms.subseconds().count()));
    return buffer;
  }
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
    if (!digits(s, at + 1, 2, oh) || at + 3 >= s.size() || s[at + 3] != ':' || !digits(s, at + 4, 2, om))
      throw fail();
    offset_minutes = (s[at] == '-' ? -1 : 1) * (oh * 60 + om);
    at += 6;
  } else {
    throw fail();
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (at != s.size() || !ymd.ok() || h > 23 || mi > 59 || sec > 60) throw fail();
  return time_point{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms} -
         minutes{offset_minutes};
}

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
  now_ += d;
}

}  // namespace ticketcore
