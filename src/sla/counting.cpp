#include "sla/counting.hpp"

namespace ticketcore::detail::sla {

counting::counting(const config&, const sla_policy&) {}

duration counting::between(time_point from, time_point to) const { return to > from ? to - from : duration::zero(); }

time_point counting::add(time_point from, duration amount) const {
  return amount > duration::zero() ? from + amount : from;
}

}  // namespace ticketcore::detail::sla
