// Running automation rules (A1) inside the unit of work of the change that
// triggered them, before it commits.
#pragma once

#include "kernel/unit_of_work.hpp"

namespace ticketcore::detail::automation {

// Runs every rule that the events collected in `uow` trigger, in order;
// the changes a rule makes emit events in turn, which may trigger rules,
// up to max_rule_depth and max_rule_runs (then an automation_limit event).
// What a rule changes is recorded under actor::automation(rule id).
void run_rules(unit_of_work& uow);

// desk::tick: idle rule `r` has come due on the ticket; runs it if its
// conditions hold. The events it causes join uow.events, where run_rules
// finds them.
void run_idle_rule(unit_of_work& uow, const rule& r, const uuid& ticket);

}  // namespace ticketcore::detail::automation
