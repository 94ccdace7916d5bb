// Which words of a ticket full text covers, and which of them a contact may
// search (V2): the text side of the visibility policy, which the library
// hands every store with each part (part_keys).
#pragma once

#include <ticketcore/records.hpp>
#include <ticketcore/storage_types.hpp>

#include <string>

namespace ticketcore::detail {

// Who may find the words of `p`, on a ticket whose contact is
// `ticket_contact`: a ticket's text is its head (title, description), parts
// its contact may read (public) and the rest (internal). Events, admin
// messages and forms are not text.
text_audience text_audience_of(const part& p, const std::string& ticket_contact);

}  // namespace ticketcore::detail
