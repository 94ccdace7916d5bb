// Where the keys a store is handed are derived (docs/storage.md, "Stored forms and keys"):
// keys_of and part_keys_of (storage_types.hpp) are defined in keys.cpp, the
// one place each key is computed. The unit of work hands them to the store
// beside the record; the evaluator and the Desk's page cursors derive them
// there too, so a store never derives and nothing derives twice.
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/storage_types.hpp>

#include <string>
#include <vector>

namespace ticketcore::detail {

// The words of a ticket's title and description (ticket_keys::words).
std::vector<std::string> words_of(const ticket& t);

// The sort key of `t` under `order` (sort_key over its keys), without the
// words: what a page's cursor and the merge of two pages need.
std::int64_t sort_key_of(const stored_ticket& t, const config& c, ticket_order order);

}  // namespace ticketcore::detail
