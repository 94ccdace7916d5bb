#include "domain/sla/counting.hpp"

namespace ticketcore::detail::sla {

counting::counting(const config& c, const sla_policy& p)
    : hours_(p.calendar.empty() ? nullptr : c.hours_of(p.calendar)) {}

duration counting::between(time_point from, time_point to) const {
  if (to <= from) return duration::zero();
  return hours_ ? hours_->between(from, to) : to - from;
}

time_point counting::add(time_point from, duration amount) const {
  if (amount <= duration::zero()) return from;
  return hours_ ? hours_->add(from, amount) : from + amount;
}

}  // namespace ticketcore::detail::sla
