#include "domain/creation/operations.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

std::vector<imported_ticket> import_tickets(unit_of_work& uow, std::vector<new_ticket> tickets) {
  std::vector<imported_ticket> stored;
  stored.reserve(tickets.size());
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    try {
      ticket t = insert_new_ticket(uow, std::move(tickets[i]), creation::import);
      stored.push_back({t.id, t.number});
    } catch (const error& e) {
      // The whole import rolls back; say which ticket stopped it.
      const std::string where = "tickets[" + std::to_string(i) + "]";
      std::vector<std::string> fields;
      for (const auto& f : e.fields()) fields.push_back(where + "." + f);
      throw error(e.kind(), where + ": " + e.what(), fields);
    }
  }
  return stored;
}

}  // namespace ticketcore::detail
