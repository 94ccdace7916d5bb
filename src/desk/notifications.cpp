// Notifications and events at the Desk (N5): the outbox listed and paged;
// delivered by src/domain/notify/delivery.*, one dispatcher at a time;
// observers subscribed.
#include "desk/desk_impl.hpp"
#include "domain/queries/list_cursor.hpp"
#include "domain/notify/delivery.hpp"
#include "domain/notify/listing.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {

dispatch_result desk::dispatch_notifications(notifier* n) {
  check_may_run(op::dispatch_notifications, actor_kind::system);  // a host call (U1)
  notifier* target = n ? n : impl_->notifier_.get();
  if (!target)
    throw error(errc::invalid_argument, "no notifier: pass one to dispatch_notifications or set desk_options::notifier");
  std::lock_guard lock(impl_->dispatch_mutex_);
  const dispatch_options& options = impl_->dispatch_;
  auto due = impl_->read(op::dispatch_notifications, actor::system(), [&](detail::unit_of_work& uow) {
    return uow.tx.due_notifications(uow.now, options.batch);
  });
  dispatch_result result;
  for (const notification& entry : due) {
    const delivery_result outcome = detail::attempt_delivery(*target, entry);  // outside any transaction
    impl_->write(op::dispatch_notifications, actor::system(), [&](detail::unit_of_work& uow) {
      detail::record_delivery(uow, entry.id, outcome, options, result);
      return 0;
    });
  }
  return result;
}

std::vector<notification> desk::outbox(const outbox_filter& f) const {
  return impl_->read(op::outbox, actor::system(),
                     [&](detail::unit_of_work& uow) { return detail::list_outbox(uow, f); });
}

outbox_page desk::outbox_page(const outbox_filter& f, const std::string& cursor) const {
  detail::check_page_size("outbox", f.limit);
  const std::optional<uuid> after = detail::position_of("outbox", cursor);
  return impl_->read(op::outbox_page, actor::system(),
                     [&](detail::unit_of_work& uow) { return detail::outbox_page_after(uow, f, after); });
}

boost::signals2::connection desk::subscribe(std::function<void(const event&)> observer) {
  return impl_->events_.connect(std::move(observer));
}

}  // namespace ticketcore
