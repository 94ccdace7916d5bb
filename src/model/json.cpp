#include "model/record_shapes.hpp"

#include <ticketcore/json.hpp>

namespace ticketcore {
namespace {

namespace json = boost::json;

json::array parts_json(const std::vector<part>& parts) {
  json::array a;
  a.reserve(parts.size());
  for (const auto& p : parts) a.push_back(to_json(p));
  return a;
}

}  // namespace

// The stored records: their forms come from their descriptions
// (model/record_shapes.hpp says what each adds).
json::value to_json(const actor& a) { return detail::write_record(a); }
json::value to_json(const sla_state& s) { return detail::write_record(s); }
// Room for the keys to_json(ticket_view) adds: growing the table re-inserts
// every key (4% of the instructions of a ticket read through the C ABI,
// callgrind).
json::value to_json(const ticket& t) { return detail::write_record(t, 8); }
json::value to_stored_json(const stored_ticket& t) { return detail::write_record(t, 1); }  // room for "keys"
json::value to_json(const ticket_keys& k) { return detail::write_record(k); }
json::value to_json(const part_keys& k) { return detail::write_record(k); }
json::value to_json(const conversation& c) { return detail::write_record(c); }
json::value to_json(const part& p) { return detail::write_record(p); }
json::value to_json(const link& l) { return detail::write_record(l); }
json::value to_json(const history_entry& h) { return detail::write_record(h); }
json::value to_json(const notification& n) { return detail::write_record(n); }

json::value to_json(const ticket_view& v) {
  json::value record = to_json(v.ticket);
  json::object o = std::move(record.as_object());  // moved, not copied: reads return this on every call
  o["type_name"] = v.type_name;
  if (v.ticket.category == category::customer) o["stage"] = {{"index", v.stage.index}, {"label", v.stage.label}};
  o["timeline"] = parts_json(v.timeline);
  if (v.customer_view) {
    // The projection emptied these; a contact's JSON does not carry them at all.
    for (const char* hidden : {"state", "state_category", "priority", "assignee", "team", "owner", "tags",
                               "follow_up_at", "action_required_at", "version"})
      o.erase(hidden);
    return o;
  }
  o["state_label"] = v.state_label;
  if (v.ticket.category == category::tracker) o["linked_conversations"] = v.linked_conversations;
  return o;
}

json::value to_json(const ticket_page& p) {
  json::array rows;
  rows.reserve(p.tickets.size());
  for (const auto& v : p.tickets) {
    json::object o = to_json(v).as_object();
    o.erase("timeline");  // a list carries none
    rows.push_back(std::move(o));
  }
  json::object o{{"tickets", std::move(rows)}, {"next_cursor", p.next_cursor}};
  if (!p.damaged.empty()) {
    json::array damaged;
    for (const auto& d : p.damaged) damaged.push_back(to_json(d));
    o["damaged"] = std::move(damaged);
  }
  return o;
}

json::value to_json(const damaged_record& d) {
  return {{"kind", d.kind}, {"id", d.id}, {"number", d.number}, {"problem", d.problem}};
}

json::value to_json(const conversation_view& v) {
  json::object o = to_json(v.conversation).as_object();
  o["timeline"] = parts_json(v.timeline);
  if (v.customer_view) o.erase("version");
  return o;
}

json::value to_json(const inbox_item& i) {
  json::object o{{"kind", to_string(i.kind)},
                 {"id", to_string(i.id)},
                 {"number", i.number},
                 {"title", i.title},
                 {"last_update", i.last_update},
                 {"updated_at", format_time(i.updated_at)},
                 {"brand", i.brand},
                 {"contact", i.contact}};
  if (i.category) {
    o["category"] = to_string(*i.category);
    o["label"] = i.label;
  }
  if (i.stage.index) o["stage"] = {{"index", i.stage.index}, {"label", i.stage.label}};
  if (i.state_category) {
    o["state_category"] = to_string(*i.state_category);
    o["state_label"] = i.state_label;
    o["assignee"] = i.assignee;
  }
  if (i.category == category::tracker) o["linked_conversations"] = i.linked_conversations;
  if (!i.damaged.empty()) o["damaged"] = i.damaged;  // U3: a marker; only kind, id and number beside it
  return o;
}

}  // namespace ticketcore
