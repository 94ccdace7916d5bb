// The desk file's schema and its migrations (PRAGMA user_version).
#pragma once

#include "store/sqlite/connection.hpp"

namespace ticketcore::detail::sqlite {

// The schema version this library writes.
int current_schema_version();

// Brings the file to the current schema in one transaction, from whatever
// earlier version it has. Throws error(storage) naming the path when the
// file is newer than this library or holds tables that are not a desk's.
void migrate(connection& db);

}  // namespace ticketcore::detail::sqlite
