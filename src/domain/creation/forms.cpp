// Ticket forms (C5, V4): a teammate or rule sends one in a conversation;
// the contact fills it in and the customer ticket is created and linked.
#include "domain/creation/operations.hpp"
#include "domain/links/linking.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {
namespace {

namespace json = boost::json;

using detail::unit_of_work;

// The form part `form` in the conversation's timeline, and the event that
// records its submission if there is one.
struct form_parts {
  std::optional<part> form;
  std::optional<part> submitted;
};

form_parts find_form(unit_of_work& uow, const uuid& conversation, const uuid& form) {
  form_parts out;
  const std::string id = to_string(form);
  for (part& p : uow.tx.parts_of(conversation)) {
    if (p.id == form && p.kind == part_kind::form) out.form = p;
    const json::value* f = p.data.if_contains("form_submitted");
    if (p.kind == part_kind::event && f && f->is_string() && f->get_string() == id) out.submitted = p;
  }
  return out;
}

void require_no_customer_ticket(unit_of_work& uow, const conversation& c) {
  if (uow.tx.count_links(c.id, link_kind::customer_ticket, endpoint_kind::ticket) > 0)
    throw error(errc::link_limit, "conversation #" + std::to_string(c.number) +
                                      " already has its customer ticket (K1); a form would make a second");
}

}  // namespace

namespace detail {

part send_form(unit_of_work& uow, conversation& c, const std::string& type_id) {
  const ticket_type* type = uow.cfg.find_type(type_id);
  if (!type) throw error(errc::validation_failed, "type: unknown ticket type " + detail::quoted(type_id), {"type"});
  if (type->category != category::customer || type->archived)
    throw error(errc::invalid_argument, "a form creates a customer ticket (C5); " + detail::quoted(type_id) + " is " +
                                            (type->archived ? "archived" : std::string("a ") + to_string(type->category) + " type"));
  require_no_customer_ticket(uow, c);
  json::array fields;  // V4: the contact sees only what they may fill in
  for (const attribute_def& a : type->attributes) {
    if (!a.editable_by_customer) continue;
    json::object f{{"key", a.key}, {"label", a.label}, {"type", to_string(a.type)},
                   {"required", a.required_for_customers}};
    if (!a.options.empty()) {
      json::array options;
      for (const auto& o : a.options) options.emplace_back(o);
      f["options"] = std::move(options);
    }
    fields.push_back(std::move(f));
  }
  part p = uow.post(c.id, part_kind::form, false, "Please fill in: " + type->name, std::nullopt,
                    {{"form_type", type->id}, {"fields", std::move(fields)}});
  uow.save(c);
  return p;
}

part send_form(unit_of_work& uow, const conversation_ref& conversation_id, const std::string& type_id) {
  ticketcore::conversation c = uow.load_conversation(conversation_id);
  return send_form(uow, c, type_id);
}

ticket submit_form(unit_of_work& uow, const conversation_ref& conversation_id, const uuid& form,
                   const json::object& attributes, const std::string& title) {
  ticketcore::conversation c = uow.load_conversation(conversation_id);
  if (!uow.who.is_contact() || uow.who.id != c.contact)
    throw error(errc::forbidden, "only the conversation's contact fills in its forms (V4)");
  form_parts found = find_form(uow, c.id, form);
  if (!found.form) throw error(errc::not_found, "form " + to_string(form) + " not found in this conversation");
  if (found.submitted)
    throw error(errc::invalid_argument, "form " + to_string(form) + " was already submitted; a form is submitted once");
  require_no_customer_ticket(uow, c);
  const std::string type = std::string(found.form->data.at("form_type").as_string());
  const ticket_type* t = uow.cfg.find_type(type);
  new_ticket nt;
  nt.type = type;
  nt.title = !title.empty() ? title : !c.subject.empty() ? c.subject : (t ? t->name : type);
  nt.contact = c.contact;
  nt.brand = c.brand;
  nt.channel = c.channel;
  nt.attributes = attributes;
  stored_ticket created = insert_new_ticket(uow, std::move(nt));  // V4 checks for a contact
  record_ref from{endpoint_kind::conversation, {}, c};
  record_ref to{endpoint_kind::ticket, created, {}};
  link_records(uow, from, to, link_kind::customer_ticket);
  uow.post(c.id, part_kind::event, false, "Form submitted: ticket " + ticket_name(created), std::nullopt,
           {{"form_submitted", to_string(form)}, {"ticket_number", created.number}});
  if (auto fresh = uow.tx.get_conversation(c.id)) uow.save(*fresh);
  return *uow.tx.get_ticket(created.id);
}

}  // namespace detail

}  // namespace ticketcore
