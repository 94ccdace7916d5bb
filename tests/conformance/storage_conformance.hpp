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

// Whether the adapter answers transaction::scan_history (Tier 2, R1). True
// unless a driver clears it before the cases run (the C adapter does: the
// C table has no history-by-time method); then the case checks that the
// adapter says errc::not_supported instead.
extern bool expect_history_scan;

}  // namespace conformance
