// What the Desk's query operations share (Q1, B1): cursors and checks.
#pragma once

#include "kernel/unit_of_work.hpp"
#include "visibility/policy.hpp"

#include <ticketcore/config.hpp>
#include <ticketcore/query.hpp>

#include <optional>
#include <string>

namespace ticketcore::detail {

// A query past a U4 limit is invalid_argument naming the field. Unknown
// types or priorities are validation_failed naming "types" or
// "priorities", so a typo never reads as "nothing matches". A type the
// policy hides from the reader is unknown to them (U2).
void validate_query(const visibility& policy, const config& c, const ticket_query& q);

// The plan of `q` for `who` (the policy's), after checking its filters: the
// one that finding, counting and the inbox run. Throws forbidden for a
// filter closed to a contact, then validation_failed for unknown values.
query_plan plan_query(const config& c, const actor& who, const ticket_query& q, people& directory);

// The cursor of the page that ends with `last`, and back; a cursor of
// another order is invalid_argument.
std::string cursor_after(const config& c, const ticket_query& q, const stored_ticket& last);
std::optional<ticket_position> parse_cursor(const ticket_query& q, const std::string& cursor);

// Q1: a page size outside 1-10000 is invalid_argument.
void check_page_limit(std::size_t limit);

// Q1: up to `limit` tickets matching `q` for uow.who after `after`, each
// in the reader's projection (V5), with the next page's cursor.
ticket_page find_tickets(unit_of_work& uow, const ticket_query& q, std::size_t limit,
                         const std::optional<ticket_position>& after);
// Q1: how many tickets match `q` for uow.who, under the same plan.
std::size_t count_tickets(unit_of_work& uow, const ticket_query& q);

}  // namespace ticketcore::detail
