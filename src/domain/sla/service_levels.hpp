// The Desk's side of service levels (S1): replaying a ticket's history when
// its policy may have changed.
#pragma once

#include "domain/sla/engine.hpp"
#include "kernel/unit_of_work.hpp"

namespace ticketcore::detail {

// Replays `t`'s service level from its history under the current policies,
// recording a change of policy. The caller saves `t`.
void rebuild_service_level(unit_of_work& uow, ticket& t);
// After a change to a field policies match on (priority, brand, tags): if
// another policy applies now, rebuilds under it.
void rematch_service_level(unit_of_work& uow, ticket& t);
// S1, S2: a history entry, an event and teammate notifications for `e`,
// which came due on `t`.
void raise_due(unit_of_work& uow, const ticket& t, const sla::due_event& e);

}  // namespace ticketcore::detail
