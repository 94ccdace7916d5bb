// Lifecycles: the state machine a ticket type follows (L1-L4).
#pragma once

#include <ticketcore/export.hpp>

#include <boost/describe/enum.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ticketcore {

// The five categories every state belongs to (L1). Propagation (P5), SLAs
// and queries reason about categories, never about state names.
enum class state_category { submitted, in_progress, waiting_on_customer, on_hold, resolved };
BOOST_DESCRIBE_ENUM(state_category, submitted, in_progress, waiting_on_customer, on_hold, resolved)

TICKETCORE_API const char* to_string(state_category c) noexcept;
TICKETCORE_API std::optional<state_category> parse_state_category(std::string_view text) noexcept;

// One state. `label` is internal: contacts see only the stage (L4).
struct TICKETCORE_API state {
  std::string key;
  std::string label;
  state_category category = state_category::submitted;
  int stage = 1;  // customer stage 1-4, used by customer tickets
};

// A named state machine. An empty `transitions` list means any state may move
// to any other (L2 default); otherwise only the listed (from, to) pairs.
struct TICKETCORE_API lifecycle {
  std::string id;
  std::vector<state> states;  // the first is the initial state
  std::vector<std::pair<std::string, std::string>> transitions;
  std::vector<std::string> stage_labels = {"Reviewing", "In progress", "Active", "Completed"};

  const state* find(std::string_view key) const noexcept;
  const state& initial() const { return states.front(); }
  bool allows(std::string_view from, std::string_view to) const noexcept;
  // The first state of the given category, if any (P5 mapping).
  const state* first_of(state_category c) const noexcept;
  // The customer-facing label of a stage (1-4).
  const std::string& stage_label(int stage) const;
};

// The defaults of L3, with ids "customer", "back_office" and "tracker".
TICKETCORE_API lifecycle default_customer_lifecycle();
TICKETCORE_API lifecycle default_back_office_lifecycle();
TICKETCORE_API lifecycle default_tracker_lifecycle();

}  // namespace ticketcore
