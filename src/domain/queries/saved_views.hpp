// Saved views (Q1): named queries kept in the desk, listed with how many
// tickets each matches now. A view without an owner is shared; one with an
// owner is that teammate's own, and to anyone else it does not exist.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/query.hpp>

#include <string>
#include <vector>

namespace ticketcore::detail {

// The views uow.who sees (the shared ones and their own), each with its count.
std::vector<view_count> views_with_counts(unit_of_work& uow);

// Inserts or replaces `v`. validation_failed for a view without an id or a
// name, or whose owner is no teammate; invalid_argument for a query a view
// cannot keep (public_text_only, shared_with_company) or past a limit;
// not_found for another teammate's view of the same id.
void save_view(unit_of_work& uow, const saved_view& v);

// Removes the view `id` that uow.who sees; not_found when there is none.
void remove_view(unit_of_work& uow, const std::string& id);

}  // namespace ticketcore::detail
