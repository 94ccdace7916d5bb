// Visiting every ticket a few field filters select, for the Desk's own
// sweeps over the records (re-ranking, migrations): through the store's
// query index where it has one, else by walking every ticket.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/query.hpp>

#include <functional>

namespace ticketcore::detail {

// Calls `visit` with each ticket whose type, state and priority are among
// `q`'s (an empty list selects any; `q`'s other members are ignored), page
// by page, in creation order when `indexed` (query_tickets) and newest id
// first otherwise (find_tickets, filtered here). `visit` may save the
// ticket, even out of the selection; it returns false to stop. A damaged
// ticket (U3) is in neither listing.
void each_ticket(unit_of_work& uow, const ticket_query& q, bool indexed,
                 const std::function<bool(stored_ticket&)>& visit);

}  // namespace ticketcore::detail
