// What came due (S1, S2, A1): one batch of desk::tick, in one unit of work.
// SLA events and idle rules come due through the same index (next_due_at),
// so the batch belongs to automation, which may run both.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <cstddef>

namespace ticketcore::detail::automation {

// Takes up to `limit` tickets due at `now` and, for each, takes its due SLA
// events and idle rules, refreshes its next due time past `now` and saves it
// as bookkeeping, then raises the events and runs the idle rules. Adds what
// it raised and ran to `raised`; returns how many tickets it took (fewer
// than `limit`: nothing more is due).
std::size_t raise_due_batch(unit_of_work& uow, time_point now, std::size_t limit, std::size_t& raised);

}  // namespace ticketcore::detail::automation
