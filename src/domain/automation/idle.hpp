// Idle rules (A1, "time since last update"): each runs once per quiet period
// of a ticket, the time since its updated_at. Their deadlines join the
// ticket's next_due_at, so desk::tick finds them through the due index.
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/storage_types.hpp>

#include <vector>

namespace ticketcore::detail::automation {

// t.idle_due_at: when the first idle rule not yet run in this quiet period
// comes due, or none.
void refresh_idle_due(const config& c, stored_ticket& t);

// The idle rules due at `now`, in configuration order, marked run for this
// quiet period (whether or not their conditions will hold: only an update
// can change that, and an update starts a new period).
std::vector<const rule*> take_idle(const config& c, stored_ticket& t, time_point now);

}  // namespace ticketcore::detail::automation
