// What the Desk's query operations share (Q1, B1): cursors and checks.
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/query.hpp>

#include <optional>
#include <string>

namespace ticketcore::detail {

// A query past a U4 limit is invalid_argument naming the field. Unknown
// types or priorities are validation_failed naming "types" or "priorities",
// so a typo never reads as "nothing matches".
void validate_query(const config& c, const ticket_query& q);

// The cursor of the page that ends with `last`, and back; a cursor of
// another order is invalid_argument.
std::string cursor_after(const ticket_query& q, const ticket& last);
std::optional<ticket_position> parse_cursor(const ticket_query& q, const std::string& cursor);

}  // namespace ticketcore::detail
