#include "kernel/unit_of_work.hpp"

#include "store/keys.hpp"
#include "visibility/policy.hpp"

#include "model/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

namespace ticketcore::detail {

std::string ticket_name(const ticket& t) { return "#" + std::to_string(t.number); }

std::string describe(const ticket_ref& ref) {
  if (const auto* number = std::get_if<std::int64_t>(&ref)) return "#" + std::to_string(*number);
  return to_string(std::get<uuid>(ref));
}

void check_actor(people& directory, const actor& who) {
  switch (who.kind) {
    case actor_kind::teammate:
      if (!directory.find_teammate(who.id)) throw error(errc::invalid_argument, "actor: no teammate " + detail::quoted(who.id));
      break;
    case actor_kind::contact:
      if (!directory.find_contact(who.id)) throw error(errc::invalid_argument, "actor: no contact " + detail::quoted(who.id));
      break;
    case actor_kind::automation:
      if (who.id.empty()) throw error(errc::invalid_argument, "actor: an automation actor needs its rule id");
      break;
    case actor_kind::system:
      break;
  }
}

stored_ticket unit_of_work::load_ticket(const ticket_ref& ref) {
  std::optional<stored_ticket> t = std::holds_alternative<uuid>(ref) ? tx.get_ticket(std::get<uuid>(ref))
                                                              : tx.get_ticket_by_number(std::get<std::int64_t>(ref));
  if (!t || !policy().can_see(*t)) throw error(errc::not_found, "ticket " + describe(ref) + " not found");
  remember(*t);
  return std::move(*t);
}

stored_ticket unit_of_work::load_ticket(const ticket_ref& ref, std::optional<std::uint64_t> expected_version) {
  stored_ticket t = load_ticket(ref);
  expect_version(t, expected_version);
  return t;
}

// By number as by id: one that exists but the actor may not see answers
// exactly like a missing one (V3).
conversation unit_of_work::load_conversation(const conversation_ref& ref) {
  std::optional<conversation> c = std::holds_alternative<uuid>(ref)
                                      ? tx.get_conversation(std::get<uuid>(ref))
                                      : tx.get_conversation_by_number(std::get<std::int64_t>(ref));
  if (!c || !policy().can_see(*c))
    throw error(errc::not_found, "conversation " + describe(ref) + " not found");
  remember(*c);
  return std::move(*c);
}

std::optional<stored_ticket> unit_of_work::find_ticket(const uuid& id) {
  std::optional<stored_ticket> t = tx.get_ticket(id);
  if (t) remember(*t);
  return t;
}

std::optional<conversation> unit_of_work::find_conversation(const uuid& id) {
  std::optional<conversation> c = tx.get_conversation(id);
  if (c) remember(*c);
  return c;
}

void unit_of_work::expect_version(const ticket& t, std::optional<std::uint64_t> expected) {
  if (expected && *expected != t.version)
    throw error(errc::conflict, "ticket " + ticket_name(t) + " is at version " + std::to_string(t.version) +
                                    ", not the expected " + std::to_string(*expected) + "; reload and retry");
}

void unit_of_work::insert(stored_ticket& t) {
  t.version = 1;
  for (kernel_hooks::ticket_hook hook : hooks.before_save) hook(cfg, t);
  tx.insert_ticket(t, keys_of(t, cfg));
  remember(t);
}

void unit_of_work::save(stored_ticket& t) {
  t.updated_at = now;
  t.idle_rules_run.clear();
  save_bookkeeping(t);
}

void unit_of_work::save_bookkeeping(stored_ticket& t) {
  ++t.version;
  for (kernel_hooks::ticket_hook hook : hooks.before_save) hook(cfg, t);  // the stores index it (S1, S2, A1)
  tx.update_ticket(t, keys_of(t, cfg));
  remember(t);
}

void unit_of_work::save(conversation& c) {
  ++c.version;
  c.updated_at = now;
  tx.update_conversation(c);
  remember(c);
}

void unit_of_work::record(const uuid& subject, std::string field, boost::json::value old_value,
                          boost::json::value new_value, std::optional<uuid> cause) {
  history_entry h;
  h.id = new_id();
  h.subject = subject;
  h.actor = who;
  h.at = now;
  h.field = std::move(field);
  h.old_value = std::move(old_value);
  h.new_value = std::move(new_value);
  h.cause = cause;
  tx.append_history(std::move(h));
}

part unit_of_work::post(const uuid& owner, part_kind kind, bool internal, std::string body,
                        std::optional<uuid> origin, boost::json::object data, const actor* author) {
  part p;
  p.id = new_id();
  p.owner = owner;
  p.kind = kind;
  p.internal = internal;
  p.author = author ? *author : who;
  p.body = std::move(body);
  p.data = std::move(data);
  p.origin_ticket = origin;
  p.created_at = now;
  append_part(p);  // a copy: callers such as reply() return the part
  if (collect_events)
    emit(event_kind::part_added, owner, 0,
         {{"part", to_string(p.id)}, {"kind", to_string(kind)}, {"internal", internal}});
  return p;
}

void unit_of_work::append_part(part p) {
  part_keys keys = part_keys_of(p, owner_contact(p.owner));
  tx.append_part(std::move(p), std::move(keys));
}

void unit_of_work::remember(const ticket& t) {
  numbers.emplace(t.id, t.number);
  part_owners[t.id] = t.contact;
}

void unit_of_work::remember(const conversation& c) {
  numbers.emplace(c.id, c.number);
  part_owners[c.id] = std::nullopt;
}

const std::string* unit_of_work::owner_contact(const uuid& owner) {
  auto known = part_owners.find(owner);
  if (known == part_owners.end()) {
    if (auto t = tx.get_ticket(owner)) remember(*t);
    else if (auto c = tx.get_conversation(owner)) remember(*c);
    known = part_owners.find(owner);
    if (known == part_owners.end()) return nullptr;
  }
  return known->second ? &*known->second : nullptr;
}

void unit_of_work::emit(event_kind kind, const uuid& subject, std::int64_t number, boost::json::object detail) {
  if (!collect_events) return;
  if (number == 0) {  // part and link events name their record by id only; observers want its number
    if (auto known = numbers.find(subject); known != numbers.end()) number = known->second;
    else if (auto t = tx.get_ticket(subject)) number = t->number;
    else if (auto c = tx.get_conversation(subject)) number = c->number;
  }
  events.push_back({kind, subject, number, who, std::move(detail)});
}

}  // namespace ticketcore::detail
