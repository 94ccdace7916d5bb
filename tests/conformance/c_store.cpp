// The storage contract through the C adapter: a backend written in C terms
// (tests/capi/test_store.cpp, records as JSON text behind tc_storage_methods)
// seen by the library as a ticketcore::storage, exactly as tc_desk_open sees it.
// The table is of version 3 and fills every Tier 2 method, so the Tier 2
// cases run here (expect_tier2 stays set): they check the adapter's
// translation of queries, cursors, limits, views and history scans too.
#define BOOST_TEST_MODULE storage_conformance_c_store
#include <boost/test/unit_test.hpp>

#include "storage_conformance.hpp"

#include "storage.hpp"     // capi/src: the adapter
#include "test_store.h"    // tests/capi: the C backend

std::shared_ptr<ticketcore::storage> conformance::make_store() { return capi::make_c_storage(test_store_new()); }

// The C table has no report checkpoint methods: reports on it replay history.
static const bool checkpoints_cleared = (conformance::expect_checkpoints = false, true);
