// Service levels (S1): policies with response and resolution targets, and
// the clocks they run on tickets. A policy counts calendar time, or business
// time on one of the desk's calendars (<ticketcore/calendar.hpp>).
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/lifecycle.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore {

enum class category;
enum class channel;

// What a target measures:
//   first_response  creation -> the first teammate reply
//   next_response   a contact message -> the teammate reply that answers it
//   resolution      creation (or a reopen) -> the ticket is resolved
// Resolving a ticket meets every target still running.
enum class sla_target { first_response, next_response, resolution };
BOOST_DESCRIBE_ENUM(sla_target, first_response, next_response, resolution)
TICKETCORE_API const char* to_string(sla_target t) noexcept;
TICKETCORE_API std::optional<sla_target> parse_sla_target(std::string_view text) noexcept;

// Which tickets a policy covers. Every condition that lists something must
// hold: the ticket's value is one of those listed (tags: it carries at least
// one of them). A policy with no conditions covers every ticket.
struct TICKETCORE_API sla_conditions {
  std::vector<std::string> types;
  std::vector<ticketcore::category> categories;
  std::vector<std::string> priorities;
  std::vector<std::string> brands;
  std::vector<ticketcore::channel> channels;
  std::vector<std::string> tags;
};

// Policies are ordered: the first whose conditions hold applies to a ticket,
// and the ticket records which (ticket::sla.policy).
struct TICKETCORE_API sla_policy {
  std::string id;
  std::string name;
  sla_conditions conditions;
  std::map<sla_target, duration> targets;  // only the targets listed are tracked
  std::string calendar;                    // business time on this calendar; empty: calendar time
  // Clocks stand still while the ticket's state is in one of these.
  std::vector<state_category> pause_in = {state_category::waiting_on_customer, state_category::on_hold};
  double at_risk_share = 0.75;  // at risk once this share of a target is used, in (0, 1]
};

// One target's clock on one ticket. A cycle is one run of the clock: the
// next-response clock starts a cycle for each contact message that waits
// for an answer, the resolution clock one for each reopen. At-risk and
// breached are raised at most once per cycle.
struct TICKETCORE_API sla_clock {
  sla_target target = sla_target::resolution;
  int cycle = 1;
  duration used{};                          // counted time before running_since
  std::optional<time_point> running_since;  // set while the clock runs
  std::optional<time_point> at_risk_at;     // while running and not yet raised
  std::optional<time_point> due_at;         // while running: when it is breached
  std::optional<time_point> met_at;         // when the response or resolution came
  bool at_risk = false;                     // raised in this cycle
  bool breached = false;                    // raised in this cycle
};
BOOST_DESCRIBE_STRUCT(sla_clock, (), (target, cycle, used, running_since, at_risk_at, due_at, met_at, at_risk, breached))

// The service level of one ticket: internal, never shown to contacts.
struct TICKETCORE_API sla_state {
  std::string policy;  // the policy that applies; empty when none does
  std::vector<sla_clock> clocks;
  const sla_clock* find(sla_target t) const noexcept;
  sla_clock* find(sla_target t) noexcept;
};
BOOST_DESCRIBE_STRUCT(sla_state, (), (policy, clocks))

// Where a ticket stands on its targets now, for queries (Q1): breached if a
// clock not yet met is breached, else at risk if one is at risk, else on
// track while any clock still waits to be met; met when all were met.
enum class sla_status { none, on_track, at_risk, breached, met };
BOOST_DESCRIBE_ENUM(sla_status, none, on_track, at_risk, breached, met)
TICKETCORE_API const char* to_string(sla_status s) noexcept;
TICKETCORE_API std::optional<sla_status> parse_sla_status(std::string_view text) noexcept;
TICKETCORE_API sla_status status_of(const sla_state& s) noexcept;
// The earliest breach time of the clocks running now (the "next SLA due"
// a queue sorts by); none while every clock is met or paused.
TICKETCORE_API std::optional<time_point> next_sla_due(const sla_state& s) noexcept;

}  // namespace ticketcore
