// Folds history entries, oldest first, into a report (R1). Knows nothing of
// storage: the Desk streams entries in (transaction::scan_history), so the
// same code serves every backend, and tests can feed it directly.
#pragma once

#include "domain/report/days.hpp"

#include <ticketcore/records.hpp>
#include <ticketcore/report.hpp>

#include <boost/functional/hash.hpp>
#include <boost/uuid/uuid_hash.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ticketcore::detail::report {

// The history fields a report reads for `group`: the facts of
// src/domain/report/facts.hpp, "created", "rating", SLA events, and the
// grouping field's changes.
std::vector<std::string> fields_read(report_group group);

// The open tickets per group value at an instant: what a checkpoint keeps.
using open_counts = std::map<std::string, std::int64_t>;

// Folds history entries into a report (R1). Each ticket's entries must come
// in time order; different tickets may interleave in any order, since the
// backlog is kept as changes per day and summed at the end.
class builder {
 public:
  // `start`: the instant the history fed in begins, and the open tickets
  // per group value then (a checkpoint); time_point::min() and nothing for
  // the desk's first entry. `snapshot_at`, if after `start` and not after
  // request.from: the instant whose open counts snapshot() gives.
  builder(const report_request& r, std::vector<day_end> days, time_point start = time_point::min(),
          const open_counts& open_at_start = {}, std::optional<time_point> snapshot_at = std::nullopt);

  // Requires: every entry at or after `start` and before request.to.
  // Entries of a ticket created before `start` are held back until
  // recall() has told the builder what that ticket was at `start`.
  void add(const history_entry& h);

  // The subjects whose entries add() held back, in id order.
  std::vector<uuid> held_back() const;
  // For each held-back subject: feed its entries before `start` in time
  // order to recall(), then call replay(subject).
  void recall(const history_entry& h);
  void replay(const uuid& subject);

  ticketcore::report finish();
  // The open tickets per group value at snapshot_at (after finish()).
  open_counts snapshot() const;

 private:
  struct tracked {
    std::uint32_t group = 0;
    bool open = true;
  };
  struct totals {
    std::size_t created = 0, resolved = 0, reopened = 0;
    std::int64_t open_at_start = 0;
    std::int64_t open_at_snapshot = 0;
    std::vector<std::int64_t> changes;  // per day: opened minus closed before its end and after the last
    std::vector<std::int64_t> first_response, resolution;
    std::map<std::string, sla_compliance> sla;
  };
  struct cycle_key {
    uuid ticket;
    std::string target;
    std::int64_t cycle;
    bool operator==(const cycle_key&) const = default;
  };
  struct cycle_hash {
    std::size_t operator()(const cycle_key& k) const;
  };

  std::uint32_t intern(const std::string& value);
  totals& of(std::uint32_t group) { return groups_[group]; }
  // One ticket of `group` opened (+1) or closed (-1) at `at`.
  void moved(std::uint32_t group, time_point at, int by);
  bool in_period(const history_entry& h) const { return h.at >= request_.from; }

  void apply(const history_entry& h);
  void created(const history_entry& h);
  void resolution(const history_entry& h, tracked& t);
  void service_level(const history_entry& h, tracked& t);

  report_request request_;
  std::vector<day_end> days_;
  time_point start_;
  std::optional<time_point> snapshot_at_;
  bool recalling_ = false;  // folding a ticket's entries before start_: counts do not move
  std::vector<std::string> names_;  // interned group values
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<totals> groups_;
  std::unordered_map<uuid, tracked, boost::hash<uuid>> tickets_;
  std::unordered_set<uuid, boost::hash<uuid>> ignored_;  // subjects seen and not reported on
  std::unordered_map<uuid, std::vector<history_entry>, boost::hash<uuid>> held_;
  std::unordered_set<cycle_key, cycle_hash> breached_;  // counted as missed, not met yet
  // The last rating per ticket given in the period, and its group then.
  std::unordered_map<uuid, std::pair<std::uint32_t, int>, boost::hash<uuid>> ratings_;
};

}  // namespace ticketcore::detail::report
