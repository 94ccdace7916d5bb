// The snake_case names of every enum, as JSON and the C ABI spell them: the
// identifiers of their descriptions (BOOST_DESCRIBE_ENUM beside each enum).
#include "model/enum_names.hpp"

#include <ticketcore/actor.hpp>
#include <ticketcore/attributes.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/events.hpp>
#include <ticketcore/lifecycle.hpp>
#include <ticketcore/notification.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/version.hpp>

namespace ticketcore {

using detail::enum_name;
using detail::parse_enum;

const char* to_string(actor_kind k) noexcept { return enum_name(k); }
std::optional<actor_kind> parse_actor_kind(std::string_view t) noexcept { return parse_enum<actor_kind>(t); }
const char* to_string(state_category c) noexcept { return enum_name(c); }
std::optional<state_category> parse_state_category(std::string_view t) noexcept { return parse_enum<state_category>(t); }
const char* to_string(attribute_type t) noexcept { return enum_name(t); }
std::optional<attribute_type> parse_attribute_type(std::string_view t) noexcept { return parse_enum<attribute_type>(t); }
const char* to_string(category c) noexcept { return enum_name(c); }
std::optional<category> parse_category(std::string_view t) noexcept { return parse_enum<category>(t); }
const char* to_string(channel c) noexcept { return enum_name(c); }
std::optional<channel> parse_channel(std::string_view t) noexcept { return parse_enum<channel>(t); }
const char* to_string(sharing s) noexcept { return enum_name(s); }
std::optional<sharing> parse_sharing(std::string_view t) noexcept { return parse_enum<sharing>(t); }
const char* to_string(part_kind k) noexcept { return enum_name(k); }
std::optional<part_kind> parse_part_kind(std::string_view t) noexcept { return parse_enum<part_kind>(t); }
const char* to_string(endpoint_kind k) noexcept { return enum_name(k); }
std::optional<endpoint_kind> parse_endpoint_kind(std::string_view t) noexcept { return parse_enum<endpoint_kind>(t); }
const char* to_string(link_kind k) noexcept { return enum_name(k); }
std::optional<link_kind> parse_link_kind(std::string_view t) noexcept { return parse_enum<link_kind>(t); }
const char* to_string(rule_trigger t) noexcept { return enum_name(t); }
std::optional<rule_trigger> parse_rule_trigger(std::string_view t) noexcept { return parse_enum<rule_trigger>(t); }
const char* to_string(rule_op o) noexcept { return enum_name(o); }
std::optional<rule_op> parse_rule_op(std::string_view t) noexcept { return parse_enum<rule_op>(t); }
const char* to_string(rule_action_kind k) noexcept { return enum_name(k); }
std::optional<rule_action_kind> parse_rule_action_kind(std::string_view t) noexcept {
  return parse_enum<rule_action_kind>(t);
}
const char* to_string(audience a) noexcept { return enum_name(a); }
std::optional<audience> parse_audience(std::string_view t) noexcept { return parse_enum<audience>(t); }
const char* to_string(sla_target t) noexcept { return enum_name(t); }
std::optional<sla_target> parse_sla_target(std::string_view t) noexcept { return parse_enum<sla_target>(t); }
const char* to_string(sla_status s) noexcept { return enum_name(s); }
std::optional<sla_status> parse_sla_status(std::string_view t) noexcept { return parse_enum<sla_status>(t); }
const char* to_string(ticket_order o) noexcept { return enum_name(o); }
std::optional<ticket_order> parse_ticket_order(std::string_view t) noexcept { return parse_enum<ticket_order>(t); }
const char* to_string(notify_channel c) noexcept { return enum_name(c); }
std::optional<notify_channel> parse_notify_channel(std::string_view t) noexcept { return parse_enum<notify_channel>(t); }
const char* to_string(notification_kind k) noexcept { return enum_name(k); }
std::optional<notification_kind> parse_notification_kind(std::string_view t) noexcept {
  return parse_enum<notification_kind>(t);
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
const char* to_string(delivery_state s) noexcept { return enum_name(s); }
std::optional<delivery_state> parse_delivery_state(std::string_view t) noexcept { return parse_enum<delivery_state>(t); }
const char* to_string(event_kind k) noexcept { return enum_name(k); }

const char* version() noexcept { return "0.1.0"; }

}  // namespace ticketcore
