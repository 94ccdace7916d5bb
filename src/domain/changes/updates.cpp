// Field and attribute changes (T2, T3, T5), one history entry per field (H1).
#include "config/attribute_values.hpp"
#include "model/json_numbers.hpp"
#include "model/text.hpp"
#include "model/time_range.hpp"
#include "domain/links/merged.hpp"
#include "domain/sla/service_levels.hpp"
#include "domain/changes/ticket_changes.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <functional>

namespace ticketcore {

using detail::unit_of_work;

namespace {

boost::json::value time_or_null(const std::optional<time_point>& t) {
  return t ? boost::json::value(format_time(*t)) : boost::json::value(nullptr);
}

boost::json::value tags_json(const std::set<std::string>& tags) {
  boost::json::array a;
  for (const auto& t : tags) a.emplace_back(t);
  return a;
}

}  // namespace

namespace detail {

bool apply_ticket_changes(unit_of_work& uow, stored_ticket& t, const ticket_changes& ch) {
  const actor& who = uow.who;
  const config& c = uow.cfg;
  std::vector<std::string> bad;
  std::string message;
  auto problem = [&](const std::string& field, const std::string& what) {
    bad.push_back(field);
    message += (message.empty() ? "" : "; ") + field + ": " + what;
  };
  struct change {
    std::string field;
    boost::json::value old_value, new_value;
  };
  std::vector<change> changes;
  auto set_text = [&](const char* field, const std::optional<std::string>& value, std::string& slot,
                      const std::function<bool(const std::string&)>& known) {
    if (!value || *value == slot) return;
    if (known && !value->empty() && !known(*value)) return problem(field, "unknown value " + detail::quoted(*value));
    changes.push_back({field, boost::json::string(slot), boost::json::string(*value)});
    slot = *value;
  };
  if (ch.title && ch.title->empty()) problem("title", "must not be empty");
  else set_text("title", ch.title, t.title, nullptr);
  set_text("description", ch.description, t.description, nullptr);
  if (ch.priority && !c.has_priority(*ch.priority)) problem("priority", "unknown priority " + detail::quoted(*ch.priority));
  else set_text("priority", ch.priority, t.priority, nullptr);
  auto teammate = [&](const std::string& id) { return uow.directory.find_teammate(id) != nullptr; };
  set_text("assignee", ch.assignee, t.assignee, teammate);
  set_text("owner", ch.owner, t.owner, teammate);
  set_text("team", ch.team, t.team, [&](const std::string& id) { return uow.directory.find_team(id) != nullptr; });
  set_text("brand", ch.brand, t.brand, [&](const std::string& id) { return c.find_brand(id) != nullptr; });  // T5
  if (ch.sharing && *ch.sharing != t.sharing) {
    if (*ch.sharing == sharing::company && t.company.empty()) problem("sharing", "company sharing needs a company");
    changes.push_back({"sharing", to_string(t.sharing), to_string(*ch.sharing)});
    t.sharing = *ch.sharing;
  }
  std::set<std::string> tags = t.tags;
  for (const auto& tag : ch.add_tags) {
    if (tag.empty()) problem("tags", "tags must not be empty");
    tags.insert(tag);
  }
  for (const auto& tag : ch.remove_tags) tags.erase(tag);
  if (tags != t.tags) {
    changes.push_back({"tags", tags_json(t.tags), tags_json(tags)});
    t.tags = std::move(tags);
  }
  auto set_time = [&](const char* field, const std::optional<std::optional<time_point>>& value,
                      std::optional<time_point>& slot) {
    if (!value || *value == slot) return;
    if (*value && !in_time_range(**value)) return problem(field, "is outside the years 0000 to 9999 (U3)");
    changes.push_back({field, time_or_null(slot), time_or_null(*value)});
    slot = *value;
  };
  set_time("follow_up_at", ch.follow_up_at, t.follow_up_at);
  set_time("action_required_at", ch.action_required_at, t.action_required_at);
  if (!ch.attributes.empty()) {
    const ticket_type* type = c.find_type(t.type);
    boost::json::object merged = t.attributes;
    try {
      apply_attributes(c, uow.directory, *type, ch.attributes, merged, who, false);
      for (const auto& kv : ch.attributes) {
        const boost::json::value* before = t.attributes.if_contains(kv.key());
        const boost::json::value* after = merged.if_contains(kv.key());
        boost::json::value old_value = before ? *before : nullptr, new_value = after ? *after : nullptr;
        if (!identical(old_value, new_value))
          changes.push_back({"attributes." + std::string(kv.key()), std::move(old_value), std::move(new_value)});
      }
      t.attributes = std::move(merged);
    } catch (const error& e) {
      for (const auto& f : e.fields()) problem("attributes." + f, "invalid");
      message += std::string("; ") + e.what();
    }
  }
  if (!bad.empty())
    throw error(errc::validation_failed, "cannot update ticket " + ticket_name(t) + ": " + message, bad);
  if (changes.empty()) return false;
  for (const auto& c2 : changes) {
    if (c2.field == "follow_up_at") t.follow_up_raised = false;  // S2: a moved date is raised again when it comes
    if (c2.field == "action_required_at") t.action_required_raised = false;
  }
  if (std::any_of(changes.begin(), changes.end(),
                  [](const change& c2) { return c2.field == "priority" || c2.field == "brand" || c2.field == "tags"; }))
    rematch_service_level(uow, t);  // S1: the first matching policy applies
  uow.save(t);
  boost::json::array fields;
  for (auto& c2 : changes) {
    fields.emplace_back(c2.field);
    uow.record(t.id, c2.field, std::move(c2.old_value), std::move(c2.new_value));
  }
  uow.emit(event_kind::ticket_updated, t.id, t.number, {{"fields", std::move(fields)}});
  return true;
}

ticket update_ticket(unit_of_work& uow, const ticket_ref& ref, const ticket_changes& ch,
                     std::optional<std::uint64_t> expected_version) {
  stored_ticket t = uow.load_ticket(ref, expected_version);
  require_not_merged(uow, t, "be edited");
  apply_ticket_changes(uow, t, ch);
  return t;
}

}  // namespace detail

}  // namespace ticketcore
