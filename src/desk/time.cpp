// The Desk's time calls (S1, S2, A1): what came due, in batches of one unit
// of work each, and policies re-applied from history.
#include "desk/desk_impl.hpp"
#include "domain/automation/idle.hpp"
#include "domain/automation/rules.hpp"
#include "domain/sla/service_levels.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <boost/json/serialize.hpp>

namespace ticketcore {
namespace {

constexpr std::size_t batch_size = 100;  // tickets per unit of work in tick() and apply_sla_policies()

}  // namespace

std::size_t desk::tick(std::optional<time_point> at) {
  if (at) detail::check_time(*at, "now");
  const time_point now = at ? *at : detail::clock_reading(*impl_->clock_);
  std::size_t raised = 0;
  for (std::size_t taken = batch_size; taken == batch_size;) {
    taken = impl_->write(op::tick, actor::system(), [&](detail::unit_of_work& uow) {
      uow.now = now;
      auto due = uow.tx.due_tickets(now, batch_size);
      for (stored_ticket& t : due) {
        auto events = detail::sla::take_due(t, now);
        auto idle = detail::automation::take_idle(uow.cfg, t, now);
        detail::sla::refresh_next_due(t);
        if (t.next_due_at && *t.next_due_at <= now)
          throw error(errc::internal, "ticket " + detail::ticket_name(t) + " is still due after its events were raised");
        uow.save_bookkeeping(t);
        for (const auto& e : events) detail::raise_due(uow, t, e);
        for (const rule* r : idle) detail::automation::run_idle_rule(uow, *r, t.id);
        raised += events.size() + idle.size();
      }
      return due.size();
    });
  }
  return raised;
}

std::optional<time_point> desk::next_due() const {
  return impl_->read(op::next_due, actor::system(), [&](detail::unit_of_work& uow) -> std::optional<time_point> {
    auto first = uow.tx.due_tickets(parse_time("9999-12-31T23:59:59Z"), 1);
    return first.empty() ? std::nullopt : first.front().next_due_at;
  });
}

std::size_t desk::apply_sla_policies(const actor& who) {
  std::size_t changed = 0;
  for (state_category open : {state_category::submitted, state_category::in_progress,
                              state_category::waiting_on_customer, state_category::on_hold}) {
    ticket_filter f;
    f.state_category = open;
    f.limit = batch_size;
    for (std::size_t taken = batch_size; taken == batch_size;) {
      taken = impl_->write(op::apply_sla_policies, who, [&](detail::unit_of_work& uow) {
        auto page = uow.tx.find_tickets(f);
        for (stored_ticket& t : page) {
          std::string before = boost::json::serialize(to_json(t.sla));
          const auto idle_before = t.idle_due_at;
          detail::rebuild_service_level(uow, t);
          detail::automation::refresh_idle_due(uow.cfg, t);  // idle rules added since
          if (boost::json::serialize(to_json(t.sla)) == before && t.idle_due_at == idle_before) continue;
          uow.save_bookkeeping(t);
          ++changed;
        }
        if (!page.empty()) f.before = page.back().id;
        return page.size();
      });
    }
  }
  return changed;
}

}  // namespace ticketcore
