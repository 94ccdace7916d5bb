#include "domain/automation/hooks.hpp"

#include "domain/automation/idle.hpp"
#include "domain/sla/engine.hpp"

namespace ticketcore::detail::automation {

kernel_hooks before_save_hooks() {
  return {{&refresh_idle_due, [](const config&, stored_ticket& t) { sla::refresh_next_due(t); }}};
}

}  // namespace ticketcore::detail::automation
