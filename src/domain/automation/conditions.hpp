// Whether a rule's conditions hold for a ticket (A1).
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/records.hpp>

namespace ticketcore::detail::automation {

// All of rule.all, and one of rule.any when it lists any.
bool conditions_hold(const config& c, const rule& r, const ticket& t);
// For conversation rules: channel, brand, contact and title (the subject).
bool conditions_hold(const config& c, const rule& r, const conversation& conv);

}  // namespace ticketcore::detail::automation
