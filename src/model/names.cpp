// The snake_case names of every enum, as JSON and the C ABI spell them.
#include <ticketcore/actor.hpp>
#include <ticketcore/attributes.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/events.hpp>
#include <ticketcore/lifecycle.hpp>
#include <ticketcore/notification.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/version.hpp>

#include <array>
#include <cstddef>

namespace ticketcore {
namespace {

template <class Enum, std::size_t N>
const char* name_of(const std::array<const char*, N>& names, Enum e) noexcept {
  auto i = static_cast<std::size_t>(e);
  return i < N ? names[i] : "unknown";
}

template <class Enum, std::size_t N>
std::optional<Enum> parse_name(const std::array<const char*, N>& names, std::string_view text) noexcept {
  for (std::size_t i = 0; i < N; ++i)
    if (text == names[i]) return static_cast<Enum>(i);
  return std::nullopt;
}

constexpr std::array<const char*, 4> actor_kinds{"teammate", "contact", "automation", "system"};
constexpr std::array<const char*, 5> state_categories{"submitted", "in_progress", "waiting_on_customer",
                                                      "on_hold", "resolved"};
constexpr std::array<const char*, 11> attribute_types{"text",     "rich_text", "integer", "decimal",
                                                      "boolean",  "date",      "datetime", "list",
                                                      "multi_list", "contact", "teammate"};
constexpr std::array<const char*, 3> categories{"customer", "back_office", "tracker"};
constexpr std::array<const char*, 6> channels{"email", "chat", "web_form", "phone", "api", "messenger"};
constexpr std::array<const char*, 2> sharings{"private", "company"};
constexpr std::array<const char*, 6> part_kinds{"customer_message", "reply", "note", "event", "admin_message", "form"};
constexpr std::array<const char*, 3> endpoint_kinds{"conversation", "ticket", "external"};
constexpr std::array<const char*, 6> link_kinds{"customer_ticket", "tracker", "back_office", "related",
                                                "external",        "merged_into"};
constexpr std::array<const char*, 2> notify_channels{"email", "messenger"};
constexpr std::array<const char*, 10> notification_kinds{
    "ticket_created", "status_changed",      "ticket_resolved",     "reply",      "sla_at_risk",
    "sla_breached",   "follow_up_due",       "action_required_due", "rule_notice", "ticket_merged"};
constexpr std::array<const char*, 2> audiences{"contact", "teammate"};
constexpr std::array<const char*, 3> sla_targets{"first_response", "next_response", "resolution"};
constexpr std::array<const char*, 5> sla_statuses{"none", "on_track", "at_risk", "breached", "met"};
constexpr std::array<const char*, 4> ticket_orders{"created", "updated", "priority", "sla_due"};
constexpr std::array<const char*, 3> delivery_states{"pending", "delivered", "failed"};
constexpr std::array<const char*, 12> event_kinds{
    "conversation_created", "ticket_created",   "ticket_updated",    "state_changed",
    "part_added",           "link_added",       "link_removed",      "sla_at_risk",
    "sla_breached",         "due_date_reached", "automation_failed", "automation_limit"};
constexpr std::array<const char*, 10> rule_triggers{"ticket_created",   "state_changed",    "reply",
                                                    "customer_message", "note",             "sla_at_risk",
                                                    "sla_breached",     "due_date_reached", "conversation_created",
                                                    "idle"};
constexpr std::array<const char*, 12> rule_ops{"is",      "is_not",           "in",   "not_in",
                                               "contains", "not_contains",    "greater", "greater_or_equal",
                                               "less",    "less_or_equal",    "is_set", "is_not_set"};
constexpr std::array<const char*, 10> rule_action_kinds{"assign",       "set_priority", "add_tags",
                                                        "remove_tags",  "set_state",    "set_attribute",
                                                        "link_tracker", "add_note",     "notify",
                                                        "send_form"};

}  // namespace

const char* to_string(actor_kind k) noexcept { return name_of(actor_kinds, k); }
std::optional<actor_kind> parse_actor_kind(std::string_view t) noexcept { return parse_name<actor_kind>(actor_kinds, t); }
const char* to_string(state_category c) noexcept { return name_of(state_categories, c); }
std::optional<state_category> parse_state_category(std::string_view t) noexcept {
  return parse_name<state_category>(state_categories, t);
}
const char* to_string(attribute_type t) noexcept { return name_of(attribute_types, t); }
std::optional<attribute_type> parse_attribute_type(std::string_view t) noexcept {
  return parse_name<attribute_type>(attribute_types, t);
}
const char* to_string(category c) noexcept { return name_of(categories, c); }
std::optional<category> parse_category(std::string_view t) noexcept { return parse_name<category>(categories, t); }
const char* to_string(channel c) noexcept { return name_of(channels, c); }
std::optional<channel> parse_channel(std::string_view t) noexcept { return parse_name<channel>(channels, t); }
const char* to_string(sharing s) noexcept { return name_of(sharings, s); }
std::optional<sharing> parse_sharing(std::string_view t) noexcept { return parse_name<sharing>(sharings, t); }
const char* to_string(part_kind k) noexcept { return name_of(part_kinds, k); }
std::optional<part_kind> parse_part_kind(std::string_view t) noexcept { return parse_name<part_kind>(part_kinds, t); }
const char* to_string(endpoint_kind k) noexcept { return name_of(endpoint_kinds, k); }
std::optional<endpoint_kind> parse_endpoint_kind(std::string_view t) noexcept {
  return parse_name<endpoint_kind>(endpoint_kinds, t);
}
const char* to_string(link_kind k) noexcept { return name_of(link_kinds, k); }
std::optional<link_kind> parse_link_kind(std::string_view t) noexcept { return parse_name<link_kind>(link_kinds, t); }
const char* to_string(rule_trigger t) noexcept { return name_of(rule_triggers, t); }
std::optional<rule_trigger> parse_rule_trigger(std::string_view t) noexcept {
  return parse_name<rule_trigger>(rule_triggers, t);
}
const char* to_string(rule_op o) noexcept { return name_of(rule_ops, o); }
std::optional<rule_op> parse_rule_op(std::string_view t) noexcept { return parse_name<rule_op>(rule_ops, t); }
const char* to_string(rule_action_kind k) noexcept { return name_of(rule_action_kinds, k); }
std::optional<rule_action_kind> parse_rule_action_kind(std::string_view t) noexcept {
  return parse_name<rule_action_kind>(rule_action_kinds, t);
}
const char* to_string(audience a) noexcept { return name_of(audiences, a); }
std::optional<audience> parse_audience(std::string_view t) noexcept { return parse_name<audience>(audiences, t); }
const char* to_string(sla_target t) noexcept { return name_of(sla_targets, t); }
std::optional<sla_target> parse_sla_target(std::string_view t) noexcept { return parse_name<sla_target>(sla_targets, t); }
const char* to_string(sla_status s) noexcept { return name_of(sla_statuses, s); }
std::optional<sla_status> parse_sla_status(std::string_view t) noexcept { return parse_name<sla_status>(sla_statuses, t); }
const char* to_string(ticket_order o) noexcept { return name_of(ticket_orders, o); }
std::optional<ticket_order> parse_ticket_order(std::string_view t) noexcept { return parse_name<ticket_order>(ticket_orders, t); }
const char* to_string(notify_channel c) noexcept { return name_of(notify_channels, c); }
std::optional<notify_channel> parse_notify_channel(std::string_view t) noexcept {
  return parse_name<notify_channel>(notify_channels, t);
}
const char* to_string(notification_kind k) noexcept { return name_of(notification_kinds, k); }
std::optional<notification_kind> parse_notification_kind(std::string_view t) noexcept {
  return parse_name<notification_kind>(notification_kinds, t);
}
audience audience_of(notification_kind k) noexcept {
  switch (k) {
    case notification_kind::ticket_created:
    case notification_kind::status_changed:
    case notification_kind::ticket_resolved:
    case notification_kind::reply:
    case notification_kind::ticket_merged:
      return audience::contact;
    case notification_kind::sla_at_risk:
    case notification_kind::sla_breached:
    case notification_kind::follow_up_due:
    case notification_kind::action_required_due:
    case notification_kind::rule_notice:
      return audience::teammate;
  }
  return audience::contact;  // unreachable: every kind is listed (-Wswitch)
}
const char* to_string(delivery_state s) noexcept { return name_of(delivery_states, s); }
std::optional<delivery_state> parse_delivery_state(std::string_view t) noexcept {
  return parse_name<delivery_state>(delivery_states, t);
}
const char* to_string(event_kind k) noexcept { return name_of(event_kinds, k); }

const char* version() noexcept { return "0.1.0"; }

}  // namespace ticketcore
