// Merged tickets (M1): a merged ticket is one with a merged_into link; it
// stays readable and takes no changes. Every change passes this guard.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <optional>
#include <string>

namespace ticketcore::detail {

// The ticket `id` was merged into, if it was (its merged_into link).
std::optional<uuid> merged_into(transaction& tx, const uuid& id);

// Throws invalid_argument when `t` was merged: a merged ticket stays
// readable but takes no changes. `what` completes "cannot ...". The message
// names the target only if the actor may see it (V3).
void require_not_merged(unit_of_work& uow, const ticket& t, const std::string& what);

}  // namespace ticketcore::detail
