// Writing the notifications a change owes into the outbox (N1-N5).
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/notification.hpp>

namespace ticketcore::detail {

// Queues one entry per channel (email, messenger) for the ticket's contact,
// in the caller's unit of work. Only customer tickets notify (N4); the
// payload comes from the customer projection, plus `extra` (e.g. a reply's
// body, which the contact sees anyway).
void notify_contact(unit_of_work& uow, const ticket& t, notification_kind kind, boost::json::object extra = {});

// Same for a conversation's contact (a teammate's reply in a conversation).
void notify_contact(unit_of_work& uow, const conversation& c, notification_kind kind, boost::json::object extra);

// Queues one email entry for each teammate who should hear of something on
// `t` (S1, S2, A1): `to` if given, else the assignee, else every member of
// the ticket's team. The payload is for teammates and may be internal.
// `occasion` makes the idempotency key (e.g. "resolution/2/breached").
void notify_teammates(unit_of_work& uow, const ticket& t, notification_kind kind, const std::string& occasion,
                      boost::json::object payload, const std::string& to = {});

}  // namespace ticketcore::detail
