// Reads a configuration document. Every problem is collected with its JSON
// path, then reported at once together with what validate_config() finds.
#include "model/json_form.hpp"
#include "model/json_numbers.hpp"
#include "model/text.hpp"

#include <ticketcore/config.hpp>
#include <ticketcore/error.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace ticketcore {
namespace {

namespace json = boost::json;

constexpr std::int64_t max_target_minutes = 10 * 366 * 24 * 60;

// "a.b", or "b" at the top level.
std::string join(const std::string& at, const std::string& key) { return at.empty() ? key : at + "." + key; }

// The configuration's reader: every problem collected (detail::problems),
// worded as every JSON reader words it (model/json_form.hpp).
class reader {
 public:
  detail::problems problems{detail::problems::mode::collect};

  void problem(const std::string& at, const std::string& what) { problems.add(at, what); }
  void expected(const std::string& at, const std::string& what, const json::value& found) {
    detail::report_expected(problems, at, what, found);
  }
  // An enum's value, or a problem naming its choices.
  template <class Enum>
  std::optional<Enum> choice(const std::string& at, const std::string& text) {
    if (auto e = detail::parse_enum<Enum>(text)) return e;
    expected(at, "one of " + detail::enum_choices<Enum>(), json::value(text));
    return std::nullopt;
  }

  // Rejects keys outside `known`, so a typo never passes silently.
  const json::object* object(const json::value& v, const std::string& at, std::set<std::string> known) {
    const json::object* o = v.if_object();
    if (!o) {
      expected(at.empty() ? "config" : at, "an object", v);
      return nullptr;
    }
    for (const auto& kv : *o)
      if (!known.count(std::string(kv.key()))) detail::report_unknown_key(problems, join(at, std::string(kv.key())));
    return o;
  }

  void text(const json::object& o, const char* key, const std::string& at, std::string& out) {
    if (const json::value* v = o.if_contains(key)) {
      if (const json::string* s = v->if_string()) out.assign(s->data(), s->size());
      else expected(join(at, key), "a string", *v);
    }
  }

  void flag(const json::object& o, const char* key, const std::string& at, bool& out) {
    if (const json::value* v = o.if_contains(key)) {
      if (v->is_bool()) out = v->get_bool();
      else expected(join(at, key), "true or false", *v);
    }
  }

  void strings(const json::object& o, const char* key, const std::string& at, std::vector<std::string>& out) {
    const json::value* v = o.if_contains(key);
    if (!v) return;
    const json::array* a = v->if_array();
    if (!a) return expected(join(at, key), "an array of strings", *v);
    out.clear();
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (const json::string* s = (*a)[i].if_string()) out.emplace_back(s->data(), s->size());
      else expected(join(at, key) + "[" + std::to_string(i) + "]", "a string", (*a)[i]);
    }
  }

  template <class T>
  void list(const json::object& o, const char* key, const std::string& at, std::vector<T>& out,
            const std::function<bool(const json::value&, const std::string&, T&)>& read_one) {
    const json::value* v = o.if_contains(key);
    if (!v) return;
    const json::array* a = v->if_array();
    if (!a) return expected(at + key, "an array", *v);
    for (std::size_t i = 0; i < a->size(); ++i) {
      T item;
      if (read_one((*a)[i], at + key + "[" + std::to_string(i) + "]", item)) out.push_back(std::move(item));
    }
  }
};

bool read_state(reader& r, const json::value& v, const std::string& at, state& s) {
  const json::object* o = r.object(v, at, {"key", "label", "category", "stage"});
  if (!o) return false;
  r.text(*o, "key", at, s.key);
  r.text(*o, "label", at, s.label);
  if (s.label.empty()) s.label = s.key;
  std::string cat;
  r.text(*o, "category", at, cat);
  if (auto c = r.choice<state_category>(at + ".category", cat)) s.category = *c;
  if (const json::value* st = o->if_contains("stage")) {
    // Checked before narrowing: 4294967297 must not wrap to stage 1.
    if (st->is_int64() && st->get_int64() >= 1 && st->get_int64() <= 4) s.stage = static_cast<int>(st->get_int64());
    else r.expected(at + ".stage", "an integer from 1 to 4", *st);
  } else {
    static constexpr int default_stage[] = {1, 2, 3, 2, 4};
    s.stage = default_stage[static_cast<int>(s.category)];
  }
  return true;
}

bool read_lifecycle(reader& r, const json::value& v, const std::string& at, lifecycle& l) {
  const json::object* o = r.object(v, at, {"id", "states", "transitions", "stage_labels"});
  if (!o) return false;
  r.text(*o, "id", at, l.id);
  r.list<state>(*o, "states", at + ".", l.states,
                [&](const json::value& sv, const std::string& sat, state& s) { return read_state(r, sv, sat, s); });
  r.strings(*o, "stage_labels", at, l.stage_labels);
  if (const json::value* t = o->if_contains("transitions")) {
    const json::array* pairs = t->if_array();
    for (std::size_t i = 0; pairs && i < pairs->size(); ++i) {
      const json::array* pair = (*pairs)[i].if_array();
      if (pair && pair->size() == 2 && (*pair)[0].is_string() && (*pair)[1].is_string())
        l.transitions.emplace_back(std::string((*pair)[0].get_string()), std::string((*pair)[1].get_string()));
      else r.expected(at + ".transitions[" + std::to_string(i) + "]", "a [from, to] pair of state keys", (*pairs)[i]);
    }
    if (!pairs) r.expected(at + ".transitions", "an array of [from, to] pairs", *t);
  }
  return true;
}

bool read_attribute(reader& r, const json::value& v, const std::string& at, attribute_def& a) {
  const json::object* o = r.object(v, at, {"key", "label", "type", "options", "required_for_teammates",
                                           "required_for_customers", "visible_to_customer", "editable_by_customer"});
  if (!o) return false;
  r.text(*o, "key", at, a.key);
  r.text(*o, "label", at, a.label);
  if (a.label.empty()) a.label = a.key;
  std::string type;
  r.text(*o, "type", at, type);
  if (auto t = r.choice<attribute_type>(at + ".type", type)) a.type = *t;
  r.strings(*o, "options", at, a.options);
  r.flag(*o, "required_for_teammates", at, a.required_for_teammates);
  r.flag(*o, "required_for_customers", at, a.required_for_customers);
  r.flag(*o, "visible_to_customer", at, a.visible_to_customer);
  r.flag(*o, "editable_by_customer", at, a.editable_by_customer);
  if (a.editable_by_customer) a.visible_to_customer = true;
  return true;
}

bool read_type(reader& r, const json::value& v, const std::string& at, ticket_type& t) {
  const json::object* o = r.object(v, at, {"id", "name", "category", "lifecycle", "attributes", "archived", "propagation"});
  if (!o) return false;
  r.text(*o, "id", at, t.id);
  r.text(*o, "name", at, t.name);
  if (t.name.empty()) t.name = t.id;
  std::string cat;
  r.text(*o, "category", at, cat);
  if (auto c = r.choice<category>(at + ".category", cat)) t.category = *c;
  r.text(*o, "lifecycle", at, t.lifecycle);
  r.flag(*o, "archived", at, t.archived);
  r.list<attribute_def>(*o, "attributes", at + ".", t.attributes,
                        [&](const json::value& av, const std::string& aat, attribute_def& a) {
                          return read_attribute(r, av, aat, a);
                        });
  if (const json::value* p = o->if_contains("propagation")) {
    if (const json::object* map = p->if_object()) {
      for (const auto& kv : *map) {
        auto c = kv.value().is_string() ? parse_state_category(kv.value().get_string()) : std::nullopt;
        if (c) t.propagation.emplace(std::string(kv.key()), *c);
        else r.expected(at + ".propagation." + std::string(kv.key()), "one of " + detail::enum_choices<state_category>(), kv.value());
      }
    } else {
      r.expected(at + ".propagation", "an object of state key -> state category", *p);
    }
  }
  return true;
}

// "targets" values are whole minutes; "conditions" lists values to match.
bool read_sla_policy(reader& r, const json::value& v, const std::string& at, sla_policy& p) {
  const json::object* o = r.object(v, at, {"id", "name", "conditions", "targets", "calendar", "pause_in",
                                           "at_risk_share"});
  if (!o) return false;
  r.text(*o, "id", at, p.id);
  r.text(*o, "name", at, p.name);
  if (p.name.empty()) p.name = p.id;
  r.text(*o, "calendar", at, p.calendar);
  if (const json::value* c = o->if_contains("conditions")) {
    std::string cat = at + ".conditions";
    if (const json::object* co = r.object(*c, cat, {"types", "categories", "priorities", "brands", "channels", "tags"})) {
      r.strings(*co, "types", cat, p.conditions.types);
      r.strings(*co, "priorities", cat, p.conditions.priorities);
      r.strings(*co, "brands", cat, p.conditions.brands);
      r.strings(*co, "tags", cat, p.conditions.tags);
      std::vector<std::string> names;
      r.strings(*co, "categories", cat, names);
      for (const auto& n : names) {
        if (auto k = r.choice<category>(cat + ".categories", n)) p.conditions.categories.push_back(*k);
      }
      names.clear();
      r.strings(*co, "channels", cat, names);
      for (const auto& n : names) {
        if (auto k = r.choice<channel>(cat + ".channels", n)) p.conditions.channels.push_back(*k);
      }
    }
  }
  if (const json::value* t = o->if_contains("targets")) {
    std::string tat = at + ".targets";
    if (const json::object* to = r.object(*t, tat, {"first_response", "next_response", "resolution"})) {
      for (const auto& kv : *to) {
        auto target = parse_sla_target(kv.key());
        if (!target) continue;  // reported as an unknown key
        // At most ten years, like an idle rule: more would overflow the
        // millisecond clocks a deadline is computed in (U3).
        if (kv.value().is_int64() && kv.value().get_int64() > 0 && kv.value().get_int64() <= max_target_minutes)
          p.targets[*target] = std::chrono::minutes(kv.value().get_int64());
        else r.expected(tat + "." + std::string(kv.key()),
                        "a whole number of minutes from 1 to " + std::to_string(max_target_minutes) + " (ten years)",
                        kv.value());
      }
    }
  }
  if (o->contains("pause_in")) {
    std::vector<std::string> names;
    r.strings(*o, "pause_in", at, names);
    p.pause_in.clear();
    for (const auto& n : names) {
      if (auto k = parse_state_category(n); k && *k != state_category::resolved) p.pause_in.push_back(*k);
      else r.expected(at + ".pause_in", "a state category a clock can pause in (not resolved)", json::value(n));
    }
  }
  if (const json::value* s = o->if_contains("at_risk_share")) {
    if (s->is_number() && s->to_number<double>() > 0 && s->to_number<double>() <= 1) p.at_risk_share = s->to_number<double>();
    else r.expected(at + ".at_risk_share", "a number above 0 and at most 1", *s);
  }
  return true;
}

// "HH:MM" -> minutes after midnight; "24:00" ends a day.
std::optional<int> minutes_of(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
  int h = digit(0) * 10 + digit(1), m = digit(3) * 10 + digit(4);
  if (digit(0) < 0 || digit(1) < 0 || digit(3) < 0 || digit(4) < 0 || m > 59 || h > 24 || (h == 24 && m)) return std::nullopt;
  return h * 60 + m;
}

bool read_calendar(reader& r, const json::value& v, const std::string& at, calendar& cal) {
  const json::object* o = r.object(v, at, {"id", "time_zone", "periods", "holidays"});
  if (!o) return false;
  r.text(*o, "id", at, cal.id);
  r.text(*o, "time_zone", at, cal.time_zone);
  r.strings(*o, "holidays", at, cal.holidays);
  static const char* days[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  r.list<business_period>(*o, "periods", at + ".", cal.periods,
                          [&](const json::value& pv, const std::string& pat, business_period& p) {
                            const json::object* po = r.object(pv, pat, {"weekday", "start", "end"});
                            if (!po) return false;
                            std::string day, start, end;
                            r.text(*po, "weekday", pat, day);
                            r.text(*po, "start", pat, start);
                            r.text(*po, "end", pat, end);
                            auto d = std::find(std::begin(days), std::end(days), day);
                            if (d == std::end(days)) r.expected(pat + ".weekday", "a weekday (monday ... sunday)", json::value(day));
                            else p.weekday = static_cast<int>(d - std::begin(days));
                            auto s = minutes_of(start), e = minutes_of(end);
                            if (!s) r.expected(pat + ".start", "a time HH:MM", json::value(start));
                            else p.start_minute = *s;
                            if (!e) r.expected(pat + ".end", "a time HH:MM (24:00 ends the day)", json::value(end));
                            else p.end_minute = *e;
                            return true;
                          });
  return true;
}

bool read_condition(reader& r, const json::value& v, const std::string& at, rule_condition& c) {
  const json::object* o = r.object(v, at, {"field", "op", "value"});
  if (!o) return false;
  r.text(*o, "field", at, c.field);
  std::string op = "is";
  r.text(*o, "op", at, op);
  if (auto k = r.choice<rule_op>(at + ".op", op)) c.op = *k;
  if (const json::value* value = o->if_contains("value")) c.value = *value;
  return true;
}

bool read_action(reader& r, const json::value& v, const std::string& at, rule_action& a) {
  const json::object* o = r.object(v, at, {"action", "teammate", "team", "strategy", "priority", "tags", "state",
                                           "key", "value", "title", "type", "text"});
  if (!o) return false;
  std::string kind;
  r.text(*o, "action", at, kind);
  if (auto k = r.choice<rule_action_kind>(at + ".action", kind)) a.kind = *k;
  r.text(*o, "teammate", at, a.teammate);
  r.text(*o, "team", at, a.team);
  std::string strategy;
  r.text(*o, "strategy", at, strategy);
  if (strategy == "round_robin") a.strategy = assignment::round_robin;
  else if (strategy == "least_loaded") a.strategy = assignment::least_loaded;
  else if (!strategy.empty()) r.expected(at + ".strategy", "round_robin or least_loaded", json::value(strategy));
  r.text(*o, "priority", at, a.priority);
  r.strings(*o, "tags", at, a.tags);
  r.text(*o, "state", at, a.state);
  r.text(*o, "key", at, a.key);
  if (const json::value* value = o->if_contains("value")) a.value = *value;
  r.text(*o, "title", at, a.title);
  r.text(*o, "type", at, a.type);
  r.text(*o, "text", at, a.text);
  return true;
}

bool read_rule(reader& r, const json::value& v, const std::string& at, rule& rl) {
  const json::object* o = r.object(v, at, {"id", "name", "enabled", "trigger", "hours_since_update", "conditions", "actions"});
  if (!o) return false;
  r.text(*o, "id", at, rl.id);
  r.text(*o, "name", at, rl.name);
  if (rl.name.empty()) rl.name = rl.id;
  r.flag(*o, "enabled", at, rl.enabled);
  std::string trigger;
  r.text(*o, "trigger", at, trigger);
  if (auto t = r.choice<rule_trigger>(at + ".trigger", trigger)) rl.trigger = *t;
  if (const json::value* h = o->if_contains("hours_since_update")) {
    const double hours = h->is_number() ? h->to_number<double>() : 0;
    const double minutes = std::round(hours * 60);
    if (minutes >= 1 && minutes <= 10.0 * 366 * 24 * 60) rl.idle_after = std::chrono::minutes(static_cast<long>(minutes));
    else r.expected(at + ".hours_since_update", "a number of hours from 1/60 (a minute) to ten years", *h);
  }
  auto condition = [&](const json::value& cv, const std::string& cat, rule_condition& c) {
    return read_condition(r, cv, cat, c);
  };
  if (const json::value* c = o->if_contains("conditions")) {
    if (const json::object* co = r.object(*c, at + ".conditions", {"all", "any"})) {
      r.list<rule_condition>(*co, "all", at + ".conditions.", rl.all, condition);
      r.list<rule_condition>(*co, "any", at + ".conditions.", rl.any, condition);
    }
  }
  r.list<rule_action>(*o, "actions", at + ".", rl.actions,
                      [&](const json::value& av, const std::string& aat, rule_action& a) {
                        return read_action(r, av, aat, a);
                      });
  return true;
}

template <class T>
std::function<bool(const json::value&, const std::string&, T&)> named(reader& r,
                                                                      std::set<std::string> extra = {}) {
  return [&r, extra](const json::value& v, const std::string& at, T& item) {
    std::set<std::string> known = {"id", "name"};
    known.insert(extra.begin(), extra.end());
    const json::object* o = r.object(v, at, known);
    if (!o) return false;
    r.text(*o, "id", at, item.id);
    r.text(*o, "name", at, item.name);
    if constexpr (requires { item.emails; }) {
      std::string email;  // a contact declared here has one address
      r.text(*o, "email", at, email);
      if (!email.empty()) item.emails = {email};
    } else if constexpr (requires { item.email; }) {
      r.text(*o, "email", at, item.email);
    }
    if constexpr (requires { item.company; }) r.text(*o, "company", at, item.company);
    if constexpr (requires { item.teams; }) r.strings(*o, "teams", at, item.teams);
    return true;
  };
}

}  // namespace

config parse_config(const json::value& document) {
  reader r;
  config c;
  // U3: a number JSON cannot carry (1e400 reads as infinity) anywhere in
  // the document, caught once here with its path.
  if (auto at = detail::find_non_finite(document)) r.problem(*at, "expected a finite number, found one JSON cannot carry (U3)");
  const json::object* o = r.object(document, "", {"priorities", "default_priority", "lifecycles",
                                                        "ticket_types", "brands", "teams", "teammates",
                                                        "companies", "contacts", "calendars", "sla_policies", "rules",
                                                        "contact_attributes", "company_attributes", "unknown_senders"});
  if (o) {
    r.strings(*o, "priorities", "", c.priorities);
    r.text(*o, "default_priority", "", c.default_priority);
    if (!o->contains("default_priority") && !c.priorities.empty() && !c.has_priority(c.default_priority))
      c.default_priority = c.priorities.front();
    r.list<lifecycle>(*o, "lifecycles", "", c.lifecycles,
                      [&](const json::value& v, const std::string& at, lifecycle& l) {
                        return read_lifecycle(r, v, at, l);
                      });
    r.list<ticket_type>(*o, "ticket_types", "", c.ticket_types,
                        [&](const json::value& v, const std::string& at, ticket_type& t) {
                          return read_type(r, v, at, t);
                        });
    r.list<brand>(*o, "brands", "", c.brands, named<brand>(r));
    r.list<team>(*o, "teams", "", c.teams, named<team>(r));
    r.list<teammate>(*o, "teammates", "", c.teammates, named<teammate>(r, {"email", "teams"}));
    r.list<company>(*o, "companies", "", c.companies, named<company>(r));
    r.list<contact>(*o, "contacts", "", c.contacts, named<contact>(r, {"email", "company"}));
    auto attribute = [&](const json::value& av, const std::string& aat, attribute_def& a) {
      return read_attribute(r, av, aat, a);
    };
    r.list<attribute_def>(*o, "contact_attributes", "", c.contact_attributes, attribute);
    r.list<attribute_def>(*o, "company_attributes", "", c.company_attributes, attribute);
    std::string senders;
    r.text(*o, "unknown_senders", "", senders);
    if (senders == "accept") c.unknown_senders = config::unknown_contacts::accept;
    else if (!senders.empty() && senders != "refuse")
      r.problem("unknown_senders", "expected \"accept\" or \"refuse\", found " + detail::quoted(senders));
    r.list<calendar>(*o, "calendars", "", c.calendars,
                     [&](const json::value& v, const std::string& at, calendar& cal) {
                       return read_calendar(r, v, at, cal);
                     });
    r.list<sla_policy>(*o, "sla_policies", "", c.sla_policies,
                       [&](const json::value& v, const std::string& at, sla_policy& p) {
                         return read_sla_policy(r, v, at, p);
                       });
    r.list<rule>(*o, "rules", "", c.rules,
                 [&](const json::value& v, const std::string& at, rule& rl) { return read_rule(r, v, at, rl); });
  }
  try {
    validate_config(c);
  } catch (const error& e) {
    if (r.problems.empty()) throw;
    r.problems.add_worded(e.fields(), e.what());
  }
  r.problems.raise_if_any("invalid configuration");
  return c;
}

namespace {

// {from: to}, both strings, into `out`.
void read_renames(reader& r, const json::value& v, const std::string& at, std::map<std::string, std::string>& out) {
  const json::object* o = v.if_object();
  if (!o) return r.expected(at, "an object of names to names", v);
  for (const auto& kv : *o) {
    const std::string from(kv.key());
    if (const json::string* to = kv.value().if_string()) out[from] = std::string(to->data(), to->size());
    else r.expected(join(at, from), "a string", kv.value());
  }
}

}  // namespace

configuration_migration parse_configuration_migration(const json::value& document) {
  reader r;
  configuration_migration m;
  if (const json::object* o = r.object(document, "migration", {"states", "priorities"})) {
    if (const json::value* states = o->if_contains("states")) {
      if (const json::object* by_type = states->if_object()) {
        for (const auto& kv : *by_type)
          read_renames(r, kv.value(), "migration.states." + std::string(kv.key()), m.states[std::string(kv.key())]);
      } else {
        r.expected("migration.states", "an object of ticket types to {state: state}", *states);
      }
    }
    if (const json::value* priorities = o->if_contains("priorities"))
      read_renames(r, *priorities, "migration.priorities", m.priorities);
  }
  r.problems.raise_if_any("invalid migration");
  return m;
}

config parse_config(std::string_view text) {
  boost::system::error_code ec;
  json::value document = detail::parse_exact(text, ec);
  if (ec)
    throw error(errc::invalid_argument, "configuration is not valid JSON: " + ec.message());
  return parse_config(document);
}

}  // namespace ticketcore
