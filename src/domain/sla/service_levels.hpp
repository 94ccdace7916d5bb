// The Desk's side of service levels (S1): replaying a ticket's history when
// its policy may have changed.
#pragma once

#include "domain/sla/engine.hpp"
#include "kernel/unit_of_work.hpp"

#include <cstddef>

namespace ticketcore::detail {

// Replays `t`'s service level from its history under the current policies,
// recording a change of policy. The caller saves `t`.
void rebuild_service_level(unit_of_work& uow, ticket& t);
// After a change to a field policies match on (priority, brand, tags): if
// another policy applies now, rebuilds under it.
void rematch_service_level(unit_of_work& uow, ticket& t);
// desk::apply_sla_policies (S1): one page of the tickets `f` lists. Each
// gets its service level rebuilt under the current policies and what the
// unit of work's hooks derive before a save (the deadline of idle rules
// added since, the next due time); one where either changed is saved as
// bookkeeping and counted in `changed`. Moves f.before past the page and
// returns its size.
std::size_t reapply_policies_page(unit_of_work& uow, ticket_filter& f, std::size_t& changed);
// S1, S2: a history entry, an event and teammate notifications for `e`,
// which came due on `t`.
void raise_due(unit_of_work& uow, const ticket& t, const sla::due_event& e);

}  // namespace ticketcore::detail
