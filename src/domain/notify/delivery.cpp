#include "domain/notify/delivery.hpp"

#include <algorithm>
#include <exception>
#include <string>

namespace ticketcore::detail {

duration backoff(const dispatch_options& o, int attempts) {
  duration wait = o.initial_backoff;
  for (int i = 1; i < attempts && wait < o.max_backoff; ++i) wait *= 2;
  return std::min(wait, o.max_backoff);
}

delivery_result attempt_delivery(notifier& n, const notification& entry) {
  try {
    return n.deliver(entry);
  } catch (const std::exception& e) {
    return delivery_result::retry(std::string("notifier threw: ") + e.what());
  } catch (...) {
    return delivery_result::retry("notifier threw a non-standard exception");
  }
}

void record_delivery(unit_of_work& uow, const uuid& id, const delivery_result& outcome, const dispatch_options& o,
                     dispatch_result& tally) {
  auto current = uow.tx.get_notification(id);
  if (!current || current->state != delivery_state::pending) return;
  ++current->attempts;
  current->last_error = outcome.message;
  using outcome_t = delivery_result::outcome;
  if (outcome.status == outcome_t::delivered) {
    current->state = delivery_state::delivered;
    current->delivered_at = uow.now;
    ++tally.delivered;
  } else if (outcome.status == outcome_t::failed || current->attempts >= o.max_attempts) {
    current->state = delivery_state::failed;
    ++tally.failed;
  } else {
    current->next_attempt_at = uow.now + backoff(o, current->attempts);
    ++tally.retried;
  }
  uow.tx.update_notification(*current);
}

}  // namespace ticketcore::detail
