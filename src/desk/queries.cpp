// The Desk's queries (Q1): finding and counting tickets, and saved views
// (src/domain/queries/saved_views.*), each in one unit of work.
#include "desk/desk_impl.hpp"
#include "domain/queries/queries.hpp"
#include "domain/queries/saved_views.hpp"

namespace ticketcore {

std::vector<view_count> desk::views(const actor& who) const {
  return impl_->read(op::views, who, [&](detail::unit_of_work& uow) { return detail::views_with_counts(uow); });
}

void desk::save_view(const actor& who, const saved_view& v) {
  impl_->write(op::save_view, who, [&](detail::unit_of_work& uow) {
    detail::save_view(uow, v);
    return 0;
  });
}

void desk::remove_view(const actor& who, const std::string& id) {
  impl_->write(op::remove_view, who, [&](detail::unit_of_work& uow) {
    detail::remove_view(uow, id);
    return 0;
  });
}

ticket_page desk::find_tickets(const actor& who, const ticket_query& q, std::size_t limit,
                               const std::string& cursor) const {
  check_may_run(op::find_tickets, who.kind);  // U1, before the arguments are read
  detail::check_page_limit(limit);
  const auto after = detail::parse_cursor(q, cursor);
  return impl_->read(op::find_tickets, who,
                     [&](detail::unit_of_work& uow) { return detail::find_tickets(uow, q, limit, after); });
}

std::size_t desk::count_tickets(const actor& who, const ticket_query& q) const {
  return impl_->read(op::count_tickets, who, [&](detail::unit_of_work& uow) { return detail::count_tickets(uow, q); });
}

}  // namespace ticketcore
