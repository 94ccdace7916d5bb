// Automation rules (A1): on a trigger, when conditions hold, run actions.
// Rules are data in the configuration ("rules", docs/automation.md); they
// run inside the unit of work of the change that triggered them, and what
// they change is recorded in history under actor::automation(rule id).
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/clock.hpp>

#include <boost/describe/enum.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore {

enum class rule_trigger {
  ticket_created,
  state_changed,
  reply,             // a teammate replied on the ticket
  customer_message,  // the contact wrote on the ticket
  note,              // an internal note landed on the ticket
  sla_at_risk,
  sla_breached,
  due_date_reached,
  conversation_created,  // acts on the conversation: conditions on channel, brand, contact, title (its subject);
                         // actions send_form and add_note
  idle,                  // rule.idle_after has passed since the ticket's last update (raised by desk::tick)
};
BOOST_DESCRIBE_ENUM(rule_trigger, ticket_created, state_changed, reply, customer_message, note, sla_at_risk, sla_breached,
                    due_date_reached, conversation_created, idle)
TICKETCORE_API const char* to_string(rule_trigger t) noexcept;
TICKETCORE_API std::optional<rule_trigger> parse_rule_trigger(std::string_view text) noexcept;

// How a condition compares a ticket's field with its value. "priority"
// compares by the configured order of priorities (low < urgent); numbers
// by value; "contains" is substring for text and membership for tags.
enum class rule_op { is, is_not, in, not_in, contains, not_contains, greater, greater_or_equal, less,
                     less_or_equal, is_set, is_not_set };
BOOST_DESCRIBE_ENUM(rule_op, is, is_not, in, not_in, contains, not_contains, greater, greater_or_equal, less,
                    less_or_equal, is_set, is_not_set)
TICKETCORE_API const char* to_string(rule_op o) noexcept;
TICKETCORE_API std::optional<rule_op> parse_rule_op(std::string_view text) noexcept;

// A test on one field of the ticket: type, category, state, state_category,
// priority, assignee, team, brand, channel, contact, company, title, tags,
// or attributes.<key>.
struct TICKETCORE_API rule_condition {
  std::string field;
  rule_op op = rule_op::is;
  boost::json::value value;
};

enum class rule_action_kind {
  assign,         // teammate, or team with strategy
  set_priority,   // priority
  add_tags,       // tags
  remove_tags,    // tags
  set_state,      // state (skipped with an automation_failed event where the lifecycle forbids it)
  set_attribute,  // key, value
  link_tracker,   // title, type: find the tracker by title or create it (C7)
  add_note,       // text
  notify,         // teammate (empty: the assignee, else the ticket's team), text
  send_form,      // type: a ticket form in the conversation (C5)
};
BOOST_DESCRIBE_ENUM(rule_action_kind, assign, set_priority, add_tags, remove_tags, set_state, set_attribute, link_tracker,
                    add_note, notify, send_form)
TICKETCORE_API const char* to_string(rule_action_kind k) noexcept;
TICKETCORE_API std::optional<rule_action_kind> parse_rule_action_kind(std::string_view text) noexcept;

// Within a team: round-robin takes members in turn; least-loaded takes the
// member with the fewest open tickets (ties in directory order).
enum class assignment { direct, round_robin, least_loaded };

struct TICKETCORE_API rule_action {
  rule_action_kind kind = rule_action_kind::add_note;
  std::string teammate;
  std::string team;
  ticketcore::assignment strategy = assignment::direct;
  std::string priority;
  std::vector<std::string> tags;
  std::string state;
  std::string key;
  boost::json::value value;
  std::string title;
  std::string type;
  std::string text;
};

struct TICKETCORE_API rule {
  std::string id;
  std::string name;
  bool enabled = true;
  rule_trigger trigger = rule_trigger::ticket_created;
  // For the idle trigger ("hours_since_update"): runs once per quiet period,
  // measured from the ticket's updated_at. A change the rule makes is an
  // update, so it starts a new quiet period.
  std::chrono::minutes idle_after{0};
  std::vector<rule_condition> all;  // every one must hold
  std::vector<rule_condition> any;  // and, if any are listed, at least one
  std::vector<rule_action> actions;
};

// The bound on chains (A1): a change made by a rule may trigger rules in
// turn, at most max_rule_depth deep and max_rule_runs times per unit of
// work. Past it no further rule runs; an automation_limit event says so.
inline constexpr int max_rule_depth = 8;
inline constexpr int max_rule_runs = 256;

}  // namespace ticketcore
