// Keeping the stored priority ranks true to the configuration (Q1): when a
// new configuration moves priorities, the tickets whose rank moved are saved
// again with fresh keys, in the same transaction as the change.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/config.hpp>

#include <cstddef>

namespace ticketcore::detail {

// Saves again, as the Desk's bookkeeping (a new version, updated_at kept, no
// history, no event), every ticket whose priority's rank under uow.cfg (the
// new configuration) differs from its rank under `before`, so each is handed
// to the store with its new keys. Found through query_tickets by priority
// when `indexed` (the store, or the evaluator, serves queries), otherwise by
// walking find_tickets. A damaged ticket (U3) is in neither listing: it
// keeps its old rank, and configure does not fail for it. Returns how many
// were saved.
std::size_t rerank_priorities(unit_of_work& uow, const config& before, bool indexed);

}  // namespace ticketcore::detail
