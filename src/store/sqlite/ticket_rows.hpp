// Tickets as rows: the record as JSON beside the columns its indexes serve
// (Desk lookups and every query filter and order, Q1), its tags, and its
// full-text row (rowid = the ticket's number; columns head, public, internal).
#pragma once

#include "store/sqlite/connection.hpp"

#include <ticketcore/records.hpp>

namespace ticketcore::detail::sqlite {

void insert_ticket_row(connection& db, const ticket& t);

// Writes version t.version over t.version - 1; false when no such row.
// With `before` (the ticket as stored, which the caller knows), only the
// columns, tags and full-text head that differ from it are written;
// without it every column is, and tags and text are read and compared.
bool update_ticket_row(connection& db, const ticket& t, const ticket* before = nullptr);
// Adds a part's text to its ticket's full-text row (parts of conversations
// and parts that are no text are left out).
void index_part_text(connection& db, const part& p);

// Schema v4: fills the new columns, tags and full-text rows of every ticket
// already in the file (once, while migrating).
void backfill_query_columns(connection& db);

}  // namespace ticketcore::detail::sqlite
