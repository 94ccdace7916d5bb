#include "domain/report/facts.hpp"

#include "domain/sla/counting.hpp"

#include <ticketcore/clock.hpp>

#include <algorithm>
#include <chrono>

namespace ticketcore::detail {
namespace {

std::int64_t seconds(duration d) { return std::chrono::duration_cast<std::chrono::seconds>(d).count(); }

// Time in [from, to) as the ticket's policy counts it: business time on its
// calendar, elapsed time without one (or without a policy).
std::int64_t counted(const unit_of_work& uow, const ticket& t, time_point from, time_point to) {
  const sla_policy* p = t.sla.policy.empty() ? nullptr : uow.cfg.find_sla_policy(t.sla.policy);
  if (!p) return seconds(to > from ? to - from : duration::zero());
  return seconds(sla::counting(uow.cfg, *p).between(from, to));
}

std::string calendar_of(const unit_of_work& uow, const ticket& t) {
  const sla_policy* p = t.sla.policy.empty() ? nullptr : uow.cfg.find_sla_policy(t.sla.policy);
  return p ? p->calendar : std::string();
}

}  // namespace

void record_first_response(unit_of_work& uow, const ticket& t) {
  auto parts = uow.tx.parts_of(t.id);
  if (std::any_of(parts.begin(), parts.end(), [](const part& p) { return p.kind == part_kind::reply; })) return;
  uow.record(t.id, "first_response", nullptr,
             {{"seconds", counted(uow, t, t.created_at, uow.now)}, {"calendar", calendar_of(uow, t)}});
}

void record_resolution(unit_of_work& uow, const ticket& t, state_category from) {
  const bool resolved = t.state_category == state_category::resolved;
  if (resolved == (from == state_category::resolved)) return;
  // The cycle began at creation or at the last reopen.
  int cycle = 1;
  time_point began = t.created_at;
  for (const history_entry& h : uow.tx.field_history(t.id, "resolution")) {
    const auto* o = h.new_value.if_object();
    const auto* e = o ? o->if_contains("event") : nullptr;
    if (e && *e == "reopened") ++cycle, began = h.at;
  }
  if (resolved)
    uow.record(t.id, "resolution", nullptr,
               {{"event", "resolved"}, {"cycle", cycle}, {"seconds", counted(uow, t, began, uow.now)},
                {"calendar", calendar_of(uow, t)}});
  else
    uow.record(t.id, "resolution", nullptr, {{"event", "reopened"}, {"cycle", cycle + 1}});
}

void record_sla_met(unit_of_work& uow, const ticket& t, const sla_state& before) {
  const sla_policy* p = t.sla.policy.empty() ? nullptr : uow.cfg.find_sla_policy(t.sla.policy);
  if (!p) return;
  for (const sla_clock& k : t.sla.clocks) {
    if (!k.met_at) continue;
    const sla_clock* was = before.policy == t.sla.policy ? before.find(k.target) : nullptr;
    if (was && was->cycle == k.cycle && was->met_at) continue;  // met earlier
    auto target = p->targets.find(k.target);
    if (target == p->targets.end()) continue;
    uow.record(t.id, std::string("sla.") + to_string(k.target), nullptr,
               {{"event", "met"},
                {"cycle", k.cycle},
                {"at", format_time(*k.met_at)},
                {"within", k.used <= target->second},
                {"used_seconds", seconds(k.used)},
                {"target_seconds", seconds(target->second)}});
  }
}

}  // namespace ticketcore::detail
