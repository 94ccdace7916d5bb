#include "domain/report/checkpoints.hpp"
#include "domain/report/builder.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <chrono>

namespace ticketcore::detail::report {
namespace {

// What a checkpoint of this request counts: its grouping and category.
std::string checkpoint_key(const report_request& r) {
  return std::string("report.open/v1/") + to_string(r.group_by) + "/" +
         (r.category ? to_string(*r.category) : "any");
}

open_counts counts_of(const boost::json::value& data) {
  open_counts out;
  const auto* o = data.if_object();
  const auto* open = o ? o->if_contains("open") : nullptr;
  if (open && open->is_object())
    for (const auto& [value, n] : open->get_object())
      if (n.is_int64()) out[std::string(value)] = n.get_int64();
  return out;
}

boost::json::value data_of(const open_counts& counts) {
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

report_read read_report(unit_of_work& uow, const report_request& r, std::vector<day_end> days) {
  const std::string key = checkpoint_key(r);
  // The backlog and each ticket's group at the start of the period come
  // from before it: from the latest checkpoint, else the first entry.
  std::optional<report_checkpoint> from;
  std::uint64_t mark = 0;
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
  builder b(r, std::move(days), start, from ? counts_of(from->data) : open_counts{}, snapshot_at);
  const auto fields = fields_read(r.group_by);
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
  report_read out{b.finish(), std::nullopt};
  if (snapshot_at) out.next = checkpoint_to_leave{{key, *snapshot_at, data_of(b.snapshot())}, mark};
  return out;
}

void leave_checkpoint(storage& s, const checkpoint_to_leave& next) {
  try {
    auto tx = s.begin(access::write);
    if (tx->put_checkpoint(next.checkpoint, next.mark)) tx->commit();
  } catch (const error&) {
  }
}

}  // namespace ticketcore::detail::report
