// Delivering the outbox (N5): at least once, with exponential backoff, and
// never again once a success is recorded. The notifier is called outside any
// transaction; each outcome is then recorded in a unit of work of its own,
// so a crash re-sends at most the entry in flight (hosts dedupe on its
// idempotency key).
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/notification.hpp>

namespace ticketcore::detail {

// Hands `entry` to `n`. An exception from the notifier counts as a
// retryable failure, so this never throws.
delivery_result attempt_delivery(notifier& n, const notification& entry);

// Records `outcome` on the outbox entry `id`: one more attempt; delivered;
// failed for good when the notifier refused it or the attempts are used up
// (o.max_attempts); else pending again after the backoff. Counts it in
// `tally`. Nothing when the entry is no longer pending (another dispatcher
// recorded it first).
void record_delivery(unit_of_work& uow, const uuid& id, const delivery_result& outcome, const dispatch_options& o,
                     dispatch_result& tally);

// The wait before attempt `attempts` + 1: initial_backoff, doubling per
// attempt, at most max_backoff.
duration backoff(const dispatch_options& o, int attempts);

}  // namespace ticketcore::detail
