#include <ticketcore/json.hpp>

namespace ticketcore {
namespace {

namespace json = boost::json;

json::value time_or_null(const std::optional<time_point>& t) {
  return t ? json::value(format_time(*t)) : json::value(nullptr);
}

json::array parts_json(const std::vector<part>& parts) {
  json::array a;
  a.reserve(parts.size());
  for (const auto& p : parts) a.push_back(to_json(p));
  return a;
}

}  // namespace

json::value to_json(const actor& a) {
  json::object o{{"kind", to_string(a.kind)}};
  if (!a.id.empty()) o["id"] = a.id;
  return o;
}

json::value to_json(const sla_state& s) {
  json::array clocks;
  for (const sla_clock& c : s.clocks)
    clocks.push_back({{"target", to_string(c.target)},
                      {"cycle", c.cycle},
                      {"used_ms", std::chrono::duration_cast<std::chrono::milliseconds>(c.used).count()},
                      {"running_since", time_or_null(c.running_since)},
                      {"at_risk_at", time_or_null(c.at_risk_at)},
                      {"due_at", time_or_null(c.due_at)},
                      {"met_at", time_or_null(c.met_at)},
                      {"at_risk", c.at_risk},
                      {"breached", c.breached}});
  return {{"policy", s.policy}, {"clocks", std::move(clocks)}};
}

json::value to_json(const ticket& t) {
  json::array tags;
  for (const auto& tag : t.tags) tags.emplace_back(tag);
  // Room up front for the optional keys below and those to_json(ticket_view)
  // adds: growing the table re-inserts every key (4% of the instructions
  // of a ticket read through the C ABI, callgrind).
  constexpr std::size_t capacity = 40;
  json::object o({{"id", to_string(t.id)},
                  {"number", t.number},
                  {"type", t.type},
                  {"category", to_string(t.category)},
                  {"title", t.title},
                  {"description", t.description},
                  {"state", t.state},
                  {"state_category", to_string(t.state_category)},
                  {"priority", t.priority},
                  {"contact", t.contact},
                  {"company", t.company},
                  {"brand", t.brand},
                  {"sharing", to_string(t.sharing)},
                  {"assignee", t.assignee},
                  {"team", t.team},
                  {"owner", t.owner},
                  {"tags", std::move(tags)},
                  {"channel", to_string(t.channel)},
                  {"created_at", format_time(t.created_at)},
                  {"updated_at", format_time(t.updated_at)},
                  {"follow_up_at", time_or_null(t.follow_up_at)},
                  {"action_required_at", time_or_null(t.action_required_at)},
                  {"attributes", t.attributes},
                  {"version", t.version}},
                 capacity);
  if (t.rating)
    o["rating"] = {{"score", t.rating->score}, {"comment", t.rating->comment}, {"at", format_time(t.rating->at)}};
  // Kept only while they say something, so records without them stay small.
  if (!t.sla.policy.empty()) o["sla"] = to_json(t.sla);
  if (t.follow_up_raised) o["follow_up_raised"] = true;
  if (t.action_required_raised) o["action_required_raised"] = true;
  if (!t.idle_rules_run.empty()) {
    json::array run;
    for (const auto& id : t.idle_rules_run) run.emplace_back(id);
    o["idle_rules_run"] = std::move(run);
  }
  if (t.idle_due_at) o["idle_due_at"] = format_time(*t.idle_due_at);
  if (t.next_due_at) o["next_due_at"] = format_time(*t.next_due_at);
  if (t.priority_rank) o["priority_rank"] = t.priority_rank;
  return o;
}

json::value to_json(const conversation& c) {
  return {{"id", to_string(c.id)},
          {"number", c.number},
          {"contact", c.contact},
          {"channel", to_string(c.channel)},
          {"brand", c.brand},
          {"subject", c.subject},
          {"created_at", format_time(c.created_at)},
          {"updated_at", format_time(c.updated_at)},
          {"version", c.version}};
}

json::value to_json(const part& p) {
  json::object o{{"id", to_string(p.id)},     {"owner", to_string(p.owner)},
                 {"kind", to_string(p.kind)}, {"internal", p.internal},
                 {"author", to_json(p.author)}, {"body", p.body},
                 {"created_at", format_time(p.created_at)}};
  if (!p.data.empty()) o["data"] = p.data;
  if (p.origin_ticket) o["origin_ticket"] = to_string(*p.origin_ticket);
  return o;
}

json::value to_json(const link& l) {
  json::object o{{"id", to_string(l.id)},
                 {"kind", to_string(l.kind)},
                 {"from", to_string(l.from)},
                 {"from_kind", to_string(l.from_kind)},
                 {"to_kind", to_string(l.to_kind)},
                 {"created_by", to_json(l.created_by)},
                 {"created_at", format_time(l.created_at)}};
  if (!l.to.is_nil()) o["to"] = to_string(l.to);
  if (l.external)
    o["external"] = {{"kind", l.external->kind}, {"external_id", l.external->external_id}, {"url", l.external->url}};
  return o;
}

json::value to_json(const history_entry& h) {
  json::object o{{"id", to_string(h.id)},  {"subject", to_string(h.subject)}, {"actor", to_json(h.actor)},
                 {"at", format_time(h.at)}, {"field", h.field},                {"old", h.old_value},
                 {"new", h.new_value}};
  if (h.cause) o["cause"] = to_string(*h.cause);
  return o;
}

json::value to_json(const notification& n) {
  return {{"id", to_string(n.id)},
          {"audience", to_string(n.audience)},
          {"recipient", n.recipient},
          {"channel", to_string(n.channel)},
          {"kind", to_string(n.kind)},
          {"ticket", to_string(n.ticket)},
          {"ticket_number", n.ticket_number},
          {"payload", n.payload},
          {"idempotency_key", n.idempotency_key},
          {"state", to_string(n.state)},
          {"attempts", n.attempts},
          {"created_at", format_time(n.created_at)},
          {"next_attempt_at", format_time(n.next_attempt_at)},
          {"delivered_at", time_or_null(n.delivered_at)},
          {"last_error", n.last_error}};
}

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
