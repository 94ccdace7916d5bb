#include "domain/changes/stranding.hpp"

#include "domain/changes/ticket_changes.hpp"
#include "domain/lifecycle/state_change.hpp"
#include "domain/queries/ticket_walk.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace ticketcore::detail {
namespace {

constexpr std::size_t named_at_most = 10;  // tickets a refusal names; the rest are counted

// The states of `type`'s lifecycle under `before` that its new one lacks.
std::vector<const state*> lost_states(const config& before, const config& after, const ticket_type& type) {
  std::vector<const state*> lost;
  const ticket_type* next = after.find_type(type.id);
  if (!next || next->category != type.category) return lost;  // removal and category: check_reconfiguration
  const lifecycle& now = after.lifecycle_of(*next);
  for (const state& s : before.lifecycle_of(type).states)
    if (!now.find(s.key)) lost.push_back(&s);
  return lost;
}

std::vector<std::string> removed_priorities(const config& before, const config& after) {
  std::vector<std::string> removed;
  for (const std::string& p : before.priorities)
    if (!after.has_priority(p)) removed.push_back(p);
  return removed;
}

// "#3, #7 and 41 more", or "" when `q` selects no ticket.
std::string named_tickets(unit_of_work& uow, const ticket_query& q, bool indexed) {
  std::string names;
  std::size_t count = 0;
  each_ticket(uow, q, indexed, [&](stored_ticket& t) {
    if (++count <= named_at_most) names += (names.empty() ? "#" : ", #") + std::to_string(t.number);
    return true;
  });
  if (count > named_at_most) names += " and " + std::to_string(count - named_at_most) + " more";
  return names;
}

ticket_query selecting(std::vector<std::string> types, std::vector<std::string> states,
                       std::vector<std::string> priorities) {
  ticket_query q;
  q.types = std::move(types);
  q.states = std::move(states);
  q.priorities = std::move(priorities);
  return q;
}

void check_mappings(const config& before, const config& after, const configuration_migration& m, problems& found) {
  for (const auto& [type_id, moves] : m.states) {
    const std::string at = "migration.states." + type_id;
    const ticket_type* type = after.find_type(type_id);
    if (!type) {
      found.add(at, "the new configuration has no ticket type '" + type_id + "'");
      continue;
    }
    const lifecycle& now = after.lifecycle_of(*type);
    const ticket_type* old = before.find_type(type_id);
    for (const auto& [from, to] : moves) {
      if (now.find(from))
        found.add(at + "." + from, "state '" + from + "' is still in lifecycle '" + now.id + "': map only the states it loses");
      else if (!old || !before.lifecycle_of(*old).find(from))
        found.add(at + "." + from, "tickets of type '" + type_id + "' had no state '" + from + "' to move from");
      if (!now.find(to)) found.add(at + "." + from, "state '" + to + "' is not in lifecycle '" + now.id + "'");
    }
  }
  for (const auto& [from, to] : m.priorities) {
    const std::string at = "migration.priorities." + from;
    if (after.has_priority(from)) found.add(at, "priority '" + from + "' is still configured: map only removed ones");
    else if (!before.has_priority(from)) found.add(at, "there was no priority '" + from + "' to move from");
    if (!after.has_priority(to)) found.add(at, "priority '" + to + "' is not in the new configuration");
  }
}

const std::string* destination(const std::map<std::string, std::string>* moves, const std::string& from) {
  if (!moves) return nullptr;
  auto it = moves->find(from);
  return it == moves->end() ? nullptr : &it->second;
}

const std::map<std::string, std::string>* state_moves(const configuration_migration& m, const std::string& type) {
  auto it = m.states.find(type);
  return it == m.states.end() ? nullptr : &it->second;
}

}  // namespace

void check_stranding(unit_of_work& uow, const config& before, const configuration_migration& m, bool indexed,
                     problems& found) {
  check_mappings(before, uow.cfg, m, found);
  for (const ticket_type& type : before.ticket_types) {
    std::string unmapped;
    for (const state* s : lost_states(before, uow.cfg, type)) {
      if (destination(state_moves(m, type.id), s->key)) continue;
      std::string in = named_tickets(uow, selecting({type.id}, {s->key}, {}), indexed);
      unmapped += (unmapped.empty() ? "" : "; ") + ("'" + s->key + "'") + (in.empty() ? "" : " (tickets " + in + ")");
    }
    if (!unmapped.empty() && uow.tx.type_in_use(type.id))
      found.add("ticket_types." + type.id, "ticket type '" + type.id + "' is used by tickets and its lifecycle would lose state " +
                                               unmapped + "; keep those states, or name the state each moves to in a migration");
  }
  std::string unmapped;
  for (const std::string& p : removed_priorities(before, uow.cfg)) {
    if (destination(&m.priorities, p)) continue;
    if (std::string in = named_tickets(uow, selecting({}, {}, {p}), indexed); !in.empty())
      unmapped += (unmapped.empty() ? "" : "; ") + ("'" + p + "' (tickets " + in + ")");
  }
  if (!unmapped.empty())
    found.add("priorities", "priority " + unmapped + " would be removed while tickets carry it; keep it, or name the "
                            "priority each moves to in a migration");
}

void carry_stranded_tickets(unit_of_work& uow, const config& before, const configuration_migration& m,
                            bool indexed) {
  for (const ticket_type& type : before.ticket_types)
    for (const state* s : lost_states(before, uow.cfg, type)) {
      const std::string* to = destination(state_moves(m, type.id), s->key);
      if (!to) continue;  // no ticket is in it (check_stranding)
      const state& target = *uow.cfg.lifecycle_of(*uow.cfg.find_type(type.id)).find(*to);
      each_ticket(uow, selecting({type.id}, {s->key}, {}), indexed, [&](stored_ticket& t) {
        change_state(uow, t, target, std::nullopt, nullptr, s);
        return true;
      });
    }
  for (const auto& [from, to] : m.priorities) {
    ticket_changes moved;
    moved.priority = to;
    each_ticket(uow, selecting({}, {}, {from}), indexed, [&](stored_ticket& t) {
      apply_ticket_changes(uow, t, moved);
      return true;
    });
  }
}

}  // namespace ticketcore::detail
