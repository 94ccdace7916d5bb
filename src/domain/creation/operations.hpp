// Operations inside an open unit of work, shared by the Desk's own calls and
// by automation rules (A1), which run in the unit of work that triggered them.
#pragma once

#include "kernel/unit_of_work.hpp"
#include "domain/links/linking.hpp"

#include <ticketcore/desk.hpp>

#include <vector>

namespace ticketcore::detail {

// How a ticket comes to be: live work, or an import of work done elsewhere,
// which tells no contact (a flood of "we got your ticket" for old tickets).
enum class creation { live, import };

// C1-C7: validates and stores a new ticket as uow.who (V4 limits a
// contact's submission), with its history, event, service level (S1) and,
// when live, creation notice (N1). Throws validation_failed naming every
// bad field.
stored_ticket insert_new_ticket(unit_of_work& uow, new_ticket nt, creation how = creation::live);

// C5, V4: a form for customer type `type` in conversation `c`, which has no
// customer ticket yet; lists only the type's customer-editable attributes.
part send_form(unit_of_work& uow, conversation& c, const std::string& type);
part send_form(unit_of_work& uow, const conversation_ref& conversation_id, const std::string& type);

// C5, V4: the conversation's contact fills in `form`; the customer ticket
// is created with `attributes`, linked to the conversation, and returned.
ticket submit_form(unit_of_work& uow, const conversation_ref& conversation_id, const uuid& form,
                   const boost::json::object& attributes, const std::string& title);

// Imports (moving a help desk in): stores `tickets` in order as records of
// past work, which tell no contact. The first that cannot be stored stops
// the import, its error naming it ("tickets[3]: ..."), and the caller's
// unit of work rolls back the whole import.
std::vector<imported_ticket> import_tickets(unit_of_work& uow, std::vector<new_ticket> tickets);

// C1: a new conversation with the contact's first message.
conversation create_conversation(unit_of_work& uow, const new_conversation& nc);

// C2: converts the conversation into a customer ticket linked to it.
ticket convert_conversation(unit_of_work& uow, const conversation_ref& conversation_id, new_ticket nt);

// C6, C7: a back-office or tracker ticket linked to the record `from`.
ticket create_linked_ticket(unit_of_work& uow, const uuid& from, new_ticket nt);

// C7: links `served` to the tracker titled `title`, creating one of `type`
// if none exists. Returns the tracker as stored after the link.
ticket link_tracker_by_title(unit_of_work& uow, const record_ref& served, const std::string& title,
                             const std::string& type);

}  // namespace ticketcore::detail
