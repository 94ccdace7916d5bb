// The service-level engine (S1, S2): functions over one ticket, called by
// the Desk inside the unit of work of each change that moves a clock, and by
// desk::tick() to raise what has come due. No storage, no clock of its own.
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/storage_types.hpp>

#include <vector>

namespace ticketcore::detail::sla {

// The first policy whose conditions hold for `t`, or nullptr (S1: ordered).
const sla_policy* match(const config& c, const ticket& t);

// Creation: records the policy that applies and starts its clocks at `at`.
void start(ticket& t, const config& c, time_point at);
// The ticket's state category moved from `from` to t.state_category.
void state_changed(ticket& t, const config& c, state_category from, time_point at);
void teammate_replied(ticket& t, const config& c, time_point at);
void contact_wrote(ticket& t, const config& c, time_point at);

// The ticket's service level replayed from its creation under today's
// policies: the changes of state in `history` and the replies and contact
// messages in `timeline`. Events are raised anew under the new times.
void rebuild(ticket& t, const config& c, const std::vector<history_entry>& history,
             const std::vector<part>& timeline);

// Something that came due on a ticket.
struct due_event {
  enum class kind { at_risk, breached, follow_up, action_required } what;
  sla_target target = sla_target::resolution;  // at_risk and breached
  int cycle = 0;
  time_point at{};  // when it came due
  time_point due_at{};  // at_risk and breached: the target's deadline
};
// Raises, once each, the events due at `now` (marking them raised).
std::vector<due_event> take_due(stored_ticket& t, time_point now);

// The earliest event still to raise, kept in t.next_due_at for the stores'
// due index. Cheap: reads the clocks, computes nothing.
void refresh_next_due(stored_ticket& t);

}  // namespace ticketcore::detail::sla
