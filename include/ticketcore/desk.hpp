// The Desk: the embedded engine every host talks to.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/actor.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/damaged.hpp>
#include <ticketcore/events.hpp>
#include <ticketcore/notification.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/report.hpp>
#include <ticketcore/storage.hpp>
#include <ticketcore/views.hpp>

#include <boost/json/object.hpp>
#include <boost/signals2/connection.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace ticketcore {

struct TICKETCORE_API desk_options {
  // Where records live. Null: a new in-memory store.
  std::shared_ptr<ticketcore::storage> storage;
  // Delivers the outbox. Null: entries wait until a notifier is given to
  // dispatch_notifications().
  std::shared_ptr<ticketcore::notifier> notifier;
  // The source of "now". Null: the system clock.
  std::shared_ptr<ticketcore::clock> clock;
  // Validated when the desk is made; error(validation_failed) if invalid.
  ticketcore::config config;
  // Retry and backoff of dispatch_notifications().
  dispatch_options dispatch;
};

// C1: a new conversation with its first message from the contact.
struct TICKETCORE_API new_conversation {
  std::string contact;
  ticketcore::channel channel = channel::chat;
  std::string brand;
  std::string subject;
  std::string message;
};

// C2-C7: a new ticket. Empty strings take defaults: priority from the
// configuration, company from the contact, state from the lifecycle.
struct TICKETCORE_API new_ticket {
  std::string type;
  std::string title;
  std::string description;  // Markdown
  std::string contact;      // customer tickets; a contact submitting is the contact
  std::string company;
  std::string brand;
  std::string priority;
  std::string assignee;
  std::string team;
  std::string owner;
  ticketcore::sharing sharing = sharing::private_;
  std::set<std::string> tags;
  ticketcore::channel channel = channel::api;
  std::optional<time_point> follow_up_at;
  std::optional<time_point> action_required_at;
  boost::json::object attributes;
};

// A partial update: only set members change. An attribute set to null is
// cleared. An empty string clears assignee, team, owner and brand.
struct TICKETCORE_API ticket_changes {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> priority;
  std::optional<std::string> assignee;
  std::optional<std::string> team;
  std::optional<std::string> owner;
  std::optional<std::string> brand;
  std::optional<ticketcore::sharing> sharing;
  std::vector<std::string> add_tags;
  std::vector<std::string> remove_tags;
  std::optional<std::optional<time_point>> follow_up_at;
  std::optional<std::optional<time_point>> action_required_at;
  boost::json::object attributes;
};

// B1. What a bulk update sets on every ticket it takes; unset members stay.
struct TICKETCORE_API bulk_change {
  std::optional<std::string> state;
  std::optional<std::string> assignee;  // "" unassigns
  std::optional<std::string> team;      // "" clears
  std::optional<std::string> priority;
  std::vector<std::string> add_tags;
  std::vector<std::string> remove_tags;
};

// A ticket import() stored: its id and human number, in the order given.
struct TICKETCORE_API imported_ticket {
  uuid id;
  std::int64_t number = 0;
};

struct TICKETCORE_API bulk_result {
  std::size_t matched = 0;  // tickets this call took
  std::size_t changed = 0;  // of them, those that changed
  std::string next_cursor;  // empty when every matching ticket was taken
};

// How a note on a back-office ticket travels (P2). Notes on customer
// tickets and trackers always cross-post to conversations (P1, P4).
enum class note_mode { add, cross_post };

// A ticket by id or by human number.
using ticket_ref = std::variant<uuid, std::int64_t>;
// A conversation by id or by human number, as tickets are.
using conversation_ref = std::variant<uuid, std::int64_t>;

// Thread-safe (X2): any number of threads may call any member at once.
// Every mutating call runs in one storage transaction with everything it
// propagates and the notifications it owes (P6, N5); on failure it throws
// ticketcore::error and nothing changed. Events fire after the commit.
// Calls taking `expected_version` fail with error(conflict) when the record
// has moved on (X1). Who may run each call is declared once, in the op table
// of <ticketcore/operations.hpp> (U1); every call asks it first, before it
// reads any argument or record, and answers forbidden for an actor kind it
// does not list. Calls without an actor are the host's own and run as the
// system.
class TICKETCORE_API desk {
 public:
  explicit desk(desk_options options = {});
  ~desk();
  desk(const desk&) = delete;
  desk& operator=(const desk&) = delete;

  // Replaces the configuration after validating it whole. Fails with
  // validation_failed, also when a type still used by tickets is removed
  // (T4), changes category (T1) or loses a state of its lifecycle.
  void configure(ticketcore::config c);
  std::shared_ptr<const ticketcore::config> configuration() const;

  // --- Creation (C1-C7) -------------------------------------------------
  // C1. A teammate, or the contact themselves, opens a conversation.
  conversation_view create_conversation(const actor& who, const new_conversation& c);
  // C2. Converts a conversation into a customer ticket linked to it; the
  // contact and brand come from the conversation. link_limit if it has one (K1).
  ticket_view convert_conversation(const actor& who, const conversation_ref& conversation, new_ticket t);
  // C3, C4, C6, C7. A standalone ticket of any category. As a contact: a
  // customer ticket for themselves with customer-editable attributes only (V4).
  ticket_view create_ticket(const actor& who, new_ticket t);
  // C6, C7. A back-office or tracker ticket created from a conversation or
  // customer ticket and linked to it.
  ticket_view create_linked_ticket(const actor& who, const uuid& from, new_ticket t);
  // C7. Links `from` to the tracker titled `title`, creating one of `type`
  // if none exists. Returns the tracker.
  ticket_view link_tracker_by_title(const actor& who, const uuid& from, const std::string& title,
                                    const std::string& type);

  // C5, V4. Sends a form for customer ticket type `type` in a conversation
  // that has no customer ticket yet. The part it posts lists only the
  // type's customer-editable attributes. Teammates and automation.
  part send_form(const actor& who, const conversation_ref& conversation, const std::string& type);
  // C5, V4. The conversation's contact fills in `form`: in one unit of
  // work the customer ticket is created with `attributes` (customer-editable
  // ones only; required-for-customer ones required) and linked to the
  // conversation (C2), and the form is marked submitted. A form is
  // submitted once; a second submission is invalid_argument. `title`
  // defaults to the conversation's subject, then the type's name.
  ticket_view submit_form(const actor& who, const conversation_ref& conversation, const uuid& form,
                          const boost::json::object& attributes, const std::string& title = {});

  // --- Changes ------------------------------------------------------------
  // L2, P3, P5, N2. Moves a ticket to another state of its lifecycle.
  ticket_view set_state(const actor& who, const ticket_ref& t, const std::string& state,
                        std::optional<std::uint64_t> expected_version = {});
  // T2, T3, T5. Changes fields and attributes; one history entry per field.
  ticket_view update_ticket(const actor& who, const ticket_ref& t, const ticket_changes& changes,
                            std::optional<std::uint64_t> expected_version = {});
  // A reply the contact sees (N3); from a contact, their own message (V4).
  // `target` is a conversation or a customer ticket.
  part reply(const actor& who, const uuid& target, const std::string& body);
  // An internal note, propagated by P1, P2 and P4.
  part add_note(const actor& who, const uuid& target, const std::string& body,
                note_mode mode = note_mode::add);
  // M1. Merges `source` into `target`, a ticket of the same category that
  // is not resolved, in one unit of work: the source's timeline is copied to
  // the target (public parts stay public only where the target's contacts
  // could read the source), its links move to the target (where a K limit
  // would break, the target's link wins and the source's is dropped), it
  // gets a merged_into link and is resolved, and its contact gets one
  // ticket_merged notification. A merged ticket stays readable and takes no
  // more changes (invalid_argument naming the target). Teammates, automation
  // and the system; a contact gets forbidden (U1). Returns the target.
  ticket_view merge(const actor& who, const ticket_ref& source, const ticket_ref& target,
                    std::optional<std::uint64_t> expected_source_version = {});
  // V4. A contact rates their resolved ticket 1-5.
  ticket_view rate(const actor& who, const ticket_ref& t, int score, const std::string& comment = {});

  // --- Links (K1-K9) --------------------------------------------------------
  // Links `from` to `to` with the kind's limits. A conversation and its
  // customer ticket share tracker and back-office links: linking one links
  // both. A duplicate is an error (link_limit), a self-link invalid_argument.
  link add_link(const actor& who, const uuid& from, const uuid& to, link_kind kind);
  // K6. Links a tracker to an external reference.
  link add_external_link(const actor& who, const uuid& tracker, const external_ref& ref);
  // K9. Removes a link (and its companion, see add_link).
  void remove_link(const actor& who, const uuid& link_id);

  // --- Reads (one projection path, V5) --------------------------------------
  // not_found when the record does not exist or the actor may not see it (V3).
  ticket_view ticket(const actor& who, const ticket_ref& t) const;
  conversation_view conversation(const actor& who, const conversation_ref& c) const;
  std::vector<ticketcore::link> links(const actor& who, const uuid& id) const;
  // C8. The first f.limit rows of the inbox, newest first; inbox_page
  // goes on from there.
  std::vector<inbox_item> inbox(const actor& who, const inbox_filter& f = {}) const;
  // C8. Up to f.limit (1-100000) inbox rows older than `cursor` (a previous
  // page's next_cursor; empty: the first page), newest first. Pages are cut
  // by id, which never changes, so no row is seen twice or skipped; rows
  // created meanwhile are newer than the cursor and come on a new first page.
  ticketcore::inbox_page inbox_page(const actor& who, const inbox_filter& f = {}, const std::string& cursor = {}) const;

  // --- Queries and saved views (Q1) ---------------------------------------
  // Q1. Up to `limit` (1-10000) tickets matching `q` in its order, from
  // `cursor` (a previous page's next_cursor; empty: the first page). Pages
  // are cut by the last row's sort key and id, so paging stays stable while
  // tickets change: no ticket is seen twice or skipped unless it changed
  // its sort key meanwhile. A contact gets their own customer tickets and
  // those shared with their company, may filter only on what they can see
  // (category, types, brand, channel, created range, text) and sort by
  // created; other filters are forbidden (V1, V4). errc::not_supported on a
  // backend without queries.
  ticket_page find_tickets(const actor& who, const ticket_query& q, std::size_t limit = 50,
                           const std::string& cursor = {}) const;
  // Q1. How many tickets match `q`, under the same rules.
  std::size_t count_tickets(const actor& who, const ticket_query& q) const;
  // Q1. Saved views, for teammates: the shared ones and the actor's own,
  // each with its count, by id. save_view creates or replaces (a view owned
  // by another teammate is not_found); an invalid query is refused.
  std::vector<view_count> views(const actor& who) const;
  void save_view(const actor& who, const saved_view& v);
  void remove_view(const actor& who, const std::string& id);

  // --- Bulk changes and imports (B1) ---------------------------------------
  // B1. Applies `change` to every ticket matching `q` (staff only), each
  // as its own change: history, events, notifications and propagation as
  // if changed one by one. All or nothing: a ticket that cannot
  // take the change fails the whole call, naming it. With `batch` > 0 at
  // most that many tickets per call, each batch all or nothing; pass
  // next_cursor back to go on. Tickets are taken in creation order, which
  // no change moves, so batches neither repeat nor skip a ticket.
  bulk_result bulk_update(const actor& who, const ticket_query& q, const bulk_change& change,
                          std::size_t batch = 0, const std::string& cursor = {});
  // Brings in tickets worked elsewhere (staff only), in one transaction:
  // all of them or, naming the first bad one by index, none. Each is
  // validated as create_ticket would and gets its number, history and
  // service level; its ticket_created event says "imported". Imports tell
  // no contact (N1) and trigger no rules (A1): they record past work. For
  // very large imports call once per batch of a few thousand.
  std::vector<imported_ticket> import_tickets(const actor& who, std::vector<new_ticket> tickets);

  // --- History and reports (H1, R1) ---------------------------------------
  // H1. Teammates, automation and the system; a contact gets forbidden (U1).
  std::vector<history_entry> history(const actor& who, const uuid& id) const;
  // R1. Created, resolved and reopened tickets, the backlog at the end of
  // each local day, first-response and resolution times (median, p90), SLA
  // compliance per target and CSAT over [r.from, r.to), grouped by
  // r.group_by, computed from history alone (docs/reporting.md): a report
  // over a past period does not change when tickets change later.
  // Teammates, automation and the system; a contact gets forbidden (U1).
  // invalid_argument for an empty period or an unknown time zone;
  // errc::not_supported on a backend without scan_history.
  ticketcore::report report(const actor& who, const report_request& r) const;

  // --- Integrity (U3) --------------------------------------------------------
  // Every record of the desk the store cannot read back, walked through the
  // storage interface (tickets, conversations, their parts, history and
  // links, saved views, the outbox), and the backend's own file problems
  // (kind "file"); empty when all is well. Host-level: no actor, reads
  // everything, so it costs a pass over the desk. Thread-safe.
  std::vector<damaged_record> check() const;

  // --- Time: service levels and due dates (S1, S2) -------------------------
  // Raises every service-level and due-date event due at `now`, each once:
  // at-risk and breached targets, follow-up and action-required dates, each
  // with a history entry, an event and email notifications to the assignee
  // (or the ticket's team); and runs the idle rules (A1) whose quiet period
  // has passed. The library has no thread of its own: the host calls tick()
  // when next_due() says, or on a timer. Returns the number of events
  // raised and idle rules run. `now` defaults to the desk's clock. errc::not_supported
  // on a backend without due_tickets().
  std::size_t tick(std::optional<time_point> now = std::nullopt);
  // When the next event falls due, if any.
  std::optional<time_point> next_due() const;
  // Recomputes the service level and idle-rule deadlines of every open
  // ticket under the current policies and rules, replaying its history
  // (e.g. after configure() changed them).
  // Returns how many tickets changed. Teammates, automation and the system.
  std::size_t apply_sla_policies(const actor& who);

  // --- Notifications and events --------------------------------------------
  // N5. Outbox entries, oldest first. A `recipient` needs its `audience`
  // (invalid_argument otherwise): contacts and teammates may share an id.
  // At most f.limit entries; outbox_page goes on from there.
  std::vector<notification> outbox(const outbox_filter& f = {}) const;
  // N5. Up to f.limit entries after `cursor` (a previous page's
  // next_cursor; empty: the first page), oldest first, under outbox's
  // rules (f.after is set from the cursor). Pages are cut by id, so no
  // entry is seen twice or skipped, and entries enqueued meanwhile come on
  // a later page.
  ticketcore::outbox_page outbox_page(const outbox_filter& f = {}, const std::string& cursor = {}) const;
  // N5. Delivers due entries through `n` (or the desk's notifier), outside
  // any transaction; records each outcome; retries with backoff. An entry
  // whose delivery was recorded is never delivered again.
  dispatch_result dispatch_notifications(notifier* n = nullptr);
  // Calls `observer` after each committed change, on the committing thread.
  boost::signals2::connection subscribe(std::function<void(const event&)> observer);

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace ticketcore
