#include "domain/changes/bulk.hpp"
#include "domain/changes/ticket_changes.hpp"
#include "domain/lifecycle/state_change.hpp"
#include "domain/links/merged.hpp"
#include "domain/queries/queries.hpp"
#include "model/text.hpp"
#include "store/keys.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore::detail {
namespace {

constexpr std::size_t page_size = 500;

bool has_fields(const bulk_change& c) {
  return c.assignee || c.team || c.priority || !c.add_tags.empty() || !c.remove_tags.empty();
}

// Changes one ticket; true if anything changed. Throws naming the ticket
// when it cannot take the change, which rolls back the whole call.
bool apply(unit_of_work& uow, stored_ticket& t, const bulk_change& c) {
  require_not_merged(uow, t, "change in bulk");
  bool changed = false;
  if (has_fields(c)) {
    ticket_changes ch;
    ch.assignee = c.assignee;
    ch.team = c.team;
    ch.priority = c.priority;
    ch.add_tags = c.add_tags;
    ch.remove_tags = c.remove_tags;
    changed = apply_ticket_changes(uow, t, ch);
  }
  if (c.state && t.state != *c.state) {
    const lifecycle& l = lifecycle_of(uow, t);
    const state* target = l.find(*c.state);
    if (!target)
      throw error(errc::invalid_argument, "ticket " + ticket_name(t) + " follows lifecycle '" + l.id +
                                              "', which has no state " + quoted(*c.state) + "; narrow the query (e.g. by type)");
    if (!l.allows(t.state, *c.state))
      throw error(errc::invalid_transition, "lifecycle '" + l.id + "' does not allow " + t.state + " -> " + *c.state +
                                                " for ticket " + ticket_name(t) + "; nothing was changed");
    change_state(uow, t, *target, std::nullopt);
    changed = true;
  }
  return changed;
}

}  // namespace

ticket_query in_bulk_order(ticket_query q) {
  q.order = ticket_order::created;
  q.descending = false;
  return q;
}

bulk_result apply_bulk_change(unit_of_work& uow, const ticket_query& ordered, std::optional<ticket_position> start,
                              const bulk_change& change, std::size_t batch) {
  validate_query(uow.policy(), uow.cfg, ordered);
  bulk_result r;
  std::optional<ticket_position> at = std::move(start);
  std::optional<stored_ticket> last;
  for (;;) {
    const std::size_t want = batch ? std::min(page_size, batch - r.matched) : page_size;
    if (want == 0) break;
    auto rows = uow.tx.query_tickets(ordered, at, want);
    for (const stored_ticket& row : rows) {
      // Reloaded: a tracker earlier in the page may have moved this one.
      stored_ticket t = *uow.tx.get_ticket(row.id);
      if (apply(uow, t, change)) ++r.changed;
      ++r.matched;
      at = ticket_position{sort_key_of(row, uow.cfg, ordered.order), row.id};
      last = row;
    }
    if (rows.size() < want) break;
  }
  if (batch && r.matched == batch && !uow.tx.query_tickets(ordered, at, 1).empty())
    r.next_cursor = cursor_after(uow.cfg, ordered, *last);
  return r;
}

}  // namespace ticketcore::detail
