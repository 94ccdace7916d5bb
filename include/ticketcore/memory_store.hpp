// The in-memory storage adapter: for tests and hosts that keep no files.
#pragma once

#include <ticketcore/storage.hpp>

#include <memory>

namespace ticketcore {

// A store held in process memory. Writers are serialised by one lock and
// roll back through an undo log; readers share the lock. Secondary indexes
// (number, contact, company, category, type, link ends, parts by owner)
// keep every Desk lookup off full scans.
std::shared_ptr<storage> make_memory_store();

}  // namespace ticketcore
