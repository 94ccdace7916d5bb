// The Desk's creation calls (C1-C7): each runs its domain function in one
// unit of work and answers with the reader's view.
#include "desk/desk_impl.hpp"
#include "domain/creation/operations.hpp"
#include "domain/links/linking.hpp"
#include "domain/visibility/views.hpp"

namespace ticketcore {

using detail::unit_of_work;

conversation_view desk::create_conversation(const actor& who, const new_conversation& nc) {
  return impl_->write(op::create_conversation, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::create_conversation(uow, nc));
  });
}

ticket_view desk::convert_conversation(const actor& who, const conversation_ref& conversation_id, new_ticket nt) {
  return impl_->write(op::convert_conversation, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::convert_conversation(uow, conversation_id, std::move(nt)));
  });
}

ticket_view desk::create_ticket(const actor& who, new_ticket nt) {
  return impl_->write(op::create_ticket, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::insert_new_ticket(uow, std::move(nt)));
  });
}

ticket_view desk::create_linked_ticket(const actor& who, const uuid& from, new_ticket nt) {
  return impl_->write(op::create_linked_ticket, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::create_linked_ticket(uow, from, std::move(nt)));
  });
}

ticket_view desk::link_tracker_by_title(const actor& who, const uuid& from, const std::string& title,
                                        const std::string& type) {
  return impl_->write(op::link_tracker_by_title, who, [&](unit_of_work& uow) {
    detail::record_ref served = detail::resolve(uow, from);
    return detail::make_view(uow, detail::link_tracker_by_title(uow, served, title, type));
  });
}

part desk::send_form(const actor& who, const conversation_ref& conversation_id, const std::string& type_id) {
  return impl_->write(op::send_form, who,
                      [&](unit_of_work& uow) { return detail::send_form(uow, conversation_id, type_id); });
}

ticket_view desk::submit_form(const actor& who, const conversation_ref& conversation_id, const uuid& form,
                              const boost::json::object& attributes, const std::string& title) {
  return impl_->write(op::submit_form, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::submit_form(uow, conversation_id, form, attributes, title));
  });
}

}  // namespace ticketcore
