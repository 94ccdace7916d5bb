// Tickets as rows: the record as JSON beside the columns its indexes serve
// (Desk lookups and every query filter and order, Q1), its tags, and its
// full-text row (rowid = the ticket's number; columns head, public, internal).
#pragma once

#include "store/sqlite/connection.hpp"

#include <ticketcore/records.hpp>

#include <set>
#include <string>

namespace ticketcore::detail::sqlite {

void insert_ticket_row(connection& db, const ticket& t);

// What a ticket's side rows (tags, full-text head) hold, as the
// transaction last read or wrote them.
struct side_rows {
  std::set<std::string> tags;
  std::string title, description;
  static side_rows of(const ticket& t) { return {t.tags, t.title, t.description}; }
};

// Writes version t.version over t.version - 1; false when no such row.
// With `before` (the side rows as stored), tags and the full-text head are
// written only where they differ; without it they are read and compared.
bool update_ticket_row(connection& db, const ticket& t, const side_rows* before = nullptr);
// Adds a part's text to its ticket's full-text row (parts of conversations
// and parts that are no text are left out).
void index_part_text(connection& db, const part& p);

// Schema v4: fills the new columns, tags and full-text rows of every ticket
// already in the file (once, while migrating).
void backfill_query_columns(connection& db);

}  // namespace ticketcore::detail::sqlite
