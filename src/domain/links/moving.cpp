// Moving a merged ticket's links to the ticket it merged into (M1). The K
// rules are the ones add_link applies; where one would break, the target's
// link wins and the source's is dropped, with a history entry on the source.
#include "domain/links/linking.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore::detail {
namespace {

bool has_edge(unit_of_work& uow, const uuid& from, const uuid& to, link_kind kind) {
  for (const link& l : uow.tx.links_of(from, kind))
    if ((l.from == from && l.to == to) || (kind == link_kind::related && l.from == to && l.to == from)) return true;
  return false;
}

std::vector<link> followed(unit_of_work& uow, const uuid& id) {
  std::vector<link> out;
  for (const link& l : uow.tx.links_of(id, link_kind::tracker))
    if (l.from == id) out.push_back(l);
  return out;
}

void record_drop(unit_of_work& uow, const uuid& at, const link& l, const uuid& seen_from, const std::string& why) {
  boost::json::object edge{{"kind", to_string(l.kind)}};
  if (l.external) edge["external_id"] = l.external->external_id;
  else edge["other"] = to_string(l.other(seen_from));
  uow.record(at, "merge.dropped_link", std::move(edge), boost::json::string(why));
}

}  // namespace

moved_links move_links(unit_of_work& uow, const stored_ticket& source, const stored_ticket& target) {
  std::vector<link> edges;
  for (link& l : uow.tx.links_of(source.id))
    if (l.kind != link_kind::merged_into) edges.push_back(std::move(l));  // a merge chain keeps its record
  // Detach everything first: a tracker's followers follow one tracker each
  // (K2, K4), so they can follow the target only once the source lets go.
  for (const link& l : edges) remove_edge(uow, l);
  // Conversations last: pairing with the target pools whatever the target
  // has by then, moved links included.
  std::stable_partition(edges.begin(), edges.end(),
                        [](const link& l) { return l.kind != link_kind::customer_ticket; });

  moved_links out;
  const record_ref to_target{endpoint_kind::ticket, target, {}};
  for (const link& l : edges) {
    auto drop = [&](const std::string& why) {
      record_drop(uow, source.id, l, source.id, why);
      ++out.dropped;
    };
    try {
      if (l.kind == link_kind::external) {
        add_external(uow, target, *l.external);
        ++out.moved;
        continue;
      }
      const uuid& other = l.other(source.id);
      if (other == target.id) {
        drop("it joined the source to the target");
        continue;
      }
      const bool served = l.from == source.id;  // the source was the served end
      if (has_edge(uow, served ? target.id : other, served ? other : target.id, l.kind)) {
        ++out.moved;  // the target has it already (a companion moved with it, or it was there)
        continue;
      }
      record_ref end = resolve(uow, other);
      if (l.kind == link_kind::customer_ticket) {
        if (end.c->contact != target.contact) {
          drop("conversation " + std::to_string(end.c->number) + " belongs to contact '" + end.c->contact +
               "', and ticket " + ticket_name(target) + " to " + detail::quoted(target.contact));
          continue;
        }
        // A pair shares one tracker (K2, K4): a conversation still on a
        // tracker the target does not follow gives it up for the target's.
        auto mine = followed(uow, end.id()), theirs = followed(uow, target.id);
        if (!mine.empty() && !theirs.empty() && mine.front().to != theirs.front().to)
          for (const link& t : mine) {
            remove_edge(uow, t);
            record_drop(uow, end.id(), t, end.id(), "its ticket merged into " + ticket_name(target) +
                                                         ", which follows another tracker (K2)");
          }
      }
      if (served) link_records(uow, to_target, end, l.kind);
      else link_records(uow, end, to_target, l.kind);
      ++out.moved;
    } catch (const error& e) {
      if (e.kind() != errc::link_limit) throw;
      drop(std::string("the target's link wins: ") + e.what());  // nothing was written (linking.hpp)
    }
  }
  return out;
}

}  // namespace ticketcore::detail
