// What lands in timelines: replies, notes and ratings (N3, P1, P2, P4, P8, V4).
#pragma once

#include "domain/links/linking.hpp"
#include "kernel/unit_of_work.hpp"

namespace ticketcore::detail {

// P1, P2, P4, P8: an internal note on `r`, cross-posted as its kind requires.
part add_note(unit_of_work& uow, record_ref& r, const std::string& body, note_mode mode);

// N3, V4: a reply the contact sees in the conversation or customer ticket
// `target` (from a contact: their own message), with the service level's
// clocks and the first-response fact (R1) it moves.
part reply(unit_of_work& uow, const uuid& target, const std::string& body);

// V4: the ticket's own contact rates it 1-5 once it is resolved; returns it
// as saved.
ticket rate(unit_of_work& uow, const ticket_ref& ref, int score, const std::string& comment);

}  // namespace ticketcore::detail
