// Whole-configuration validation: every problem is collected, then reported
// at once, so a host fixes its document in one pass.
#include <ticketcore/config.hpp>
#include <ticketcore/error.hpp>

#include <set>

namespace ticketcore {
namespace {

class problems {
 public:
  void add(std::string field, const std::string& what) {
    messages_.push_back(field + ": " + what);
    fields_.push_back(std::move(field));
  }
  void raise_if_any() const {
    if (fields_.empty()) return;
    std::string text = "invalid configuration (" + std::to_string(fields_.size()) + " problem" +
                       (fields_.size() == 1 ? "" : "s") + "): ";
    for (std::size_t i = 0; i < messages_.size(); ++i) text += (i ? "; " : "") + messages_[i];
    throw error(errc::validation_failed, text, fields_);
  }

 private:
  std::vector<std::string> fields_;
  std::vector<std::string> messages_;
};

template <class T>
void check_ids(const std::vector<T>& items, const std::string& section, problems& p) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string where = section + "[" + std::to_string(i) + "].id";
    if (items[i].id.empty())
      p.add(where, "must not be empty");
    else if (!seen.insert(items[i].id).second)
      p.add(where, "duplicate id '" + items[i].id + "'");
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
    else if (!keys.insert(s.key).second) p.add(at + ".key", "duplicate state '" + s.key + "'");
    if (s.stage < 1 || s.stage > 4) p.add(at + ".stage", "must be 1 to 4, got " + std::to_string(s.stage));
  }
  for (std::size_t i = 0; i < l.transitions.size(); ++i) {
    const auto& [from, to] = l.transitions[i];
    std::string at = where + ".transitions[" + std::to_string(i) + "]";
    if (!keys.count(from)) p.add(at, "unknown state '" + from + "'");
    if (!keys.count(to)) p.add(at, "unknown state '" + to + "'");
  }
}

void check_type(const config& c, ticket_type& t, const std::string& where, problems& p) {
  const lifecycle* l = c.find_lifecycle(t.lifecycle.empty() ? to_string(t.category) : t.lifecycle);
  if (!l) p.add(where + ".lifecycle", "unknown lifecycle '" + t.lifecycle + "'");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < t.attributes.size(); ++i) {
    attribute_def& a = t.attributes[i];
    if (a.editable_by_customer) a.visible_to_customer = true;  // a contact sees what they entered
    std::string at = where + ".attributes[" + std::to_string(i) + "]";
    if (a.key.empty()) p.add(at + ".key", "must not be empty");
    else if (!keys.insert(a.key).second) p.add(at + ".key", "duplicate attribute '" + a.key + "'");
    bool listed = a.type == attribute_type::list || a.type == attribute_type::multi_list;
    if (listed && a.options.empty()) p.add(at + ".options", "a list attribute needs options");
    if (!listed && !a.options.empty()) p.add(at + ".options", "only list attributes take options");
    if (t.category != category::customer && (a.visible_to_customer || a.editable_by_customer))
      p.add(at, "only customer ticket types have customer-visible attributes (V3)");
  }
  if (!t.propagation.empty() && t.category != category::tracker)
    p.add(where + ".propagation", "only tracker types propagate state (P5)");
  for (const auto& [key, _] : t.propagation)
    if (l && !l->find(key)) p.add(where + ".propagation." + key, "not a state of lifecycle '" + l->id + "'");
}

// A policy's conditions name things the desk has; it tracks some target.
void check_sla_policy(const config& c, const sla_policy& s, const std::string& where, problems& p) {
  if (s.targets.empty()) p.add(where + ".targets", "a policy needs at least one target");
  for (const auto& t : s.conditions.types)
    if (!c.find_type(t)) p.add(where + ".conditions.types", "unknown ticket type '" + t + "'");
  for (const auto& pr : s.conditions.priorities)
    if (!c.has_priority(pr)) p.add(where + ".conditions.priorities", "unknown priority '" + pr + "'");
  for (const auto& b : s.conditions.brands)
    if (!c.find_brand(b)) p.add(where + ".conditions.brands", "unknown brand '" + b + "'");
  // CALENDAR-MERGE: check s.calendar names a calendar
  if (!(s.at_risk_share > 0 && s.at_risk_share <= 1)) p.add(where + ".at_risk_share", "must be above 0 and at most 1");
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
    if (pr.empty() || !priorities.insert(pr).second) p.add("priorities", "empty or duplicate priority '" + pr + "'");
  if (!c.has_priority(c.default_priority))
    p.add("default_priority", "'" + c.default_priority + "' is not one of the priorities");

  check_ids(c.lifecycles, "lifecycles", p);
  check_ids(c.ticket_types, "ticket_types", p);
  check_ids(c.brands, "brands", p);
  check_ids(c.teams, "teams", p);
  check_ids(c.teammates, "teammates", p);
  check_ids(c.companies, "companies", p);
  check_ids(c.contacts, "contacts", p);
  check_ids(c.sla_policies, "sla_policies", p);

  for (std::size_t i = 0; i < c.lifecycles.size(); ++i)
    check_lifecycle(c.lifecycles[i], "lifecycles[" + std::to_string(i) + "]", p);
  for (std::size_t i = 0; i < c.ticket_types.size(); ++i)
    check_type(c, c.ticket_types[i], "ticket_types[" + std::to_string(i) + "]", p);
  for (std::size_t i = 0; i < c.contacts.size(); ++i)
    if (!c.contacts[i].company.empty() && !c.find_company(c.contacts[i].company))
      p.add("contacts[" + std::to_string(i) + "].company", "unknown company '" + c.contacts[i].company + "'");
  for (std::size_t i = 0; i < c.teammates.size(); ++i)
    for (const auto& team : c.teammates[i].teams)
      if (!c.find_team(team)) p.add("teammates[" + std::to_string(i) + "].teams", "unknown team '" + team + "'");
  for (std::size_t i = 0; i < c.sla_policies.size(); ++i)
    check_sla_policy(c, c.sla_policies[i], "sla_policies[" + std::to_string(i) + "]", p);
  p.raise_if_any();

  c.contact_index_.clear();
  c.teammate_index_.clear();
  for (std::size_t i = 0; i < c.contacts.size(); ++i) c.contact_index_.emplace(c.contacts[i].id, i);
  for (std::size_t i = 0; i < c.teammates.size(); ++i) c.teammate_index_.emplace(c.teammates[i].id, i);
}

}  // namespace ticketcore
