// Merging a ticket into another of its category (M1): parts are copied to
// the target, links move there, the source is resolved with a merged_into
// link, stays readable and takes no more changes; its contact is told once.
// Who may read what a merge wrote is decided when it is read, for the
// reader (the visibility policy): the parts record where they came from.
#include "domain/merge/merge.hpp"

#include "domain/lifecycle/state_change.hpp"
#include "domain/links/linking.hpp"
#include "domain/links/merged.hpp"
#include "domain/notify/outbox.hpp"
#include "visibility/projection.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {
namespace {

using detail::unit_of_work;

// The state a merge resolves `t` to: its own if already resolved, else the
// first resolved state of its lifecycle, which must allow the move (L2).
const state* resolved_state(unit_of_work& uow, const ticket& t) {
  const lifecycle& l = detail::lifecycle_of(uow, t);
  if (t.state_category == state_category::resolved) return nullptr;
  const state* s = l.first_of(state_category::resolved);
  if (!s)
    throw error(errc::invalid_transition, "ticket " + detail::ticket_name(t) + " cannot be resolved by a merge: "
                                          "lifecycle '" + l.id + "' has no resolved state");
  if (!l.allows(t.state, s->key))
    throw error(errc::invalid_transition, "ticket " + detail::ticket_name(t) + " cannot be resolved by a merge: "
                                          "lifecycle '" + l.id + "' does not allow " + t.state + " -> " + s->key +
                                          "; move it to a state that may be resolved first");
  return s;
}

void check_merge(unit_of_work& uow, const ticket& source, const ticket& target) {
  if (source.id == target.id)
    throw error(errc::invalid_argument, "ticket " + detail::ticket_name(source) + " cannot be merged into itself");
  if (source.category != target.category)
    throw error(errc::invalid_argument, "tickets merge within one category (M1): ticket " +
                                            detail::ticket_name(source) + " is " + to_string(source.category) +
                                            " and ticket " + detail::ticket_name(target) + " is " +
                                            to_string(target.category));
  detail::require_not_merged(uow, source, "be merged again");
  detail::require_not_merged(uow, target, "take a merge");
  if (target.state_category == state_category::resolved)
    throw error(errc::invalid_argument, "ticket " + detail::ticket_name(target) + " is resolved; reopen it before "
                                        "merging ticket " + detail::ticket_name(source) + " into it");
}

// Copies the source's timeline to the target's, oldest first, keeping each
// part's author, time, kind, body and flags; the source keeps its own.
// Events become internal: they tell the source's own story (its stage).
// Each copy names every ticket it came from (a copy of a copy names both),
// and a contact reads it on the target only if they may read all of them
// (V1, V2).
std::size_t copy_parts(unit_of_work& uow, const ticket& source, const ticket& target) {
  std::size_t n = 0;
  for (const part& p : uow.tx.parts_of(source.id)) {
    part copy = p;
    copy.id = new_id();
    copy.owner = target.id;
    copy.internal = p.internal || p.kind == part_kind::event;
    boost::json::array sources;
    if (const auto* earlier = p.data.if_contains("merged_sources"); earlier && earlier->is_array())
      sources = earlier->get_array();
    else if (const auto* from = p.data.if_contains("merged_from"))
      sources.push_back(*from);
    sources.push_back(boost::json::string(to_string(source.id)));
    copy.data["merged_from"] = to_string(source.id);
    copy.data["merged_from_number"] = source.number;
    copy.data["merged_sources"] = std::move(sources);
    if (!copy.origin_ticket) copy.origin_ticket = source.id;  // P8: where it came from
    uow.append_part(std::move(copy));  // no part_added event: nothing new was said
    ++n;
  }
  return n;
}

}  // namespace

namespace detail {

ticket merge(unit_of_work& uow, const ticket_ref& source_ref, const ticket_ref& target_ref,
             std::optional<std::uint64_t> expected_source_version) {
  stored_ticket source = uow.load_ticket(source_ref);
  stored_ticket target = uow.load_ticket(target_ref);
  uow.expect_version(source, expected_source_version);
  check_merge(uow, source, target);
  const state* resolved = resolved_state(uow, source);

  const boost::json::object notice = projection(uow.cfg, uow.who, uow.tx, uow.directory).merge_notice(source, target);
  std::size_t parts = copy_parts(uow, source, target);
  moved_links links = move_links(uow, source, target);
  insert_merged_into(uow, source, target);

  const boost::json::object into{{"ticket", to_string(target.id)}, {"number", target.number}};
  const boost::json::object from{{"ticket", to_string(source.id)}, {"number", source.number}, {"parts", parts},
                                 {"links_moved", links.moved}, {"links_dropped", links.dropped}};
  // Shown to the readers of the target who may read the source (V1).
  uow.post(target.id, part_kind::event, target.category != category::customer,
           "Ticket " + ticket_name(source) + " was merged into this ticket", source.id,
           {{"merged_from", to_string(source.id)}, {"merged_from_number", source.number}});
  uow.record(target.id, "merged_from", nullptr, from);
  uow.save(target);
  uow.emit(event_kind::ticket_updated, target.id, target.number, {{"fields", boost::json::array{"merged_from"}}, {"merged_from", from}});

  // Every reader of the source reads this; the policy names the target
  // only to those who may see it, when they read it (V1, V3).
  uow.post(source.id, part_kind::event, source.category != category::customer,
           "Merged into " + ticket_name(target), std::nullopt,
           {{"merged_into", to_string(target.id)}, {"merged_into_number", target.number},
            {"merged_into_title", target.title}});
  uow.record(source.id, "merged_into", nullptr, into);
  // Told once (M1): the merge notice, not also a "resolved" confirmation.
  std::set<std::string> told{source.contact};
  if (resolved) change_state(uow, source, *resolved, target.id, &told);
  else uow.save(source);
  uow.emit(event_kind::ticket_updated, source.id, source.number, {{"fields", boost::json::array{"merged_into"}}, {"merged_into", into}});
  notify_contact(uow, source, notification_kind::ticket_merged, notice);
  return *uow.tx.get_ticket(target.id);
}

}  // namespace detail

}  // namespace ticketcore
