// Record identifiers: time-ordered UUIDs (RFC 9562 version 7 layout).
#pragma once

#include <ticketcore/export.hpp>

#include <boost/uuid/uuid.hpp>

#include <string>
#include <string_view>

namespace ticketcore {

using uuid = boost::uuids::uuid;

// A new version-7 UUID: 48 bits of Unix milliseconds, then a counter and
// random bits. Ids made by one process sort in creation order, which keeps
// B-tree indexes append-mostly. Thread-safe.
TICKETCORE_API uuid new_id();

// Canonical lower-case text form, 36 characters.
TICKETCORE_API std::string to_string(const uuid& id);

// Parses the canonical form. Throws error(invalid_argument) naming `what`.
TICKETCORE_API uuid parse_id(std::string_view text, std::string_view what = "id");

}  // namespace ticketcore
