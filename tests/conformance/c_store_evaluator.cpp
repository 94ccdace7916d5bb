// The library's own evaluator (src/store/evaluator.hpp) over the C backend
// of tests/capi/test_store.cpp with its query and history-by-time methods
// left NULL: the Tier 2 query, count and history cases run here answered by
// scanning the core (expect_tier2 stays set), as a desk that opts in with
// scan_without_index sees it. Saved views stay the backend's own.
#define BOOST_TEST_MODULE storage_conformance_c_store_evaluator
#include <boost/test/unit_test.hpp>

#include "storage_conformance.hpp"

#include "storage.hpp"          // capi/src: the adapter
#include "store/evaluator.hpp"  // src: the evaluator
#include "test_store.h"         // tests/capi: the C backend

std::shared_ptr<ticketcore::storage> conformance::make_store() {
  tc_storage_methods m = test_store_new();
  m.query_tickets = nullptr;
  m.count_tickets = nullptr;
  m.scan_history = nullptr;
  auto s = capi::make_c_storage(m);
  BOOST_TEST_REQUIRE(!s->capabilities().queries);
  BOOST_TEST_REQUIRE(!s->capabilities().history_by_time);
  static const auto defaults = std::make_shared<const ticketcore::config>();  // ranks as the suite's keys do
  return ticketcore::detail::with_evaluator(std::move(s), [] { return defaults; });
}

// The C table has no report checkpoint methods: reports on it replay history.
static const bool checkpoints_cleared = (conformance::expect_checkpoints = false, true);
