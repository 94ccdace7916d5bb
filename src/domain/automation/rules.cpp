#include "domain/automation/rules.hpp"
#include "model/text.hpp"

#include "domain/automation/conditions.hpp"
#include "domain/links/merged.hpp"
#include "domain/creation/operations.hpp"
#include "domain/timeline/timeline.hpp"
#include "domain/changes/ticket_changes.hpp"
#include "domain/lifecycle/state_change.hpp"
#include "domain/notify/outbox.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore::detail::automation {
namespace {

std::optional<rule_trigger> trigger_of(const event& e) {
  switch (e.kind) {
    case event_kind::ticket_created: return rule_trigger::ticket_created;
    case event_kind::state_changed: return rule_trigger::state_changed;
    case event_kind::sla_at_risk: return rule_trigger::sla_at_risk;
    case event_kind::sla_breached: return rule_trigger::sla_breached;
    case event_kind::due_date_reached: return rule_trigger::due_date_reached;
    case event_kind::conversation_created: return rule_trigger::conversation_created;
    case event_kind::part_added: {
      const boost::json::value* kind = e.detail.if_contains("kind");
      if (!kind || !kind->is_string()) return std::nullopt;
      auto k = parse_part_kind(kind->get_string());
      if (k == part_kind::reply) return rule_trigger::reply;
      if (k == part_kind::customer_message) return rule_trigger::customer_message;
      if (k == part_kind::note) return rule_trigger::note;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

// The team's members routing may pick, in order of id: an away teammate
// takes no assignment (A1). Read a page at a time from the directory.
std::vector<std::string> members_of(unit_of_work& uow, const std::string& team) {
  std::vector<std::string> out;
  uow.directory.for_each_member(team, [&](const teammate& m) {
    if (!m.away) out.push_back(m.id);
  });
  return out;
}

std::size_t open_tickets_of(unit_of_work& uow, const std::string& teammate) {
  ticket_filter f;
  f.assignee = teammate;
  f.limit = 100000;  // beyond this a teammate is loaded enough: the count stops
  auto tickets = uow.tx.find_tickets(f);
  return static_cast<std::size_t>(std::count_if(tickets.begin(), tickets.end(), [](const ticket& t) {
    return t.state_category != state_category::resolved;
  }));
}

// The team member an assignment picks ("" when the team has none).
std::string choose(unit_of_work& uow, const rule& r, const rule_action& a) {
  if (a.strategy == assignment::direct) return a.teammate;
  auto members = members_of(uow, a.team);
  if (members.empty()) return {};
  if (a.strategy == assignment::round_robin) {
    std::int64_t turn = uow.tx.next_counter("round_robin/" + r.id + "/" + a.team);
    return members[static_cast<std::size_t>(turn - 1) % members.size()];
  }
  std::string best;
  std::size_t least = 0;
  for (const auto& m : members) {
    std::size_t load = open_tickets_of(uow, m);
    if (best.empty() || load < least) best = m, least = load;
  }
  return best;
}

class actions {
 public:
  actions(unit_of_work& uow, const rule& r) : uow_(uow), rule_(r) {}

  void run(const rule_action& a, const uuid& id) {
    std::optional<stored_ticket> loaded = uow_.tx.get_ticket(id);
    if (!loaded) return;
    stored_ticket& t = *loaded;
    if (a.kind != rule_action_kind::notify && merged_into(uow_.tx, t.id))
      return skip(a, t, "ticket " + ticket_name(t) + " was merged and takes no changes (M1)");
    ticket_changes ch;
    switch (a.kind) {
      case rule_action_kind::assign:
        if (!a.team.empty()) ch.team = a.team;
        if (std::string who = choose(uow_, rule_, a); !who.empty()) ch.assignee = who;
        break;
      case rule_action_kind::set_priority: ch.priority = a.priority; break;
      case rule_action_kind::add_tags: ch.add_tags = a.tags; break;
      case rule_action_kind::remove_tags: ch.remove_tags = a.tags; break;
      case rule_action_kind::set_attribute: ch.attributes[a.key] = a.value; break;
      case rule_action_kind::set_state: return set_state(a, t);
      case rule_action_kind::link_tracker: return link_tracker(a, t);
      case rule_action_kind::add_note: {
        record_ref r{endpoint_kind::ticket, t, {}};
        add_note(uow_, r, a.text, note_mode::add);
        return;
      }
      case rule_action_kind::send_form: return;  // conversation rules only (validated on load)
      case rule_action_kind::notify:
        notify_teammates(uow_, t, notification_kind::rule_notice,
                         "rule/" + rule_.id + "/" + std::to_string(t.version), {{"rule", rule_.id}, {"message", a.text}},
                         a.teammate);
        return;
    }
    apply_ticket_changes(uow_, t, ch);
  }

  void run_on_conversation(const rule_action& a, const uuid& id) {
    std::optional<conversation> c = uow_.tx.get_conversation(id);
    if (!c) return;
    if (a.kind == rule_action_kind::send_form) {
      if (uow_.tx.count_links(c->id, link_kind::customer_ticket, endpoint_kind::ticket) > 0)
        return uow_.emit(event_kind::automation_failed, c->id, c->number,
                         {{"rule", rule_.id}, {"action", to_string(a.kind)}, {"message", "the conversation has its ticket"}});
      send_form(uow_, *c, a.type);
    } else if (a.kind == rule_action_kind::add_note) {
      record_ref r{endpoint_kind::conversation, {}, *c};
      add_note(uow_, r, a.text, note_mode::add);
    }
  }

 private:
  // An action this ticket cannot take is skipped and said so, never half done.
  void skip(const rule_action& a, const ticket& t, const std::string& why) {
    uow_.emit(event_kind::automation_failed, t.id, t.number,
              {{"rule", rule_.id}, {"action", to_string(a.kind)}, {"message", why}});
  }

  void set_state(const rule_action& a, stored_ticket& t) {
    const lifecycle& l = lifecycle_of(uow_, t);
    const state* target = l.find(a.state);
    if (!target) return skip(a, t, "lifecycle " + detail::quoted(l.id) + " has no state " + detail::quoted(a.state));
    if (t.state == a.state) return;
    if (!l.allows(t.state, a.state)) return skip(a, t, "lifecycle " + detail::quoted(l.id) + " does not allow " + t.state + " -> " + a.state);
    change_state(uow_, t, *target, std::nullopt, nullptr);
  }

  void link_tracker(const rule_action& a, const stored_ticket& t) {
    if (t.category != category::customer) return skip(a, t, "only customer tickets link to a tracker (K4)");
    for (const link& l : uow_.tx.links_of(t.id, link_kind::tracker))
      if (l.from == t.id) return;  // K4: it follows a tracker already
    link_tracker_by_title(uow_, record_ref{endpoint_kind::ticket, t, {}}, a.title, a.type);
  }

  unit_of_work& uow_;
  const rule& rule_;
};

// Runs `r`'s actions on `subject` as the rule; returns the events they caused.
std::vector<event> run_rule(unit_of_work& uow, const rule& r, const uuid& subject) {
  const actor as_rule = actor::automation(r.id);
  unit_of_work by_rule{uow.tx, uow.cfg, as_rule, uow.now, uow.hooks, true, {}, uow.numbers};
  actions run(by_rule, r);
  for (const rule_action& a : r.actions) {
    if (r.trigger == rule_trigger::conversation_created) run.run_on_conversation(a, subject);
    else run.run(a, subject);
  }
  return std::move(by_rule.events);
}

}  // namespace

void run_idle_rule(unit_of_work& uow, const rule& r, const uuid& ticket_id) {
  auto t = uow.tx.get_ticket(ticket_id);
  if (!t || !conditions_hold(uow.cfg, r, *t)) return;
  for (auto& caused : run_rule(uow, r, ticket_id)) uow.events.push_back(std::move(caused));
}

void run_rules(unit_of_work& uow) {
  if (uow.cfg.rules.empty()) return;
  std::vector<int> depth(uow.events.size(), 0);
  int runs = 0;
  for (std::size_t i = 0; i < uow.events.size(); ++i) {
    const event e = uow.events[i];  // a copy: the vector grows below
    const int d = depth[i];
    auto trigger = trigger_of(e);
    if (!trigger) continue;
    const bool on_conversation = *trigger == rule_trigger::conversation_created;
    for (const rule& r : uow.cfg.rules) {
      if (!r.enabled || r.trigger != *trigger) continue;
      std::int64_t number = 0;
      if (on_conversation) {
        auto c = uow.tx.get_conversation(e.subject);
        if (!c || !conditions_hold(uow.cfg, r, *c)) continue;
        number = c->number;
      } else {
        auto t = uow.tx.get_ticket(e.subject);
        if (!t || !conditions_hold(uow.cfg, r, *t)) continue;
        number = t->number;
      }
      if (d >= max_rule_depth || runs >= max_rule_runs) {
        boost::json::object why{{"rule", r.id}, {"depth", d}, {"runs", runs}};
        uow.record(e.subject, "automation.limit", nullptr, why);
        uow.emit(event_kind::automation_limit, e.subject, number, std::move(why));
        return;
      }
      ++runs;
      for (auto& caused : run_rule(uow, r, e.subject)) {
        uow.events.push_back(std::move(caused));
        depth.push_back(d + 1);
      }
    }
  }
}

}  // namespace ticketcore::detail::automation
