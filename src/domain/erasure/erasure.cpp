// Erasure (D2): a contact's data out of the records that hold it, the
// records themselves kept, so counts and reports stay what they were.
#include "domain/erasure/erasure.hpp"

#include "model/text.hpp"

#include <ticketcore/error.hpp>

#include <set>
#include <utility>

namespace ticketcore::detail {

namespace {

// Rewrites the parts of `owner` that `contact` wrote, adding their bodies
// to `written`; returns how many.
std::size_t erase_parts(unit_of_work& uow, const uuid& owner, const std::string& contact,
                        std::set<std::string>& written) {
  std::size_t erased = 0;
  for (part p : uow.tx.parts_of(owner)) {
    if (!p.author.is_contact() || p.author.id != contact || p.body.empty() || p.body == erased_marker) continue;
    written.insert(std::exchange(p.body, erased_marker));
    part_keys keys = part_keys_of(p, uow.owner_contact(owner));
    uow.tx.rewrite_part(std::move(p), std::move(keys));
    ++erased;
  }
  return erased;
}

// Whether `contact` submitted the ticket themselves (C4, C5): its
// description is then their text.
bool submitted_by(unit_of_work& uow, const ticket& t, const std::string& contact) {
  const auto created = uow.tx.field_history(t.id, "created");
  return !created.empty() && created.front().actor.is_contact() && created.front().actor.id == contact;
}

// The free text on the ticket form (T2: text and rich text a customer may
// edit) is what a contact types about themselves; choices, numbers and
// dates are the ticket's facts, which reports group by, and stay.
bool erase_free_text(const config& c, stored_ticket& t) {
  const ticket_type* type = c.find_type(t.type);
  if (!type) return false;
  bool changed = false;
  for (const attribute_def& a : type->attributes) {
    if (!a.editable_by_customer || (a.type != attribute_type::text && a.type != attribute_type::rich_text)) continue;
    boost::json::value* v = t.attributes.if_contains(a.key);
    if (!v || !v->is_string() || v->get_string().empty() || v->get_string() == erased_marker) continue;
    *v = erased_marker;
    changed = true;
  }
  return changed;
}

// The outbox entries addressed to `contact`: one not delivered yet is
// dropped (failed, never to be sent: the address it needs is gone); one
// delivered keeps its record of what was sent, when, without the payload.
void erase_outbox(unit_of_work& uow, const std::string& contact) {
  outbox_filter f;
  f.audience = audience::contact;
  f.recipient = contact;
  for (;;) {
    auto page = uow.tx.list_notifications(f);
    for (notification n : page) {
      if (n.payload.empty() && n.state != delivery_state::pending) continue;
      n.payload = {};
      if (n.state == delivery_state::pending) {
        n.state = delivery_state::failed;
        n.last_error = "not delivered: its contact was erased (D2)";
      }
      uow.tx.update_notification(n);
    }
    if (page.size() < f.limit) return;
    f.after = page.back().id;
  }
}

void record_erasure(unit_of_work& uow, const uuid& subject, std::size_t parts) {
  uow.record(subject, "erasure", nullptr, {{"parts", parts}});
}

}  // namespace

std::size_t erase_contact_data(unit_of_work& uow, const std::string& contact) {
  if (!uow.directory.find_contact(contact))
    throw error(errc::not_found, "contact " + quoted(contact) + " does not exist");
  std::size_t erased = 0;
  std::set<std::string> written;  // the bodies of their messages
  // Their conversations first: a ticket converted from one took its first
  // message as its description (C2).
  conversation_filter theirs;
  theirs.contact = contact;
  theirs.limit = 500;
  for (;;) {
    auto page = uow.tx.find_conversations(theirs);
    for (conversation c : page) {
      const std::size_t parts = erase_parts(uow, c.id, contact, written);
      const bool subject = !c.subject.empty() && c.subject != erased_marker;
      if (subject) {
        // Its subject is the start of their first message, or theirs.
        c.subject = erased_marker;
        c.version += 1;
        uow.tx.update_conversation(c);
      }
      if (subject || parts > 0) record_erasure(uow, c.id, parts);
      erased += parts;
    }
    if (page.size() < theirs.limit) break;
    theirs.before = page.back().id;
  }
  // Their tickets, and the tickets theirs were merged into (M1 copies the
  // parts there, author and all).
  std::set<uuid> tickets, merge_targets;
  ticket_filter mine;
  mine.contact = contact;
  mine.limit = 500;
  for (;;) {
    auto page = uow.tx.find_tickets(mine);
    for (const stored_ticket& t : page) tickets.insert(t.id);
    if (page.size() < mine.limit) break;
    mine.before = page.back().id;
  }
  for (std::set<uuid> frontier = tickets; !frontier.empty();) {
    std::set<uuid> next;
    for (const uuid& id : frontier)
      for (const link& l : uow.tx.links_of(id, link_kind::merged_into))
        if (l.from == id && !tickets.count(l.to) && merge_targets.insert(l.to).second) next.insert(l.to);
    frontier = std::move(next);
  }
  for (const uuid& id : tickets) {
    auto t = uow.find_ticket(id);
    if (!t) continue;
    const std::size_t parts = erase_parts(uow, id, contact, written);
    bool changed = erase_free_text(uow.cfg, *t);
    if (!t->description.empty() && t->description != erased_marker &&
        (written.count(t->description) || submitted_by(uow, *t, contact))) {
      t->description = erased_marker;
      changed = true;
    }
    if (changed) uow.save_bookkeeping(*t);  // the ticket's own update time stays: nobody worked on it
    if (changed || parts > 0) record_erasure(uow, id, parts);
    erased += parts;
  }
  for (const uuid& id : merge_targets) {
    const std::size_t parts = erase_parts(uow, id, contact, written);
    if (parts > 0) record_erasure(uow, id, parts);
    erased += parts;
  }
  erase_outbox(uow, contact);
  return erased;
}

}  // namespace ticketcore::detail
