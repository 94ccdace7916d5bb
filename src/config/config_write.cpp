// The configuration as the document parse_config() reads back: writing a
// configuration and reading it again gives the same configuration, field for
// field (config_document_test).
#include <ticketcore/config.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdio>

namespace ticketcore {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.emplace_back(s);
  return a;
}

template <class Enum>
json::array names(const std::vector<Enum>& values) {
  json::array a;
  for (Enum v : values) a.emplace_back(to_string(v));
  return a;
}

json::value to_json(const sla_policy& p) {
  json::object conditions;
  auto put = [&](const char* key, json::array values) {
    if (!values.empty()) conditions[key] = std::move(values);
  };
  put("types", strings(p.conditions.types));
  put("categories", names(p.conditions.categories));
  put("priorities", strings(p.conditions.priorities));
  put("brands", strings(p.conditions.brands));
  put("channels", names(p.conditions.channels));
  put("tags", strings(p.conditions.tags));
  json::object targets;
  for (const auto& [target, d] : p.targets)
    targets[to_string(target)] = std::chrono::duration_cast<std::chrono::minutes>(d).count();
  return {{"id", p.id},
          {"name", p.name},
          {"conditions", std::move(conditions)},
          {"targets", std::move(targets)},
          {"calendar", p.calendar},
          {"pause_in", names(p.pause_in)},
          {"at_risk_share", p.at_risk_share}};
}


json::value to_json(const rule_condition& c) {
  return {{"field", c.field}, {"op", to_string(c.op)}, {"value", c.value}};
}

// An action names only what its kind uses; what is empty is left out, as
// parse_config() reads an absent member as empty.
json::value to_json(const rule_action& a) {
  json::object o{{"action", to_string(a.kind)}};
  auto text = [&](const char* key, const std::string& value) {
    if (!value.empty()) o[key] = value;
  };
  text("teammate", a.teammate);
  text("team", a.team);
  if (a.strategy == assignment::round_robin) o["strategy"] = "round_robin";
  if (a.strategy == assignment::least_loaded) o["strategy"] = "least_loaded";
  text("priority", a.priority);
  if (!a.tags.empty()) o["tags"] = strings(a.tags);
  text("state", a.state);
  text("key", a.key);
  if (!a.value.is_null()) o["value"] = a.value;
  text("title", a.title);
  text("type", a.type);
  text("text", a.text);
  return o;
}

json::value to_json(const rule& r) {
  auto conditions = [](const std::vector<rule_condition>& items) {
    json::array a;
    for (const auto& c : items) a.push_back(to_json(c));
    return a;
  };
  json::array actions;
  for (const auto& a : r.actions) actions.push_back(to_json(a));
  json::object o{{"id", r.id},
                 {"name", r.name},
                 {"enabled", r.enabled},
                 {"trigger", to_string(r.trigger)},
                 {"conditions", {{"all", conditions(r.all)}, {"any", conditions(r.any)}}},
                 {"actions", std::move(actions)}};
  // Whole minutes as hours: parse_config() rounds hours * 60 back to them.
  if (r.idle_after.count() > 0) o["hours_since_update"] = static_cast<double>(r.idle_after.count()) / 60.0;
  return o;
}

}  // namespace

json::value config_document(const config& c) {
  json::array lifecycles;
  for (const auto& l : c.lifecycles) {
    json::array states;
    for (const auto& s : l.states)
      states.push_back(
          {{"key", s.key}, {"label", s.label}, {"category", to_string(s.category)}, {"stage", s.stage}});
    json::array transitions;
    for (const auto& [from, to] : l.transitions) transitions.push_back(json::array{json::string(from), json::string(to)});
    lifecycles.push_back({{"id", l.id},
                          {"states", std::move(states)},
                          {"transitions", std::move(transitions)},
                          {"stage_labels", strings(l.stage_labels)}});
  }
  auto attributes_of = [&](const std::vector<attribute_def>& defs) {
    json::array attributes;
    for (const auto& a : defs) {
      json::object o{{"key", a.key},
                     {"label", a.label},
                     {"type", to_string(a.type)},
                     {"required_for_teammates", a.required_for_teammates},
                     {"required_for_customers", a.required_for_customers},
                     {"visible_to_customer", a.visible_to_customer},
                     {"editable_by_customer", a.editable_by_customer}};
      if (!a.options.empty()) o["options"] = strings(a.options);
      attributes.push_back(std::move(o));
    }
    return attributes;
  };
  json::array types;
  for (const auto& t : c.ticket_types) {
    json::array attributes = attributes_of(t.attributes);
    json::object o{{"id", t.id},
                   {"name", t.name},
                   {"category", to_string(t.category)},
                   {"lifecycle", t.lifecycle},
                   {"attributes", std::move(attributes)},
                   {"archived", t.archived}};
    if (!t.propagation.empty()) {
      json::object map;
      for (const auto& [state, category] : t.propagation) map[state] = to_string(category);
      o["propagation"] = std::move(map);
    }
    types.push_back(std::move(o));
  }
  auto named = [](const auto& items) {
    json::array a;
    for (const auto& item : items) {
      json::object o{{"id", item.id}, {"name", item.name}};
      if constexpr (requires { item.emails; }) o["email"] = item.email();
      else if constexpr (requires { item.email; }) o["email"] = item.email;
      if constexpr (requires { item.company; }) {
        if (!item.company.empty()) o["company"] = item.company;
      }
      if constexpr (requires { item.teams; }) o["teams"] = strings(item.teams);
      a.push_back(std::move(o));
    }
    return a;
  };
  return {{"priorities", strings(c.priorities)},
          {"default_priority", c.default_priority},
          {"lifecycles", std::move(lifecycles)},
          {"ticket_types", std::move(types)},
          {"brands", named(c.brands)},
          {"teams", named(c.teams)},
          {"teammates", named(c.teammates)},
          {"companies", named(c.companies)},
          {"contacts", named(c.contacts)},
          {"contact_attributes", attributes_of(c.contact_attributes)},
          {"company_attributes", attributes_of(c.company_attributes)},
          {"unknown_senders", c.unknown_senders == config::unknown_contacts::accept ? "accept" : "refuse"},
          {"calendars", [&] {
             static const char* days[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
             auto hhmm = [](int m) {
               char text[16];
               std::snprintf(text, sizeof text, "%02d:%02d", m / 60, m % 60);
               return std::string(text);
             };
             json::array a;
             for (const auto& cal : c.calendars) {
               json::array periods;
               for (const auto& p : cal.periods)
                 periods.push_back({{"weekday", days[p.weekday]}, {"start", hhmm(p.start_minute)}, {"end", hhmm(p.end_minute)}});
               a.push_back({{"id", cal.id}, {"time_zone", cal.time_zone}, {"periods", std::move(periods)},
                            {"holidays", strings(cal.holidays)}});
             }
             return a;
           }()},
          {"sla_policies", [&] {
             json::array a;
             for (const auto& p : c.sla_policies) a.push_back(to_json(p));
             return a;
           }()},
          {"rules", [&] {
             json::array a;
             for (const auto& r : c.rules) a.push_back(to_json(r));
             return a;
           }()}};
}

}  // namespace ticketcore
