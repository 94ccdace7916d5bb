// The Desk's construction and configuration, and firing its events.
#include "desk/desk_impl.hpp"

#include "config/reconfigure.hpp"
#include "domain/automation/hooks.hpp"
#include "domain/queries/reranking.hpp"
#include "store/evaluator.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/memory_store.hpp>

namespace ticketcore {

namespace {

std::shared_ptr<storage> storage_of(desk_options& o, detail::configuration_source cfg) {
  std::shared_ptr<storage> s = o.storage ? std::move(o.storage) : make_memory_store();
  return o.scan_without_index ? detail::with_evaluator(std::move(s), std::move(cfg)) : s;
}

}  // namespace

desk::impl::impl(desk_options o)
    : storage_(storage_of(o, [this] { return snapshot(); })),
      notifier_(std::move(o.notifier)),
      clock_(o.clock ? std::move(o.clock) : std::make_shared<system_clock>()),
      hooks_(detail::automation::before_save_hooks()),
      dispatch_(o.dispatch) {
  validate_config(o.config);
  config_ = std::make_shared<const config>(std::move(o.config));
}

void desk::impl::fire(const std::vector<event>& events) {
  for (const event& e : events) {
    try {
      events_(e);
    } catch (...) {
      // The change is committed; an observer's failure must not report it
      // as failed. Observers handle their own errors.
    }
  }
}

desk::desk(desk_options options) : impl_(std::make_unique<impl>(std::move(options))) {}

desk::~desk() = default;

void desk::configure(ticketcore::config c) {
  check_may_run(op::configure, actor_kind::system);  // a host call (U1)
  validate_config(c);
  auto tx = impl_->storage_->begin(access::write);  // serialised with every writer
  auto current = impl_->snapshot();
  detail::check_reconfiguration(*current, c, *tx);
  auto next = std::make_shared<const ticketcore::config>(std::move(c));
  // Tickets whose priority moved get their new rank in this transaction, so
  // no page by priority mixes ranks of two orders (Q1).
  const actor system = actor::system();
  detail::unit_of_work uow{*tx, *next, system, detail::clock_reading(*impl_->clock_), impl_->hooks_, false, {}, {}};
  detail::rerank_priorities(uow, *current, impl_->storage_->capabilities().queries);
  {
    std::lock_guard lock(impl_->config_mutex_);
    impl_->config_ = next;  // before the commit: a writer that follows it sees the new ranks' order
  }
  try {
    tx->commit();
  } catch (...) {
    std::lock_guard lock(impl_->config_mutex_);
    impl_->config_ = current;  // a failed configure changes nothing
    throw;
  }
}

std::shared_ptr<const config> desk::configuration() const {
  check_may_run(op::configuration, actor_kind::system);  // a host call (U1)
  return impl_->snapshot();
}

}  // namespace ticketcore
