// Bulk updates (B1): a query, not a page. Each ticket changes as if changed
// alone; the call (or each batch) commits whole or not at all. Imports:
// many tickets in one unit of work, for moving a help desk in.
#include "desk/desk_impl.hpp"
#include "domain/links/merged.hpp"
#include "domain/queries/queries.hpp"
#include "domain/changes/ticket_changes.hpp"
#include "domain/creation/operations.hpp"
#include "domain/lifecycle/state_change.hpp"
#include "model/text.hpp"
#include "store/keys.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore {
namespace {

constexpr std::size_t page_size = 500;

bool has_fields(const bulk_change& c) {
  return c.assignee || c.team || c.priority || !c.add_tags.empty() || !c.remove_tags.empty();
}

// Changes one ticket; true if anything changed. Throws naming the ticket
// when it cannot take the change, which rolls back the whole call.
bool apply(detail::unit_of_work& uow, stored_ticket& t, const bulk_change& c) {
  detail::require_not_merged(uow, t, "change in bulk");
  bool changed = false;
  if (has_fields(c)) {
    ticket_changes ch;
    ch.assignee = c.assignee;
    ch.team = c.team;
    ch.priority = c.priority;
    ch.add_tags = c.add_tags;
    ch.remove_tags = c.remove_tags;
    changed = detail::apply_ticket_changes(uow, t, ch);
  }
  if (c.state && t.state != *c.state) {
    const lifecycle& l = detail::lifecycle_of(uow, t);
    const state* target = l.find(*c.state);
    if (!target)
      throw error(errc::invalid_argument, "ticket " + detail::ticket_name(t) + " follows lifecycle '" + l.id +
                                              "', which has no state " + detail::quoted(*c.state) + "; narrow the query (e.g. by type)");
    if (!l.allows(t.state, *c.state))
      throw error(errc::invalid_transition, "lifecycle '" + l.id + "' does not allow " + t.state + " -> " + *c.state +
                                                " for ticket " + detail::ticket_name(t) + "; nothing was changed");
    detail::change_state(uow, t, *target, std::nullopt);
    changed = true;
  }
  return changed;
}

}  // namespace

bulk_result desk::bulk_update(const actor& who, const ticket_query& q, const bulk_change& change, std::size_t batch,
                              const std::string& cursor) {
  check_may_run(op::bulk_update, who.kind);  // U1, before the arguments are read
  // Creation order: no change moves a ticket in it, so pages and batches
  // stay where they were while the tickets change under them.
  ticket_query ordered = q;
  ordered.order = ticket_order::created;
  ordered.descending = false;
  const auto start = detail::parse_cursor(ordered, cursor);
  return impl_->write(op::bulk_update, who, [&](detail::unit_of_work& uow) {
    detail::validate_query(detail::visibility(uow.cfg, uow.who), uow.cfg, ordered);
    bulk_result r;
    std::optional<ticket_position> at = start;
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
        at = ticket_position{detail::sort_key_of(row, uow.cfg, ordered.order), row.id};
        last = row;
      }
      if (rows.size() < want) break;
    }
    if (batch && r.matched == batch && !uow.tx.query_tickets(ordered, at, 1).empty())
      r.next_cursor = detail::cursor_after(uow.cfg, ordered, *last);
    return r;
  });
}

std::vector<imported_ticket> desk::import_tickets(const actor& who, std::vector<new_ticket> tickets) {
  return impl_->write(
      op::import_tickets, who,
      [&](detail::unit_of_work& uow) {
        std::vector<imported_ticket> stored;
        stored.reserve(tickets.size());
        for (std::size_t i = 0; i < tickets.size(); ++i) {
          try {
            stored_ticket t = detail::insert_new_ticket(uow, std::move(tickets[i]), detail::creation::import);
            stored.push_back({t.id, t.number});
          } catch (const error& e) {
            // The whole import rolls back; say which ticket stopped it.
            const std::string where = "tickets[" + std::to_string(i) + "]";
            std::vector<std::string> fields;
            for (const auto& f : e.fields()) fields.push_back(where + "." + f);
            throw error(e.kind(), where + ": " + e.what(), fields);
          }
        }
        return stored;
      },
      false);
}

}  // namespace ticketcore
