// Records by kind as rows (storage.hpp: get_entry, put_entry,
// find_entries): `entries` holds each record's JSON by (kind, id) with its
// version, `entry_keys` its lookup keys by (kind, name, value, id), with a
// unique index over the unique ones (schema v10). Text columns compare as
// bytes (SQLite's BINARY collation), the order the contract asks for.
#pragma once

#include "store/sqlite/connection.hpp"

#include <ticketcore/storage_types.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ticketcore::detail::sqlite {

std::optional<stored_entry> get_entry_row(connection& db, const std::string& kind, const std::string& id);
void put_entry_row(connection& db, const stored_entry& e, const std::vector<entry_key>& keys);
std::vector<stored_entry> find_entry_rows(connection& db, const entry_filter& f);

}  // namespace ticketcore::detail::sqlite
