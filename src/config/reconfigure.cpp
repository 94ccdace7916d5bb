#include "config/reconfigure.hpp"

namespace ticketcore::detail {

void check_reconfiguration(const config& current, const config& next, transaction& tx, problems& found) {
  for (const auto& type : current.ticket_types) {
    const ticket_type* replacement = next.find_type(type.id);
    if (replacement && replacement->category == type.category) continue;
    if (!tx.type_in_use(type.id)) continue;
    const std::string field = "ticket_types." + type.id;
    if (!replacement)
      found.add(field, "ticket type '" + type.id + "' is used by tickets and cannot be removed; archive it instead (T4)");
    else
      found.add(field, "ticket type '" + type.id + "' is used by tickets and cannot change category (T1)");
  }
}

}  // namespace ticketcore::detail
