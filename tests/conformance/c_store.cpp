// The storage contract through the C adapter: a backend written in C terms
// (tests/capi/test_store.cpp, records as JSON text behind tc_storage_methods)
// seen by the library as a ticketcore::storage, exactly as tc_desk_open sees it.
#define BOOST_TEST_MODULE storage_conformance_c_store
#include <boost/test/unit_test.hpp>

#include "storage_conformance.hpp"

#include "storage.hpp"     // capi/src: the adapter
#include "test_store.h"    // tests/capi: the C backend

std::shared_ptr<ticketcore::storage> conformance::make_store() { return capi::make_c_storage(test_store_new()); }

// tc_storage_methods has no history-by-time method: reports need the
// in-memory or SQLite store (docs/storage.md).
namespace {
const bool history_scan_unsupported = (conformance::expect_history_scan = false, true);
}
