// U4: what one query may ask of a store, checked before any store sees it.
#pragma once

#include <ticketcore/query.hpp>

namespace ticketcore::detail::query {

// invalid_argument naming the field and its limit when `q` asks for more
// work than one request may (the constants in <ticketcore/query.hpp>).
void check_limits(const ticket_query& q);

}  // namespace ticketcore::detail::query
