// Erasing a contact's personal data (D2): what desk::erase_contact does to
// the records that hold it, in one unit of work. The contact's own record
// (name, addresses) is erased apart, by the Desk (desk::impl::
// erase_contact_record), where the directory keeps it.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <cstddef>
#include <string>

namespace ticketcore::detail {

// What an erased text reads afterwards: fixed, so it says nothing of what
// it replaced.
inline constexpr const char* erased_marker = "[erased]";

// Erases what the records hold of `contact` (docs/erasure.md): the bodies
// of the parts they wrote, wherever a merge copied them; their
// conversations' subjects; on their tickets, the description when they
// submitted it and the free-text attributes they may edit; what the outbox
// holds for them. Each record touched gets one "erasure" history entry
// naming no erased value. Returns the number of parts erased. Tickets,
// parts, links and every count stay.
std::size_t erase_contact_data(unit_of_work& uow, const std::string& contact);

}  // namespace ticketcore::detail
