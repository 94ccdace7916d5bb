// The in-memory storage adapter: for tests and hosts that keep no files.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/storage.hpp>

#include <memory>

namespace ticketcore {

// A store held in process memory. Writers are serialised by one lock and
// roll back through an undo log; readers share the lock. Indexes by number,
// contact, company, category, link end and timeline owner serve every
// lookup of the Desk's hot paths (a ticket's links, a conversation's
// tickets, a tracker's linked tickets, a contact's tickets). Inbox filters
// on type, assignee, brand or state category scan the category (or all
// tickets) newest first until the page is full; issue 6 adds indexes.
TICKETCORE_API std::shared_ptr<storage> make_memory_store();

}  // namespace ticketcore
