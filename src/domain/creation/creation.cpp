// Creation paths C1-C7.
#include "domain/creation/operations.hpp"
#include "config/attribute_values.hpp"
#include "model/problems.hpp"
#include "model/text.hpp"
#include "model/time_range.hpp"
#include "domain/links/linking.hpp"
#include "domain/notify/outbox.hpp"
#include "domain/sla/engine.hpp"
#include "visibility/policy.hpp"
#include "domain/directory/directory_changes.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {
namespace {

using detail::problems;

// V4: what a contact's submission may not set. The type is one the
// visibility policy lets them name: a customer type.
void restrict_contact_submission(people& directory, const actor& who, new_ticket& nt) {
  if (!nt.contact.empty() && nt.contact != who.id)
    throw error(errc::forbidden, "a contact submits tickets for themselves only (V4)");
  std::string staff_only;
  auto check = [&](bool set, const char* name) { if (set) staff_only += (staff_only.empty() ? "" : ", ") + std::string(name); };
  check(!nt.priority.empty(), "priority");
  check(!nt.assignee.empty(), "assignee");
  check(!nt.team.empty(), "team");
  check(!nt.owner.empty(), "owner");
  check(!nt.tags.empty(), "tags");
  check(nt.follow_up_at.has_value(), "follow_up_at");
  check(nt.action_required_at.has_value(), "action_required_at");
  // The directory decides a contact's company; filing under another one
  // would show the ticket to that company's contacts (V1).
  const contact* me = directory.find_contact(who.id);
  check(!nt.company.empty() && (!me || nt.company != me->company), "company");
  if (!staff_only.empty()) throw error(errc::forbidden, "contacts may not set " + staff_only + " (V4)");
  nt.contact = who.id;
}

// A record that names a contact the directory does not hold, with their
// details: the contact is created here, in the record's unit of work, so a
// later failure of the creation leaves no contact behind. The
// configuration's unknown_senders decides whether that is allowed; refused,
// the contact stays unknown and the creation fails naming it.
void admit_new_contact(unit_of_work& uow, const std::string& id, const std::optional<contact>& details) {
  if (!details || id.empty() || uow.cfg.unknown_senders != config::unknown_contacts::accept) return;
  if (uow.directory.find_contact(id)) return;
  if (!details->id.empty() && details->id != id)
    throw error(errc::validation_failed, "new_contact.id: " + quoted(details->id) + " is not the contact " + quoted(id),
                {"new_contact.id"});
  contact c = *details;
  c.id = id;
  c.version = 0;
  save_contact(uow, std::move(c), directory_write::create);
}

std::string unknown_contact(const config& c, const std::string& id) {
  std::string what = "unknown contact " + quoted(id);
  if (c.unknown_senders == config::unknown_contacts::refuse) what += " (the configuration refuses unknown senders)";
  return what;
}

// The "created" history entry's new value. Built key by key: from an
// initializer list of value_ref it took three times the instructions.
boost::json::object created_entry(const ticket& t) {
  boost::json::object o(10);
  o.emplace("type", t.type);
  o.emplace("title", t.title);
  o.emplace("state", t.state);
  o.emplace("number", t.number);
  // R1: what reports group by, as it was at creation
  o.emplace("category", to_string(t.category));
  o.emplace("priority", t.priority);
  o.emplace("team", t.team);
  o.emplace("assignee", t.assignee);
  o.emplace("brand", t.brand);
  o.emplace("channel", to_string(t.channel));
  return o;
}

}  // namespace

stored_ticket insert_new_ticket(unit_of_work& uow, new_ticket nt, creation how) {
  const config& c = uow.cfg;
  const ticket_type* type = uow.policy().find_type(nt.type);  // U2: hidden reads as unknown
  if (!type) throw error(errc::validation_failed, "type: unknown ticket type " + detail::quoted(nt.type), {"type"});
  if (type->archived)
    throw error(errc::validation_failed, "type: ticket type " + detail::quoted(nt.type) + " is archived and takes no new tickets (T4)",
                {"type"});
  if (uow.who.is_contact()) restrict_contact_submission(uow.directory, uow.who, nt);
  admit_new_contact(uow, nt.contact, nt.new_contact);

  problems p;
  if (nt.title.empty()) p.add("title", "is required");
  const contact* person = nullptr;
  if (!nt.contact.empty() && !(person = uow.directory.find_contact(nt.contact)))
    p.add("contact", unknown_contact(c, nt.contact));
  if (type->category == category::customer && nt.contact.empty())
    p.add("contact", "a customer ticket needs a contact");
  if (nt.company.empty() && person) nt.company = person->company;
  if (!nt.company.empty() && !uow.directory.find_company(nt.company)) p.add("company", "unknown company " + detail::quoted(nt.company));
  if (nt.sharing == sharing::company && nt.company.empty()) p.add("sharing", "company sharing needs a company");
  if (!nt.brand.empty() && !c.find_brand(nt.brand)) p.add("brand", "unknown brand " + detail::quoted(nt.brand));
  if (nt.priority.empty()) nt.priority = c.default_priority;
  if (!c.has_priority(nt.priority)) p.add("priority", "unknown priority " + detail::quoted(nt.priority));
  if (!nt.assignee.empty() && !uow.directory.find_teammate(nt.assignee)) p.add("assignee", "unknown teammate " + detail::quoted(nt.assignee));
  if (!nt.owner.empty() && !uow.directory.find_teammate(nt.owner)) p.add("owner", "unknown teammate " + detail::quoted(nt.owner));
  if (!nt.team.empty() && !uow.directory.find_team(nt.team)) p.add("team", "unknown team " + detail::quoted(nt.team));
  for (const auto& tag : nt.tags)
    if (tag.empty()) p.add("tags", "tags must not be empty");
  if (nt.follow_up_at && !in_time_range(*nt.follow_up_at)) p.add("follow_up_at", "is outside the years 0000 to 9999 (U3)");
  if (nt.action_required_at && !in_time_range(*nt.action_required_at))
    p.add("action_required_at", "is outside the years 0000 to 9999 (U3)");
  boost::json::object attributes;
  try {
    apply_attributes(c, uow.directory, *type, nt.attributes, attributes, uow.who, true);
  } catch (const error& e) {
    for (const auto& f : e.fields()) p.add("attributes." + f, "invalid");
    p.add_worded({}, e.what());
  }
  p.raise_if_any("cannot create the ticket");

  const state& initial = c.lifecycle_of(*type).initial();
  stored_ticket t;
  t.id = new_id();
  t.number = uow.tx.next_number(sequence::ticket);
  t.type = type->id;
  t.category = type->category;
  t.title = std::move(nt.title);
  t.description = std::move(nt.description);
  t.state = initial.key;
  t.state_category = initial.category;
  t.priority = std::move(nt.priority);
  t.contact = std::move(nt.contact);
  t.company = std::move(nt.company);
  t.brand = std::move(nt.brand);
  t.sharing = nt.sharing;
  t.assignee = std::move(nt.assignee);
  t.team = std::move(nt.team);
  t.owner = std::move(nt.owner);
  t.tags = std::move(nt.tags);
  t.channel = nt.channel;
  t.created_at = t.updated_at = uow.now;
  t.follow_up_at = nt.follow_up_at;
  t.action_required_at = nt.action_required_at;
  t.attributes = std::move(attributes);
  sla::start(t, uow.cfg, uow.now);  // S1
  uow.insert(t);  // version 1, the priority's rank (Q1) and the due times (A1, S2)
  uow.record(t.id, "created", nullptr, created_entry(t));
  boost::json::object detail{{"category", to_string(t.category)}, {"type", t.type}};
  if (how == creation::import) detail["imported"] = true;
  uow.emit(event_kind::ticket_created, t.id, t.number, std::move(detail));
  if (how == creation::live) notify_contact(uow, t, notification_kind::ticket_created);  // N1
  return t;
}

ticket link_tracker_by_title(unit_of_work& uow, const record_ref& served, const std::string& title,
                             const std::string& type) {
  if (title.empty()) throw error(errc::invalid_argument, "a tracker title is needed to find or create it (C7)");
  ticket_filter f;
  f.category = category::tracker;
  f.title = title;
  f.limit = 1;
  auto found = uow.tx.find_tickets(f);
  stored_ticket tracker;
  if (!found.empty()) {
    tracker = std::move(found.front());
  } else {
    const ticket_type* t = uow.cfg.find_type(type);
    if (t && t->category != category::tracker)
      throw error(errc::invalid_argument, "type " + detail::quoted(type) + " is not a tracker type (C7)");
    new_ticket nt;
    nt.type = type;
    nt.title = title;
    tracker = insert_new_ticket(uow, std::move(nt));
  }
  record_ref target{endpoint_kind::ticket, tracker, {}};
  link_records(uow, served, target, link_kind::tracker);
  return *uow.tx.get_ticket(tracker.id);
}

conversation create_conversation(unit_of_work& uow, const new_conversation& nc) {
  std::string contact_id = nc.contact.empty() && uow.who.is_contact() ? uow.who.id : nc.contact;
  if (uow.who.is_contact() && contact_id != uow.who.id)
    throw error(errc::forbidden, "a contact opens conversations for themselves only (V4)");
  std::vector<std::string> fields;
  std::string message;
  auto problem = [&](const char* field, const std::string& what) {
    fields.emplace_back(field);
    message += (message.empty() ? "" : "; ") + std::string(field) + ": " + what;
  };
  admit_new_contact(uow, contact_id, nc.new_contact);
  if (!uow.directory.find_contact(contact_id)) problem("contact", unknown_contact(uow.cfg, contact_id));
  if (!nc.brand.empty() && !uow.cfg.find_brand(nc.brand)) problem("brand", "unknown brand " + quoted(nc.brand));
  if (nc.message.empty()) problem("message", "a conversation starts with the contact's first message");
  if (!fields.empty()) throw error(errc::validation_failed, "cannot create the conversation: " + message, fields);

  ticketcore::conversation c;
  c.id = new_id();
  c.number = uow.tx.next_number(sequence::conversation);
  c.contact = contact_id;
  c.channel = nc.channel;
  c.brand = nc.brand;
  c.subject = nc.subject.empty() ? utf8_prefix(nc.message, 80) : nc.subject;
  c.created_at = c.updated_at = uow.now;
  c.version = 1;
  uow.tx.insert_conversation(c);
  uow.record(c.id, "created", nullptr, {{"number", c.number}, {"channel", to_string(c.channel)}});
  uow.emit(event_kind::conversation_created, c.id, c.number, {{"channel", to_string(c.channel)}});
  actor author = actor::contact(contact_id);  // observers hear of the conversation before its first part
  uow.post(c.id, part_kind::customer_message, false, nc.message, std::nullopt, {}, &author);
  return c;
}

ticket convert_conversation(unit_of_work& uow, const conversation_ref& conversation_id, new_ticket nt) {
  ticketcore::conversation c = uow.load_conversation(conversation_id);
  const ticket_type* type = uow.cfg.find_type(nt.type);
  if (type && type->category != category::customer)
    throw error(errc::invalid_argument, "a conversation converts into a customer ticket (C2); " +
                                            quoted(nt.type) + " is a " + to_string(type->category) + " type");
  if (!nt.contact.empty() && nt.contact != c.contact)
    throw error(errc::invalid_argument, "the ticket's contact is the conversation's contact " + quoted(c.contact));
  nt.contact = c.contact;
  if (nt.brand.empty()) nt.brand = c.brand;
  nt.channel = c.channel;
  if (nt.title.empty()) nt.title = c.subject;
  if (nt.description.empty()) {
    for (const part& p : uow.tx.parts_of(c.id))
      if (p.kind == part_kind::customer_message) {
        nt.description = p.body;
        break;
      }
  }
  stored_ticket t = insert_new_ticket(uow, std::move(nt));
  record_ref from{endpoint_kind::conversation, {}, c};
  record_ref to{endpoint_kind::ticket, t, {}};
  link_records(uow, from, to, link_kind::customer_ticket);
  uow.post(c.id, part_kind::event, true, "Converted to customer ticket " + ticket_name(t), t.id);
  uow.save(c);
  return t;
}

ticket create_linked_ticket(unit_of_work& uow, const uuid& from, new_ticket nt) {
  record_ref served = resolve(uow, from);
  const ticket_type* type = uow.cfg.find_type(nt.type);
  if (type && type->category == category::customer)
    throw error(errc::invalid_argument,
                "customer tickets come from convert_conversation (C2); create_linked_ticket makes back-office "
                "and tracker tickets");
  stored_ticket t = insert_new_ticket(uow, std::move(nt));
  record_ref target{endpoint_kind::ticket, t, {}};
  link_records(uow, served, target, t.category == category::tracker ? link_kind::tracker : link_kind::back_office);
  return *uow.tx.get_ticket(t.id);
}

}  // namespace ticketcore::detail
