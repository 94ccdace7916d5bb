#include "config/reconfigure.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

void check_reconfiguration(const config& current, const config& next, transaction& tx) {
  std::vector<std::string> fields;
  std::string message;
  auto problem = [&](const ticket_type& t, const std::string& what) {
    fields.push_back("ticket_types." + t.id);
    message += (message.empty() ? "" : "; ") + ("ticket type '" + t.id + "' " + what);
  };
  for (const auto& type : current.ticket_types) {
    const ticket_type* replacement = next.find_type(type.id);
    std::string missing;
    if (replacement && replacement->category == type.category) {
      const lifecycle& after = next.lifecycle_of(*replacement);
      for (const auto& s : current.lifecycle_of(type).states)
        if (!after.find(s.key)) missing += (missing.empty() ? "" : ", ") + s.key;
      if (missing.empty()) continue;
    }
    if (!tx.type_in_use(type.id)) continue;
    if (!replacement)
      problem(type, "is used by tickets and cannot be removed; archive it instead (T4)");
    else if (replacement->category != type.category)
      problem(type, "is used by tickets and cannot change category (T1)");
    else
      problem(type, "is used by tickets whose lifecycle would lose states " + missing +
                        "; keep those states or move the tickets first");
  }
  if (!fields.empty()) throw error(errc::validation_failed, "configuration rejected: " + message, fields);
}

}  // namespace ticketcore::detail
