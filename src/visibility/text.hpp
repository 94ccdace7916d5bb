// Which words of a ticket full text covers, and which of them a contact may
// search (V2): the text side of the visibility policy, asked by every store
// when it indexes a part.
#pragma once

#include <ticketcore/records.hpp>

#include <string>

namespace ticketcore::detail {

// A ticket's text: its head (title, description), parts its contact may
// read (public), and the rest (internal). Events, admin messages and forms
// are not text.
enum class text_scope { none, public_, internal };

// Where the words of `p`, on a ticket whose contact is `ticket_contact`, go.
text_scope text_scope_of(const part& p, const std::string& ticket_contact);

}  // namespace ticketcore::detail
