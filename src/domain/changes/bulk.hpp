// Bulk changes (B1): one change applied to every ticket a query matches,
// each ticket changing as if changed alone, in the caller's unit of work, so
// the call (or each batch) commits whole or not at all.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/desk.hpp>

#include <cstddef>
#include <optional>

namespace ticketcore::detail {

// `q` in the order a bulk change walks it: creation order, oldest first.
// No change moves a ticket in it, so pages and batches stay where they
// were while the tickets change under them.
ticket_query in_bulk_order(ticket_query q);

// Applies `change` to the tickets of `ordered` (in_bulk_order) after
// `start`, at most `batch` of them (0: all), as uow.who. Throws naming the
// first ticket that cannot take the change (merged, a state its lifecycle
// lacks or does not allow), which rolls back the whole call. next_cursor
// is set when the batch is full and more tickets match.
bulk_result apply_bulk_change(unit_of_work& uow, const ticket_query& ordered, std::optional<ticket_position> start,
                              const bulk_change& change, std::size_t batch);

}  // namespace ticketcore::detail
