// Imports: many tickets in one unit of work, for moving a help desk in.
#include "desk/desk_impl.hpp"
#include "domain/creation/operations.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {

std::vector<imported_ticket> desk::import_tickets(const actor& who, std::vector<new_ticket> tickets) {
  return impl_->write(
      op::import_tickets, who,
      [&](detail::unit_of_work& uow) {
        std::vector<imported_ticket> stored;
        stored.reserve(tickets.size());
        for (std::size_t i = 0; i < tickets.size(); ++i) {
          try {
            ticketcore::ticket t = detail::insert_new_ticket(uow, std::move(tickets[i]), detail::creation::import);
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
      },
      false);
}

}  // namespace ticketcore
