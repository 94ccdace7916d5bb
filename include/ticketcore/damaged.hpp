// A stored record that cannot be read back (U3): whatever damaged it (a bug,
// a host's storage adapter, a disk), it fails only the reads that need it,
// and names itself.
#pragma once

#include <ticketcore/export.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ticketcore {

struct TICKETCORE_API damaged_record {
  std::string kind;         // "ticket", "conversation", "link", "part", "history", "view", "file", ...
  std::string id;           // its id as stored; "" when the store cannot tell
  std::int64_t number = 0;  // a ticket's or conversation's human number where the store knows it; 0 otherwise
  std::string problem;      // what is wrong with it, e.g. "its JSON does not parse (...)"
};

// "ticket 0190...(#12): its JSON does not parse (...)": the record, then what is wrong.
TICKETCORE_API std::string describe(const damaged_record& d);

}  // namespace ticketcore
