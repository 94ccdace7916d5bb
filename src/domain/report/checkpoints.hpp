// Reports read from checkpoints (R1, docs/reporting.md). A report's backlog
// and each ticket's group at the start of its period come from the history
// before it; a checkpoint keeps the open tickets per group at an instant, so
// a report over a late period reads only the history since the latest one.
// Where the store keeps no checkpoints, a report reads from the first entry.
#pragma once

#include "domain/report/days.hpp"
#include "kernel/unit_of_work.hpp"

#include <ticketcore/report.hpp>
#include <ticketcore/storage.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace ticketcore::detail::report {

// A checkpoint a report leaves behind for the next one, and the mark of the
// history it was counted from (transaction::history_mark).
struct checkpoint_to_leave {
  report_checkpoint checkpoint;
  std::uint64_t mark = 0;
};

struct report_read {
  ticketcore::report result;
  std::optional<checkpoint_to_leave> next;
};

// The report of `r` over its local `days`, streamed from history in the
// caller's unit of work: from the latest checkpoint before the period where
// the store keeps them, else from the first entry. Where the store keeps
// them, `next` is a checkpoint at the last UTC midnight at or before the
// period (and before now, so the history before it is settled).
report_read read_report(unit_of_work& uow, const report_request& r, std::vector<day_end> days);

// Stores `next` in a write transaction of its own. A checkpoint only saves
// later reports time: one that cannot be stored (a writer came first, the
// disk is full) is left for a later report, and nothing fails.
void leave_checkpoint(storage& s, const checkpoint_to_leave& next);

}  // namespace ticketcore::detail::report
