#include "domain/automation/idle.hpp"

namespace ticketcore::detail::automation {
namespace {

bool waiting(const rule& r, const stored_ticket& t) {
  return r.enabled && r.trigger == rule_trigger::idle && !t.idle_rules_run.count(r.id);
}

}  // namespace

void refresh_idle_due(const config& c, stored_ticket& t) {
  t.idle_due_at.reset();
  for (const rule& r : c.rules) {
    if (!waiting(r, t)) continue;
    const time_point due = t.updated_at + r.idle_after;
    if (!t.idle_due_at || due < *t.idle_due_at) t.idle_due_at = due;
  }
}

std::vector<const rule*> take_idle(const config& c, stored_ticket& t, time_point now) {
  std::vector<const rule*> due;
  for (const rule& r : c.rules) {
    if (!waiting(r, t) || t.updated_at + r.idle_after > now) continue;
    t.idle_rules_run.insert(r.id);
    due.push_back(&r);
  }
  refresh_idle_due(c, t);
  return due;
}

}  // namespace ticketcore::detail::automation
