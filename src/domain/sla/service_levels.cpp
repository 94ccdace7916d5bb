// Service levels and due dates at the Desk (S1, S2): raising what came due,
// and re-applying policies from history. The clock arithmetic is in src/sla.
#include "domain/automation/idle.hpp"
#include "domain/automation/rules.hpp"
#include "desk/desk_impl.hpp"
#include "domain/sla/service_levels.hpp"
#include "domain/notify/outbox.hpp"
#include "domain/sla/engine.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <boost/json/serialize.hpp>

namespace ticketcore {
namespace {

constexpr std::size_t batch_size = 100;  // tickets per unit of work in tick() and apply_sla_policies()

}  // namespace

namespace detail {
namespace {

// History, an event and teammate notifications for one thing that came due.
void raise(unit_of_work& uow, const ticket& t, const sla::due_event& e) {
  using kind = sla::due_event::kind;
  if (e.what == kind::at_risk || e.what == kind::breached) {
    const bool breached = e.what == kind::breached;
    const char* what = breached ? "breached" : "at_risk";
    // due_at is the target's deadline in both; an at-risk event also says
    // when the risk began (it once carried that instant as due_at).
    boost::json::object detail{{"target", to_string(e.target)}, {"cycle", e.cycle}, {"due_at", format_time(e.due_at)}};
    if (!breached) detail["at_risk_at"] = format_time(e.at);
    uow.record(t.id, std::string("sla.") + to_string(e.target), nullptr,
               {{"event", what}, {"cycle", e.cycle}, {"at", format_time(e.at)}});
    uow.emit(breached ? event_kind::sla_breached : event_kind::sla_at_risk, t.id, t.number, detail);
    notify_teammates(uow, t, breached ? notification_kind::sla_breached : notification_kind::sla_at_risk,
                     std::string(to_string(e.target)) + "/" + std::to_string(e.cycle) + "/" + what, detail);
    return;
  }
  const bool follow_up = e.what == kind::follow_up;
  const char* field = follow_up ? "follow_up_at" : "action_required_at";
  boost::json::object detail{{"field", field}, {"at", format_time(e.at)}};
  uow.record(t.id, std::string("due.") + field, nullptr, {{"event", "due"}, {"at", format_time(e.at)}});
  uow.emit(event_kind::due_date_reached, t.id, t.number, detail);
  notify_teammates(uow, t, follow_up ? notification_kind::follow_up_due : notification_kind::action_required_due,
                   std::string(field) + "/" + format_time(e.at), detail);
}

}  // namespace

void rebuild_service_level(unit_of_work& uow, ticket& t) {
  std::string before = t.sla.policy;
  sla::rebuild(t, uow.cfg, uow.tx.history_of(t.id), uow.tx.parts_of(t.id));
  if (t.sla.policy != before) uow.record(t.id, "sla.policy", boost::json::string(before), boost::json::string(t.sla.policy));
}

void rematch_service_level(unit_of_work& uow, ticket& t) {
  const sla_policy* p = sla::match(uow.cfg, t);
  if ((p ? p->id : std::string()) != t.sla.policy) rebuild_service_level(uow, t);
}

}  // namespace detail

std::size_t desk::tick(std::optional<time_point> at) {
  if (at) detail::check_time(*at, "now");
  const time_point now = at ? *at : detail::clock_reading(*impl_->clock_);
  std::size_t raised = 0;
  for (std::size_t taken = batch_size; taken == batch_size;) {
    taken = impl_->write(op::tick, actor::system(), [&](detail::unit_of_work& uow) {
      uow.now = now;
      auto due = uow.tx.due_tickets(now, batch_size);
      for (ticketcore::ticket& t : due) {
        auto events = detail::sla::take_due(t, now);
        auto idle = detail::automation::take_idle(uow.cfg, t, now);
        detail::sla::refresh_next_due(t);
        if (t.next_due_at && *t.next_due_at <= now)
          throw error(errc::internal, "ticket " + detail::ticket_name(t) + " is still due after its events were raised");
        uow.save_bookkeeping(t);
        for (const auto& e : events) detail::raise(uow, t, e);
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
        for (ticketcore::ticket& t : page) {
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
