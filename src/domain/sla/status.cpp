// Where a ticket stands on its service level, read off its clocks (Q1).
#include <ticketcore/sla.hpp>

namespace ticketcore {

sla_status status_of(const sla_state& s) noexcept {
  if (s.clocks.empty()) return sla_status::none;
  sla_status worst = sla_status::met;
  for (const sla_clock& k : s.clocks) {
    if (k.met_at) continue;
    if (k.breached) return sla_status::breached;
    if (k.at_risk) worst = sla_status::at_risk;
    else if (worst == sla_status::met) worst = sla_status::on_track;
  }
  return worst;
}

std::optional<time_point> next_sla_due(const sla_state& s) noexcept {
  std::optional<time_point> next;
  for (const sla_clock& k : s.clocks)
    if (!k.met_at && k.running_since && k.due_at && (!next || *k.due_at < *next)) next = k.due_at;
  return next;
}

}  // namespace ticketcore
