// The Desk: the embedded engine every host talks to.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/actor.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/directory.hpp>
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
  // The configuration (docs/configuration.md, "Where the configuration
  // lives"). Empty: the one the store keeps, else the empty default. Given:
  // validated (error(validation_failed) if invalid) and stored as
  // configure() would, unless equal to the stored one. A store without
  // records by kind keeps none: the host gives it at every open.
  std::optional<ticketcore::config> config;
  // Retry and backoff of dispatch_notifications().
  dispatch_options dispatch;
  // Where the storage lacks an indexed capability (ticket queries and
  // counts, history by time), answer by scanning what every backend has
  // instead of errc::not_supported: each such call reads every ticket (full
  // text also their parts; reports every history entry), so it costs the
  // whole desk. Off: such calls fail naming the missing method.
  bool scan_without_index = false;
};

// Which configuration a desk runs: the version its store keeps it at and
// when that version was stored. Version 0: none is stored (nothing was
// given yet, or the store has no records by kind).
struct TICKETCORE_API configuration_version {
  std::uint64_t version = 0;
  std::optional<time_point> changed_at;
};

// C1: a new conversation with its first message from the contact.
struct TICKETCORE_API new_conversation {
  std::string contact;
  ticketcore::channel channel = channel::chat;
  std::string brand;
  std::string subject;
  std::string message;
  // A contact the directory does not hold yet: its details (the id is
  // `contact`), created in the same unit of work when the configuration's
  // unknown_senders accepts them (docs/directory.md).
  std::optional<ticketcore::contact> new_contact = std::nullopt;
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
  std::optional<ticketcore::contact> new_contact = std::nullopt;  // as new_conversation's
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
// system. Each call that runs an op is declared from that op's entry in the
// op table, operations.toml (its signature and doc), into the regions
// marked "BEGIN ops"; edit the table, not a region.
class TICKETCORE_API desk {
 public:
  explicit desk(desk_options options = {});
  ~desk();
  desk(const desk&) = delete;
  desk& operator=(const desk&) = delete;

  // BEGIN ops: configuration (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // Replaces the configuration after validating it whole: validation_failed
  // lists every problem, also when a type still used by tickets is removed
  // (T4), changes category (T1) or loses a state of its lifecycle, or when
  // tickets carry a removed priority (naming the tickets; configure_migrating
  // moves them). Stores it as the next version in the same transaction (a store
  // without records by kind keeps none); one equal to the stored configuration
  // writes nothing.
  void configure(ticketcore::config c);
  // T4. Like configure, and moves the tickets the new configuration would
  // strand where the migration says, in the same transaction: those in a state
  // their type's new lifecycle lacks to the state it names (a state change the
  // system makes, with its history, events and what a stage change owes the
  // contact), those of a removed priority to the priority it names. Any
  // stranded ticket it does not map refuses the whole change, naming the
  // tickets.
  void configure_migrating(ticketcore::config c, const ticketcore::configuration_migration& m);
  // The current configuration, with every default written out.
  std::shared_ptr<const ticketcore::config> configuration() const;
  // END ops: configuration

  // --- Creation (C1-C7) -------------------------------------------------
  // BEGIN ops: creation (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // C1. A teammate, or the contact themselves, opens a conversation with its
  // first message from the contact; a contact opens only their own.
  conversation_view create_conversation(const actor& who, const new_conversation& c);
  // C2. Converts a conversation into a customer ticket linked to it; the
  // contact and brand come from the conversation; link_limit if it has one
  // already (K1).
  ticket_view convert_conversation(const actor& who, const conversation_ref& conversation, new_ticket t);
  // C3, C4, C6, C7. A standalone ticket of any category; the type decides. A
  // contact creates a customer ticket for themselves with customer-editable
  // attributes only (V4).
  ticket_view create_ticket(const actor& who, new_ticket t);
  // C6, C7. A back-office or tracker ticket created from a conversation or
  // customer ticket and linked to it.
  ticket_view create_linked_ticket(const actor& who, const uuid& from, new_ticket t);
  // C7. Links `from` to the tracker titled `title`, creating one of `type` if
  // none exists. Returns the tracker.
  ticket_view link_tracker_by_title(const actor& who, const uuid& from, const std::string& title,
                                    const std::string& type);
  // C5, V4. Sends a form for customer ticket type `type` in a conversation that
  // has no customer ticket yet. The part it posts lists only the type's
  // customer-editable attributes.
  part send_form(const actor& who, const conversation_ref& conversation, const std::string& type);
  // C5, V4. The conversation's contact fills in `form`: in one unit of work the
  // customer ticket is created with `attributes` (customer-editable ones only;
  // required-for-customer ones required) and linked to the conversation (C2),
  // and the form is marked submitted. A form is submitted once; a second
  // submission is invalid_argument. `title` defaults to the conversation's
  // subject, then the type's name.
  ticket_view submit_form(const actor& who, const conversation_ref& conversation, const uuid& form,
                          const boost::json::object& attributes, const std::string& title = {});
  // END ops: creation

  // --- Changes ------------------------------------------------------------
  // BEGIN ops: changes (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // L2, P3, P5, N2. Moves a ticket to another state of its lifecycle.
  ticket_view set_state(const actor& who, const ticket_ref& t, const std::string& state,
                        std::optional<std::uint64_t> expected_version = {});
  // T2, T3, T5. Changes fields and attributes, a partial update: only what is
  // given changes; one history entry per field.
  ticket_view update_ticket(const actor& who, const ticket_ref& t, const ticket_changes& changes,
                            std::optional<std::uint64_t> expected_version = {});
  // V1, T3. Corrects the company a ticket is filed under: a known company, or
  // "" for none (validation_failed naming `company` otherwise). The company's
  // contacts see it from then on when it is shared with its company, the old
  // company's no longer do; a ticket shared with its company that loses its
  // company becomes private. One history entry per changed field and a
  // ticket_updated event.
  ticket_view set_company(const actor& who, const ticket_ref& t, const std::string& company,
                          std::optional<std::uint64_t> expected_version = {});
  // M1. Merges `source` into `target`, a ticket of the same category that is
  // not resolved, in one unit of work: the source's timeline is copied to the
  // target (public parts stay public only where the target's contacts could
  // read the source), its links move to the target (where a K limit would
  // break, the target's link wins and the source's is dropped), it gets a
  // merged_into link and is resolved, and its contact gets one ticket_merged
  // notification. A merged ticket stays readable and takes no more changes
  // (invalid_argument naming the target). Returns the target.
  ticket_view merge(const actor& who, const ticket_ref& source, const ticket_ref& target,
                    std::optional<std::uint64_t> expected_source_version = {});
  // V4. The ticket's contact rates it 1-5 once it is resolved.
  ticket_view rate(const actor& who, const ticket_ref& t, int score, const std::string& comment = {});
  // N3, V4. A reply the contact sees, or a contact's own message, in a
  // conversation or customer ticket.
  part reply(const actor& who, const uuid& target, const std::string& body);
  // An internal note, propagated by P1, P2 and P4; `mode` matters for
  // back-office tickets (P2).
  part add_note(const actor& who, const uuid& target, const std::string& body,
                note_mode mode = note_mode::add);
  // END ops: changes

  // --- Links (K1-K9) --------------------------------------------------------
  // BEGIN ops: links (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // K1-K9. Links `from` to `to` with the kind's limits. A conversation and its
  // customer ticket share tracker and back-office links: linking one links
  // both. A duplicate is an error (link_limit), a self-link invalid_argument.
  link add_link(const actor& who, const uuid& from, const uuid& to, link_kind kind);
  // K6. Links a tracker to an external reference.
  link add_external_link(const actor& who, const uuid& tracker, const external_ref& ref);
  // K9. Removes a link by its id, with its companion (see add_link).
  void remove_link(const actor& who, const uuid& link_id);
  // END ops: links

  // --- Reads (one projection path, V5) --------------------------------------
  // not_found when the record does not exist or the actor may not see it (V3).
  // BEGIN ops: reads (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // The links of a conversation or ticket the actor may see.
  std::vector<ticketcore::link> links(const actor& who, const uuid& id) const;
  // V5. A ticket as the actor may see it (a contact: the customer view);
  // not_found when it does not exist or the actor may not see it (V3).
  ticket_view ticket(const actor& who, const ticket_ref& t) const;
  // V5. A conversation with its timeline as the actor may see it, by id or by
  // number as tickets are; not_found when it does not exist or the actor may
  // not see it (V3).
  conversation_view conversation(const actor& who, const conversation_ref& c) const;
  // C8, Q1. The first `limit` inbox rows, newest first (inbox_page pages on); a
  // record the store cannot read is a row with "damaged" (staff only, U3).
  std::vector<inbox_item> inbox(const actor& who, const inbox_filter& f = {}) const;
  // C8, Q1. One page of inbox rows, newest first, under the rules of inbox;
  // pass `next_cursor` back for the next page ("" after the last). Rows created
  // meanwhile are newer than the cursor: they come on a new first page.
  ticketcore::inbox_page inbox_page(const actor& who, const inbox_filter& f = {},
                                    const std::string& cursor = {}) const;
  // END ops: reads

  // --- The directory: contacts, companies, teammates, teams ----------------
  // (docs/directory.md)
  // BEGIN ops: directory (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // Stores a new contact; conflict when one of its id exists, or another
  // contact holds one of its addresses (named). Addresses are trimmed and
  // lower-cased; an invalid one, an unknown company or a bad attribute is
  // validation_failed naming the field. History names the fields, never their
  // values.
  ticketcore::contact create_contact(const actor& who, const ticketcore::contact& record);
  // Replaces a stored contact with `contact` (not_found when there is none);
  // with a version, conflict when the contact moved on (X1). One declared in
  // the configuration is conflict: change it there. Moving a contact to another
  // company changes which company-shared tickets they see from then on (V1).
  ticketcore::contact update_contact(const actor& who, const ticketcore::contact& record);
  // Creates the contact of this external id, or replaces it, in one unit of
  // work; concurrent upserts of one id make one contact. Checks as
  // create_contact and update_contact.
  ticketcore::contact upsert_contact(const actor& who, const ticketcore::contact& record);
  // The contact of this id, stored or declared in the configuration; not_found
  // otherwise. A contact reads only themselves (V5): another id is not_found,
  // as for one that does not exist.
  ticketcore::contact contact(const actor& who, const std::string& id) const;
  // The contact holding this address, compared trimmed and lower-cased; an
  // index read. not_found when none does.
  ticketcore::contact contact_by_email(const actor& who, const std::string& email) const;
  // A page of contacts in order of id, from after `after`; with `company`, that
  // company's contacts only.
  std::vector<ticketcore::contact> contacts(const actor& who, const directory_page_request& page) const;
  // Creates the company of this id or replaces it; with a version, conflict
  // when it moved on (X1). One declared in the configuration is conflict:
  // change it there.
  ticketcore::company upsert_company(const actor& who, const ticketcore::company& record);
  // The company of this id, stored or declared in the configuration; not_found
  // otherwise.
  ticketcore::company company(const actor& who, const std::string& id) const;
  // A page of companies in order of id, from after `after`.
  std::vector<ticketcore::company> companies(const actor& who, const directory_page_request& page) const;
  // Creates the teammate of this id or replaces it; with a version, conflict
  // when it moved on (X1). One declared in the configuration is conflict:
  // change it there.
  ticketcore::teammate upsert_teammate(const actor& who, const ticketcore::teammate& record);
  // The teammate of this id, stored or declared in the configuration; not_found
  // otherwise.
  ticketcore::teammate teammate(const actor& who, const std::string& id) const;
  // A page of teammates in order of id, from after `after`; with `team`, that
  // team's members only.
  std::vector<ticketcore::teammate> teammates(const actor& who, const directory_page_request& page) const;
  // Creates the team of this id or replaces it; with a version, conflict when
  // it moved on (X1). One declared in the configuration is conflict: change it
  // there.
  ticketcore::team upsert_team(const actor& who, const ticketcore::team& record);
  // The team of this id, stored or declared in the configuration; not_found
  // otherwise.
  ticketcore::team team(const actor& who, const std::string& id) const;
  // A page of teams in order of id, from after `after`.
  std::vector<ticketcore::team> teams(const actor& who, const directory_page_request& page) const;
  // END ops: directory

  // --- Queries and saved views (Q1) ---------------------------------------
  // BEGIN ops: queries (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // Q1. Up to `limit` (1-10000, default 50) tickets matching `query`
  // (docs/queries.md) in its order, from `cursor` (a previous page's
  // next_cursor; empty: the first page; "" after the last). Pages are cut by
  // the last row's sort key and id, so paging stays stable while tickets
  // change: no ticket is seen twice or skipped unless it changed its sort key
  // meanwhile. A contact gets their own customer tickets and those shared with
  // their company, may filter only on what they can see (category, types,
  // brand, channel, created range, text) and sort by created; other filters are
  // forbidden (V1, V4). not_supported on a backend without queries.
  ticket_page find_tickets(const actor& who, const ticket_query& query, std::size_t limit = 50,
                           const std::string& cursor = {}) const;
  // Q1. How many tickets match `query`, under the rules of find_tickets.
  std::size_t count_tickets(const actor& who, const ticket_query& query) const;
  // Q1. The saved views the actor sees (the shared ones and their own), each
  // with its count, by id.
  std::vector<view_count> views(const actor& who) const;
  // Q1. Creates or replaces a saved view (one owned by another teammate is
  // not_found); an invalid query is refused.
  void save_view(const actor& who, const saved_view& view);
  // Q1. Removes a saved view.
  void remove_view(const actor& who, const std::string& id);
  // END ops: queries

  // --- Bulk changes and imports (B1) ---------------------------------------
  // BEGIN ops: bulk (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // B1. Applies `change` to every ticket matching `query`, each as its own
  // change: history, events, notifications and propagation as if changed one by
  // one. All or nothing: a ticket that cannot take the change fails the whole
  // call, naming it. With `batch` > 0 at most that many tickets per call, each
  // batch all or nothing; pass `next_cursor` back to go on. Tickets are taken
  // in creation order, which no change moves, so batches neither repeat nor
  // skip a ticket.
  bulk_result bulk_update(const actor& who, const ticket_query& query, const bulk_change& change,
                          std::size_t batch = 0, const std::string& cursor = {});
  // Brings in tickets worked elsewhere in one transaction: all of them or,
  // naming the first bad one by index, none. Each is validated as create_ticket
  // would and gets its number, history and service level; its ticket_created
  // event says "imported". Imports tell no contact (N1) and trigger no rules
  // (A1): they record past work. For very large imports call once per batch of
  // a few thousand.
  std::vector<imported_ticket> import_tickets(const actor& who, std::vector<new_ticket> tickets);
  // END ops: bulk

  // --- History and reports (H1, R1) ---------------------------------------
  // BEGIN ops: reports (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // H1. The history of a ticket or conversation, oldest first.
  std::vector<history_entry> history(const actor& who, const uuid& id) const;
  // R1. Created, resolved and reopened tickets, the backlog at the end of each
  // local day, first-response and resolution times (median, p90), SLA
  // compliance per target and CSAT over [from, to), grouped by none, type,
  // team, assignee, priority, channel or brand, computed from history alone
  // (docs/reporting.md): a report over a past period does not change when
  // tickets change later. invalid_argument for an empty period or an unknown
  // time zone; not_supported on a backend without scan_history.
  ticketcore::report report(const actor& who, const report_request& r) const;
  // END ops: reports

  // --- Integrity (U3) --------------------------------------------------------
  // BEGIN ops: integrity (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // U3. Every record of the desk the store cannot read back, walked through the
  // storage interface (tickets, conversations, their parts, history and links,
  // saved views, the outbox), and the backend's own file problems (kind
  // "file"); empty when all is well. Host-level: it reads everything, so it
  // costs a pass over the desk.
  std::vector<damaged_record> check() const;
  // END ops: integrity

  // --- Erasure (D2) ------------------------------------------------------------
  // BEGIN ops: erasure (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // D2. Honours a deletion request in one unit of work: the contact's name and
  // addresses, the bodies of the messages they wrote (each part stays, its body
  // a fixed marker), the subjects of their conversations, the free-text
  // attributes they may edit on their tickets, their words in full text, and
  // what the outbox holds for them (entries not yet delivered are dropped,
  // delivered ones keep no payload) are erased; tickets, parts and their counts
  // stay, and each record touched gets one history entry "erasure" naming no
  // erased value. Returns how many message parts were erased. not_found for an
  // unknown contact, changing nothing; not_supported on a store without
  // rewrite_part.
  std::size_t erase_contact(const std::string& contact);
  // END ops: erasure

  // --- Time: service levels and due dates (S1, S2) -------------------------
  // BEGIN ops: time (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // S1, S2. Raises every service-level and due-date event due at `now`, each
  // once: at-risk and breached targets, follow-up and action-required dates,
  // each with a history entry, an event and email notifications to the assignee
  // (or the ticket's team); and runs the idle rules (A1) whose quiet period has
  // passed. The library has no thread of its own: the host calls tick when
  // next_due says, or on a timer. Returns the number of events raised and idle
  // rules run. `now` defaults to the desk's clock. not_supported on a store
  // without due_tickets.
  std::size_t tick(std::optional<time_point> now = std::nullopt);
  // S1, S2. When the next service-level or due-date event falls due, or null.
  std::optional<time_point> next_due() const;
  // S1. Recomputes the service level and idle-rule deadlines of every open
  // ticket under the current policies and rules, replaying its history (e.g.
  // after configure changed them). Returns how many tickets changed.
  std::size_t apply_sla_policies(const actor& who);
  // END ops: time

  // --- Notifications and events --------------------------------------------
  // BEGIN ops: notifications (generated from operations.toml by scripts/gen/operations.py: do not edit)
  // N5. The first `limit` outbox entries, oldest first (outbox_page pages on);
  // a `recipient` needs its `audience`: a contact and a teammate may share an
  // id.
  std::vector<notification> outbox(const outbox_filter& f = {}) const;
  // N5. One page of outbox entries, oldest first, under the rules of outbox;
  // pass `next_cursor` back for the next page ("" after the last). Entries
  // enqueued meanwhile come on a later page.
  ticketcore::outbox_page outbox_page(const outbox_filter& f = {}, const std::string& cursor = {}) const;
  // N5. Delivers due outbox entries through the desk's notifier (or one lent
  // for the call), outside any transaction; records each outcome and retries
  // with backoff; concurrent calls are serialised. An entry whose delivery was
  // recorded is never delivered again.
  dispatch_result dispatch_notifications(notifier* n = nullptr);
  // END ops: notifications
  // The version of the configuration this desk runs. Reads run on the
  // version the desk last saw; every write first picks up a newer one
  // another desk on the same store stored.
  ticketcore::configuration_version configuration_version() const;
  // Calls `observer` after each committed change, on the committing thread.
  boost::signals2::connection subscribe(std::function<void(const event&)> observer);

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace ticketcore
