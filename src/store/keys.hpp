// The keys the library derives for the store at every write (docs/storage.md,
// "Keys"): the one place each is computed. The unit of work hands them to the
// store beside the record; the evaluator and the Desk's page cursors derive
// them here too, so a store never derives and nothing derives twice.
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/storage_types.hpp>

namespace ticketcore::detail {

// A ticket's keys under configuration `c` (the priority's rank, Q1).
ticket_keys keys_of(const stored_ticket& t, const config& c);
// The words of a ticket's title and description (ticket_keys::words).
std::vector<std::string> words_of(const ticket& t);

// The sort key of `t` under `order` (sort_key over its keys), without the
// words: what a page's cursor and the merge of two pages need.
std::int64_t sort_key_of(const stored_ticket& t, const config& c, ticket_order order);

// A part's keys: who may find its words (V1, V2) and the words, on a ticket
// whose contact is `ticket_contact`. A conversation's part has none: pass
// no contact.
part_keys part_keys_of(const part& p, const std::string* ticket_contact);

}  // namespace ticketcore::detail
