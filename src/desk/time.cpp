// The Desk's time calls (S1, S2, A1): the time checked, then what came due
// and the policies re-applied, in batches of one unit of work each.
#include "desk/desk_impl.hpp"
#include "domain/automation/due.hpp"
#include "domain/sla/service_levels.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {
namespace {

constexpr std::size_t batch_size = 100;  // tickets per unit of work in tick() and apply_sla_policies()

}  // namespace

std::size_t desk::tick(std::optional<time_point> at) {
  if (at) detail::check_time(*at, "now");
  const time_point now = at ? *at : detail::clock_reading(*impl_->clock_);
  std::size_t raised = 0;
  for (std::size_t taken = batch_size; taken == batch_size;)
    taken = impl_->write(op::tick, actor::system(), [&](detail::unit_of_work& uow) {
      return detail::automation::raise_due_batch(uow, now, batch_size, raised);
    });
  return raised;
}

std::optional<time_point> desk::next_due() const {
  return impl_->read(op::next_due, actor::system(), [&](detail::unit_of_work& uow) -> std::optional<time_point> {
    auto first = uow.tx.due_tickets(parse_time("9999-12-31T23:59:59Z"), 1);
    return first.empty() ? std::nullopt : first.front().next_due_at;
  });
}

std::size_t desk::apply_sla_policies(const actor& who) {
  std::size_t changed = 0;
  for (state_category open : {state_category::submitted, state_category::in_progress,
                              state_category::waiting_on_customer, state_category::on_hold}) {
    ticket_filter f;
    f.state_category = open;
    f.limit = batch_size;
    for (std::size_t taken = batch_size; taken == batch_size;)
      taken = impl_->write(op::apply_sla_policies, who, [&](detail::unit_of_work& uow) {
        return detail::reapply_policies_page(uow, f, changed);
      });
  }
  return changed;
}

}  // namespace ticketcore
