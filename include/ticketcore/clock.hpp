// Time as ticketcore sees it: an injected clock, so tests and hosts decide.
#pragma once

#include <ticketcore/export.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

namespace ticketcore {

// Milliseconds since the Unix epoch, UTC.
using time_point = std::chrono::sys_time<std::chrono::milliseconds>;
using duration = std::chrono::milliseconds;

// ISO 8601 in UTC with milliseconds: "2026-11-23T21:05:00.000Z".
TICKETCORE_API std::string format_time(time_point t);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)". Throws error(invalid_argument).
TICKETCORE_API time_point parse_time(std::string_view text);

// The source of "now" for a desk. Implementations must be thread-safe.
class TICKETCORE_API clock {
 public:
  virtual ~clock() = default;
  virtual time_point now() = 0;
};

// Wall-clock time. The default.
class TICKETCORE_API system_clock final : public clock {
 public:
  time_point now() override;
};

// A clock that moves only when told: for tests and replays. Thread-safe.
class TICKETCORE_API manual_clock final : public clock {
 public:
  explicit manual_clock(time_point start);
  time_point now() override;
  void set(time_point t);
  void advance(duration d);

 private:
  std::mutex mutex_;
  time_point now_;
};

}  // namespace ticketcore
