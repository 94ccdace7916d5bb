// Lookups over a validated configuration.
#include <ticketcore/config.hpp>
#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) noexcept {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <class T>
const T* find_indexed(const std::vector<T>& items, const std::unordered_map<std::string, std::size_t>& index,
                      std::string_view id) noexcept {
  if (index.empty()) return find_by_id(items, id);
  auto it = index.find(std::string(id));
  return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

const attribute_def* ticket_type::find_attribute(std::string_view key) const noexcept {
  for (const auto& a : attributes)
    if (a.key == key) return &a;
  return nullptr;
}

const ticket_type* config::find_type(std::string_view id) const noexcept { return find_by_id(ticket_types, id); }
const lifecycle* config::find_lifecycle(std::string_view id) const noexcept { return find_by_id(lifecycles, id); }
const team* config::find_team(std::string_view id) const noexcept { return find_by_id(teams, id); }
const company* config::find_company(std::string_view id) const noexcept { return find_by_id(companies, id); }
const brand* config::find_brand(std::string_view id) const noexcept { return find_by_id(brands, id); }

const calendar* config::find_calendar(std::string_view id) const noexcept { return find_by_id(calendars, id); }

const business_hours* config::hours_of(std::string_view calendar_id) const noexcept {
  auto it = business_hours_.find(calendar_id);
  return it == business_hours_.end() ? nullptr : &it->second;
}

const sla_policy* config::find_sla_policy(std::string_view id) const noexcept {
  return find_by_id(sla_policies, id);
}

const sla_clock* sla_state::find(sla_target t) const noexcept {
  for (const auto& c : clocks)
    if (c.target == t) return &c;
  return nullptr;
}

sla_clock* sla_state::find(sla_target t) noexcept {
  for (auto& c : clocks)
    if (c.target == t) return &c;
  return nullptr;
}

const contact* config::find_contact(std::string_view id) const noexcept {
  return find_indexed(contacts, contact_index_, id);
}

const teammate* config::find_teammate(std::string_view id) const noexcept {
  return find_indexed(teammates, teammate_index_, id);
}

int config::priority_rank(std::string_view p) const noexcept {
  auto it = std::find(priorities.begin(), priorities.end(), p);
  return it == priorities.end() ? 0 : static_cast<int>(it - priorities.begin());
}

bool config::has_priority(std::string_view p) const noexcept {
  return std::find(priorities.begin(), priorities.end(), p) != priorities.end();
}

const lifecycle& config::lifecycle_of(const ticket_type& t) const {
  std::string_view id = t.lifecycle.empty() ? to_string(t.category) : std::string_view(t.lifecycle);
  if (const lifecycle* l = find_lifecycle(id)) return *l;
  throw error(errc::internal, "ticket type '" + t.id + "' names unknown lifecycle '" + std::string(id) + "'");
}

}  // namespace ticketcore
