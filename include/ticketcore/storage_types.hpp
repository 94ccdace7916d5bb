// The values storage methods take besides records (docs/storage.md): a
// ticket as the store keeps it and the keys derived from it, the filters of
// the listings, history scans, report checkpoints, records by kind and their
// keys, sequences and the access a transaction is opened with. The methods
// themselves are in storage.hpp.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/damaged.hpp>
#include <ticketcore/notification.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ticketcore {

// A ticket as the store keeps it: the host's record and the Desk's
// bookkeeping, which hosts never see. The Desk hands hosts the ticket part.
struct TICKETCORE_API stored_ticket : ticket {
  // Whether each due date's event was raised (S2).
  bool follow_up_raised = false;
  bool action_required_raised = false;
  // Idle rules that ran in the current quiet period (since updated_at), and
  // when the next one comes due (A1).
  std::set<std::string> idle_rules_run;
  std::optional<time_point> idle_due_at;
  // The earliest event still to raise: a due date, an SLA clock or an idle
  // rule (S1, S2, A1). due_tickets lists by it, for desk::tick.
  std::optional<time_point> next_due_at;
};
// Its JSON form is the ticket's with these keys after them, each written
// only while it says something.
BOOST_DESCRIBE_STRUCT(stored_ticket, (ticket),
                      (follow_up_raised, action_required_raised, idle_rules_run, idle_due_at, next_due_at))

// Who may find a part's words (V1, V2): text the ticket's contact may read,
// text only the team may, or no text at all (events, admin messages, forms).
enum class text_audience { none, public_, internal };
BOOST_DESCRIBE_ENUM(text_audience, none, public_, internal)

// The values a store filters and sorts tickets by, derived by the library
// from the stored ticket and the configuration at every write and handed to
// the store beside it: a backend stores, compares and sorts them, and never
// derives them. They are never read back.
struct TICKETCORE_API ticket_keys {
  int priority_rank = 0;  // the priority's place in the configured order, 0 = lowest (Q1)
  ticketcore::sla_status sla_status = sla_status::none;  // status_of(sla)
  std::optional<time_point> sla_due;  // next_sla_due(sla): the "sla_due" order, none last
  // What due_before tests: the earliest of the follow-up date, the action
  // required date and sla_due.
  std::optional<time_point> due_at;
  // The words of the title and the description as full text sees them
  // (docs/queries.md): each once, in the order they first occur.
  std::vector<std::string> words;
};
BOOST_DESCRIBE_STRUCT(ticket_keys, (), (priority_rank, sla_status, sla_due, due_at, words))

// A part's keys: who may find its words, and the words (none when it is no
// text, or is not on a ticket).
struct TICKETCORE_API part_keys {
  text_audience audience = text_audience::none;
  std::vector<std::string> words;
};
BOOST_DESCRIBE_STRUCT(part_keys, (), (audience, words))

// The keys the library derives and hands a store (docs/storage.md, "Stored forms and keys"),
// for a backend's own tests and tools: a ticket's under configuration `c`
// (the priority's rank), and a part's on a ticket whose contact is
// `ticket_contact` (none for a conversation's part: no keys).
TICKETCORE_API ticket_keys keys_of(const stored_ticket& t, const config& c);
TICKETCORE_API part_keys part_keys_of(const part& p, const std::string* ticket_contact);

// The sort key of a ticket under `order`, as ticket_position holds it.
TICKETCORE_API std::int64_t sort_key(const ticket& t, const ticket_keys& keys, ticket_order order) noexcept;

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

// A record the store keeps by kind and id without knowing its shape (the
// directory, the stored configuration); `record` is kept exactly as given.
// `version` starts at 1 and grows by one per write (X1).
struct TICKETCORE_API stored_entry {
  std::string kind;  // e.g. "contact"
  std::string id;
  std::uint64_t version = 0;
  boost::json::object record;
};
BOOST_DESCRIBE_STRUCT(stored_entry, (), (kind, id, version, record))

// A lookup key the library derives from an entry and hands to the store
// beside it (e.g. name "email", value the normalized address). The store
// indexes (kind, name, value) -> id and compares values as given, byte by
// byte; it derives nothing. A unique key belongs to at most one entry of
// its kind.
struct TICKETCORE_API entry_key {
  std::string name;
  std::string value;
  bool unique = false;
};
BOOST_DESCRIBE_STRUCT(entry_key, (), (name, value, unique))

// Which entries of a kind to list, in ascending byte order of id. With a
// key (key_name and key_value, both or neither) only the entries that hold
// it, served by the key's index. `after` is the cursor: the id of the last
// entry seen.
struct TICKETCORE_API entry_filter {
  std::string kind;
  std::optional<std::string> key_name;
  std::optional<std::string> key_value;
  std::optional<std::string> after;
  std::size_t limit = 50;
};
BOOST_DESCRIBE_STRUCT(entry_filter, (), (kind, key_name, key_value, after, limit))

enum class sequence { ticket, conversation };

enum class access { read, write };

// The indexed capabilities a backend announces when it opens
// (storage::capabilities). One it lacks answers errc::not_supported, or,
// when the host opts in (desk_options::scan_without_index), is answered by
// the library's own evaluator, which scans what every backend has
// (docs/storage.md, "Capabilities and the evaluator").
struct TICKETCORE_API storage_capabilities {
  bool queries = true;          // query_tickets and count_tickets (Q1, B1)
  bool history_by_time = true;  // scan_history (R1)
};

}  // namespace ticketcore
