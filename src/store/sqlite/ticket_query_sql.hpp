// A ticket query (Q1) as one SQL statement over the indexed columns of
// ticket_rows.hpp. Each filter becomes a condition an index serves; lists
// arrive as one JSON parameter (json_each), so a query shape is one cached
// statement whatever the length of its lists.
#pragma once

#include "store/sqlite/connection.hpp"

#include <ticketcore/query.hpp>

#include <optional>

namespace ticketcore::detail::sqlite {

// How a page of a query with text is read. Which is fastest depends on how
// many tickets match the text and the filters, so choose_text_plan counts
// both, each no further than a bound (docs/performance.md).
enum class text_plan {
  matches_first,  // look every match up and sort them: few matches, or a selective filter
  text_order,     // walk the text index in number order: the creation order, while it is that
  order_walk,     // walk the order's index, testing each ticket against the matches: many
};
text_plan choose_text_plan(connection& db, const ticket_query& q);

// SELECT record ... in q's order, after `after`, LIMIT `limit`.
statement select_tickets(connection& db, const ticket_query& q, const std::optional<ticket_position>& after,
                         std::size_t limit, text_plan plan);
// SELECT count(*) ...
statement count_tickets(connection& db, const ticket_query& q);


}  // namespace ticketcore::detail::sqlite
