// Which fields, attributes and names a contact may see or use (V2, V4, U2).
#include "visibility/policy.hpp"

namespace ticketcore::detail {

ticket visibility::customer_copy(const ticket& t, time_point last_seen) const {
  if (!contact()) return t;
  // L4, V2: the allow-list. The version and update time would reveal
  // internal activity: the contact gets the time of the last thing they can
  // see instead.
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
  c.updated_at = last_seen;
  c.rating = t.rating;
  const ticket_type* type = config_.find_type(t.type);
  for (const auto& kv : t.attributes) {
    const attribute_def* a = type ? type->find_attribute(kv.key()) : nullptr;
    if (a && shows(*a)) c.attributes.emplace(kv.key(), kv.value());
  }
  return c;
}

const ticket_type* visibility::find_type(std::string_view id) const {
  const ticket_type* type = config_.find_type(id);
  if (type && contact() && type->category != category::customer) return nullptr;  // V3, U2
  return type;
}

std::string visibility::attribute_write_problem(const ticket_type& type, std::string_view key,
                                                const boost::json::value& value) const {
  if (!contact()) return "";
  // V4: a contact sets only what the form shows them; every other key, known
  // or not, gets the same words (U2).
  const attribute_def* a = type.find_attribute(key);
  if (!a || !a->editable_by_customer) return "is not an attribute customers may set on type '" + type.id + "'";
  if (value.is_null()) return "";
  // U2: the directory is not theirs to search. A contact names only
  // themselves, and no teammate, whoever the value names.
  if (a->type == attribute_type::contact) {
    const boost::json::string* s = value.if_string();
    return s && *s == reader_.id ? "" : "must name you, the contact submitting it";
  }
  if (a->type == attribute_type::teammate) return "names a teammate, which only the team may choose";
  return "";
}

}  // namespace ticketcore::detail
