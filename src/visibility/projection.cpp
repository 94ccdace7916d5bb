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

}  // namespace

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
  if (!policy_.can_see(t)) throw error(errc::internal, "projection asked for a ticket the viewer may not see");
  ticket_view v;
  v.ticket = t;
  v.customer_view = customer();
  v.stage = stage_of(t);
  v.timeline = policy_.shown(timeline, t.contact, t.brand, tx_);
  const ticket_type* type = config_.find_type(t.type);
  v.type_name = type ? type->name : t.type;
  if (!customer()) {
    if (type)
      if (const state* s = config_.lifecycle_of(*type).find(t.state)) v.state_label = s->label;
    v.linked_conversations = linked_conversations;
    return v;
  }
  v.ticket = policy_.customer_copy(t, last_seen(t.created_at, v.timeline));
  return v;
}

conversation_view projection::view(const conversation& c, const std::vector<part>& timeline) const {
  if (!policy_.can_see(c)) throw error(errc::internal, "projection asked for a conversation the viewer may not see");
  conversation_view v{c, customer(), policy_.shown(timeline, c.contact, c.brand, tx_)};
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
  if (source.contact.empty() || !visibility(config_, contact, people_).can_see(target)) return {};
  return {{"merged_into_number", target.number}, {"merged_into_title", target.title}};
}

}  // namespace ticketcore::detail
