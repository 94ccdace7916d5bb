// The inbox (V1, V3, U3): the tickets and conversations a reader may see,
// newest first across both. Its ticket filter is planned as a query, so the
// same filter gets the same answer as find_tickets; each part of the plan is
// read from the store's inbox filter and merged with the conversations.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/views.hpp>

#include <cstddef>
#include <optional>
#include <vector>

namespace ticketcore::detail {

// Up to `want` inbox rows the unit of work's actor may see, newest first,
// older than `before` if set. Rows the store could not read stand as
// markers for staff; a contact's inbox leaves them out.
std::vector<inbox_item> inbox_rows(unit_of_work& uow, const inbox_filter& f, const std::optional<uuid>& before,
                                   std::size_t want);

// One page of the inbox: up to f.limit rows older than `before` (the
// position of the page's cursor), and the next page's cursor when another
// page follows.
ticketcore::inbox_page inbox_page_after(unit_of_work& uow, const inbox_filter& f, const std::optional<uuid>& before);

}  // namespace ticketcore::detail
