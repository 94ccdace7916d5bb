// Moving a ticket between states, with what it propagates (L2, N2, P3, P5).
#pragma once

#include "kernel/unit_of_work.hpp"

#include <set>

namespace ticketcore::detail {

// The lifecycle `t` follows (its type's own, or its category's default).
const lifecycle& lifecycle_of(const unit_of_work& uow, const ticket& t);

// Moves `t` to `target` and saves it. For a customer ticket whose stage
// changes, posts a public event and notifies the contact unless they are in
// `notified` (P5: one notification per contact per fan-out). For a
// back-office ticket posts internal events in linked records (P3); for a
// tracker moves linked customer tickets and posts admin messages (P5).
// Requires: the lifecycle allows the move (checked by the caller). `was`:
// the state `t` leaves when its lifecycle no longer has it (a migration),
// for the stage it showed; otherwise found in the lifecycle.
void change_state(unit_of_work& uow, stored_ticket& t, const state& target, std::optional<uuid> cause,
                  std::set<std::string>* notified = nullptr, const state* was = nullptr);

// L2: moves the ticket `ref` (at `expected_version`, if given) to state
// `key` of its lifecycle, if the lifecycle allows it; returns it as saved.
ticket set_state(unit_of_work& uow, const ticket_ref& ref, const std::string& key,
                 std::optional<std::uint64_t> expected_version);

}  // namespace ticketcore::detail
