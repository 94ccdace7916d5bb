// History (H1) and reports (R1) at the Desk. Reports: who may ask, what is a
// valid period, and the streaming read of history that every figure comes
// from. A report starts from the latest checkpoint before its period where
// the store keeps them (docs/reporting.md), and leaves one behind at the last
// UTC midnight before its period for the next report to start from.
#include "desk/desk_impl.hpp"
#include "domain/report/builder.hpp"
#include "domain/report/days.hpp"
#include "domain/links/linking.hpp"

#include <ticketcore/error.hpp>

#include <chrono>

namespace ticketcore {
namespace {

// What a checkpoint of this request counts: its grouping and category.
std::string checkpoint_key(const report_request& r) {
  return std::string("report.open/v1/") + to_string(r.group_by) + "/" +
         (r.category ? to_string(*r.category) : "any");
}

detail::report::open_counts counts_of(const boost::json::value& data) {
  detail::report::open_counts out;
  const auto* o = data.if_object();
  const auto* open = o ? o->if_contains("open") : nullptr;
  if (open && open->is_object())
    for (const auto& [value, n] : open->get_object())
      if (n.is_int64()) out[std::string(value)] = n.get_int64();
  return out;
}

boost::json::value data_of(const detail::report::open_counts& counts) {
  boost::json::object open;
  for (const auto& [value, n] : counts) open[value] = n;
  return {{"open", std::move(open)}};
}

// Runs a store call that a store may not support; false when it does not.
template <class F>
bool supported(F&& f) {
  try {
    f();
    return true;
  } catch (const error& e) {
    if (e.kind() != errc::not_supported) throw;
    return false;
  }
}

}  // namespace

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
  const std::string key = checkpoint_key(r);
  std::optional<report_checkpoint> next;  // the checkpoint this report leaves behind
  std::uint64_t mark = 0;
  auto out = impl_->read(op::report, who, [&](detail::unit_of_work& uow) {
    // The backlog and each ticket's group at the start of the period come
    // from before it: from the latest checkpoint, else the first entry.
    std::optional<report_checkpoint> from;
    const bool checkpoints = supported([&] {
      from = uow.tx.latest_checkpoint(key, r.from);
      mark = uow.tx.history_mark();
    });
    const time_point start = from ? from->at : time_point::min();
    // The last UTC midnight at or before the period and before now: entries
    // are appended at now, so history before it is settled.
    std::optional<time_point> snapshot_at;
    if (const time_point settled = std::min(r.from, uow.now); checkpoints && settled > time_point{}) {
      const time_point midnight = std::chrono::floor<std::chrono::days>(settled);
      if (midnight > start) snapshot_at = midnight;
    }
    detail::report::builder b(r, std::move(days), start, from ? counts_of(from->data) : detail::report::open_counts{},
                              snapshot_at);
    const auto fields = detail::report::fields_read(r.group_by);
    uow.tx.scan_history({start, r.to, fields, std::nullopt, history_members::facts}, [&](const history_entry& h) {
      b.add(h);
      return true;
    });
    // Tickets created before the checkpoint and touched since: what each
    // was at the checkpoint, from its own entries.
    for (const uuid& subject : b.held_back()) {
      uow.tx.scan_history({time_point::min(), start, fields, subject, history_members::facts},
                          [&](const history_entry& h) {
                            b.recall(h);
                            return true;
                          });
      b.replay(subject);
    }
    auto result = b.finish();
    if (snapshot_at) next = report_checkpoint{key, *snapshot_at, data_of(b.snapshot())};
    return result;
  });
  // A checkpoint only saves later reports time: one that cannot be stored
  // (a writer came first, the disk is full) is left for a later report.
  if (next) {
    try {
      auto tx = impl_->storage_->begin(access::write);
      if (tx->put_checkpoint(*next, mark)) tx->commit();
    } catch (const error&) {
    }
  }
  return out;
}

std::vector<history_entry> desk::history(const actor& who, const uuid& id) const {
  return impl_->read(op::history, who, [&](detail::unit_of_work& uow) {
    detail::resolve(uow, id);
    return uow.tx.history_of(id);
  });
}

}  // namespace ticketcore
