// Reports at the Desk (R1): who may ask, what is a valid period, and the
// one streaming read of history that every figure comes from.
#include "desk/desk_impl.hpp"
#include "report/builder.hpp"
#include "report/days.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {

report desk::report(const actor& who, const report_request& r) const {
  if (r.to <= r.from)
    throw error(errc::invalid_argument, "the report period is empty: 'to' (" + format_time(r.to) +
                                            ") must come after 'from' (" + format_time(r.from) + ")",
                {"to"});
  if (!parse_report_group(to_string(r.group_by)))
    throw error(errc::invalid_argument, "group_by is not one of none, type, team, assignee, priority, channel, brand",
                {"group_by"});
  auto days = detail::report::days_of(r.from, r.to, r.time_zone);
  return impl_->read(who, [&](detail::unit_of_work& uow) {
    // V4: contacts never see figures about other people's tickets.
    uow.require_staff("read reports");
    detail::report::builder b(r, std::move(days));
    // From the desk's first entry: the backlog and the group of each
    // ticket at the start of the period come from before it.
    history_scan scan{time_point::min(), r.to, detail::report::fields_read(r.group_by)};
    uow.tx.scan_history(scan, [&](const history_entry& h) {
      b.add(h);
      return true;
    });
    return b.finish();
  });
}

}  // namespace ticketcore
