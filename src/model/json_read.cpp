// Reading stored records back from their JSON form (the inverse of json.cpp).
#include "model/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

namespace ticketcore {
namespace {

namespace json = boost::json;

// Field access on one record's object; every failure names record and field.
class fields {
 public:
  fields(const json::value& v, const char* record) : o_(v.if_object()), record_(record) {
    if (!o_) throw error(errc::invalid_argument, std::string(record) + " must be a JSON object");
  }
  fields(const json::object& o, const char* record) : o_(&o), record_(record) {}

  const json::value* find(const char* key) const { return o_->if_contains(key); }

  std::string text(const char* key, bool required = true) const {
    const json::value* v = find(key);
    if (!v || v->is_null()) {
      if (required) fail(key, "is missing");
      return {};
    }
    if (!v->is_string()) fail(key, "must be a string");
    return std::string(v->get_string());
  }

  uuid id(const char* key) const { return parse_id(text(key), std::string(record_) + "." + key); }

  std::optional<uuid> optional_id(const char* key) const {
    std::string t = text(key, false);
    if (t.empty()) return std::nullopt;
    return parse_id(t, std::string(record_) + "." + key);
  }

  time_point time(const char* key) const { return parse_time(text(key)); }

  std::optional<time_point> optional_time(const char* key) const {
    std::string t = text(key, false);
    if (t.empty()) return std::nullopt;
    return parse_time(t);
  }

  std::int64_t integer(const char* key) const {
    const json::value* v = find(key);
    if (!v) fail(key, "is missing");
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= INT64_MAX) return static_cast<std::int64_t>(v->get_uint64());
    fail(key, "must be an integer");
  }

  bool flag(const char* key) const {
    const json::value* v = find(key);
    if (!v || !v->is_bool()) fail(key, "must be true or false");
    return v->get_bool();
  }

  json::object object(const char* key) const {
    const json::value* v = find(key);
    if (!v || v->is_null()) return {};
    if (!v->is_object()) fail(key, "must be an object");
    return v->get_object();
  }

  json::value any(const char* key) const {
    const json::value* v = find(key);
    return v ? *v : json::value(nullptr);
  }

  template <class Enum>
  Enum choice(const char* key, std::optional<Enum> (*parse)(std::string_view) noexcept) const {
    std::string t = text(key);
    if (auto e = parse(t)) return *e;
    fail(key, "has unknown value " + detail::quoted(t));
  }

  [[noreturn]] void fail(const char* key, const std::string& what) const {
    throw error(errc::invalid_argument, std::string(record_) + "." + key + " " + what);
  }

 private:
  const json::object* o_;
  const char* record_;
};

}  // namespace

actor actor_from_json(const json::value& v) {
  fields f(v, "actor");
  return {f.choice("kind", parse_actor_kind), f.text("id", false)};
}

ticket ticket_from_json(const json::value& v) {
  fields f(v, "ticket");
  ticket t;
  t.id = f.id("id");
  t.number = f.integer("number");
  t.type = f.text("type");
  t.category = f.choice("category", parse_category);
  t.title = f.text("title");
  t.description = f.text("description", false);
  t.state = f.text("state");
  t.state_category = f.choice("state_category", parse_state_category);
  t.priority = f.text("priority", false);
  t.contact = f.text("contact", false);
  t.company = f.text("company", false);
  t.brand = f.text("brand", false);
  t.sharing = f.choice("sharing", parse_sharing);
  t.assignee = f.text("assignee", false);
  t.team = f.text("team", false);
  t.owner = f.text("owner", false);
  if (const json::value* tags = f.find("tags")) {
    if (!tags->is_array()) f.fail("tags", "must be an array of strings");
    for (const auto& tag : tags->get_array()) {
      if (!tag.is_string()) f.fail("tags", "must be an array of strings");
      t.tags.emplace(tag.get_string());
    }
  }
  t.channel = f.choice("channel", parse_channel);
  t.created_at = f.time("created_at");
  t.updated_at = f.time("updated_at");
  t.follow_up_at = f.optional_time("follow_up_at");
  t.action_required_at = f.optional_time("action_required_at");
  t.attributes = f.object("attributes");
  json::object r = f.object("rating");
  if (!r.empty()) {
    fields rf(r, "ticket.rating");
    t.rating = rating{static_cast<int>(rf.integer("score")), rf.text("comment", false), rf.time("at")};
  }
  json::object s = f.object("sla");
  if (!s.empty()) {
    fields sf(s, "ticket.sla");
    t.sla.policy = sf.text("policy");
    const json::value* clocks = sf.find("clocks");
    if (!clocks || !clocks->is_array()) sf.fail("clocks", "must be an array");
    for (const auto& c : clocks->get_array()) {
      fields cf(c, "ticket.sla.clocks[]");
      sla_clock k;
      k.target = cf.choice("target", parse_sla_target);
      k.cycle = static_cast<int>(cf.integer("cycle"));
      k.used = std::chrono::milliseconds(cf.integer("used_ms"));
      k.running_since = cf.optional_time("running_since");
      k.at_risk_at = cf.optional_time("at_risk_at");
      k.due_at = cf.optional_time("due_at");
      k.met_at = cf.optional_time("met_at");
      k.at_risk = cf.flag("at_risk");
      k.breached = cf.flag("breached");
      t.sla.clocks.push_back(k);
    }
  }
  t.follow_up_raised = f.find("follow_up_raised") && f.flag("follow_up_raised");
  t.action_required_raised = f.find("action_required_raised") && f.flag("action_required_raised");
  if (const json::value* run = f.find("idle_rules_run")) {
    if (!run->is_array()) f.fail("idle_rules_run", "must be an array of rule ids");
    for (const auto& id : run->get_array()) {
      if (!id.is_string()) f.fail("idle_rules_run", "must be an array of rule ids");
      t.idle_rules_run.emplace(id.get_string());
    }
  }
  t.idle_due_at = f.optional_time("idle_due_at");
  t.next_due_at = f.optional_time("next_due_at");
  t.priority_rank = f.find("priority_rank") ? static_cast<int>(f.integer("priority_rank")) : 0;
  t.version = static_cast<std::uint64_t>(f.integer("version"));
  return t;
}

conversation conversation_from_json(const json::value& v) {
  fields f(v, "conversation");
  conversation c;
  c.id = f.id("id");
  c.number = f.integer("number");
  c.contact = f.text("contact");
  c.channel = f.choice("channel", parse_channel);
  c.brand = f.text("brand", false);
  c.subject = f.text("subject", false);
  c.created_at = f.time("created_at");
  c.updated_at = f.time("updated_at");
  c.version = static_cast<std::uint64_t>(f.integer("version"));
  return c;
}

part part_from_json(const json::value& v) {
  fields f(v, "part");
  part p;
  p.id = f.id("id");
  p.owner = f.id("owner");
  p.kind = f.choice("kind", parse_part_kind);
  p.internal = f.flag("internal");
  p.author = actor_from_json(f.any("author"));
  p.body = f.text("body", false);
  p.data = f.object("data");
  p.origin_ticket = f.optional_id("origin_ticket");
  p.created_at = f.time("created_at");
  return p;
}

link link_from_json(const json::value& v) {
  fields f(v, "link");
  link l;
  l.id = f.id("id");
  l.kind = f.choice("kind", parse_link_kind);
  l.from = f.id("from");
  l.from_kind = f.choice("from_kind", parse_endpoint_kind);
  l.to = f.optional_id("to").value_or(uuid{});
  l.to_kind = f.choice("to_kind", parse_endpoint_kind);
  json::object ext = f.object("external");
  if (!ext.empty()) {
    fields ef(ext, "link.external");
    l.external = external_ref{ef.text("kind"), ef.text("external_id"), ef.text("url", false)};
  }
  l.created_by = actor_from_json(f.any("created_by"));
  l.created_at = f.time("created_at");
  return l;
}

history_entry history_from_json(const json::value& v) {
  fields f(v, "history");
  history_entry h;
  h.id = f.id("id");
  h.subject = f.id("subject");
  h.actor = actor_from_json(f.any("actor"));
  h.at = f.time("at");
  h.field = f.text("field");
  h.old_value = f.any("old");
  h.new_value = f.any("new");
  h.cause = f.optional_id("cause");
  return h;
}

notification notification_from_json(const json::value& v) {
  fields f(v, "notification");
  notification n;
  n.id = f.id("id");
  n.recipient = f.text("recipient");
  n.channel = f.choice("channel", parse_notify_channel);
  n.kind = f.choice("kind", parse_notification_kind);
  // Entries written before the audience was stored are read with the one
  // their kind always had.
  n.audience = f.find("audience") ? f.choice("audience", parse_audience) : audience_of(n.kind);
  n.ticket = f.id("ticket");
  n.ticket_number = f.integer("ticket_number");
  n.payload = f.object("payload");
  n.idempotency_key = f.text("idempotency_key");
  n.state = f.choice("state", parse_delivery_state);
  n.attempts = static_cast<int>(f.integer("attempts"));
  n.created_at = f.time("created_at");
  n.next_attempt_at = f.time("next_attempt_at");
  n.delivered_at = f.optional_time("delivered_at");
  n.last_error = f.text("last_error", false);
  return n;
}

}  // namespace ticketcore
