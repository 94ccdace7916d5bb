#include "domain/report/builder.hpp"

#include <algorithm>

namespace ticketcore::detail::report {
namespace {

const char* group_field(report_group g) {
  switch (g) {
    case report_group::team: return "team";
    case report_group::assignee: return "assignee";
    case report_group::priority: return "priority";
    case report_group::brand: return "brand";
    default: return nullptr;  // none, and type and channel, which never change
  }
}

std::string text_of(const boost::json::value* v) { return v && v->is_string() ? std::string(v->get_string()) : ""; }

std::int64_t integer_of(const boost::json::value* v) {
  if (!v) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  return 0;
}

// Nearest rank: the value at rank ceil(p/100 * n), 1-based.
duration_stats stats_of(std::vector<std::int64_t> values) {
  duration_stats s;
  s.count = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  auto at = [&](std::size_t percent) { return values[(percent * values.size() + 99) / 100 - 1]; };
  s.median = at(50);
  s.p90 = at(90);
  return s;
}

// What the builder reads of an entry, in memory of its own: the store's
// entry (and the memory its values use) lives only for the visit.
history_entry kept(const history_entry& h) {
  history_entry k;
  k.subject = h.subject;
  k.at = h.at;
  k.field = h.field;
  k.new_value = boost::json::value(h.new_value, boost::json::storage_ptr());
  return k;
}

}  // namespace

std::vector<std::string> fields_read(report_group group) {
  std::vector<std::string> f{"created",        "resolution",        "first_response",   "rating",
                             "sla.first_response", "sla.next_response", "sla.resolution"};
  if (const char* g = group_field(group)) f.emplace_back(g);
  return f;
}

std::size_t builder::cycle_hash::operator()(const cycle_key& k) const {
  std::size_t h = boost::hash<uuid>()(k.ticket);
  boost::hash_combine(h, k.target);
  boost::hash_combine(h, k.cycle);
  return h;
}

builder::builder(const report_request& r, std::vector<day_end> days, time_point start,
                 const open_counts& open_at_start, std::optional<time_point> snapshot_at)
    : request_(r), days_(std::move(days)), start_(start), snapshot_at_(snapshot_at) {
  for (const auto& [value, n] : open_at_start) {
    auto& g = of(intern(value));
    g.open_at_start = g.open_at_snapshot = n;
  }
}

std::uint32_t builder::intern(const std::string& value) {
  auto [it, added] = ids_.try_emplace(value, static_cast<std::uint32_t>(names_.size()));
  if (added) {
    names_.push_back(value);
    groups_.emplace_back();
    groups_.back().changes.assign(days_.size(), 0);
  }
  return it->second;
}

// A day's backlog is what is open when it ends: every entry before the end
// counts, none at or after it. So a change counts from the first day that
// ends after it on; finish() sums the changes day by day.
void builder::moved(std::uint32_t group, time_point at, int by) {
  if (recalling_) return;  // already in the counts at start_
  totals& g = of(group);
  if (snapshot_at_ && at < *snapshot_at_) g.open_at_snapshot += by;
  auto day = std::upper_bound(days_.begin(), days_.end(), at,
                              [](time_point t, const day_end& d) { return t < d.end; });
  if (day != days_.end()) g.changes[static_cast<std::size_t>(day - days_.begin())] += by;
}

void builder::add(const history_entry& h) {
  if (auto held = held_.find(h.subject); held != held_.end()) return held->second.push_back(kept(h));
  if (h.field != "created" && start_ != time_point::min() && !tickets_.count(h.subject) &&
      !ignored_.count(h.subject))
    return held_[h.subject].push_back(kept(h));  // created before start_: wait for recall()
  apply(h);
}

std::vector<uuid> builder::held_back() const {
  std::vector<uuid> out;
  out.reserve(held_.size());
  for (const auto& [subject, _] : held_) out.push_back(subject);
  std::sort(out.begin(), out.end());  // ids grow with time: neighbours in the store's subject index
  return out;
}

void builder::recall(const history_entry& h) {
  recalling_ = true;
  apply(h);
  recalling_ = false;
}

void builder::replay(const uuid& subject) {
  auto it = held_.find(subject);
  if (it == held_.end()) return;
  std::vector<history_entry> entries = std::move(it->second);
  held_.erase(it);
  for (const auto& h : entries) apply(h);
}

void builder::apply(const history_entry& h) {
  if (h.field == "created") return created(h);
  auto it = tickets_.find(h.subject);
  if (it == tickets_.end()) return;  // a conversation, or a category not reported on
  tracked& t = it->second;
  const auto* o = h.new_value.if_object();
  if (h.field == "resolution") return resolution(h, t);
  if (h.field.rfind("sla.", 0) == 0) return service_level(h, t);
  if (h.field == "first_response") {
    if (in_period(h) && o) of(t.group).first_response.push_back(integer_of(o->if_contains("seconds")));
    return;
  }
  if (h.field == "rating") {
    if (in_period(h) && o) ratings_[h.subject] = {t.group, static_cast<int>(integer_of(o->if_contains("score")))};
    return;
  }
  if (const char* g = group_field(request_.group_by); g && h.field == g) {
    const std::uint32_t next = intern(text_of(&h.new_value));
    if (t.open) moved(t.group, h.at, -1), moved(next, h.at, +1);
    t.group = next;
  }
}

void builder::created(const history_entry& h) {
  const auto* o = h.new_value.if_object();
  const bool reported = o && o->contains("type") &&  // else a conversation's creation
                        (!request_.category || text_of(o->if_contains("category")) == to_string(*request_.category));
  if (!reported) {
    if (start_ != time_point::min()) ignored_.insert(h.subject);
    return;
  }
  // The created entry names each attribute a report groups by (type, team, ...).
  const std::uint32_t g =
      intern(request_.group_by == report_group::none ? "" : text_of(o->if_contains(to_string(request_.group_by))));
  tickets_[h.subject] = tracked{g, true};
  moved(g, h.at, +1);
  if (in_period(h)) ++of(g).created;
}

void builder::resolution(const history_entry& h, tracked& t) {
  const auto* o = h.new_value.if_object();
  const std::string event = o ? text_of(o->if_contains("event")) : "";
  auto& totals = of(t.group);
  if (event == "resolved") {
    if (t.open) moved(t.group, h.at, -1), t.open = false;
    if (!in_period(h)) return;
    ++totals.resolved;
    totals.resolution.push_back(integer_of(o->if_contains("seconds")));
  } else if (event == "reopened") {
    if (!t.open) moved(t.group, h.at, +1), t.open = true;
    if (in_period(h)) ++totals.reopened;
  }
}

// A clock cycle is decided once: missed when it is breached (the tick that
// raised it), met when the answer came in time, missed when it came late
// and no breach was raised before. A row lists the targets decided in the
// period.
void builder::service_level(const history_entry& h, tracked& t) {
  const auto* o = h.new_value.if_object();
  if (!o) return;
  const std::string event = text_of(o->if_contains("event"));
  cycle_key key{h.subject, h.field.substr(4), integer_of(o->if_contains("cycle"))};
  if (event == "breached") {
    breached_.insert(key);
    if (in_period(h)) ++of(t.group).sla[key.target].missed;
  } else if (event == "met") {
    const auto* within = o->if_contains("within");
    const bool ok = within && within->is_bool() && within->get_bool();
    if (breached_.erase(key)) return;  // counted when it was breached
    if (in_period(h)) {
      auto& c = of(t.group).sla[key.target];
      ++(ok ? c.met : c.missed);
    }
  }
}

open_counts builder::snapshot() const {
  open_counts out;
  for (std::size_t g = 0; g < groups_.size(); ++g)
    if (groups_[g].open_at_snapshot) out[names_[g]] = groups_[g].open_at_snapshot;
  return out;
}

ticketcore::report builder::finish() {
  ticketcore::report out;
  out.request = request_;
  std::vector<csat_stats> csat(groups_.size());
  std::vector<long> score_sum(groups_.size(), 0);
  for (const auto& [_, rating] : ratings_) {
    const auto [g, score] = rating;
    if (score < 1 || score > 5) continue;
    ++csat[g].count;
    ++csat[g].distribution[static_cast<std::size_t>(score - 1)];
    score_sum[g] += score;
  }

  // Rows in the order of their group value; the total folds every row in.
  std::vector<std::uint32_t> order(groups_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return names_[a] < names_[b]; });
  report_row& total = out.total;
  total.backlog.resize(days_.size());
  for (std::size_t d = 0; d < days_.size(); ++d) total.backlog[d].day = days_[d].day;
  std::vector<std::int64_t> all_first, all_resolution;
  csat_stats all_csat;
  long all_sum = 0;
  auto finish_csat = [](csat_stats& c, long sum) {
    if (!c.count) return;
    c.average = double(sum) / double(c.count);
    c.satisfied_share = double(c.distribution[3] + c.distribution[4]) / double(c.count);
  };
  for (std::uint32_t g : order) {
    totals& t = groups_[g];
    report_row row;
    row.group = names_[g];
    row.created = t.created;
    row.resolved = t.resolved;
    row.reopened = t.reopened;
    bool any_backlog = false;
    std::int64_t open = t.open_at_start;
    for (std::size_t d = 0; d < days_.size(); ++d) {
      open += t.changes[d];
      const auto backlog = static_cast<std::size_t>(std::max<std::int64_t>(open, 0));
      row.backlog.push_back({days_[d].day, backlog});
      total.backlog[d].open += backlog;
      any_backlog = any_backlog || backlog;
    }
    row.first_response = stats_of(t.first_response);
    row.resolution = stats_of(t.resolution);
    row.sla = t.sla;
    row.csat = csat[g];
    finish_csat(row.csat, score_sum[g]);
    const bool active = row.created || row.resolved || row.reopened || any_backlog || row.first_response.count ||
                        !row.sla.empty() || row.csat.count;
    total.created += row.created;
    total.resolved += row.resolved;
    total.reopened += row.reopened;
    all_first.insert(all_first.end(), t.first_response.begin(), t.first_response.end());
    all_resolution.insert(all_resolution.end(), t.resolution.begin(), t.resolution.end());
    for (const auto& [target, c] : t.sla) total.sla[target].met += c.met, total.sla[target].missed += c.missed;
    all_csat.count += csat[g].count;
    for (std::size_t i = 0; i < 5; ++i) all_csat.distribution[i] += csat[g].distribution[i];
    all_sum += score_sum[g];
    if (active || request_.group_by == report_group::none) out.rows.push_back(std::move(row));
  }
  total.first_response = stats_of(std::move(all_first));
  total.resolution = stats_of(std::move(all_resolution));
  total.csat = all_csat;
  finish_csat(total.csat, all_sum);
  if (out.rows.empty() && request_.group_by == report_group::none) {  // an empty desk still has its one row
    out.rows.push_back(total);
  }
  return out;
}

}  // namespace ticketcore::detail::report
