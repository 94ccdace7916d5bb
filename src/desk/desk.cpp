// The Desk's construction and configuration, and firing its events.
#include "desk/desk_impl.hpp"

#include "config/reconfigure.hpp"
#include "domain/changes/stranding.hpp"
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
  std::optional<config> given = std::move(o.config);
  if (given) validate_config(*given);
  std::optional<detail::versioned_config> stored;
  try {
    auto tx = storage_->begin(access::read);
    stored = detail::load_configuration(*tx);
  } catch (const error& e) {
    if (e.kind() != errc::not_supported) throw;
    stores_configuration_ = false;  // the host gives it at every open, as before stores kept it
  }
  if (stored) current_ = std::move(*stored);
  else current_.settings = std::make_shared<const config>(given ? *given : [] {
    config empty;
    validate_config(empty);
    return empty;
  }());
  if (!stores_configuration_ || !given) return;
  if (stored && config_document(*given) == config_document(*current_.settings)) return;  // nothing to write
  // Given and new to the store: stored as configure() would (checked and
  // re-ranked against the records when a version is stored already), in a
  // write transaction, so hosts that give it at every open keep working.
  auto tx = storage_->begin(access::write);
  const bool first = refreshed(*tx).stamp.version == 0;
  reconfigure(*tx, std::move(*given), !first);
}

detail::versioned_config desk::impl::refreshed(transaction& tx) {
  if (!stores_configuration_) return current();
  const std::uint64_t known = current().stamp.version;
  auto newer = detail::load_configuration(tx, known);
  std::lock_guard lock(config_mutex_);
  if (newer && newer->stamp.version > current_.stamp.version) current_ = std::move(*newer);
  return current_;
}

void desk::impl::reconfigure(transaction& tx, config c, bool check, const configuration_migration& m) {
  auto before = refreshed(tx);
  if (before.stamp.version > 0 && config_document(c) == config_document(*before.settings)) return;  // no new version
  auto next = std::make_shared<const config>(std::move(c));
  const time_point now = detail::clock_reading(*clock_);
  const actor system = actor::system();
  detail::unit_of_work uow{tx, *next, system, now, hooks_, !events_.empty(), {}, {}};
  if (check) {
    const bool indexed = storage_->capabilities().queries;
    detail::problems found;
    detail::check_reconfiguration(*before.settings, *next, tx, found);
    detail::check_stranding(uow, *before.settings, m, indexed, found);
    found.raise_if_any("configuration rejected");
    detail::carry_stranded_tickets(uow, *before.settings, m, indexed);
    // Tickets whose priority moved get their new rank in this transaction,
    // so no page by priority mixes ranks of two orders (Q1).
    detail::rerank_priorities(uow, *before.settings, indexed);
  }
  detail::versioned_config after{next, {}};
  if (stores_configuration_) {
    after.stamp = {before.stamp.version + 1, now};
    detail::store_configuration(tx, *next, after.stamp);
  }
  {
    std::lock_guard lock(config_mutex_);
    current_ = after;  // before the commit: a writer that follows it sees the new ranks' order
  }
  try {
    tx.commit();
  } catch (...) {
    std::lock_guard lock(config_mutex_);
    current_ = before;  // a failed configure changes nothing
    throw;
  }
  fire(uow.events);  // what a migration changed
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
  impl_->reconfigure(*tx, std::move(c), true);
}

void desk::configure_migrating(ticketcore::config c, const configuration_migration& m) {
  check_may_run(op::configure_migrating, actor_kind::system);  // a host call (U1)
  validate_config(c);
  auto tx = impl_->storage_->begin(access::write);  // serialised with every writer
  impl_->reconfigure(*tx, std::move(c), true, m);
}

std::shared_ptr<const config> desk::configuration() const {
  check_may_run(op::configuration, actor_kind::system);  // a host call (U1)
  return impl_->snapshot();
}

}  // namespace ticketcore

namespace ticketcore {

configuration_version desk::configuration_version() const { return impl_->current().stamp; }

}  // namespace ticketcore
