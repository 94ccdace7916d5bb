// The storage contract every backend implements (docs/conventions.md, Storage).
//
// Tier 1, required: records by id with a version, link edges indexed by both
// ends, appended parts and history, the outbox, and the few secondary
// lookups the Desk's hot paths need (by number, a contact's or company's
// tickets, tickets of a category). Tier 2 (full queries, full-text search,
// bulk writes) arrives with later issues as optional methods whose default
// body throws errc::not_supported.
//
// A transaction is the unit of work: everything an operation does - records,
// links, parts, history, outbox - commits together or not at all (P6, N5).
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/damaged.hpp>
#include <ticketcore/notification.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ticketcore {

// Which tickets to list, newest first (ids are time-ordered). Every set
// filter must match. `before` is the cursor: the id of the last row seen.
struct TICKETCORE_API ticket_filter {
  std::optional<ticketcore::category> category;
  std::optional<ticketcore::state_category> state_category;
  std::optional<std::string> type;
  std::optional<std::string> assignee;  // "" selects unassigned tickets
  std::optional<std::string> brand;
  std::optional<std::string> contact;
  std::optional<std::string> company;
  std::optional<std::string> title;  // exact match (C7: find a tracker by title)
  std::optional<uuid> before;
  std::size_t limit = 50;
};

struct TICKETCORE_API conversation_filter {
  std::optional<std::string> contact;
  std::optional<std::string> brand;
  std::optional<uuid> before;
  std::size_t limit = 50;
};

// Which outbox entries to list, oldest first. A contact and a teammate may
// share an id: `recipient` names one only together with `audience`, its
// namespace (desk::outbox refuses a recipient without one).
struct TICKETCORE_API outbox_filter {
  std::optional<ticketcore::audience> audience;
  std::optional<std::string> recipient;
  std::optional<uuid> ticket;
  std::optional<delivery_state> state;
  std::optional<uuid> after;  // the cursor: the id of the last entry seen
  std::size_t limit = 1000;
};

// Which members of a history entry scan_history fills.
enum class history_members {
  all,    // every member
  facts,  // subject, at, field and new_value only, the rest left default: what a
          // report reads, which a backend may read without decoding the rest
};

// Which history entries scan_history visits (R1).
struct TICKETCORE_API history_scan {
  time_point from{};                // entries at or after this time ...
  time_point to{};                  // ... and before this one: [from, to)
  std::vector<std::string> fields;  // only entries of these fields; empty: every field
  std::optional<uuid> subject;      // only entries of this subject; none: every subject
  history_members members = history_members::all;
};

// A summary of the history before an instant, which a report starts from
// instead of the desk's first entry (R1). What `data` holds is the Desk's
// business (docs/reporting.md); the store keeps it and keeps it honest: a
// checkpoint is dropped when an entry dated before its instant is appended.
struct TICKETCORE_API report_checkpoint {
  std::string key;          // what it summarises, e.g. a grouping and a category
  time_point at{};          // every history entry before this instant, none at or after it
  boost::json::value data;  // the summary
};

enum class sequence { ticket, conversation };

// One unit of work. Not thread-safe: one thread uses it from begin to end.
// Destroying an uncommitted transaction rolls it back. Methods throw
// error(storage) when the backend fails and error(conflict) on a version
// mismatch; after a throw the Desk rolls back.
class TICKETCORE_API transaction {
 public:
  transaction() = default;
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  virtual ~transaction() = default;

  virtual void commit() = 0;
  virtual void rollback() = 0;

  // Damaged records (U3). A record that cannot be read back fails the read
  // that needs it with error(storage) naming it (kind, id, number where
  // known, what is wrong). A listing of tickets or conversations
  // (find_tickets, due_tickets, query_tickets, find_conversations) instead
  // leaves such a row out and notes it; take_damaged returns, and forgets,
  // the rows noted since its last call, in the order met. The Desk says
  // which record is damaged in what it lists, and fails any other operation
  // that met one (docs/storage.md). The default notes nothing.
  virtual std::vector<damaged_record> take_damaged();
  // Problems the backend finds in its own files (SQLite: PRAGMA
  // integrity_check), one line each; empty when all is well. What
  // desk::check() adds to the damaged records it walks. The default finds none.
  virtual std::vector<std::string> integrity_problems();

  // The next human number of a sequence (T3). Numbers increase; one taken
  // by a committed record is never given again. A rolled-back transaction
  // returns its number, so committed numbers have no gaps from failures.
  virtual std::int64_t next_number(sequence s) = 0;
  // A named counter of the desk's own (the turn of a round-robin rule, A1):
  // 1, 2, 3, ... per name, rolled back with the transaction like numbers.
  // The default throws errc::not_supported.
  virtual std::int64_t next_counter(const std::string& name);

  virtual std::optional<ticket> get_ticket(const uuid& id) = 0;
  virtual std::optional<ticket> get_ticket_by_number(std::int64_t number) = 0;
  // Requires: no ticket with this id or number exists.
  virtual void insert_ticket(const ticket& t) = 0;
  // Requires: the stored version is t.version - 1, else error(conflict) (X1);
  // error(not_found) when no ticket has this id.
  virtual void update_ticket(const ticket& t) = 0;
  // Served by the contact, company and category indexes where a filter sets them.
  virtual std::vector<ticket> find_tickets(const ticket_filter& f) = 0;
  // Whether any ticket has this type (T4).
  virtual bool type_in_use(const std::string& type) = 0;
  // Tickets whose next_due_at is at or before `now`, earliest first (then by
  // id), at most `limit`: what desk::tick() must raise (S1, S2). Served by an
  // index on next_due_at. The default throws errc::not_supported, and a desk
  // on such a backend has no service-level or due-date events.
  virtual std::vector<ticket> due_tickets(time_point now, std::size_t limit);

  // Tier 2, queries (Q1): the tickets matching `q`, in q's order, after
  // `after` (the last row of the previous page), at most `limit`; and how
  // many match. Full text covers the title and description, replies and the
  // ticket contact's messages, and (unless q.public_text_only) notes and other
  // internal text. An SQL backend serves every filter and order from an
  // index. The defaults throw errc::not_supported.
  virtual std::vector<ticket> query_tickets(const ticket_query& q, const std::optional<ticket_position>& after,
                                            std::size_t limit);
  virtual std::size_t count_tickets(const ticket_query& q);
  // Tier 2, saved views (Q1), by id, listed in id order. put_view inserts or
  // replaces; remove_view throws error(not_found) when there is none.
  virtual void put_view(const saved_view& v);
  virtual void remove_view(const std::string& id);
  virtual std::vector<saved_view> list_views();

  // Tier 2, reports (R1): calls `visit` with every history entry of `s`, of
  // every subject, in time order (entries of one instant in the order they
  // were appended), until `visit` returns false. Streams: the store holds
  // no more than a row at a time, so a period of millions of entries costs
  // no memory; an SQL backend reads it from an index on the time. `visit`
  // must not call this transaction. The default throws errc::not_supported.
  virtual void scan_history(const history_scan& s, const std::function<bool(const history_entry&)>& visit);

  // Tier 2, report checkpoints (R1). latest_checkpoint: the checkpoint of
  // `key` with the latest instant at or before `at`, if any. history_mark:
  // an opaque mark of the history this transaction sees, taken with a read.
  // put_checkpoint stores `c` (replacing one of the same key and instant)
  // unless an entry dated before c.at was appended after `mark`, and says
  // whether it stored it. append_history drops every checkpoint dated after
  // the entry it appends, so a checkpoint always summarises exactly the
  // history before its instant. The defaults throw errc::not_supported, and
  // reports then start from the first entry.
  virtual std::optional<report_checkpoint> latest_checkpoint(const std::string& key, time_point at);
  virtual std::uint64_t history_mark();
  virtual bool put_checkpoint(const report_checkpoint& c, std::uint64_t mark);

  virtual std::optional<conversation> get_conversation(const uuid& id) = 0;
  virtual std::optional<conversation> get_conversation_by_number(std::int64_t number) = 0;
  virtual void insert_conversation(const conversation& c) = 0;
  virtual void update_conversation(const conversation& c) = 0;  // versioned like tickets
  virtual std::vector<conversation> find_conversations(const conversation_filter& f) = 0;

  // Links are indexed by both ends; links_of never scans all links.
  virtual void insert_link(const link& l) = 0;
  virtual void remove_link(const uuid& link_id) = 0;  // error(not_found) if absent
  virtual std::optional<link> get_link(const uuid& link_id) = 0;
  // Links with `end` at either side, optionally of one kind, oldest first.
  virtual std::vector<link> links_of(const uuid& end, std::optional<link_kind> kind = {}) = 0;
  // How many links of `kind` join `end` to records of `other`. The default
  // counts links_of(); SQL backends answer from the index.
  virtual std::size_t count_links(const uuid& end, link_kind kind, endpoint_kind other);

  // Sinks: the store keeps what it is given, so these take their record by value.
  virtual void append_part(part p) = 0;
  virtual std::vector<part> parts_of(const uuid& owner) = 0;  // oldest first

  virtual void append_history(history_entry h) = 0;
  virtual std::vector<history_entry> history_of(const uuid& subject) = 0;  // oldest first
  // The entries of `subject` whose field is `field`, oldest first: what a
  // state change reads to count resolution cycles (R1) without copying the
  // rest. The default filters history_of().
  virtual std::vector<history_entry> field_history(const uuid& subject, const std::string& field);

  virtual void enqueue(notification n) = 0;
  virtual std::optional<notification> get_notification(const uuid& id) = 0;
  virtual void update_notification(const notification& n) = 0;  // error(not_found) if absent
  // Pending entries whose next attempt is due at `now`, earliest next
  // attempt first (then by id).
  virtual std::vector<notification> due_notifications(time_point now, std::size_t limit) = 0;
  virtual std::vector<notification> list_notifications(const outbox_filter& f) = 0;
};

enum class access { read, write };

// A backend. Thread-safe: several threads may hold transactions at once;
// the backend serialises writers as it must.
class TICKETCORE_API storage {
 public:
  storage() = default;
  storage(const storage&) = delete;
  storage& operator=(const storage&) = delete;
  virtual ~storage() = default;

  virtual std::unique_ptr<transaction> begin(access mode) = 0;
};

}  // namespace ticketcore
