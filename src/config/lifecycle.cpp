#include <ticketcore/error.hpp>
#include <ticketcore/lifecycle.hpp>

namespace ticketcore {

const state* lifecycle::find(std::string_view key) const noexcept {
  for (const auto& s : states)
    if (s.key == key) return &s;
  return nullptr;
}

bool lifecycle::allows(std::string_view from, std::string_view to) const noexcept {
  if (transitions.empty()) return find(from) && find(to);
  for (const auto& [a, b] : transitions)
    if (a == from && b == to) return true;
  return false;
}

const state* lifecycle::first_of(state_category c) const noexcept {
  for (const auto& s : states)
    if (s.category == c) return &s;
  return nullptr;
}

const std::string& lifecycle::stage_label(int stage) const {
  if (stage < 1 || stage > static_cast<int>(stage_labels.size()))
    throw error(errc::internal, "lifecycle '" + id + "' has no label for stage " + std::to_string(stage));
  return stage_labels[static_cast<std::size_t>(stage - 1)];
}

lifecycle default_customer_lifecycle() {
  return {"customer",
          {{"submitted", "Submitted", state_category::submitted, 1},
           {"in_progress", "In progress", state_category::in_progress, 2},
           {"waiting_on_customer", "Waiting on customer", state_category::waiting_on_customer, 3},
           {"resolved", "Resolved", state_category::resolved, 4}},
          {}};
}

lifecycle default_back_office_lifecycle() {
  return {"back_office",
          {{"in_progress", "In progress", state_category::in_progress, 2},
           {"waiting_on_customer", "Waiting on customer", state_category::waiting_on_customer, 3},
           {"resolved", "Resolved", state_category::resolved, 4}},
          {}};
}

lifecycle default_tracker_lifecycle() {
  return {"tracker",
          {{"open", "Open", state_category::submitted, 1},
           {"in_progress", "In progress", state_category::in_progress, 2},
           {"done", "Done", state_category::resolved, 4}},
          {}};
}

}  // namespace ticketcore
