// Bulk updates (B1) and imports at the Desk: who may run them and the
// cursor they start from; the tickets change in src/domain/changes/bulk.*
// and are imported in src/domain/creation/import.cpp, in one unit of work.
#include "desk/desk_impl.hpp"
#include "domain/changes/bulk.hpp"
#include "domain/creation/operations.hpp"
#include "domain/queries/queries.hpp"

namespace ticketcore {

bulk_result desk::bulk_update(const actor& who, const ticket_query& q, const bulk_change& change, std::size_t batch,
                              const std::string& cursor) {
  check_may_run(op::bulk_update, who.kind);  // U1, before the arguments are read
  const ticket_query ordered = detail::in_bulk_order(q);
  const auto start = detail::parse_cursor(ordered, cursor);
  return impl_->write(op::bulk_update, who, [&](detail::unit_of_work& uow) {
    return detail::apply_bulk_change(uow, ordered, start, change, batch);
  });
}

std::vector<imported_ticket> desk::import_tickets(const actor& who, std::vector<new_ticket> tickets) {
  return impl_->write(
      op::import_tickets, who,
      [&](detail::unit_of_work& uow) { return detail::import_tickets(uow, std::move(tickets)); },
      false);  // records of past work trigger no rules
}

}  // namespace ticketcore
