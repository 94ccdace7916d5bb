#include "domain/automation/due.hpp"

#include "domain/automation/idle.hpp"
#include "domain/automation/rules.hpp"
#include "domain/sla/service_levels.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail::automation {

std::size_t raise_due_batch(unit_of_work& uow, time_point now, std::size_t limit, std::size_t& raised) {
  uow.now = now;
  auto due = uow.tx.due_tickets(now, limit);
  for (stored_ticket& t : due) {
    auto events = sla::take_due(t, now);
    auto idle = take_idle(uow.cfg, t, now);
    sla::refresh_next_due(t);
    // Still due after its events: the next batch would take it again, for ever.
    if (t.next_due_at && *t.next_due_at <= now)
      throw error(errc::internal, "ticket " + ticket_name(t) + " is still due after its events were raised");
    uow.save_bookkeeping(t);
    for (const auto& e : events) raise_due(uow, t, e);
    for (const rule* r : idle) run_idle_rule(uow, *r, t.id);
    raised += events.size() + idle.size();
  }
  return due.size();
}

}  // namespace ticketcore::detail::automation
