// Merging a ticket into another of its category (M1).
#pragma once

#include "kernel/unit_of_work.hpp"

#include <optional>

namespace ticketcore::detail {

// M1: merges `source_ref` (at `expected_source_version`, if given) into
// `target_ref` as uow.who: copies the timeline, moves the links, resolves
// the source with a merged_into link and tells its contact once. Returns
// the target as stored after the merge.
ticket merge(unit_of_work& uow, const ticket_ref& source_ref, const ticket_ref& target_ref,
             std::optional<std::uint64_t> expected_source_version);

}  // namespace ticketcore::detail
