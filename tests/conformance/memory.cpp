// The storage contract against the in-memory store.
#define BOOST_TEST_MODULE storage_conformance_memory
#include <boost/test/unit_test.hpp>

#include "storage_conformance.hpp"

#include <ticketcore/memory_store.hpp>

std::shared_ptr<ticketcore::storage> conformance::make_store() { return ticketcore::make_memory_store(); }
