// Link rules (K1-K9) and the companion edges that keep a conversation and
// its customer ticket on the same tracker and back-office tickets.
#pragma once

#include "desk/unit_of_work.hpp"

#include <optional>
#include <variant>

namespace ticketcore::detail {

// What an id names: a ticket or a conversation the actor may see.
struct record_ref {
  endpoint_kind kind = endpoint_kind::ticket;
  std::optional<ticket> t;
  std::optional<conversation> c;
  const uuid& id() const { return t ? t->id : c->id; }
};

record_ref resolve(unit_of_work& uow, const uuid& id);

// Links `a` and `b` by `kind` after checking every K rule; returns the edge
// asked for (companion edges are added beside it). Throws link_limit for a
// broken limit or a duplicate, invalid_argument for wrong kinds of ends.
link link_records(unit_of_work& uow, const record_ref& a, const record_ref& b, link_kind kind);

// K6: links a tracker to an external reference; a duplicate is link_limit.
link add_external(unit_of_work& uow, const ticket& tracker, const external_ref& ref);

// Removes `l` and, for tracker and back-office links, its companions (K9).
void unlink_records(unit_of_work& uow, const link& l);

}  // namespace ticketcore::detail
