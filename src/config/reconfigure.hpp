// What a new configuration may not do to ticket types that tickets use.
#pragma once

#include "model/problems.hpp"

#include <ticketcore/config.hpp>
#include <ticketcore/storage.hpp>

namespace ticketcore::detail {

// For every type tickets use: it may not be removed (T4: archive it
// instead) or change category (T1). Adds a problem naming each such type
// (field "ticket_types.<id>"). The states a type's new lifecycle lacks are
// the stranding check's (domain/changes/stranding.hpp).
void check_reconfiguration(const config& current, const config& next, transaction& tx, problems& found);

}  // namespace ticketcore::detail
