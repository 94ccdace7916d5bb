// The JSON form of a ticket query (Q1), shared by the C `find_tickets` op,
// Python and saved views. Unknown keys are refused, so a typo never widens
// a query silently.
#include "model/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <set>

namespace ticketcore {
namespace {

namespace json = boost::json;

const std::set<std::string> query_keys = {
    "category",    "types",        "states",      "state_categories", "priorities", "assignee",
    "team",        "brand",        "contact",     "company",          "tags",       "channel",
    "created_from", "created_to",  "updated_from", "updated_to",      "due_before", "sla_status",
    "tracker",     "text",         "public_text_only", "shared_with_company", "order", "descending"};

class query_reader {
 public:
  explicit query_reader(const json::object& o) : o_(o) {
    for (const auto& kv : o_)
      if (!query_keys.count(std::string(kv.key())))
        fail(std::string(kv.key()), "is not a query field (category, types, states, ..., order, descending)");
  }

  std::optional<std::string> text(const char* key) const {
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) fail(key, "must be a string");
    return std::string(v->get_string());
  }

  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) fail(key, "must be an array of strings");
    for (const auto& item : v->get_array()) {
      if (!item.is_string()) fail(key, "must be an array of strings");
      out.emplace_back(item.get_string());
    }
    return out;
  }

  template <class Enum>
  std::optional<Enum> choice(const char* key, std::optional<Enum> (*parse)(std::string_view) noexcept) const {
    auto t = text(key);
    if (!t) return std::nullopt;
    if (auto e = parse(*t)) return *e;
    fail(key, "has unknown value " + detail::quoted(*t));
  }

  template <class Enum>
  std::vector<Enum> choices(const char* key, std::optional<Enum> (*parse)(std::string_view) noexcept) const {
    std::vector<Enum> out;
    for (const auto& t : strings(key)) {
      auto e = parse(t);
      if (!e) fail(key, "has unknown value " + detail::quoted(t));
      out.push_back(*e);
    }
    return out;
  }

  std::optional<time_point> time(const char* key) const {
    auto t = text(key);
    if (!t) return std::nullopt;
    try {
      return parse_time(*t);
    } catch (const error&) {
      fail(key, "must be an ISO 8601 time like 2026-11-24T09:00:00Z, not " + detail::quoted(*t));
    }
  }

  bool flag(const char* key, bool fallback) const {
    const json::value* v = o_.if_contains(key);
    if (!v || v->is_null()) return fallback;
    if (!v->is_bool()) fail(key, "must be true or false");
    return v->get_bool();
  }

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw error(errc::invalid_argument, "query." + key + " " + what, {key});
  }

 private:
  const json::object& o_;
};

json::array array_of(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.emplace_back(s);
  return a;
}

}  // namespace

json::value to_json(const ticket_query& q) {
  json::object o;
  if (q.category) o["category"] = to_string(*q.category);
  if (!q.types.empty()) o["types"] = array_of(q.types);
  if (!q.states.empty()) o["states"] = array_of(q.states);
  if (!q.state_categories.empty()) {
    json::array a;
    for (auto s : q.state_categories) a.emplace_back(to_string(s));
    o["state_categories"] = std::move(a);
  }
  if (!q.priorities.empty()) o["priorities"] = array_of(q.priorities);
  auto text = [&](const char* key, const std::optional<std::string>& v) {
    if (v) o[key] = *v;
  };
  text("assignee", q.assignee);
  text("team", q.team);
  text("brand", q.brand);
  text("contact", q.contact);
  text("company", q.company);
  if (!q.tags.empty()) o["tags"] = array_of(q.tags);
  if (q.channel) o["channel"] = to_string(*q.channel);
  auto time = [&](const char* key, const std::optional<time_point>& v) {
    if (v) o[key] = format_time(*v);
  };
  time("created_from", q.created_from);
  time("created_to", q.created_to);
  time("updated_from", q.updated_from);
  time("updated_to", q.updated_to);
  time("due_before", q.due_before);
  if (q.sla_status) o["sla_status"] = to_string(*q.sla_status);
  if (q.tracker) o["tracker"] = to_string(*q.tracker);
  if (!q.text.empty()) o["text"] = q.text;
  if (q.public_text_only) o["public_text_only"] = true;
  text("shared_with_company", q.shared_with_company);
  o["order"] = to_string(q.order);
  o["descending"] = q.descending;
  return o;
}

ticket_query ticket_query_from_json(const json::value& v) {
  const json::object* o = v.if_object();
  if (!o) throw error(errc::invalid_argument, "a query must be a JSON object");
  query_reader r(*o);
  ticket_query q;
  q.category = r.choice("category", parse_category);
  q.types = r.strings("types");
  q.states = r.strings("states");
  q.state_categories = r.choices("state_categories", parse_state_category);
  q.priorities = r.strings("priorities");
  q.assignee = r.text("assignee");
  q.team = r.text("team");
  q.brand = r.text("brand");
  q.contact = r.text("contact");
  q.company = r.text("company");
  q.tags = r.strings("tags");
  q.channel = r.choice("channel", parse_channel);
  q.created_from = r.time("created_from");
  q.created_to = r.time("created_to");
  q.updated_from = r.time("updated_from");
  q.updated_to = r.time("updated_to");
  q.due_before = r.time("due_before");
  q.sla_status = r.choice("sla_status", parse_sla_status);
  if (auto t = r.text("tracker")) {
    try {
      q.tracker = parse_id(*t, "query.tracker");
    } catch (const error&) {
      r.fail("tracker", "must be a ticket id (a UUID), not " + detail::quoted(*t));
    }
  }
  q.text = r.text("text").value_or("");
  q.public_text_only = r.flag("public_text_only", false);
  q.shared_with_company = r.text("shared_with_company");
  q.order = r.choice("order", parse_ticket_order).value_or(ticket_order::created);
  q.descending = r.flag("descending", true);
  return q;
}

json::value to_json(const saved_view& v) {
  return {{"id", v.id}, {"name", v.name}, {"owner", v.owner}, {"query", to_json(v.query)}};
}

json::value to_json(const view_count& v) {
  json::object o = to_json(v.view).as_object();
  o["count"] = v.count;
  return o;
}

saved_view saved_view_from_json(const json::value& v) {
  const json::object* o = v.if_object();
  if (!o) throw error(errc::invalid_argument, "a saved view must be a JSON object");
  saved_view out;
  for (const auto& kv : *o) {
    const std::string key(kv.key());
    if (key != "id" && key != "name" && key != "owner" && key != "query")
      throw error(errc::invalid_argument, "view." + key + " is not a view field (id, name, owner, query)", {key});
    if (key != "query" && !kv.value().is_string())
      throw error(errc::invalid_argument, "view." + key + " must be a string", {key});
  }
  auto text = [&](const char* key) {
    const json::value* f = o->if_contains(key);
    return f ? std::string(f->get_string()) : std::string();
  };
  out.id = text("id");
  out.name = text("name");
  out.owner = text("owner");
  if (const json::value* q = o->if_contains("query")) out.query = ticket_query_from_json(*q);
  return out;
}

}  // namespace ticketcore
