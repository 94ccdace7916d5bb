// A ticket query (Q1) as one SQL statement over the indexed columns of
// ticket_rows.hpp. Each filter becomes a condition an index serves; lists
// arrive as one JSON parameter (json_each), so a query shape is one cached
// statement whatever the length of its lists.
#pragma once

#include "store/sqlite/connection.hpp"

#include <ticketcore/query.hpp>

#include <optional>

namespace ticketcore::detail::sqlite {

// SELECT record ... in q's order, after `after`, LIMIT `limit`.
statement select_tickets(connection& db, const ticket_query& q, const std::optional<ticket_position>& after,
                         std::size_t limit);
// SELECT count(*) ...
statement count_tickets(connection& db, const ticket_query& q);

// The text of the statements above (for EXPLAIN QUERY PLAN in tests).
std::string select_tickets_sql(const ticket_query& q, bool after);

}  // namespace ticketcore::detail::sqlite
