// Notifications and events at the Desk (N5): the outbox listed; delivered at
// least once, with backoff, and never again once a success is recorded;
// observers subscribed.
#include "desk/desk_impl.hpp"
#include "desk/list_cursor.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore {

namespace {

duration backoff(const dispatch_options& o, int attempts) {
  duration wait = o.initial_backoff;
  for (int i = 1; i < attempts && wait < o.max_backoff; ++i) wait *= 2;
  return std::min(wait, o.max_backoff);
}

delivery_result attempt(notifier& n, const notification& entry) {
  try {
    return n.deliver(entry);
  } catch (const std::exception& e) {
    return delivery_result::retry(std::string("notifier threw: ") + e.what());
  } catch (...) {
    return delivery_result::retry("notifier threw a non-standard exception");
  }
}

}  // namespace

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
    delivery_result outcome = attempt(*target, entry);  // outside any transaction
    // Each outcome is recorded at once, so a crash re-sends at most the
    // entry in flight (hosts dedupe on its idempotency key).
    impl_->write(op::dispatch_notifications, actor::system(), [&](detail::unit_of_work& uow) {
      auto current = uow.tx.get_notification(entry.id);
      if (!current || current->state != delivery_state::pending) return 0;
      ++current->attempts;
      current->last_error = outcome.message;
      using outcome_t = delivery_result::outcome;
      if (outcome.status == outcome_t::delivered) {
        current->state = delivery_state::delivered;
        current->delivered_at = uow.now;
        ++result.delivered;
      } else if (outcome.status == outcome_t::failed || current->attempts >= options.max_attempts) {
        current->state = delivery_state::failed;
        ++result.failed;
      } else {
        current->next_attempt_at = uow.now + backoff(options, current->attempts);
        ++result.retried;
      }
      uow.tx.update_notification(*current);
      return 0;
    });
  }
  return result;
}

namespace {

std::vector<notification> outbox_entries(detail::unit_of_work& uow, const outbox_filter& f) {
  if (f.recipient && !f.audience)
    throw error(errc::invalid_argument, "outbox filter: recipient '" + *f.recipient +
                                            "' needs an audience, 'contact' or 'teammate': a contact and a teammate "
                                            "may share an id");
  auto entries = uow.tx.list_notifications(f);
  // A backend written before the audience filter existed ignores it.
  if (f.audience)
    std::erase_if(entries, [&](const notification& n) { return n.audience != *f.audience; });
  // One that ignores the cursor would repeat the first page forever.
  if (f.after && std::any_of(entries.begin(), entries.end(), [&](const notification& n) { return !(*f.after < n.id); }))
    throw error(errc::not_supported, "the storage backend does not page the outbox: list_notifications ignored 'after'");
  return entries;
}

}  // namespace

std::vector<notification> desk::outbox(const outbox_filter& f) const {
  return impl_->read(op::outbox, actor::system(), [&](detail::unit_of_work& uow) { return outbox_entries(uow, f); });
}

outbox_page desk::outbox_page(const outbox_filter& f, const std::string& cursor) const {
  detail::check_page_size("outbox", f.limit);
  outbox_filter ask = f;
  ask.after = detail::position_of("outbox", cursor);
  if (!ask.after) ask.after = f.after;
  ask.limit = f.limit + 1;  // one more than the page tells whether another follows
  return impl_->read(op::outbox_page, actor::system(), [&](detail::unit_of_work& uow) {
    ticketcore::outbox_page page{outbox_entries(uow, ask), {}};
    if (page.notifications.size() > f.limit) {
      page.notifications.resize(f.limit);
      page.next_cursor = detail::cursor_at("outbox", page.notifications.back().id);
    }
    return page;
  });
}

boost::signals2::connection desk::subscribe(std::function<void(const event&)> observer) {
  return impl_->events_.connect(std::move(observer));
}

}  // namespace ticketcore
