#include "domain/links/linking.hpp"
#include "model/text.hpp"

#include "domain/links/merged.hpp"
#include "visibility/policy.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <algorithm>

namespace ticketcore::detail {
namespace {

std::string name_of(const record_ref& r) {
  return r.t ? "ticket " + ticket_name(*r.t) : "conversation " + std::to_string(r.c->number);
}

boost::json::object edge_summary(const link& l, const uuid& seen_from) {
  return {{"link", to_string(l.id)}, {"kind", to_string(l.kind)}, {"other", to_string(l.other(seen_from))}};
}

link insert_edge(unit_of_work& uow, link_kind kind, const uuid& from, endpoint_kind from_kind, const uuid& to,
                 endpoint_kind to_kind, std::optional<external_ref> external = {}) {
  link l;
  l.id = new_id();
  l.kind = kind;
  l.from = from;
  l.from_kind = from_kind;
  l.to = to;
  l.to_kind = to_kind;
  l.external = std::move(external);
  l.created_by = uow.who;
  l.created_at = uow.now;
  uow.tx.insert_link(l);
  uow.record(from, "links", nullptr, edge_summary(l, from));
  if (!to.is_nil()) uow.record(to, "links", nullptr, edge_summary(l, to));
  uow.emit(event_kind::link_added, from, 0, {{"link", to_string(l.id)}, {"kind", to_string(kind)}});
  return l;
}

// The records that share tracker and back-office links with `r`: a
// conversation's customer ticket, or a customer ticket's conversations.
std::vector<std::pair<uuid, endpoint_kind>> companions(unit_of_work& uow, const uuid& id) {
  std::vector<std::pair<uuid, endpoint_kind>> out;
  for (const link& l : uow.tx.links_of(id, link_kind::customer_ticket))
    out.emplace_back(l.other(id), l.other_kind(id));
  return out;
}

// The ticket `id` is linked to by `kind` with `id` as the served end.
std::vector<uuid> targets(unit_of_work& uow, const uuid& id, link_kind kind) {
  std::vector<uuid> out;
  for (const link& l : uow.tx.links_of(id, kind))
    if (l.from == id) out.push_back(l.to);
  return out;
}

bool is_customer_side(const record_ref& r) { return r.c || r.t->category == category::customer; }

// Tracker (K2, K4, K7) and back-office (K3, K5) links, with companions.
link link_to_ticket(unit_of_work& uow, const record_ref& served, const record_ref& target, link_kind kind) {
  category wanted = kind == link_kind::tracker ? category::tracker : category::back_office;
  if (!target.t || target.t->category != wanted)
    throw error(errc::invalid_argument, "the " + std::string(to_string(wanted)) + " end of a " +
                                            to_string(kind) + " link must be a " + to_string(wanted) +
                                            " ticket, and " + name_of(target) + " is not" +
                                            (kind == link_kind::tracker ? " (K7)" : ""));
  if (!is_customer_side(served))
    throw error(errc::invalid_argument, to_string(kind) + std::string(" links join conversations and customer "
                                                                      "tickets to a ticket; ") +
                                            name_of(served) + " is neither");
  const uuid& to = target.t->id;
  auto group = companions(uow, served.id());
  group.insert(group.begin(), {served.id(), served.kind});
  std::vector<std::pair<uuid, endpoint_kind>> missing;
  for (const auto& [member, member_kind] : group) {
    auto linked = targets(uow, member, kind);
    bool here = std::find(linked.begin(), linked.end(), to) != linked.end();
    if (here && member == served.id())
      throw error(errc::link_limit, name_of(served) + " is already linked to " + name_of(target) + " (K9)");
    if (here) continue;
    if (kind == link_kind::tracker && !linked.empty()) {
      auto other = uow.tx.get_ticket(linked.front());
      throw error(errc::link_limit,
                  std::string(member_kind == endpoint_kind::conversation ? "a conversation" : "a customer ticket") +
                      " has at most one tracker (" + (member_kind == endpoint_kind::conversation ? "K2" : "K4") +
                      "): " + (member == served.id() ? name_of(served) : "its linked record") +
                      " already follows tracker " + (other ? ticket_name(*other) : to_string(linked.front())));
    }
    missing.emplace_back(member, member_kind);
  }
  link asked;
  for (const auto& [member, member_kind] : missing) {
    link l = insert_edge(uow, kind, member, member_kind, to, endpoint_kind::ticket);
    if (member == served.id()) asked = l;
  }
  return asked;
}

// K1, then the two records pool their tracker and back-office links.
link link_customer_ticket(unit_of_work& uow, const conversation& c, const ticketcore::ticket& t) {
  if (t.category != category::customer)
    throw error(errc::invalid_argument, "a customer_ticket link needs a customer ticket; ticket " + ticket_name(t) +
                                            " is " + to_string(t.category));
  if (t.contact != c.contact)
    throw error(errc::invalid_argument, "conversation " + std::to_string(c.number) + " belongs to contact '" +
                                            c.contact + "' but ticket " + ticket_name(t) + " to " + detail::quoted(t.contact));
  if (uow.tx.count_links(c.id, link_kind::customer_ticket, endpoint_kind::ticket) > 0)
    throw error(errc::link_limit,
                "conversation " + std::to_string(c.number) + " already has a customer ticket (K1)");
  auto conversation_tracker = targets(uow, c.id, link_kind::tracker);
  auto ticket_tracker = targets(uow, t.id, link_kind::tracker);
  if (!conversation_tracker.empty() && !ticket_tracker.empty() && conversation_tracker != ticket_tracker)
    throw error(errc::link_limit, "conversation " + std::to_string(c.number) + " and ticket " + ticket_name(t) +
                                      " follow different trackers; a pair shares one (K2, K4)");
  link asked = insert_edge(uow, link_kind::customer_ticket, c.id, endpoint_kind::conversation, t.id,
                           endpoint_kind::ticket);
  auto share = [&](const uuid& from, endpoint_kind from_kind, const std::vector<uuid>& have,
                   const std::vector<uuid>& give, link_kind kind) {
    for (const uuid& to : give)
      if (std::find(have.begin(), have.end(), to) == have.end())
        insert_edge(uow, kind, from, from_kind, to, endpoint_kind::ticket);
  };
  share(t.id, endpoint_kind::ticket, ticket_tracker, conversation_tracker, link_kind::tracker);
  share(c.id, endpoint_kind::conversation, conversation_tracker, ticket_tracker, link_kind::tracker);
  auto conversation_bo = targets(uow, c.id, link_kind::back_office);
  auto ticket_bo = targets(uow, t.id, link_kind::back_office);
  share(t.id, endpoint_kind::ticket, ticket_bo, conversation_bo, link_kind::back_office);
  share(c.id, endpoint_kind::conversation, conversation_bo, ticket_bo, link_kind::back_office);
  return asked;
}

}  // namespace

record_ref resolve(unit_of_work& uow, const uuid& id) {
  visibility p = uow.policy();
  if (auto t = uow.tx.get_ticket(id); t && p.can_see(*t)) return {endpoint_kind::ticket, std::move(t), {}};
  if (auto c = uow.tx.get_conversation(id); c && p.can_see(*c))
    return {endpoint_kind::conversation, {}, std::move(c)};
  throw error(errc::not_found, "no ticket or conversation " + to_string(id));
}

link link_records(unit_of_work& uow, const record_ref& a, const record_ref& b, link_kind kind) {
  if (a.id() == b.id()) throw error(errc::invalid_argument, "a record cannot be linked to itself (K9)");
  for (const record_ref* end : {&a, &b})
    if (end->t) require_not_merged(uow, *end->t, "take new links");
  switch (kind) {
    case link_kind::customer_ticket:
      if (a.c && b.t) return link_customer_ticket(uow, *a.c, *b.t);
      if (b.c && a.t) return link_customer_ticket(uow, *b.c, *a.t);
      throw error(errc::invalid_argument, "a customer_ticket link joins a conversation and a customer ticket");
    case link_kind::tracker:
    case link_kind::back_office: {
      category end = kind == link_kind::tracker ? category::tracker : category::back_office;
      bool swapped = a.t && a.t->category == end && !(b.t && b.t->category == end);
      return swapped ? link_to_ticket(uow, b, a, kind) : link_to_ticket(uow, a, b, kind);
    }
    case link_kind::related: {
      if (!a.t || !b.t) throw error(errc::invalid_argument, "related links join two tickets (K8)");
      for (const link& l : uow.tx.links_of(a.id(), link_kind::related))
        if (l.other(a.id()) == b.id())
          throw error(errc::link_limit, name_of(a) + " and " + name_of(b) + " are already related (K9)");
      return insert_edge(uow, kind, a.id(), endpoint_kind::ticket, b.id(), endpoint_kind::ticket);
    }
    case link_kind::merged_into:
      throw error(errc::invalid_argument, "merged_into links are made by merging tickets (M1), not by linking");
    case link_kind::external:
      break;
  }
  throw error(errc::invalid_argument, "external links are made with add_external_link (K6)");
}

void unlink_records(unit_of_work& uow, const link& l) {
  std::vector<link> doomed{l};
  if (l.kind == link_kind::tracker || l.kind == link_kind::back_office)
    for (const auto& [member, _] : companions(uow, l.from))
      for (const link& edge : uow.tx.links_of(member, l.kind))
        if (edge.from == member && edge.to == l.to) doomed.push_back(edge);
  for (const link& edge : doomed) remove_edge(uow, edge);
}

void remove_edge(unit_of_work& uow, const link& edge) {
  uow.tx.remove_link(edge.id);
  uow.record(edge.from, "links", edge_summary(edge, edge.from), nullptr);
  if (!edge.to.is_nil()) uow.record(edge.to, "links", edge_summary(edge, edge.to), nullptr);
  uow.emit(event_kind::link_removed, edge.from, 0, {{"link", to_string(edge.id)}, {"kind", to_string(edge.kind)}});
}

link insert_merged_into(unit_of_work& uow, const ticket& source, const ticket& target) {
  return insert_edge(uow, link_kind::merged_into, source.id, endpoint_kind::ticket, target.id, endpoint_kind::ticket);
}

link add_external(unit_of_work& uow, const ticket& tracker, const external_ref& ref) {
  require_not_merged(uow, tracker, "take new links");
  if (tracker.category != category::tracker)
    throw error(errc::invalid_argument, "external references link to trackers only (K6); ticket " +
                                            ticket_name(tracker) + " is " + to_string(tracker.category));
  if (ref.kind.empty() || ref.external_id.empty())
    throw error(errc::invalid_argument, "an external reference needs a kind and an external id");
  for (const link& l : uow.tx.links_of(tracker.id, link_kind::external))
    if (l.external && l.external->kind == ref.kind && l.external->external_id == ref.external_id)
      throw error(errc::link_limit, "tracker " + ticket_name(tracker) + " already links " + ref.kind + " " +
                                        ref.external_id + " (K9)");
  return insert_edge(uow, link_kind::external, tracker.id, endpoint_kind::ticket, uuid{}, endpoint_kind::external,
                     ref);
}

link add_link(unit_of_work& uow, const uuid& from, const uuid& to, link_kind kind) {
  auto a = resolve(uow, from);
  auto b = resolve(uow, to);
  return link_records(uow, a, b, kind);
}

link add_external_link(unit_of_work& uow, const uuid& tracker, const external_ref& ref) {
  stored_ticket t = uow.load_ticket(tracker);
  return add_external(uow, t, ref);
}

void remove_link(unit_of_work& uow, const uuid& link_id) {
  auto l = uow.tx.get_link(link_id);
  if (!l) throw error(errc::not_found, "link " + to_string(link_id) + " not found");
  if (l->kind == link_kind::merged_into)
    throw error(errc::invalid_argument, "a merged_into link records a merge (M1) and cannot be removed");
  unlink_records(uow, *l);
}

std::vector<link> visible_links(unit_of_work& uow, const uuid& id) {
  resolve(uow, id);
  const visibility policy = uow.policy();
  std::vector<link> out;
  for (link& l : uow.tx.links_of(id))
    if (policy.can_see(l, uow.tx)) out.push_back(std::move(l));
  return out;
}

}  // namespace ticketcore::detail
