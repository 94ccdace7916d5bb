// Folds history entries, oldest first, into a report (R1). Knows nothing of
// storage: the Desk streams entries in (transaction::scan_history), so the
// same code serves every backend, and tests can feed it directly.
#pragma once

#include "report/days.hpp"

#include <ticketcore/records.hpp>
#include <ticketcore/report.hpp>

#include <boost/functional/hash.hpp>
#include <boost/uuid/uuid_hash.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ticketcore::detail::report {

// The history fields a report reads for `group`: the facts of
// src/desk/report_facts.hpp, "created", "rating", SLA events, and the
// grouping field's changes.
std::vector<std::string> fields_read(report_group group);

class builder {
 public:
  builder(const report_request& r, std::vector<day_end> days);

  // Requires: entries arrive in time order, every entry before request.to,
  // from the first entry of the desk's history on (the backlog needs it).
  void add(const history_entry& h);
  ticketcore::report finish();

 private:
  struct tracked {
    std::uint32_t group = 0;
    bool open = true;
  };
  struct totals {
    std::size_t created = 0, resolved = 0, reopened = 0;
    std::int64_t open = 0;              // now, as the scan goes
    std::vector<std::size_t> backlog;  // per day, filled as days end
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
  totals& of(std::uint32_t group);
  void close_days_before(time_point at);
  bool in_period(const history_entry& h) const { return h.at >= request_.from; }

  void created(const history_entry& h);
  void regrouped(const history_entry& h);
  void resolution(const history_entry& h, tracked& t);
  void service_level(const history_entry& h, tracked& t);

  report_request request_;
  std::vector<day_end> days_;
  std::size_t days_closed_ = 0;
  std::vector<std::string> names_;  // interned group values
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<totals> groups_;
  std::unordered_map<uuid, tracked, boost::hash<uuid>> tickets_;
  std::unordered_set<cycle_key, cycle_hash> breached_;  // counted as missed, not met yet
  // The last rating per ticket given in the period, and its group then.
  std::unordered_map<uuid, std::pair<std::uint32_t, int>, boost::hash<uuid>> ratings_;
};

}  // namespace ticketcore::detail::report
