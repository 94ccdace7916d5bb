// History (H1) and reports (R1) at the Desk: who may ask, what is a valid
// period; the report is read from history in src/domain/report, and the
// checkpoint it leaves behind is stored after the read.
#include "desk/desk_impl.hpp"
#include "domain/links/linking.hpp"
#include "domain/report/checkpoints.hpp"
#include "domain/report/days.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {

report desk::report(const actor& who, const report_request& r) const {
  check_may_run(op::report, who.kind);  // U1, before the request is read
  if (r.to <= r.from)
    throw error(errc::invalid_argument, "the report period is empty: 'to' (" + format_time(r.to) +
                                            ") must come after 'from' (" + format_time(r.from) + ")",
                {"to"});
  if (!parse_report_group(to_string(r.group_by)))
    throw error(errc::invalid_argument, "group_by is not one of none, type, team, assignee, priority, channel, brand",
                {"group_by"});
  auto days = detail::report::days_of(r.from, r.to, r.time_zone);
  auto out = impl_->read(op::report, who, [&](detail::unit_of_work& uow) {
    return detail::report::read_report(uow, r, std::move(days));
  });
  if (out.next) detail::report::leave_checkpoint(*impl_->storage_, *out.next);
  return std::move(out.result);
}

std::vector<history_entry> desk::history(const actor& who, const uuid& id) const {
  return impl_->read(op::history, who, [&](detail::unit_of_work& uow) {
    detail::resolve(uow, id);
    return uow.tx.history_of(id);
  });
}

}  // namespace ticketcore
