#include "store/sqlite/schema.hpp"

#include "store/sqlite/ticket_rows.hpp"

#include <ticketcore/error.hpp>

#include <array>

namespace ticketcore::detail::sqlite {
namespace {

// migrations[i] takes a file from version i to version i + 1. Only ever append.
// Records are stored whole as JSON; the columns beside them are what the
// indexes serve: every Desk lookup has one (docs/storage.md).
constexpr std::array<const char*, 11> migrations = {
    R"sql(
CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO sequences VALUES ('ticket', 0), ('conversation', 0);

CREATE TABLE tickets (
  id BLOB PRIMARY KEY, number INTEGER NOT NULL UNIQUE, type TEXT NOT NULL, category INTEGER NOT NULL,
  state_category INTEGER NOT NULL, contact TEXT NOT NULL, company TEXT NOT NULL, assignee TEXT NOT NULL,
  brand TEXT NOT NULL, title TEXT NOT NULL, version INTEGER NOT NULL, record TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX tickets_by_contact ON tickets (contact, id);
CREATE INDEX tickets_by_company ON tickets (company, id);
CREATE INDEX tickets_by_category ON tickets (category, id);
CREATE INDEX tickets_by_type ON tickets (type, id);
CREATE INDEX tickets_by_category_title ON tickets (category, title);

CREATE TABLE conversations (
  id BLOB PRIMARY KEY, number INTEGER NOT NULL UNIQUE, contact TEXT NOT NULL, brand TEXT NOT NULL,
  version INTEGER NOT NULL, record TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX conversations_by_contact ON conversations (contact, id);

CREATE TABLE links (
  id BLOB PRIMARY KEY, kind INTEGER NOT NULL, from_id BLOB NOT NULL, from_kind INTEGER NOT NULL,
  to_id BLOB, to_kind INTEGER NOT NULL, record TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX links_by_from ON links (from_id, kind, to_kind);
CREATE INDEX links_by_to ON links (to_id, kind, from_kind);

CREATE TABLE parts (seq INTEGER PRIMARY KEY, owner BLOB NOT NULL, record TEXT NOT NULL);
CREATE INDEX parts_by_owner ON parts (owner, seq);

CREATE TABLE history (seq INTEGER PRIMARY KEY, subject BLOB NOT NULL, record TEXT NOT NULL);
CREATE INDEX history_by_subject ON history (subject, seq);

CREATE TABLE outbox (
  id BLOB PRIMARY KEY, state INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, recipient TEXT NOT NULL,
  ticket BLOB NOT NULL, record TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_by_recipient ON outbox (recipient, id);
CREATE INDEX outbox_by_ticket ON outbox (ticket, id);
)sql",
    // v2: every inbox and outbox filter has an index of its own, in id order.
    R"sql(
CREATE INDEX tickets_by_assignee ON tickets (assignee, id);
CREATE INDEX tickets_by_brand ON tickets (brand, id);
CREATE INDEX tickets_by_state_category ON tickets (state_category, id);
CREATE INDEX conversations_by_brand ON conversations (brand, id);
CREATE INDEX outbox_by_state ON outbox (state, id);
)sql",
    // v3: service levels and due dates (S1, S2): tickets by their next event.
    R"sql(
ALTER TABLE tickets ADD COLUMN next_due_at INTEGER;
CREATE INDEX tickets_by_due ON tickets (next_due_at, id) WHERE next_due_at IS NOT NULL;
)sql",
    // v4: queries (Q1): a column and an index for every filter and order,
    // tags as rows, and a full-text row per ticket (rowid = its number);
    // history by time, for reports over a period (R1).
    // backfill_query_columns fills them for the tickets already here.
    R"sql(
ALTER TABLE tickets ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN state TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN priority TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN priority_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN sharing TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER NOT NULL DEFAULT 9223372036854775807;
ALTER TABLE tickets ADD COLUMN due_at INTEGER;
CREATE INDEX tickets_by_created ON tickets (created_at, id);
CREATE INDEX tickets_by_updated ON tickets (updated_at, id);
CREATE INDEX tickets_by_priority ON tickets (priority_rank, id);
CREATE INDEX tickets_by_sla_due ON tickets (sla_due_at, id);
CREATE INDEX tickets_by_team ON tickets (team, id);
CREATE INDEX tickets_by_state ON tickets (state, id);
CREATE INDEX tickets_by_priority_name ON tickets (priority, id);
CREATE INDEX tickets_by_channel ON tickets (channel, id);
CREATE INDEX tickets_by_sla_status ON tickets (sla_status, id);
CREATE INDEX tickets_by_due_at ON tickets (due_at, id) WHERE due_at IS NOT NULL;
CREATE TABLE ticket_tags (tag TEXT NOT NULL, ticket BLOB NOT NULL, PRIMARY KEY (tag, ticket)) WITHOUT ROWID;
CREATE INDEX ticket_tags_by_ticket ON ticket_tags (ticket, tag);
CREATE VIRTUAL TABLE ticket_text USING fts5(head, public, internal);
ALTER TABLE history ADD COLUMN at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX history_by_time ON history (at, seq);
CREATE TABLE saved_views (id TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID;
)sql",
    // v5: reports (R1) read each history entry's field from a column, not
    // from its record, and start from checkpoints: the open tickets per
    // group before an instant, dropped when history before it is appended.
    R"sql(
ALTER TABLE history ADD COLUMN field TEXT NOT NULL DEFAULT '';
UPDATE history SET field = json_extract(record, '$.field') /* migration: once */;
CREATE TABLE report_checkpoints (key TEXT NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (key, at)) WITHOUT ROWID;
CREATE INDEX report_checkpoints_by_time ON report_checkpoints (at);
)sql",
    // v6: the open tickets (every state category but resolved, 4) in each
    // order: the inbox's first page walks one of these up to its limit
    // instead of sorting every open ticket (bench/query_page).
    R"sql(
CREATE INDEX tickets_open_by_created ON tickets (created_at, id) WHERE state_category < 4;
CREATE INDEX tickets_open_by_updated ON tickets (updated_at, id) WHERE state_category < 4;
CREATE INDEX tickets_open_by_priority ON tickets (priority_rank, id) WHERE state_category < 4;
CREATE INDEX tickets_open_by_sla_due ON tickets (sla_due_at, id) WHERE state_category < 4;
)sql",
    // v7: facts about the whole file that let a query take a faster plan.
    // While tickets in number order are in creation order (created_at, id),
    // a search newest first walks the full-text index by rowid
    // (ticket_query_sql.cpp); ticket_rows.cpp clears the fact for good when
    // a ticket breaks it.
    R"sql(
CREATE TABLE store_facts (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO store_facts SELECT 'created_in_number_order', NOT EXISTS (
  SELECT 1 FROM (SELECT number, lag(number) OVER (ORDER BY created_at, id) AS before FROM tickets)
  WHERE before > number) /* migration: once */;
)sql",
    // v8: contacts and teammates are separate namespaces, so an outbox
    // entry's recipient is the pair (audience, recipient), and its index
    // serves the pair. Entries stored without an audience get the one their
    // kind always had (audience_of): teammates hear of service levels, due
    // dates and rules.
    R"sql(
ALTER TABLE outbox ADD COLUMN audience INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET audience = 1 WHERE coalesce(json_extract(record, '$.audience'),
  CASE WHEN json_extract(record, '$.kind') IN ('sla_at_risk', 'sla_breached', 'follow_up_due',
    'action_required_due', 'rule_notice') THEN 'teammate' END) = 'teammate' /* migration: once */;
DROP INDEX outbox_by_recipient;
CREATE INDEX outbox_by_recipient ON outbox (audience, recipient, id);
)sql",
    // v9: the library hands every store the words of a ticket and of its
    // parts (docs/storage.md, "Stored forms and keys"); the text rows hold them joined by
    // spaces, and the 'ascii' tokenizer splits them back exactly (it folds
    // ASCII only and keeps every byte >= 0x80 in a word, as the library
    // does). refill_text fills the new table.
    R"sql(
DROP TABLE ticket_text;
CREATE VIRTUAL TABLE ticket_text USING fts5(head, public, internal, tokenize = 'ascii');
)sql",
    // v10: records by kind, kept whole without a shape the file knows (the
    // directory, the stored configuration), and the lookup keys the
    // library derives for them: an entry's keys by their own primary key
    // (a lookup and its pages in id order), by entry (to replace them), and
    // at most one entry per unique key of a kind.
    R"sql(
CREATE TABLE entries (kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, record TEXT NOT NULL,
  PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE TABLE entry_keys (kind TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL,
  uniq INTEGER NOT NULL, PRIMARY KEY (kind, name, value, id)) WITHOUT ROWID;
CREATE INDEX entry_keys_of_entry ON entry_keys (kind, id);
CREATE UNIQUE INDEX entry_keys_unique ON entry_keys (kind, name, value) WHERE uniq;
)sql",
    // v11: each part keeps the keys it was appended with (its audience and
    // words), so that rewriting one part (erasure, D2) can rebuild its
    // ticket's text from the others' without deriving anything.
    // fill_part_keys fills them for the parts already there.
    R"sql(
ALTER TABLE parts ADD COLUMN audience INTEGER NOT NULL DEFAULT 0;
ALTER TABLE parts ADD COLUMN words TEXT NOT NULL DEFAULT '';
)sql",
};

int user_version(connection& db) {
  auto s = db.prepare("PRAGMA user_version");
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

}  // namespace

int current_schema_version() { return static_cast<int>(migrations.size()); }

void migrate(connection& db) {
  db.exec("BEGIN IMMEDIATE");
  try {
    int version = user_version(db);
    if (version > current_schema_version())
      throw error(errc::storage, "desk file '" + db.path() + "' has schema version " + std::to_string(version) +
                                     ", newer than this ticketcore's " + std::to_string(current_schema_version()) +
                                     "; open it with a newer ticketcore");
    if (version == 0) {
      auto tables = db.prepare("SELECT count(*) FROM sqlite_schema");
      if (tables.step() && tables.integer(0) > 0)
        throw error(errc::storage, "'" + db.path() + "' is an SQLite file but not a ticketcore desk file");
    }
    for (int v = version; v < current_schema_version(); ++v) {
      db.exec(migrations[static_cast<std::size_t>(v)]);
      if (v + 1 == 4) backfill_query_columns(db);
      if (v + 1 == 9) refill_text(db);
      if (v + 1 == 11) fill_part_keys(db);
      db.exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    }
    db.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace ticketcore::detail::sqlite
