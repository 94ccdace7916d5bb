// The storage contract as a test suite (include/ticketcore/storage.hpp):
// every adapter - the in-memory store, SQLite, a C backend behind
// tc_storage_methods, a host's own - links this object library and defines
// make_store(); the same cases then run against it. See docs/storage.md.
#pragma once

#include <ticketcore/storage.hpp>

#include <memory>

namespace conformance {

// Defined by each adapter's test driver: a new, empty store. Called once
// per test case; a store that persists reopens nothing between cases.
std::shared_ptr<ticketcore::storage> make_store();

// Whether the adapter answers the Tier 2 methods (query_tickets,
// count_tickets, put_view, remove_view, list_views, scan_history). True
// unless a driver clears it before the cases run: then a Tier 2 answer of
// errc::not_supported fails the case, so an adapter that has them can never
// skip their cases. Cleared, each Tier 2 case checks that the adapter says
// errc::not_supported instead, and ends there.
extern bool expect_tier2;

// Whether the adapter keeps report checkpoints (latest_checkpoint,
// history_mark, put_checkpoint): optional, reports replay from the first
// entry without them. Cleared, the case checks for errc::not_supported.
extern bool expect_checkpoints;

// Whether the adapter keeps records by kind (get_entry, put_entry,
// find_entries: entries_conformance.cpp): optional in the contract, needed
// by a backend that serves the directory. Cleared, the case checks for
// errc::not_supported.
extern bool expect_entries;

}  // namespace conformance
