// Tickets as rows: the stored record as JSON beside the columns its indexes
// serve (Desk lookups and every query filter and order, Q1), its tags, and
// its full-text row (rowid = the ticket's number; columns head, public,
// internal, each the library's words joined by spaces, which the 'ascii'
// tokenizer splits back exactly: docs/storage.md, "Stored forms and keys").
#pragma once

#include "store/sqlite/connection.hpp"

#include <ticketcore/storage_types.hpp>

#include <cstdint>
#include <limits>
#include <optional>

namespace ticketcore::detail::sqlite {

// The columns a ticket's keys are written to.
struct key_columns {
  std::int64_t priority_rank = 0;
  std::int64_t sla_status = 0;
  std::int64_t sla_due_at = std::numeric_limits<std::int64_t>::max();  // none sorts last
  std::optional<std::int64_t> due_at;
};
key_columns columns_of(const ticket_keys& k);

// A ticket as its row holds it, which an update compares with.
struct ticket_row {
  stored_ticket record;
  key_columns keys;
};

// The key columns of a SELECT, from column `first` on: priority_rank,
// sla_status, sla_due_at, due_at (key_columns_sql lists them).
inline constexpr const char* key_columns_sql = "priority_rank, sla_status, sla_due_at, due_at";
key_columns read_key_columns(const statement& st, int first);

void insert_ticket_row(connection& db, const stored_ticket& t, const ticket_keys& keys);

// Writes version t.version over t.version - 1; false when no such row.
// With `before` (the row as stored, which the caller knows), only the
// columns, tags and full-text head that differ from it are written;
// without it every column is, and tags and text are read and compared.
bool update_ticket_row(connection& db, const stored_ticket& t, const ticket_keys& keys,
                       const ticket_row* before = nullptr);
// Adds a part's words to its ticket's full-text row (parts of
// conversations and parts that are no text have none).
void index_part_text(connection& db, const uuid& owner, const part_keys& keys);
// Writes a part's row (new, or over the one with its id: false when its
// owner has none), with the keys it is stored with (schema v11).
void insert_part_row(connection& db, const part& p, const part_keys& keys);
bool rewrite_part_row(connection& db, const part& p, const part_keys& keys);
// Rebuilds the public and internal text of `owner`'s full-text row from
// the words its parts are stored with (a part was rewritten, D2).
void reindex_parts_text(connection& db, const uuid& owner);

// Schema v4: fills the new columns, tags and full-text rows of every ticket
// already in the file (once, while migrating).
void backfill_query_columns(connection& db);
// Schema v9: fills the full-text rows anew with the library's words.
void refill_text(connection& db);
// Schema v11: stores every part's keys beside it.
void fill_part_keys(connection& db);

}  // namespace ticketcore::detail::sqlite
