// Service levels and due dates at the Desk (S1, S2): raising what came due,
// and re-applying policies from history, a page at a time. The clock arithmetic is in engine.hpp.
#include "domain/sla/service_levels.hpp"
#include "domain/notify/outbox.hpp"
#include "domain/sla/engine.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <boost/json/serialize.hpp>

namespace ticketcore::detail {

// History, an event and teammate notifications for one thing that came due.
void raise_due(unit_of_work& uow, const ticket& t, const sla::due_event& e) {
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

void rebuild_service_level(unit_of_work& uow, ticket& t) {
  std::string before = t.sla.policy;
  sla::rebuild(t, uow.cfg, uow.tx.history_of(t.id), uow.tx.parts_of(t.id));
  if (t.sla.policy != before) uow.record(t.id, "sla.policy", boost::json::string(before), boost::json::string(t.sla.policy));
}

std::size_t reapply_policies_page(unit_of_work& uow, ticket_filter& f, std::size_t& changed) {
  auto page = uow.tx.find_tickets(f);
  for (stored_ticket& t : page) {
    const std::string sla_before = boost::json::serialize(to_json(t.sla));
    const auto idle_before = t.idle_due_at;
    rebuild_service_level(uow, t);
    for (kernel_hooks::ticket_hook hook : uow.hooks.before_save) hook(uow.cfg, t);
    if (boost::json::serialize(to_json(t.sla)) == sla_before && t.idle_due_at == idle_before) continue;
    uow.save_bookkeeping(t);
    ++changed;
  }
  if (!page.empty()) f.before = page.back().id;
  return page.size();
}

void rematch_service_level(unit_of_work& uow, ticket& t) {
  const sla_policy* p = sla::match(uow.cfg, t);
  if ((p ? p->id : std::string()) != t.sla.policy) rebuild_service_level(uow, t);
}

}  // namespace ticketcore::detail
