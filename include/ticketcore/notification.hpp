// Notifications: messages owed to contacts, kept in a durable outbox (N1-N5).
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/ids.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ticketcore {

enum class notify_channel { email, messenger };
BOOST_DESCRIBE_ENUM(notify_channel, email, messenger)

TICKETCORE_API const char* to_string(notify_channel c) noexcept;
TICKETCORE_API std::optional<notify_channel> parse_notify_channel(std::string_view text) noexcept;

// Why a contact is told something.
enum class notification_kind {
  ticket_created,   // N1
  status_changed,   // N2, P5
  ticket_resolved,  // N2: the confirmation
  reply,            // N3
  // To teammates (S1, S2, A1): the assignee, or each member of the ticket's team.
  sla_at_risk,
  sla_breached,
  follow_up_due,
  action_required_due,
  rule_notice,      // an automation rule's "notify" action
  // To contacts again (appended: stores keep the number).
  ticket_merged,    // M1: the contact's ticket was merged into another
};
BOOST_DESCRIBE_ENUM(notification_kind, ticket_created, status_changed, ticket_resolved, reply, sla_at_risk, sla_breached,
                    follow_up_due, action_required_due, rule_notice, ticket_merged)

TICKETCORE_API const char* to_string(notification_kind k) noexcept;
TICKETCORE_API std::optional<notification_kind> parse_notification_kind(std::string_view text) noexcept;

enum class delivery_state { pending, delivered, failed };
BOOST_DESCRIBE_ENUM(delivery_state, pending, delivered, failed)

TICKETCORE_API const char* to_string(delivery_state s) noexcept;
TICKETCORE_API std::optional<delivery_state> parse_delivery_state(std::string_view text) noexcept;

// Who an entry is for: the namespace of its recipient's id. Contacts and
// teammates are separate namespaces (a contact and a teammate may share an
// id), so a recipient is always the pair (audience, recipient). Contact
// entries carry only what the contact sees anyway; teammate entries may
// carry internal detail.
enum class audience { contact, teammate };
BOOST_DESCRIBE_ENUM(audience, contact, teammate)
TICKETCORE_API const char* to_string(audience a) noexcept;
TICKETCORE_API std::optional<audience> parse_audience(std::string_view text) noexcept;

// The audience every entry of kind `k` has: contacts are told of their
// tickets (N1-N3, M1), teammates of service levels, due dates and rules.
// Entries stored without an audience get this one when read.
TICKETCORE_API audience audience_of(notification_kind k) noexcept;

// One outbox entry. Written in the unit of work of the change that owes it.
// A contact entry's `payload` holds only what the contact sees anyway
// (number, title, stage, a reply's text): it never holds internal text.

struct TICKETCORE_API notification {
  uuid id{};
  ticketcore::audience audience = audience::contact;
  std::string recipient;  // a contact id, or a teammate id: its namespace is `audience`
  notify_channel channel = notify_channel::email;
  notification_kind kind = notification_kind::ticket_created;
  uuid ticket{};                 // the ticket, or the conversation of a conversation reply
  std::int64_t ticket_number = 0;  // its number
  boost::json::object payload;
  std::string idempotency_key;  // stable across retries; hosts dedupe on it
  delivery_state state = delivery_state::pending;
  int attempts = 0;
  time_point created_at{};
  time_point next_attempt_at{};
  std::optional<time_point> delivered_at;
  std::string last_error;
};
BOOST_DESCRIBE_STRUCT(notification, (), (id, audience, recipient, channel, kind, ticket, ticket_number, payload,
                                         idempotency_key, state, attempts, created_at, next_attempt_at,
                                         delivered_at, last_error))

// The outcome a notifier reports for one delivery attempt.
struct TICKETCORE_API delivery_result {
  enum class outcome { delivered, retry, failed } status = outcome::delivered;
  std::string message;  // why it did not go through

  static delivery_result ok() { return {}; }
  static delivery_result retry(std::string why) { return {outcome::retry, std::move(why)}; }
  static delivery_result fail(std::string why) { return {outcome::failed, std::move(why)}; }
};

// Implemented by the host: sends one notification by email, push, etc.
// Called outside any storage transaction, from the thread that calls
// desk::dispatch_notifications(). An exception counts as a retryable failure.
class TICKETCORE_API notifier {
 public:
  notifier() = default;
  notifier(const notifier&) = delete;
  notifier& operator=(const notifier&) = delete;
  virtual ~notifier() = default;

  virtual delivery_result deliver(const notification& n) = 0;
};

// Retry policy of dispatch: exponential backoff from `initial_backoff`,
// doubling up to `max_backoff`; after `max_attempts` the entry is failed.
struct TICKETCORE_API dispatch_options {
  std::size_t batch = 100;                         // entries per dispatch call
  duration initial_backoff = std::chrono::seconds(30);
  duration max_backoff = std::chrono::hours(1);
  int max_attempts = 10;
};

// One page of the outbox (N5): its entries, oldest first, and the cursor
// of the next page, empty after the last.
struct TICKETCORE_API outbox_page {
  std::vector<notification> notifications;
  std::string next_cursor;
};

struct TICKETCORE_API dispatch_result {
  std::size_t delivered = 0;
  std::size_t retried = 0;
  std::size_t failed = 0;
};

}  // namespace ticketcore
