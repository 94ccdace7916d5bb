// How a policy counts time: calendar time, or business time on its calendar.
#pragma once

#include <ticketcore/clock.hpp>
#include <ticketcore/config.hpp>

namespace ticketcore::detail::sla {

class counting {
 public:
  counting(const config& c, const sla_policy& p);
  // Counted time in [from, to).
  duration between(time_point from, time_point to) const;
  // The instant at which `amount` of counted time has passed since `from`.
  time_point add(time_point from, duration amount) const;

 private:
  const business_hours* hours_ = nullptr;  // null: calendar time
};

}  // namespace ticketcore::detail::sla
