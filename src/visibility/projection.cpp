#include "visibility/projection.hpp"

#include "model/text.hpp"

#include <ticketcore/clock.hpp>
#include <ticketcore/error.hpp>

namespace ticketcore::detail {
namespace {

std::string excerpt(const std::string& body) {
  constexpr std::size_t limit = 140;
  return body.size() <= limit ? body : utf8_prefix(body, limit) + "…";
}

const part* last_of(const std::vector<part>& timeline) { return timeline.empty() ? nullptr : &timeline.back(); }

time_point last_seen(time_point created, const std::vector<part>& visible_timeline) {
  const part* last = last_of(visible_timeline);
  return last && last->created_at > created ? last->created_at : created;
}

// The author a contact is shown. A rule's id is an internal name, so
// automation and the system speak as the record's brand, else as what they
// are ("automation", "system"). Teammates and contacts show as they are.
actor shown_author(const config& c, const actor& author, const std::string& record_brand) {
  if (author.kind != actor_kind::automation && author.kind != actor_kind::system) return author;
  const brand* b = record_brand.empty() ? nullptr : c.find_brand(record_brand);
  return {author.kind, b ? b->name : std::string(to_string(author.kind))};
}

}  // namespace

bool projection::can_see(const ticket& t) const {
  if (!customer()) return true;
  if (t.category != category::customer) return false;  // V3
  if (t.contact == viewer_.id) return true;
  if (t.sharing != sharing::company || t.company.empty()) return false;
  const contact* me = config_.find_contact(viewer_.id);
  return me && me->company == t.company;
}

bool projection::can_see(const conversation& c) const { return !customer() || c.contact == viewer_.id; }

bool projection::can_see(const part& p, const std::string& record_contact) const {
  if (!customer()) return true;
  if (p.internal) return false;
  if (p.kind == part_kind::customer_message)  // contacts and teammates may share an id
    return p.author.is_contact() && (p.author.id == viewer_.id || p.author.id == record_contact);
  return p.kind == part_kind::reply || p.kind == part_kind::event || p.kind == part_kind::admin_message ||
         p.kind == part_kind::form;  // C5: a form sent to them lists only what they may fill in (V4)
}

bool projection::can_see(const link& l, transaction& tx) const {
  if (!customer()) return true;
  if (l.kind == link_kind::merged_into) {  // M1: only between two tickets the contact sees
    auto from = tx.get_ticket(l.from), to = tx.get_ticket(l.to);
    return from && to && can_see(*from) && can_see(*to);
  }
  if (l.kind != link_kind::customer_ticket) return false;
  auto c = tx.get_conversation(l.from);
  auto t = tx.get_ticket(l.to);
  return c && t && can_see(*c) && can_see(*t);
}

std::vector<part> projection::visible(const std::vector<part>& timeline, const std::string& record_contact,
                                      const std::string& record_brand) const {
  if (!customer()) return timeline;
  std::vector<part> out;
  for (const auto& p : timeline) {
    if (!can_see(p, record_contact)) continue;
    out.push_back(p);
    out.back().origin_ticket.reset();  // the origin may be a tracker the contact must not learn of
    out.back().author = shown_author(config_, p.author, record_brand);
  }
  return out;
}

stage projection::stage_of(const ticket& t) const {
  if (t.category != category::customer) return {};
  const ticket_type* type = config_.find_type(t.type);
  if (!type) return {};
  const lifecycle& l = config_.lifecycle_of(*type);
  const state* s = l.find(t.state);
  if (!s) return {};
  return {s->stage, l.stage_label(s->stage)};
}

ticket_view projection::view(const ticket& t, const std::vector<part>& timeline,
                             std::size_t linked_conversations) const {
  if (!can_see(t)) throw error(errc::internal, "projection asked for a ticket the viewer may not see");
  ticket_view v;
  v.ticket = t;
  v.customer_view = customer();
  v.stage = stage_of(t);
  v.timeline = visible(timeline, t.contact, t.brand);
  const ticket_type* type = config_.find_type(t.type);
  v.type_name = type ? type->name : t.type;
  if (!customer()) {
    if (type)
      if (const state* s = config_.lifecycle_of(*type).find(t.state)) v.state_label = s->label;
    v.linked_conversations = linked_conversations;
    return v;
  }
  // L4, V2: the contact's copy is built field by field from what a contact
  // may see, so a field added to tickets later stays hidden until it is
  // named here. The version and update time would reveal internal activity:
  // the contact gets the time of the last thing they can see instead.
  ticket c;
  c.id = t.id;
  c.number = t.number;
  c.type = t.type;
  c.category = t.category;
  c.title = t.title;
  c.description = t.description;
  c.contact = t.contact;
  c.company = t.company;
  c.brand = t.brand;
  c.sharing = t.sharing;
  c.channel = t.channel;
  c.created_at = t.created_at;
  c.updated_at = last_seen(t.created_at, v.timeline);
  c.rating = t.rating;
  for (const auto& kv : t.attributes) {
    const attribute_def* a = type ? type->find_attribute(kv.key()) : nullptr;
    if (a && a->visible_to_customer) c.attributes.emplace(kv.key(), kv.value());
  }
  v.ticket = std::move(c);
  return v;
}

conversation_view projection::view(const conversation& c, const std::vector<part>& timeline) const {
  if (!can_see(c)) throw error(errc::internal, "projection asked for a conversation the viewer may not see");
  conversation_view v{c, customer(), visible(timeline, c.contact, c.brand)};
  if (customer()) {
    v.conversation.version = 0;
    v.conversation.updated_at = last_seen(c.created_at, v.timeline);
  }
  return v;
}

inbox_item projection::item(const ticket& t, const std::vector<part>& timeline,
                            std::size_t linked_conversations) const {
  ticket_view v = view(t, timeline, linked_conversations);
  inbox_item i;
  i.kind = endpoint_kind::ticket;
  i.category = t.category;
  i.label = t.category == category::customer ? "" : "Internal";
  i.id = t.id;
  i.number = t.number;
  i.title = t.title;
  i.state_label = v.state_label;
  if (!customer()) i.state_category = t.state_category;
  i.stage = v.stage;
  if (const part* last = last_of(v.timeline)) i.last_update = excerpt(last->body);
  i.updated_at = v.ticket.updated_at;
  i.linked_conversations = v.linked_conversations;
  i.assignee = v.ticket.assignee;
  i.brand = t.brand;
  i.contact = t.contact;
  return i;
}

inbox_item projection::item(const conversation& c, const std::vector<part>& timeline) const {
  conversation_view v = view(c, timeline);
  inbox_item i;
  i.kind = endpoint_kind::conversation;
  i.id = c.id;
  i.number = c.number;
  i.title = c.subject;
  if (const part* last = last_of(v.timeline)) i.last_update = excerpt(last->body);
  i.updated_at = v.conversation.updated_at;
  i.brand = c.brand;
  i.contact = c.contact;
  return i;
}

boost::json::object projection::notification_payload(const ticket& t) const {
  // Only fields the customer view shows: number, title and stage (V2, L4).
  stage s = stage_of(t);
  return {{"ticket_number", t.number}, {"title", t.title}, {"stage", s.index}, {"stage_label", s.label}};
}

boost::json::object projection::merge_notice(const ticket& source, const ticket& target) const {
  const actor contact = actor::contact(source.contact);
  if (source.contact.empty() || !projection(config_, contact).can_see(target)) return {};
  return {{"merged_into_number", target.number}, {"merged_into_title", target.title}};
}

bool projection::shown_to_same_contacts(const ticket& source, const ticket& target) const {
  if (source.category != category::customer || target.category != category::customer) return false;
  const actor contact = actor::contact(target.contact);
  if (target.contact.empty() || !projection(config_, contact).can_see(source)) return false;
  if (target.sharing != sharing::company || target.company.empty()) return true;
  return source.sharing == sharing::company && source.company == target.company;  // the same colleagues
}

}  // namespace ticketcore::detail
