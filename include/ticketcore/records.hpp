// The stored records: tickets, conversations, parts, links and history.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/actor.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/ids.hpp>
#include <ticketcore/sla.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ticketcore {

enum class sharing { private_, company };
BOOST_DESCRIBE_ENUM(sharing, private_, company)

TICKETCORE_API const char* to_string(sharing s) noexcept;
TICKETCORE_API std::optional<sharing> parse_sharing(std::string_view text) noexcept;

// A CSAT rating a contact gives a resolved ticket (V4).
struct TICKETCORE_API rating {
  int score = 0;  // 1-5
  std::string comment;
  time_point at{};
};
BOOST_DESCRIBE_STRUCT(rating, (), (score, comment, at))

// A unit of work (T1, T3). `version` starts at 1 and grows by one per write.
struct TICKETCORE_API ticket {
  uuid id{};
  std::int64_t number = 0;  // per desk, increasing, never reused; shown as #1042
  std::string type;
  ticketcore::category category = category::customer;
  std::string title;
  std::string description;  // Markdown
  std::string state;        // a state key of the type's lifecycle
  ticketcore::state_category state_category = state_category::submitted;  // of `state`, kept in step
  std::string priority;
  std::string contact;  // required for customer tickets
  std::string company;
  std::string brand;
  ticketcore::sharing sharing = sharing::private_;
  std::string assignee;
  std::string team;
  std::string owner;
  std::set<std::string> tags;
  ticketcore::channel channel = channel::api;
  time_point created_at{};
  time_point updated_at{};
  std::optional<time_point> follow_up_at;        // follow-up required date
  std::optional<time_point> action_required_at;  // action required date
  boost::json::object attributes;
  std::optional<ticketcore::rating> rating;
  // The service level's clocks (S1), kept by the Desk; internal: contacts
  // never see them.
  sla_state sla;
  std::uint64_t version = 0;
};
// In the order of the JSON form. What the Desk keeps besides for itself is
// in stored_ticket (storage_types.hpp), which hosts never see.
BOOST_DESCRIBE_STRUCT(ticket, (), (id, number, type, category, title, description, state, state_category, priority,
                                   contact, company, brand, sharing, assignee, team, owner, tags, channel, created_at,
                                   updated_at, follow_up_at, action_required_at, attributes, version, rating, sla))

// An inbox thread between one contact and the team (C1).
struct TICKETCORE_API conversation {
  uuid id{};
  std::int64_t number = 0;
  std::string contact;
  ticketcore::channel channel = channel::chat;
  std::string brand;
  std::string subject;
  time_point created_at{};
  time_point updated_at{};
  std::uint64_t version = 0;
};
BOOST_DESCRIBE_STRUCT(conversation, (), (id, number, contact, channel, brand, subject, created_at, updated_at, version))

// What a timeline entry is. Notes are always internal; events carry a flag.
// A form is a ticket form sent to the contact (C5); its data lists the
// fields they may fill in.
enum class part_kind { customer_message, reply, note, event, admin_message, form };
BOOST_DESCRIBE_ENUM(part_kind, customer_message, reply, note, event, admin_message, form)

TICKETCORE_API const char* to_string(part_kind k) noexcept;
TICKETCORE_API std::optional<part_kind> parse_part_kind(std::string_view text) noexcept;

// One entry in a conversation's or ticket's timeline. Immutable once written.
struct TICKETCORE_API part {
  uuid id{};
  uuid owner{};  // the conversation or ticket whose timeline holds it
  part_kind kind = part_kind::note;
  bool internal = true;  // hidden from contacts (V2)
  ticketcore::actor author;
  std::string body;
  boost::json::object data;            // structured detail of events
  std::optional<uuid> origin_ticket;   // set on cross-posted parts (P8)
  time_point created_at{};
};
// In the order of the JSON form: what is set only on some parts last.
BOOST_DESCRIBE_STRUCT(part, (), (id, owner, kind, internal, author, body, created_at, data, origin_ticket))

// What the ends of a link are.
enum class endpoint_kind { conversation, ticket, external };
BOOST_DESCRIBE_ENUM(endpoint_kind, conversation, ticket, external)

TICKETCORE_API const char* to_string(endpoint_kind k) noexcept;
TICKETCORE_API std::optional<endpoint_kind> parse_endpoint_kind(std::string_view text) noexcept;

// Link kinds (K1-K9). `from` is the conversation or ticket being served,
// `to` the ticket (or external reference) it is linked to:
//   customer_ticket  conversation -> customer ticket       (K1)
//   tracker          conversation | customer ticket -> tracker (K2, K4, K7)
//   back_office      conversation | customer ticket -> back-office ticket (K3, K5)
//   related          ticket <-> ticket, no propagation      (K8)
//   external         tracker -> external reference          (K6)
//   merged_into      merged ticket -> the ticket it merged into (M1); counts
//                    against no limit and is never moved or removed
// New kinds are appended: stores keep the number.
enum class link_kind { customer_ticket, tracker, back_office, related, external, merged_into };
BOOST_DESCRIBE_ENUM(link_kind, customer_ticket, tracker, back_office, related, external, merged_into)

TICKETCORE_API const char* to_string(link_kind k) noexcept;
TICKETCORE_API std::optional<link_kind> parse_link_kind(std::string_view text) noexcept;

// A reference outside the desk, e.g. a feedback post (K6).
struct TICKETCORE_API external_ref {
  std::string kind;
  std::string external_id;
  std::string url;
};
BOOST_DESCRIBE_STRUCT(external_ref, (), (kind, external_id, url))

struct TICKETCORE_API link {
  uuid id{};
  link_kind kind = link_kind::related;
  uuid from{};
  endpoint_kind from_kind = endpoint_kind::ticket;
  uuid to{};  // nil for external links
  endpoint_kind to_kind = endpoint_kind::ticket;
  std::optional<external_ref> external;
  ticketcore::actor created_by;
  time_point created_at{};

  // The other end as seen from `end`.
  const uuid& other(const uuid& end) const noexcept { return end == from ? to : from; }
  endpoint_kind other_kind(const uuid& end) const noexcept { return end == from ? to_kind : from_kind; }
};
// In the order of the JSON form: the ends an external link lacks or has last.
BOOST_DESCRIBE_STRUCT(link, (), (id, kind, from, from_kind, to_kind, created_by, created_at, to, external))

// An immutable record of one change (H1).
struct TICKETCORE_API history_entry {
  uuid id{};
  uuid subject{};  // the ticket or conversation changed
  ticketcore::actor actor;
  time_point at{};
  std::string field;  // "state", "priority", "attributes.severity", "link", ...
  boost::json::value old_value;
  boost::json::value new_value;
  std::optional<uuid> cause;  // the ticket whose change propagated here (P3, P5)
};
BOOST_DESCRIBE_STRUCT(history_entry, (), (id, subject, actor, at, field, old_value, new_value, cause))

}  // namespace ticketcore
