// Building views of records for the acting viewer: the read side of the
// projection, shared by reads and by the results of writes.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/views.hpp>

namespace ticketcore::detail {

ticket_view make_view(unit_of_work& uow, const ticket& t);
conversation_view make_view(unit_of_work& uow, const conversation& c);

}  // namespace ticketcore::detail
