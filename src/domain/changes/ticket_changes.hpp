// Field and attribute changes to one ticket inside a unit of work: what
// desk::update_ticket does, and what automation rules do (A1).
#pragma once

#include "kernel/unit_of_work.hpp"

namespace ticketcore::detail {

// Validates and applies `ch` to `t` as uow.who: one history entry per
// changed field, a ticket_updated event, the service level re-matched.
// Saves `t` and returns true if anything changed; throws
// validation_failed naming every bad field, changing nothing.
bool apply_ticket_changes(unit_of_work& uow, stored_ticket& t, const ticket_changes& ch);

// T2, T3, T5: the same on the ticket `ref` (at `expected_version`, if
// given), which must not be merged (M1); returns it as saved.
ticket update_ticket(unit_of_work& uow, const ticket_ref& ref, const ticket_changes& ch,
                     std::optional<std::uint64_t> expected_version);

// V1, T3: files the ticket `ref` under `company` (a known company, or ""
// for none), which changes which contacts see it when it is shared with
// its company. A shared ticket left without a company becomes private.
ticket set_company(unit_of_work& uow, const ticket_ref& ref, const std::string& company,
                   std::optional<std::uint64_t> expected_version);

}  // namespace ticketcore::detail
