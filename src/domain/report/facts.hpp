// The facts reports read (R1), written to history when they happen, so a
// report over a past period is computed from history alone and does not
// move when a ticket, a policy or a calendar changes later
// (docs/reporting.md). Each is called inside the change's unit of work.
#pragma once

#include "kernel/unit_of_work.hpp"

namespace ticketcore::detail {

// "first_response": a teammate's first reply on customer ticket `t`, with
// the time since creation (business seconds on the calendar of the ticket's
// policy, else elapsed seconds). Call before the reply is posted; does
// nothing when the ticket already has a reply.
void record_first_response(unit_of_work& uow, const ticket& t);

// "resolution": `t` entered a resolved state ({event: resolved, cycle,
// seconds since the cycle began}) or left one ({event: reopened, cycle}).
// Call after t.state_category moved from `from`.
void record_resolution(unit_of_work& uow, const ticket& t, state_category from);

// "sla.<target>" {event: met, cycle, within, used_seconds, target_seconds}
// for every clock of `t` met since `before` was taken.
void record_sla_met(unit_of_work& uow, const ticket& t, const sla_state& before);

}  // namespace ticketcore::detail
