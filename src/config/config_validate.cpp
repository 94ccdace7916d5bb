// Whole-configuration validation: every problem is collected, then reported
// at once, so a host fixes its document in one pass.
#include "model/json_numbers.hpp"
#include "model/problems.hpp"
#include "model/text.hpp"

#include <ticketcore/config.hpp>
#include <ticketcore/error.hpp>

#include <set>

namespace ticketcore {
namespace {

using detail::problems;

template <class T>
void check_ids(const std::vector<T>& items, const std::string& section, problems& p) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string where = section + "[" + std::to_string(i) + "].id";
    if (items[i].id.empty())
      p.add(where, "must not be empty");
    else if (!seen.insert(items[i].id).second)
      p.add(where, "duplicate id " + detail::quoted(items[i].id));
  }
}

void check_lifecycle(const lifecycle& l, const std::string& where, problems& p) {
  if (l.states.empty()) p.add(where + ".states", "a lifecycle needs at least one state");
  if (l.stage_labels.size() != 4) p.add(where + ".stage_labels", "there must be exactly 4 stage labels");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < l.states.size(); ++i) {
    const state& s = l.states[i];
    std::string at = where + ".states[" + std::to_string(i) + "]";
    if (s.key.empty()) p.add(at + ".key", "must not be empty");
    else if (!keys.insert(s.key).second) p.add(at + ".key", "duplicate state " + detail::quoted(s.key));
    if (s.stage < 1 || s.stage > 4) p.add(at + ".stage", "must be 1 to 4, got " + std::to_string(s.stage));
  }
  for (std::size_t i = 0; i < l.transitions.size(); ++i) {
    const auto& [from, to] = l.transitions[i];
    std::string at = where + ".transitions[" + std::to_string(i) + "]";
    if (!keys.count(from)) p.add(at, "unknown state " + detail::quoted(from));
    if (!keys.count(to)) p.add(at, "unknown state " + detail::quoted(to));
  }
}

void check_type(const config& c, ticket_type& t, const std::string& where, problems& p) {
  const lifecycle* l = c.find_lifecycle(t.lifecycle.empty() ? to_string(t.category) : t.lifecycle);
  if (!l) p.add(where + ".lifecycle", "unknown lifecycle " + detail::quoted(t.lifecycle));
  std::set<std::string> keys;
  for (std::size_t i = 0; i < t.attributes.size(); ++i) {
    attribute_def& a = t.attributes[i];
    if (a.editable_by_customer) a.visible_to_customer = true;  // a contact sees what they entered
    std::string at = where + ".attributes[" + std::to_string(i) + "]";
    if (a.key.empty()) p.add(at + ".key", "must not be empty");
    else if (!keys.insert(a.key).second) p.add(at + ".key", "duplicate attribute " + detail::quoted(a.key));
    bool listed = a.type == attribute_type::list || a.type == attribute_type::multi_list;
    if (listed && a.options.empty()) p.add(at + ".options", "a list attribute needs options");
    if (!listed && !a.options.empty()) p.add(at + ".options", "only list attributes take options");
    if (t.category != category::customer && (a.visible_to_customer || a.editable_by_customer))
      p.add(at, "only customer ticket types have customer-visible attributes (V3)");
  }
  if (!t.propagation.empty() && t.category != category::tracker)
    p.add(where + ".propagation", "only tracker types propagate state (P5)");
  for (const auto& [key, _] : t.propagation)
    if (l && !l->find(key)) p.add(where + ".propagation." + key, "not a state of lifecycle " + detail::quoted(l->id));
}

// Contact and company attributes: keys unique, options only on lists. The
// flags about customers and teammates mean nothing there.
void check_directory_attributes(const std::vector<attribute_def>& defs, const std::string& where, problems& p) {
  std::set<std::string> keys;
  for (std::size_t i = 0; i < defs.size(); ++i) {
    const attribute_def& a = defs[i];
    std::string at = where + "[" + std::to_string(i) + "]";
    if (a.key.empty()) p.add(at + ".key", "must not be empty");
    else if (!keys.insert(a.key).second) p.add(at + ".key", "duplicate attribute " + detail::quoted(a.key));
    bool listed = a.type == attribute_type::list || a.type == attribute_type::multi_list;
    if (listed && a.options.empty()) p.add(at + ".options", "a list attribute needs options");
    if (!listed && !a.options.empty()) p.add(at + ".options", "only list attributes take options");
  }
}

// A policy's conditions name things the desk has; it tracks some target.
void check_sla_policy(const config& c, const sla_policy& s, const std::string& where, problems& p) {
  if (s.targets.empty()) p.add(where + ".targets", "a policy needs at least one target");
  for (const auto& t : s.conditions.types)
    if (!c.find_type(t)) p.add(where + ".conditions.types", "unknown ticket type " + detail::quoted(t));
  for (const auto& pr : s.conditions.priorities)
    if (!c.has_priority(pr)) p.add(where + ".conditions.priorities", "unknown priority " + detail::quoted(pr));
  for (const auto& b : s.conditions.brands)
    if (!c.find_brand(b)) p.add(where + ".conditions.brands", "unknown brand " + detail::quoted(b));
  if (!s.calendar.empty() && !c.find_calendar(s.calendar))
    p.add(where + ".calendar", "unknown calendar " + detail::quoted(s.calendar));
  if (!(s.at_risk_share > 0 && s.at_risk_share <= 1)) p.add(where + ".at_risk_share", "must be above 0 and at most 1");
}

bool some_type_has_attribute(const config& c, std::string_view key) {
  for (const auto& t : c.ticket_types)
    if (t.find_attribute(key)) return true;
  return false;
}

bool some_lifecycle_has_state(const config& c, const std::string& key) {
  for (const auto& l : c.lifecycles)
    if (l.find(key)) return true;
  return false;
}

// A condition names a ticket field and compares it with a value it can hold.
void check_condition(const config& c, const rule_condition& k, const std::string& where, problems& p) {
  static const std::set<std::string> fields = {"type",  "category", "state", "state_category", "priority",
                                               "assignee", "team",   "brand", "channel",        "contact",
                                               "company",  "title",  "tags"};
  const bool attribute = k.field.starts_with("attributes.");
  if (attribute ? !some_type_has_attribute(c, k.field.substr(11)) : !fields.count(k.field))
    p.add(where + ".field", detail::quoted(k.field) + " is not a ticket field or a configured attribute");
  if (auto at = detail::find_non_finite(k.value, where + ".value")) p.add(*at, "must be a finite number (U3)");
  switch (k.op) {
    case rule_op::is_set:
    case rule_op::is_not_set:
      return;
    case rule_op::in:
    case rule_op::not_in:
      if (!k.value.is_array()) p.add(where + ".value", "'in' and 'not_in' take an array of values");
      return;
    case rule_op::greater:
    case rule_op::greater_or_equal:
    case rule_op::less:
    case rule_op::less_or_equal:
      if (k.field == "priority" ? !(k.value.is_string() && c.has_priority(k.value.get_string())) : !k.value.is_number())
        p.add(where + ".value", k.field == "priority" ? "must be one of the priorities" : "must be a number");
      return;
    default:
      if (k.value.is_null() || k.value.is_array() || k.value.is_object())
        p.add(where + ".value", "must be a single value");
  }
}

void check_action(const config& c, const rule_action& a, const std::string& where, problems& p) {
  auto need = [&](bool ok, const char* field, const std::string& what) {
    if (!ok) p.add(where + "." + field, what);
  };
  switch (a.kind) {
    case rule_action_kind::assign:
      need(!a.teammate.empty() || !a.team.empty(), "teammate", "assign needs a teammate or a team");
      need(a.teammate.empty() || c.find_teammate(a.teammate), "teammate", "unknown teammate " + detail::quoted(a.teammate));
      need(a.team.empty() || c.find_team(a.team), "team", "unknown team " + detail::quoted(a.team));
      need(a.strategy == assignment::direct || !a.team.empty(), "strategy", "a strategy chooses within a team");
      break;
    case rule_action_kind::set_priority:
      need(c.has_priority(a.priority), "priority", "unknown priority " + detail::quoted(a.priority));
      break;
    case rule_action_kind::add_tags:
    case rule_action_kind::remove_tags:
      need(!a.tags.empty(), "tags", "list at least one tag");
      break;
    case rule_action_kind::set_state:
      need(some_lifecycle_has_state(c, a.state), "state", "no lifecycle has a state " + detail::quoted(a.state));
      break;
    case rule_action_kind::set_attribute:
      need(some_type_has_attribute(c, a.key), "key", "no ticket type has an attribute " + detail::quoted(a.key));
      if (auto at = detail::find_non_finite(a.value, where + ".value")) p.add(*at, "must be a finite number (U3)");
      break;
    case rule_action_kind::link_tracker: {
      const ticket_type* t = c.find_type(a.type);
      need(!a.title.empty(), "title", "the tracker's title is needed");
      need(t && t->category == category::tracker, "type", detail::quoted(a.type) + " is not a tracker type");
      break;
    }
    case rule_action_kind::add_note:
      need(!a.text.empty(), "text", "a note needs text");
      break;
    case rule_action_kind::notify:
      need(a.teammate.empty() || c.find_teammate(a.teammate), "teammate", "unknown teammate " + detail::quoted(a.teammate));
      need(!a.text.empty(), "text", "a notice needs text");
      break;
    case rule_action_kind::send_form: {
      const ticket_type* t = c.find_type(a.type);
      need(t && t->category == category::customer && !t->archived, "type",
           detail::quoted(a.type) + " is not a customer ticket type that takes new tickets");
      break;
    }
  }
}

void check_rule(const config& c, const rule& r, const std::string& where, problems& p) {
  if (r.actions.empty()) p.add(where + ".actions", "a rule needs at least one action");
  // Conversation rules see a conversation's fields and act on it; ticket
  // rules never send forms (a ticket has its conversation already).
  const bool on_conversation = r.trigger == rule_trigger::conversation_created;
  const bool idle = r.trigger == rule_trigger::idle;
  if (idle && r.idle_after.count() <= 0)
    p.add(where + ".hours_since_update", "an idle rule says after how many hours without an update it runs");
  if (!idle && r.idle_after.count() > 0)
    p.add(where + ".hours_since_update", "only an idle rule waits for hours_since_update");
  auto check_field = [&](const rule_condition& k, const std::string& at) {
    static const std::set<std::string> conversation_fields = {"channel", "brand", "contact", "title"};
    if (on_conversation && !conversation_fields.count(k.field))
      p.add(at + ".field", "a conversation rule tests channel, brand, contact or title, not " + detail::quoted(k.field));
  };
  for (std::size_t i = 0; i < r.all.size(); ++i) check_field(r.all[i], where + ".conditions.all[" + std::to_string(i) + "]");
  for (std::size_t i = 0; i < r.any.size(); ++i) check_field(r.any[i], where + ".conditions.any[" + std::to_string(i) + "]");
  for (std::size_t i = 0; i < r.actions.size(); ++i) {
    const bool conversation_action =
        r.actions[i].kind == rule_action_kind::send_form || r.actions[i].kind == rule_action_kind::add_note;
    const bool form = r.actions[i].kind == rule_action_kind::send_form;
    if ((on_conversation && !conversation_action) || (!on_conversation && form))
      p.add(where + ".actions[" + std::to_string(i) + "].action",
            on_conversation ? "a conversation rule may send_form or add_note" : "send_form needs the conversation_created trigger");
  }
  for (std::size_t i = 0; i < r.all.size(); ++i)
    check_condition(c, r.all[i], where + ".conditions.all[" + std::to_string(i) + "]", p);
  for (std::size_t i = 0; i < r.any.size(); ++i)
    check_condition(c, r.any[i], where + ".conditions.any[" + std::to_string(i) + "]", p);
  for (std::size_t i = 0; i < r.actions.size(); ++i)
    check_action(c, r.actions[i], where + ".actions[" + std::to_string(i) + "]", p);
}

}  // namespace

void validate_config(config& c) {
  for (auto make : {default_customer_lifecycle, default_back_office_lifecycle, default_tracker_lifecycle}) {
    lifecycle l = make();
    if (!c.find_lifecycle(l.id)) c.lifecycles.push_back(std::move(l));
  }
  problems p;
  if (c.priorities.empty()) p.add("priorities", "at least one priority is needed");
  std::set<std::string> priorities;
  for (const auto& pr : c.priorities)
    if (pr.empty() || !priorities.insert(pr).second) p.add("priorities", "empty or duplicate priority " + detail::quoted(pr));
  if (!c.has_priority(c.default_priority))
    p.add("default_priority", detail::quoted(c.default_priority) + " is not one of the priorities");

  check_ids(c.lifecycles, "lifecycles", p);
  check_ids(c.ticket_types, "ticket_types", p);
  check_ids(c.brands, "brands", p);
  check_ids(c.teams, "teams", p);
  check_ids(c.teammates, "teammates", p);
  check_ids(c.companies, "companies", p);
  check_ids(c.contacts, "contacts", p);
  check_ids(c.sla_policies, "sla_policies", p);
  check_ids(c.rules, "rules", p);
  check_ids(c.calendars, "calendars", p);
  std::map<std::string, business_hours, std::less<>> hours;
  for (std::size_t i = 0; i < c.calendars.size(); ++i) {
    try {
      hours.emplace(c.calendars[i].id, business_hours(c.calendars[i]));
    } catch (const error& e) {
      std::string where = "calendars[" + std::to_string(i) + "]";
      for (const auto& f : e.fields()) p.add(where + "." + f, e.what());
    }
  }

  for (std::size_t i = 0; i < c.lifecycles.size(); ++i)
    check_lifecycle(c.lifecycles[i], "lifecycles[" + std::to_string(i) + "]", p);
  for (std::size_t i = 0; i < c.ticket_types.size(); ++i)
    check_type(c, c.ticket_types[i], "ticket_types[" + std::to_string(i) + "]", p);
  check_directory_attributes(c.contact_attributes, "contact_attributes", p);
  check_directory_attributes(c.company_attributes, "company_attributes", p);
  for (std::size_t i = 0; i < c.contacts.size(); ++i)
    if (!c.contacts[i].company.empty() && !c.find_company(c.contacts[i].company))
      p.add("contacts[" + std::to_string(i) + "].company", "unknown company " + detail::quoted(c.contacts[i].company));
  for (std::size_t i = 0; i < c.teammates.size(); ++i)
    for (const auto& team : c.teammates[i].teams)
      if (!c.find_team(team)) p.add("teammates[" + std::to_string(i) + "].teams", "unknown team " + detail::quoted(team));
  for (std::size_t i = 0; i < c.sla_policies.size(); ++i)
    check_sla_policy(c, c.sla_policies[i], "sla_policies[" + std::to_string(i) + "]", p);
  for (std::size_t i = 0; i < c.rules.size(); ++i) check_rule(c, c.rules[i], "rules[" + std::to_string(i) + "]", p);
  p.raise_if_any("invalid configuration", true);

  c.business_hours_ = std::move(hours);
  c.contact_index_.clear();
  c.teammate_index_.clear();
  for (std::size_t i = 0; i < c.contacts.size(); ++i) c.contact_index_.emplace(c.contacts[i].id, i);
  for (std::size_t i = 0; i < c.teammates.size(); ++i) c.teammate_index_.emplace(c.teammates[i].id, i);
}

}  // namespace ticketcore
