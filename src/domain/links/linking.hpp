// Link rules (K1-K9) and the companion edges that keep a conversation and
// its customer ticket on the same tracker and back-office tickets.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <optional>
#include <variant>
#include <vector>

namespace ticketcore::detail {

// What an id names: a ticket or a conversation the actor may see.
struct record_ref {
  endpoint_kind kind = endpoint_kind::ticket;
  std::optional<stored_ticket> t;
  std::optional<conversation> c;
  const uuid& id() const { return t ? t->id : c->id; }
};

record_ref resolve(unit_of_work& uow, const uuid& id);

// Links `a` and `b` by `kind` after checking every K rule; returns the edge
// asked for (companion edges are added beside it). Throws link_limit for a
// broken limit or a duplicate, invalid_argument for wrong kinds of ends or
// a merged ticket (M1). Every check comes before the first write, so when
// it throws nothing was written (merge relies on this to let the target's
// links win).
link link_records(unit_of_work& uow, const record_ref& a, const record_ref& b, link_kind kind);

// K6: links a tracker to an external reference; a duplicate is link_limit.
// Checks come before the write, as for link_records.
link add_external(unit_of_work& uow, const ticket& tracker, const external_ref& ref);

// Removes `l` and, for tracker and back-office links, its companions (K9).
void unlink_records(unit_of_work& uow, const link& l);

// The Desk's link calls on ids: `from` and `to` (or `tracker`) must be
// records the actor may see; remove_link refuses a merged_into link (M1).
link add_link(unit_of_work& uow, const uuid& from, const uuid& to, link_kind kind);
link add_external_link(unit_of_work& uow, const uuid& tracker, const external_ref& ref);
void remove_link(unit_of_work& uow, const uuid& link_id);

// The links of the record `id` (which the actor must see) that the actor
// may see (V2): a contact sees links between records that are theirs.
std::vector<link> visible_links(unit_of_work& uow, const uuid& id);

// Removes the one edge `l`, with its history on both ends and its event.
void remove_edge(unit_of_work& uow, const link& l);

// M1: the merged_into edge from `source` to `target`, with history and event.
link insert_merged_into(unit_of_work& uow, const ticket& source, const ticket& target);

// M1: moves every link of `source` except merged_into to `target` (same
// category) with the K-rule checks; where a limit would break, the
// target's link wins and the source's is dropped, with a history entry on
// the source. Returns how many links moved and how many were dropped.
struct moved_links {
  std::size_t moved = 0;
  std::size_t dropped = 0;
};
moved_links move_links(unit_of_work& uow, const stored_ticket& source, const stored_ticket& target);

}  // namespace ticketcore::detail
