// What every store checks of records by kind (storage.hpp, get_entry,
// put_entry, find_entries) before it reads or writes, worded once, so the
// memory and SQLite stores fail alike and a failed write changes nothing.
#pragma once

#include <ticketcore/storage_types.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ticketcore::detail {

// Whether `e` may be written over what is stored: version 1 inserts and
// needs no stored entry (else errc::conflict), version n > 1 needs the
// stored one at n - 1 (errc::not_found when there is none, errc::conflict
// when it is at another version, X1). Version 0 and an empty kind or id
// are errc::invalid_argument.
void check_entry_write(const stored_entry& e, std::optional<std::uint64_t> stored_version);

// errc::conflict for a unique key another entry of `kind` holds:
// "a contact already has email ann@example.com".
[[noreturn]] void fail_key_taken(const std::string& kind, const entry_key& key);

// errc::invalid_argument for a filter without a kind, or with a key name
// and no value (or a value and no name).
void check_entry_filter(const entry_filter& f);

// Whether a filter asks for the entries holding a key.
inline bool by_key(const entry_filter& f) { return f.key_name.has_value(); }

}  // namespace ticketcore::detail
