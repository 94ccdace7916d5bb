// The Desk's private state and the two ways an operation touches storage.
#pragma once

#include "desk/stored_configuration.hpp"
#include "domain/automation/rules.hpp"
#include "kernel/damaged.hpp"
#include "kernel/unit_of_work.hpp"
#include "model/time_range.hpp"

#include <ticketcore/desk.hpp>
#include <ticketcore/operations.hpp>

#include <boost/signals2/signal.hpp>

#include <mutex>

namespace ticketcore {

class desk::impl {
 public:
  explicit impl(desk_options o);

  std::shared_ptr<const config> snapshot() const {
    std::lock_guard lock(config_mutex_);
    return current_.settings;
  }

  detail::versioned_config current() const {
    std::lock_guard lock(config_mutex_);
    return current_;
  }

  // The configuration to run a write on, inside its write transaction: a
  // newer version another desk stored replaces the one this desk holds
  // first. One indexed read, and a parse only when the version moved.
  detail::versioned_config refreshed(transaction& tx);

  // What configure() does, in `tx`: checks `c` against the records,
  // re-ranks, stores it as the next version and runs it from the commit on.
  // `check` false: `c` is taken as given, the first configuration a store
  // keeps (a desk opened with another one was never checked). `m` moves the
  // tickets `c` would strand; any it leaves refuses the change.
  void reconfigure(transaction& tx, config c, bool check, const configuration_migration& m = {});

  // Erases the record of `contact` itself (D2): their name and addresses,
  // where the directory keeps them, in `tx`, then commits `tx`. The one
  // place that knows where a contact's own record lives.
  void erase_contact_record(transaction& tx, const std::string& contact);

  // Runs `work` as operation `o` in a write transaction, commits, then
  // fires the events it collected. Any exception rolls everything back and
  // fires nothing. The op table (U1) is asked first, so a forbidden call's
  // answer never depends on what exists.
  // Imports pass run_rules = false: records of past work trigger no rules.
  template <class Work>
  auto write(op o, const actor& who, Work&& work, bool run_rules = true) {
    check_may_run(o, who.kind);  // U1, before anything is read
    auto tx = storage_->begin(access::write);
    auto cfg = refreshed(*tx).settings;  // inside the transaction: configure() is serialised with writers
    // Rules (A1) are triggered by events, so they are collected for them too.
    detail::unit_of_work uow{*tx, *cfg, who, detail::clock_reading(*clock_), hooks_,
                             !events_.empty() || !cfg->rules.empty(), {}, {}};
    detail::check_actor(uow.directory, who);
    auto result = work(uow);
    if (run_rules) detail::automation::run_rules(uow);
    detail::refuse_damaged(*tx);  // U3: a write that met a damaged record fails, naming it
    tx->commit();
    tx.reset();
    fire(uow.events);
    return result;
  }

  template <class Work>
  auto read(op o, const actor& who, Work&& work) const {
    check_may_run(o, who.kind);  // U1, before anything is read
    auto tx = storage_->begin(access::read);
    auto cfg = snapshot();
    detail::unit_of_work uow{*tx, *cfg, who, detail::clock_reading(*clock_), hooks_, false, {}, {}};
    detail::check_actor(uow.directory, who);
    auto result = work(uow);
    detail::refuse_damaged(*tx);  // U3: listings take what they report; any other read fails
    return result;
  }

  void fire(const std::vector<event>& events);

  std::shared_ptr<ticketcore::storage> storage_;
  std::shared_ptr<ticketcore::notifier> notifier_;
  std::shared_ptr<ticketcore::clock> clock_;
  detail::kernel_hooks hooks_;  // what SLA and automation derive before each save
  dispatch_options dispatch_;
  boost::signals2::signal<void(const event&)> events_;
  std::mutex dispatch_mutex_;  // one dispatcher at a time: no double delivery within a process

  mutable std::mutex config_mutex_;
  detail::versioned_config current_;
  bool stores_configuration_ = true;  // false: a store without records by kind
};

}  // namespace ticketcore
