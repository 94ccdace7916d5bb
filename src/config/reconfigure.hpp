// What a new configuration may not do to tickets that already exist.
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/storage.hpp>

namespace ticketcore::detail {

// For every type tickets use: it may not be removed (T4: archive it
// instead), change category (T1), or follow a lifecycle lacking any state
// of its current one (its tickets would be stranded in a state that no
// longer exists). Throws error(validation_failed) naming every such type.
void check_reconfiguration(const config& current, const config& next, transaction& tx);

}  // namespace ticketcore::detail
