// In-process events, fired after a unit of work commits (Boost.Signals2).
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/actor.hpp>
#include <ticketcore/ids.hpp>

#include <boost/describe/enum.hpp>
#include <boost/json/object.hpp>

#include <cstdint>

namespace ticketcore {

enum class event_kind {
  conversation_created,
  ticket_created,
  ticket_updated,   // any field other than state
  state_changed,
  part_added,       // reply, note, event or admin message
  link_added,
  link_removed,
  sla_at_risk,      // S1: detail {"target", "cycle", "due_at"}
  sla_breached,     // S1: detail {"target", "cycle", "due_at"}
  due_date_reached, // S2: detail {"field": "follow_up_at" | "action_required_at", "at"}
  automation_failed,  // A1: a rule's action was skipped; detail {"rule", "action", "message"}
  automation_limit,   // A1: the chain bound was reached; detail {"rule", "depth", "runs"}
  directory_created,  // a contact, company, teammate or team stored; detail {"kind", "id", "version"}
  directory_updated,  // one changed; detail {"kind", "id", "version"}
};
BOOST_DESCRIBE_ENUM(event_kind, conversation_created, ticket_created, ticket_updated, state_changed, part_added, link_added,
                    link_removed, sla_at_risk, sla_breached, due_date_reached, automation_failed, automation_limit,
                    directory_created, directory_updated)

TICKETCORE_API const char* to_string(event_kind k) noexcept;

// Observers receive these only for committed changes, never for rolled-back
// ones, in the order the changes were made. `detail` holds the specifics
// (field, old and new values, part kind, link kind). Teammate-level data:
// hosts must not forward events to contacts unfiltered.
struct TICKETCORE_API event {
  event_kind kind = event_kind::ticket_updated;
  uuid subject{};             // the ticket or conversation; directory_subject() for the directory
  std::int64_t number = 0;    // its human number
  ticketcore::actor actor;
  boost::json::object detail;
};

}  // namespace ticketcore
