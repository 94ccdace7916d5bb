// Tickets a new configuration would strand (T4): in a state their type's
// new lifecycle lacks, or of a priority it no longer lists. Never left for
// a later read to stumble on: moved by an explicit migration, or the change
// is refused naming them.
#pragma once

#include "kernel/unit_of_work.hpp"
#include "model/problems.hpp"

#include <ticketcore/config.hpp>

namespace ticketcore::detail {

// Checks `m` against `before` and uow.cfg (the new configuration) and the
// tickets each would strand, adding every problem to `found`: a mapping that
// names an unknown type, a state or priority the new configuration still
// has, or a destination it lacks; a type in use losing a state `m` does not
// map (naming the tickets in it, if any); a removed priority tickets carry
// that `m` does not map (naming them).
void check_stranding(unit_of_work& uow, const config& before, const configuration_migration& m, bool indexed,
                     problems& found);

// Moves every stranded ticket where `m` says, as a change the system makes:
// to its state (with its history, event and what a stage change owes the
// contact, L4) or its priority (history, event, service level re-matched).
// Requires: check_stranding found no problem.
void carry_stranded_tickets(unit_of_work& uow, const config& before, const configuration_migration& m,
                            bool indexed);

}  // namespace ticketcore::detail
