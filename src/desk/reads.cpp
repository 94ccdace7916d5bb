// Reads. Each asks the visibility policy and goes through the projection
// (V5): what a contact may not see answers not_found, exactly as if it did
// not exist (V3).
#include "desk/desk_impl.hpp"
#include "domain/queries/list_cursor.hpp"
#include "domain/inbox/inbox.hpp"
#include "domain/links/linking.hpp"
#include "domain/visibility/views.hpp"

namespace ticketcore {

using detail::unit_of_work;

ticket_view desk::ticket(const actor& who, const ticket_ref& ref) const {
  return impl_->read(op::ticket, who, [&](unit_of_work& uow) { return detail::make_view(uow, uow.load_ticket(ref)); });
}

conversation_view desk::conversation(const actor& who, const conversation_ref& c) const {
  return impl_->read(op::conversation, who, [&](unit_of_work& uow) { return detail::make_view(uow, uow.load_conversation(c)); });
}

std::vector<link> desk::links(const actor& who, const uuid& id) const {
  return impl_->read(op::links, who, [&](unit_of_work& uow) { return detail::visible_links(uow, id); });
}

std::vector<inbox_item> desk::inbox(const actor& who, const inbox_filter& f) const {
  return impl_->read(op::inbox, who,
                     [&](unit_of_work& uow) { return detail::inbox_rows(uow, f, std::nullopt, f.limit); });
}

inbox_page desk::inbox_page(const actor& who, const inbox_filter& f, const std::string& cursor) const {
  detail::check_page_size("inbox", f.limit);
  const std::optional<uuid> before = detail::position_of("inbox", cursor);
  return impl_->read(op::inbox_page, who, [&](unit_of_work& uow) { return detail::inbox_page_after(uow, f, before); });
}

}  // namespace ticketcore
