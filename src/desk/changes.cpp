// The Desk's changes to tickets and timelines (L2, T2-T5, N3, P1-P8, M1,
// V4): each runs its domain function in one unit of work and answers with
// the reader's view.
#include "desk/desk_impl.hpp"
#include "domain/changes/ticket_changes.hpp"
#include "domain/lifecycle/state_change.hpp"
#include "domain/links/linking.hpp"
#include "domain/merge/merge.hpp"
#include "domain/timeline/timeline.hpp"
#include "domain/visibility/views.hpp"

namespace ticketcore {

using detail::unit_of_work;

ticket_view desk::set_state(const actor& who, const ticket_ref& ref, const std::string& key,
                            std::optional<std::uint64_t> expected_version) {
  return impl_->write(op::set_state, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::set_state(uow, ref, key, expected_version));
  });
}

ticket_view desk::update_ticket(const actor& who, const ticket_ref& ref, const ticket_changes& ch,
                                std::optional<std::uint64_t> expected_version) {
  return impl_->write(op::update_ticket, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::update_ticket(uow, ref, ch, expected_version));
  });
}

ticket_view desk::set_company(const actor& who, const ticket_ref& ref, const std::string& company,
                              std::optional<std::uint64_t> expected_version) {
  return impl_->write(op::set_company, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::set_company(uow, ref, company, expected_version));
  });
}

part desk::reply(const actor& who, const uuid& target, const std::string& body) {
  return impl_->write(op::reply, who, [&](unit_of_work& uow) { return detail::reply(uow, target, body); });
}

part desk::add_note(const actor& who, const uuid& target, const std::string& body, note_mode mode) {
  return impl_->write(op::add_note, who, [&](unit_of_work& uow) {
    detail::record_ref r = detail::resolve(uow, target);
    return detail::add_note(uow, r, body, mode);
  });
}

ticket_view desk::merge(const actor& who, const ticket_ref& source_ref, const ticket_ref& target_ref,
                        std::optional<std::uint64_t> expected_source_version) {
  return impl_->write(op::merge, who, [&](unit_of_work& uow) {
    return detail::make_view(uow, detail::merge(uow, source_ref, target_ref, expected_source_version));
  });
}

ticket_view desk::rate(const actor& who, const ticket_ref& ref, int score, const std::string& comment) {
  return impl_->write(op::rate, who,
                      [&](unit_of_work& uow) { return detail::make_view(uow, detail::rate(uow, ref, score, comment)); });
}

}  // namespace ticketcore
