// S1, S2. A clock is active while its cycle has begun and is not met, and
// running while active and the ticket is not in a paused state category.
#include "domain/sla/engine.hpp"

#include "domain/sla/counting.hpp"

#include <algorithm>
#include <chrono>

namespace ticketcore::detail::sla {
namespace {

template <class T>
bool listed(const std::vector<T>& values, const T& v) {
  return values.empty() || std::find(values.begin(), values.end(), v) != values.end();
}

bool any_tag(const std::vector<std::string>& wanted, const std::set<std::string>& tags) {
  return wanted.empty() || std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) { return tags.count(w); });
}

bool paused_in(const sla_policy& p, state_category s) {
  return std::find(p.pause_in.begin(), p.pause_in.end(), s) != p.pause_in.end();
}

bool active(const sla_clock& k) { return k.cycle > 0 && !k.met_at; }

// The policy's clocks and its way of counting, for one ticket.
struct clocks {
  const sla_policy& policy;
  counting count;
  ticket& t;

  clocks(const sla_policy& p, const config& c, ticket& tk) : policy(p), count(c, p), t(tk) {}

  duration budget(const sla_clock& k) const { return policy.targets.at(k.target); }

  void run(sla_clock& k, time_point at) {
    k.running_since = at;
    duration left = budget(k) - k.used;
    k.due_at = count.add(at, left);
    if (!k.at_risk) {
      auto risk = std::chrono::duration_cast<duration>(budget(k) * policy.at_risk_share);
      k.at_risk_at = count.add(at, std::max(risk - k.used, duration::zero()));
    }
  }

  void stop(sla_clock& k, time_point at) {
    if (!k.running_since) return;
    k.used += count.between(*k.running_since, at);
    k.running_since.reset();
    k.due_at.reset();
    k.at_risk_at.reset();
  }

  // Starts a clock's next cycle: running unless the ticket is paused.
  void begin_cycle(sla_clock& k, time_point at) {
    stop(k, at);
    ++k.cycle;
    k.used = duration::zero();
    k.met_at.reset();
    k.at_risk = k.breached = false;
    if (!paused_in(policy, t.state_category)) run(k, at);
  }

  void meet(sla_clock& k, time_point at) {
    if (!active(k)) return;
    stop(k, at);
    k.met_at = at;
  }
};

template <class F>
void with_clocks(ticket& t, const config& c, F&& f) {
  if (t.sla.policy.empty()) return;
  const sla_policy* p = c.find_sla_policy(t.sla.policy);
  if (!p) return;  // the policy was removed: its clocks stay as they were
  clocks k(*p, c, t);
  f(k);  // next_due_at follows before the ticket is saved (kernel_hooks::before_save)
}

}  // namespace

const sla_policy* match(const config& c, const ticket& t) {
  for (const sla_policy& p : c.sla_policies) {
    const sla_conditions& w = p.conditions;
    if (listed(w.types, t.type) && listed(w.categories, t.category) && listed(w.priorities, t.priority) &&
        listed(w.brands, t.brand) && listed(w.channels, t.channel) && any_tag(w.tags, t.tags))
      return &p;
  }
  return nullptr;
}

void start(ticket& t, const config& c, time_point at) {
  t.sla = {};
  const sla_policy* p = match(c, t);
  if (p) {
    t.sla.policy = p->id;
    for (const auto& [target, _] : p->targets) {
      // Only customer tickets take replies, so only they have response targets.
      if (target != sla_target::resolution && t.category != category::customer) continue;
      sla_clock clock;
      clock.target = target;
      clock.cycle = 0;  // not begun
      t.sla.clocks.push_back(clock);
    }
  }
  with_clocks(t, c, [&](clocks& k) {
    for (sla_clock& clock : t.sla.clocks)
      if (clock.target != sla_target::next_response) k.begin_cycle(clock, at);  // next response waits for a message
    if (t.state_category == state_category::resolved)
      for (sla_clock& clock : t.sla.clocks) k.meet(clock, at);
  });
}

void state_changed(ticket& t, const config& c, state_category from, time_point at) {
  const state_category to = t.state_category;
  if (from == to) return;
  with_clocks(t, c, [&](clocks& k) {
    if (to == state_category::resolved) {  // resolving meets every target still open
      for (sla_clock& clock : t.sla.clocks) k.meet(clock, at);
      return;
    }
    if (from == state_category::resolved) {  // a reopen: a new resolution cycle
      if (sla_clock* r = t.sla.find(sla_target::resolution)) k.begin_cycle(*r, at);
      return;
    }
    const bool was_paused = paused_in(k.policy, from), now_paused = paused_in(k.policy, to);
    for (sla_clock& clock : t.sla.clocks) {
      if (!active(clock)) continue;
      if (!was_paused && now_paused) k.stop(clock, at);
      else if (was_paused && !now_paused) k.run(clock, at);
    }
  });
}

void teammate_replied(ticket& t, const config& c, time_point at) {
  with_clocks(t, c, [&](clocks& k) {
    for (sla_target target : {sla_target::first_response, sla_target::next_response})
      if (sla_clock* clock = t.sla.find(target)) k.meet(*clock, at);
  });
}

void contact_wrote(ticket& t, const config& c, time_point at) {
  if (t.state_category == state_category::resolved) return;
  with_clocks(t, c, [&](clocks& k) {
    const sla_clock* first = t.sla.find(sla_target::first_response);
    if (first && active(*first)) return;  // still waiting for the first answer
    sla_clock* next = t.sla.find(sla_target::next_response);
    if (next && !active(*next)) k.begin_cycle(*next, at);  // counts from the first unanswered message
  });
}

void rebuild(ticket& t, const config& c, const std::vector<history_entry>& history,
             const std::vector<part>& timeline) {
  const ticket_type* type = c.find_type(t.type);
  auto category_of = [&](const boost::json::value& key) {
    const state* s = type && key.is_string() ? c.lifecycle_of(*type).find(key.get_string()) : nullptr;
    return s ? s->category : state_category::in_progress;
  };
  struct step {
    time_point at;
    int order;  // history before parts at the same instant: a reply and a state change in one call
    const history_entry* h;
    const part* p;
  };
  std::vector<step> steps;
  for (const auto& h : history)
    if (h.field == "state") steps.push_back({h.at, 0, &h, nullptr});
  for (const auto& p : timeline)
    if (p.kind == part_kind::reply || p.kind == part_kind::customer_message) steps.push_back({p.created_at, 1, nullptr, &p});
  std::stable_sort(steps.begin(), steps.end(),
                   [](const step& a, const step& b) { return std::tie(a.at, a.order) < std::tie(b.at, b.order); });

  const state_category now = t.state_category;
  auto first_state = std::find_if(steps.begin(), steps.end(), [](const step& s) { return s.h != nullptr; });
  t.state_category = first_state == steps.end() ? now : category_of(first_state->h->old_value);
  start(t, c, t.created_at);
  for (const step& s : steps) {
    if (s.h) {
      state_category from = t.state_category;
      t.state_category = category_of(s.h->new_value);
      state_changed(t, c, from, s.at);
    } else if (s.p->kind == part_kind::reply) {
      teammate_replied(t, c, s.at);
    } else {
      contact_wrote(t, c, s.at);
    }
  }
  t.state_category = now;
}

std::vector<due_event> take_due(stored_ticket& t, time_point now) {
  std::vector<due_event> out;
  for (sla_clock& k : t.sla.clocks) {
    if (!k.running_since) continue;
    const bool breach = !k.breached && k.due_at && *k.due_at <= now;
    if (!k.at_risk && ((k.at_risk_at && *k.at_risk_at <= now) || breach)) {
      out.push_back({due_event::kind::at_risk, k.target, k.cycle, k.at_risk_at.value_or(now), k.due_at.value_or(now)});
      k.at_risk = true;
      k.at_risk_at.reset();
    }
    if (breach) {
      out.push_back({due_event::kind::breached, k.target, k.cycle, *k.due_at, *k.due_at});
      k.breached = true;
    }
  }
  if (t.follow_up_at && !t.follow_up_raised && *t.follow_up_at <= now) {
    out.push_back({due_event::kind::follow_up, sla_target::resolution, 0, *t.follow_up_at});
    t.follow_up_raised = true;
  }
  if (t.action_required_at && !t.action_required_raised && *t.action_required_at <= now) {
    out.push_back({due_event::kind::action_required, sla_target::resolution, 0, *t.action_required_at});
    t.action_required_raised = true;
  }
  refresh_next_due(t);
  return out;
}

void refresh_next_due(stored_ticket& t) {
  std::optional<time_point> next;
  auto consider = [&](const std::optional<time_point>& at) {
    if (at && (!next || *at < *next)) next = at;
  };
  for (const sla_clock& k : t.sla.clocks) {
    if (!k.running_since) continue;
    if (!k.at_risk) consider(k.at_risk_at);
    if (!k.breached) consider(k.due_at);
  }
  if (!t.follow_up_raised) consider(t.follow_up_at);
  if (!t.action_required_raised) consider(t.action_required_at);
  consider(t.idle_due_at);  // A1: idle rules share the due index
  t.next_due_at = next;
}

}  // namespace ticketcore::detail::sla
