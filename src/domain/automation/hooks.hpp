// What the domain derives on a ticket before every save, as the kernel's
// hooks (kernel_hooks): the Desk hands them to every unit of work, so the
// kernel never includes the areas that own them.
#pragma once

#include "kernel/unit_of_work.hpp"

namespace ticketcore::detail::automation {

// Idle rules' deadline first (A1), then the service level's next due time,
// which includes it (S1, S2). The stores index both (due_tickets).
kernel_hooks before_save_hooks();

}  // namespace ticketcore::detail::automation
