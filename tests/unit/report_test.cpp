// Reports (R1): every figure checked against one computed independently by
// the test from what it did (a plain model of its own actions), over a
// desk built across several days on the manual clock.
#define BOOST_TEST_MODULE report
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <ticketcore/storage_wrapper.hpp>

#include <map>
#include <random>

using namespace testing;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

std::int64_t secs(tc::duration d) { return std::chrono::duration_cast<std::chrono::seconds>(d).count(); }

// Nearest rank, as docs/reporting.md defines it, written the long way.
std::optional<std::int64_t> percentile(std::vector<std::int64_t> v, double p) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  std::size_t rank = 1;
  while (double(rank) < p * double(v.size())) ++rank;
  return v[rank - 1];
}

// What the test did, as it did it.
struct fact {
  enum kind { created, resolved, reopened, first_response, rating } what;
  tc::time_point at;
  tc::uuid ticket;
  std::string group;  // the ticket's value of the grouped attribute then
  std::int64_t value = 0;  // seconds, or the score
};

struct model_ticket {
  tc::uuid id;
  std::string contact, priority, team, assignee;
  tc::time_point created_at, cycle_start;
  bool open = true, replied = false;
};

const std::vector<std::string> priorities{"low", "normal", "high", "urgent"};
const std::vector<std::string> teams{"", "support", "finance"};
const std::vector<std::string> assignees{"", "tom", "fay"};
const std::vector<std::string> contacts{"a", "b", "c", "d"};

// A desk driven through five days of random work, with its model.
struct busy_desk : desk_fixture {
  std::vector<model_ticket> tickets;
  std::vector<fact> facts;
  // The group value of a ticket as the model knows it, per grouping.
  std::map<std::string, std::function<std::string(const model_ticket&)>> groups{
      {"none", [](const model_ticket&) { return std::string(); }},
      {"priority", [](const model_ticket& t) { return t.priority; }},
      {"team", [](const model_ticket& t) { return t.team; }},
      {"assignee", [](const model_ticket& t) { return t.assignee; }},
      {"type", [](const model_ticket&) { return std::string("bug_report"); }},
      {"channel", [](const model_ticket&) { return std::string("api"); }},
      {"brand", [](const model_ticket&) { return std::string(); }}};
  std::vector<std::map<std::string, std::string>> group_at;  // per fact: grouping -> value

  std::map<std::string, std::string> values(const model_ticket& t) {
    std::map<std::string, std::string> g;
    for (auto& [name, f] : groups) g[name] = f(t);
    return g;
  }
  void note(fact::kind k, const model_ticket& t, std::int64_t value = 0) {
    facts.push_back({k, clock->now(), t.id, "", value});
    group_at.push_back(values(t));
  }

  void run(unsigned seed, int steps) {
    std::mt19937 rng(seed);
    auto pick = [&](const auto& v) { return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)]; };
    for (int i = 0; i < steps; ++i) {
      clock->advance(minutes(std::uniform_int_distribution<int>(5, 170)(rng)));
      const int action = std::uniform_int_distribution<int>(0, 9)(rng);
      std::vector<model_ticket*> open, closed;
      for (auto& t : tickets) (t.open ? open : closed).push_back(&t);
      if (action <= 2 || tickets.empty()) {
        model_ticket t;
        t.contact = pick(contacts);
        t.priority = pick(priorities);
        t.team = pick(teams);
        t.assignee = pick(assignees);
        auto nt = customer_ticket(t.contact);
        nt.priority = t.priority;
        nt.team = t.team;
        nt.assignee = t.assignee;
        t.id = desk->create_ticket(tom, nt).ticket.id;
        t.created_at = t.cycle_start = clock->now();
        tickets.push_back(t);
        changes[t.id].push_back({clock->now(), values(t)});
        note(fact::created, t);
      } else if (action == 3 && !open.empty()) {
        model_ticket& t = *pick(open);
        desk->reply(tom, t.id, "Looking into it");
        if (!t.replied) note(fact::first_response, t, secs(clock->now() - t.created_at));
        t.replied = true;
      } else if (action == 4 && !open.empty()) {
        model_ticket& t = *pick(open);
        desk->set_state(tom, t.id, "resolved");
        t.open = false;
        note(fact::resolved, t, secs(clock->now() - t.cycle_start));
      } else if (action == 5 && !closed.empty()) {
        model_ticket& t = *pick(closed);
        desk->set_state(tom, t.id, "in_progress");
        t.open = true;
        t.cycle_start = clock->now();
        note(fact::reopened, t);
      } else if (action == 6 && !tickets.empty()) {
        model_ticket& t = tickets[std::uniform_int_distribution<std::size_t>(0, tickets.size() - 1)(rng)];
        tc::ticket_changes ch;
        t.assignee = pick(assignees);
        t.team = pick(teams);
        t.priority = pick(priorities);
        ch.assignee = t.assignee;
        ch.team = t.team;
        ch.priority = t.priority;
        desk->update_ticket(tom, t.id, ch);
        changes[t.id].push_back({clock->now(), values(t)});
      } else if (action == 7 && !closed.empty()) {
        model_ticket& t = *pick(closed);
        int score = std::uniform_int_distribution<int>(1, 5)(rng);
        desk->rate(tc::actor::contact(t.contact), t.id, score, "thanks, \"great\"");
        note(fact::rating, t, score);
      }
    }
  }

  // The expected report, by plain loops over the facts.
  boost::json::object expected(tc::time_point from, tc::time_point to, const std::string& grouping,
                               const std::vector<std::pair<std::string, tc::time_point>>& day_ends) {
    std::map<std::string, boost::json::object> rows;
    std::map<std::string, std::vector<std::int64_t>> first, resolution;
    std::map<std::string, std::map<tc::uuid, int>> ratings;  // last per ticket
    std::set<std::string> seen;
    auto in = [&](const fact& f) { return f.at >= from && f.at < to; };
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const fact& f = facts[i];
      const std::string& g = group_at[i].at(grouping);
      seen.insert(g);
      if (!in(f)) continue;
      auto& r = rows[g];
      auto bump = [&](const char* k) { r[k] = (r.contains(k) ? r[k].as_int64() : 0) + 1; };
      switch (f.what) {
        case fact::created: bump("created"); break;
        case fact::resolved: bump("resolved"); resolution[g].push_back(f.value); break;
        case fact::reopened: bump("reopened"); break;
        case fact::first_response: first[g].push_back(f.value); break;
        case fact::rating:
          for (auto& [_, m] : ratings) m.erase(f.ticket);
          ratings[g][f.ticket] = static_cast<int>(f.value);
          break;
      }
    }
    // Backlog: for each day end, walk the facts before it.
    std::map<std::string, std::vector<std::int64_t>> backlog;
    for (std::size_t d = 0; d < day_ends.size(); ++d) {
      std::map<tc::uuid, std::pair<bool, std::string>> state;  // open, group
      for (std::size_t i = 0; i < facts.size() && facts[i].at < day_ends[d].second; ++i) {
        const fact& f = facts[i];
        if (f.what == fact::created || f.what == fact::reopened) state[f.ticket] = {true, ""};
        if (f.what == fact::resolved) state[f.ticket].first = false;
      }
      // The group when the day ends: the model's value as of the last change before then.
      for (auto& [id, s] : state) {
        if (!s.first) continue;
        backlog[group_as_of(id, day_ends[d].second, grouping)].resize(day_ends.size());
        ++backlog[group_as_of(id, day_ends[d].second, grouping)][d];
      }
    }
    for (const auto& [g, _] : backlog) seen.insert(g);
    boost::json::object out;
    for (const auto& g : seen) {
      auto& r = rows[g];
      boost::json::object e;
      e["created"] = r.contains("created") ? r["created"].as_int64() : 0;
      e["resolved"] = r.contains("resolved") ? r["resolved"].as_int64() : 0;
      e["reopened"] = r.contains("reopened") ? r["reopened"].as_int64() : 0;
      e["first_response"] = boost::json::array{static_cast<std::int64_t>(first[g].size()), opt(percentile(first[g], .5)),
                                               opt(percentile(first[g], .9))};
      e["resolution"] = boost::json::array{static_cast<std::int64_t>(resolution[g].size()),
                                           opt(percentile(resolution[g], .5)), opt(percentile(resolution[g], .9))};
      boost::json::array dist{0, 0, 0, 0, 0};
      for (auto& [_, s] : ratings[g]) dist[static_cast<std::size_t>(s - 1)] = dist[static_cast<std::size_t>(s - 1)].as_int64() + 1;
      e["csat"] = dist;
      boost::json::array b;
      for (std::size_t d = 0; d < day_ends.size(); ++d)
        b.push_back(backlog.count(g) ? backlog[g][d] : 0);
      e["backlog"] = b;
      // A group with nothing to show has no row.
      bool empty = e["created"] == 0 && e["resolved"] == 0 && e["reopened"] == 0 && first[g].empty() &&
                   ratings[g].empty() && std::all_of(b.begin(), b.end(), [](auto& v) { return v == 0; });
      if (!empty || grouping == "none") out[g] = e;
    }
    return out;
  }

  static boost::json::value opt(std::optional<std::int64_t> v) { return v ? boost::json::value(*v) : nullptr; }

  // Group changes are not facts of their own; the model replays them from history-free bookkeeping.
  std::map<tc::uuid, std::vector<std::pair<tc::time_point, std::map<std::string, std::string>>>> changes;
  std::string group_as_of(const tc::uuid& id, tc::time_point at, const std::string& grouping) {
    std::string value;
    for (auto& [when, g] : changes[id])
      if (when < at) value = g.at(grouping);
    return value;
  }
};

// The report's rows reduced to the expected form.
boost::json::object actual(const tc::report& r) {
  boost::json::object out;
  for (const auto& row : r.rows) {
    boost::json::object e;
    e["created"] = row.created;
    e["resolved"] = row.resolved;
    e["reopened"] = row.reopened;
    auto stats = [](const tc::duration_stats& s) {
      return boost::json::array{static_cast<std::int64_t>(s.count), busy_desk::opt(s.median), busy_desk::opt(s.p90)};
    };
    e["first_response"] = stats(row.first_response);
    e["resolution"] = stats(row.resolution);
    boost::json::array dist;
    for (auto n : row.csat.distribution) dist.push_back(n);
    e["csat"] = dist;
    boost::json::array b;
    for (const auto& p : row.backlog) b.push_back(p.open);
    e["backlog"] = b;
    out[row.group] = e;
  }
  return out;
}

}  // namespace

namespace {

tc::report_request period(tc::time_point from, tc::time_point to, tc::report_group g = tc::report_group::none) {
  tc::report_request r;
  r.from = from;
  r.to = to;
  r.group_by = g;
  return r;
}

// The UTC midnights that end each day of [from, to), capped at `to`.
std::vector<std::pair<std::string, tc::time_point>> utc_days(tc::time_point from, tc::time_point to) {
  std::vector<std::pair<std::string, tc::time_point>> out;
  auto day = std::chrono::floor<std::chrono::days>(from);
  for (; day < to; day += std::chrono::days(1)) {
    auto end = std::min<tc::time_point>(day + std::chrono::days(1), to);
    out.push_back({tc::format_time(day).substr(0, 10), end});
  }
  return out;
}

std::string json_of(const tc::report& r) { return boost::json::serialize(tc::to_json(r)); }

}  // namespace

BOOST_AUTO_TEST_CASE(R1_every_grouping_matches_figures_computed_from_what_the_test_did) {
  busy_desk f;
  f.run(7, 160);  // about two weeks of work
  const tc::time_point from = t0() + hours(39), to = f.clock->now() - hours(20);
  for (tc::report_group g : {tc::report_group::none, tc::report_group::priority, tc::report_group::team,
                             tc::report_group::assignee, tc::report_group::type, tc::report_group::channel,
                             tc::report_group::brand}) {
    BOOST_TEST_CONTEXT("group_by " << tc::to_string(g)) {
      auto r = f.desk->report(f.tom, period(from, to, g));
      auto want = f.expected(from, to, tc::to_string(g), utc_days(from, to));
      BOOST_TEST(boost::json::serialize(actual(r)) == boost::json::serialize(want));
      // The total is every group together.
      std::size_t created = 0;
      for (const auto& row : r.rows) created += row.created;
      BOOST_TEST(r.total.created == created);
    }
  }
  // The totals are checked whole for the ungrouped report.
  auto none = f.desk->report(f.tom, period(from, to));
  BOOST_TEST(json_of(none).find("\"group\":\"\"") != std::string::npos);
  BOOST_TEST(none.rows.size() == 1u);
  BOOST_TEST(boost::json::serialize(tc::to_json(none).as_object()["total"].as_object()["created"]) ==
             std::to_string(none.rows[0].created));
}

BOOST_AUTO_TEST_CASE(R1_a_report_for_a_past_period_does_not_change_when_tickets_change_later) {
  busy_desk f;
  f.run(11, 80);
  const tc::time_point from = t0(), to = f.clock->now();
  const tc::time_point middle = from + hours(40);  // reports from here start from a checkpoint
  std::vector<std::string> before;
  for (auto g : {tc::report_group::none, tc::report_group::team, tc::report_group::assignee,
                 tc::report_group::priority})
    for (tc::time_point start : {from, middle, middle})
      before.push_back(json_of(f.desk->report(f.tom, period(start, to, g))));
  // Today: reassign, retag, rename, reopen and resolve, rate again, new tickets.
  f.clock->advance(hours(30));
  for (auto& t : f.tickets) {
    tc::ticket_changes ch;
    ch.assignee = "fay";
    ch.team = "finance";
    ch.priority = "urgent";
    ch.title = "Renamed";
    ch.add_tags = {"later"};
    f.desk->update_ticket(f.tom, t.id, ch);
    if (!t.open) f.desk->set_state(f.tom, t.id, "in_progress");
    else f.desk->set_state(f.tom, t.id, "resolved");
    f.desk->reply(f.tom, t.id, "Late answer");
  }
  f.desk->create_ticket(f.tom, f.customer_ticket("a"));
  std::vector<std::string> after;
  for (auto g : {tc::report_group::none, tc::report_group::team, tc::report_group::assignee,
                 tc::report_group::priority})
    for (tc::time_point start : {from, middle, middle})
      after.push_back(json_of(f.desk->report(f.tom, period(start, to, g))));
  BOOST_TEST(before == after, boost::test_tools::per_element());
}

namespace {

// The store without report checkpoints, as a backend that lacks them: its
// reports replay history from the first entry, which defines the figures.
class no_checkpoints : public tc::transaction_wrapper {
 public:
  using tc::transaction_wrapper::transaction_wrapper;
  std::optional<tc::report_checkpoint> latest_checkpoint(const std::string&, tc::time_point) override {
    throw tc::error(tc::errc::not_supported, "no checkpoints here");
  }
  std::uint64_t history_mark() override { throw tc::error(tc::errc::not_supported, "no checkpoints here"); }
  bool put_checkpoint(const tc::report_checkpoint&, std::uint64_t) override {
    throw tc::error(tc::errc::not_supported, "no checkpoints here");
  }
};

struct without_checkpoints : tc::storage_wrapper {
  using tc::storage_wrapper::storage_wrapper;
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access) override {
    return std::make_unique<no_checkpoints>(std::move(t));
  }
};

// A second desk on the same store and clock that never uses checkpoints.
std::unique_ptr<tc::desk> replaying_desk(desk_fixture& f) {
  tc::desk_options o;
  o.storage = std::make_shared<without_checkpoints>(f.store);
  o.clock = f.clock;
  o.config = tc::parse_config(std::string_view(scenario_config));
  return std::make_unique<tc::desk>(std::move(o));
}

}  // namespace

// Every report that starts from a checkpoint (left by an earlier report)
// equals the one replayed from the desk's first entry, for every grouping
// and category, whatever day the period starts on.
BOOST_AUTO_TEST_CASE(R1_a_report_from_a_checkpoint_equals_one_replayed_from_the_first_entry) {
  busy_desk f;
  f.run(5, 160);
  f.desk->create_conversation(f.tom, {"a", tc::channel::chat, "acme", "", "Hello"});
  auto replaying = replaying_desk(f);
  const tc::time_point to = f.clock->now();
  int compared = 0;
  for (tc::time_point from = t0() - hours(30); from < to; from += hours(17)) {
    for (tc::report_group g : {tc::report_group::none, tc::report_group::team, tc::report_group::assignee,
                               tc::report_group::priority, tc::report_group::type}) {
      for (std::optional<tc::category> c : {std::optional<tc::category>(), std::optional(tc::category::customer),
                                            std::optional(tc::category::back_office)}) {
        auto r = period(from, to, g);
        r.category = c;
        r.time_zone = "Europe/Berlin";
        BOOST_TEST_CONTEXT("from " << tc::format_time(from) << " group_by " << tc::to_string(g)) {
          const std::string want = json_of(replaying->report(f.tom, r));
          BOOST_TEST(json_of(f.desk->report(f.tom, r)) == want);  // leaves a checkpoint
          BOOST_TEST(json_of(f.desk->report(f.tom, r)) == want);  // starts from it
          ++compared;
        }
      }
    }
  }
  BOOST_TEST(compared > 50);
}

// History appended with a time before a checkpoint (a clock set back)
// drops the checkpoint: reports still equal the full replay.
BOOST_AUTO_TEST_CASE(R1_a_checkpoint_is_dropped_when_history_before_it_is_appended) {
  busy_desk f;
  f.run(9, 120);
  auto replaying = replaying_desk(f);
  const tc::time_point to = f.clock->now(), from = t0() + hours(60);
  auto same = [&](const char* when) {
    for (tc::report_group g : {tc::report_group::none, tc::report_group::team, tc::report_group::assignee}) {
      BOOST_TEST_CONTEXT(when << ", group_by " << tc::to_string(g)) {
        const std::string want = json_of(replaying->report(f.tom, period(from, to, g)));
        BOOST_TEST(json_of(f.desk->report(f.tom, period(from, to, g))) == want);
        BOOST_TEST(json_of(f.desk->report(f.tom, period(from, to, g))) == want);
      }
    }
  };
  same("before");
  const std::string before = json_of(f.desk->report(f.tom, period(from, to, tc::report_group::team)));
  // Back to a day before the checkpoints: reassign and resolve there.
  f.clock->set(from - hours(30));
  for (std::size_t i = 0; i < f.tickets.size(); i += 3) {
    if (f.tickets[i].created_at >= f.clock->now()) continue;
    tc::ticket_changes ch;
    ch.team = "finance";
    f.desk->update_ticket(f.tom, f.tickets[i].id, ch);
    if (f.tickets[i].open) f.desk->set_state(f.tom, f.tickets[i].id, "resolved");
  }
  f.clock->set(to);
  same("after");
  BOOST_TEST(json_of(f.desk->report(f.tom, period(from, to, tc::report_group::team))) != before);
}

BOOST_AUTO_TEST_CASE(R1_backlog_is_counted_at_the_end_of_each_local_day) {
  desk_fixture f;
  // Berlin is UTC+1 in November: a ticket at 23:30 UTC on the 23rd is on the 24th in Berlin.
  f.clock->set(tc::parse_time("2026-11-23T10:00:00Z"));
  auto one = f.desk->create_ticket(f.tom, f.customer_ticket("a")).ticket.id;
  f.clock->set(tc::parse_time("2026-11-23T23:30:00Z"));
  f.desk->create_ticket(f.tom, f.customer_ticket("b"));
  f.clock->set(tc::parse_time("2026-11-24T12:00:00Z"));
  f.desk->set_state(f.tom, one, "resolved");
  auto r = period(tc::parse_time("2026-11-22T23:00:00Z"), tc::parse_time("2026-11-25T23:00:00Z"));
  r.time_zone = "Europe/Berlin";
  auto rep = f.desk->report(f.tom, r);
  BOOST_REQUIRE(rep.total.backlog.size() == 3u);
  BOOST_TEST(rep.total.backlog[0].day == "2026-11-23");
  BOOST_TEST(rep.total.backlog[0].open == 1u);  // the second ticket came after Berlin's midnight
  BOOST_TEST(rep.total.backlog[1].day == "2026-11-24");
  BOOST_TEST(rep.total.backlog[1].open == 1u);
  BOOST_TEST(rep.total.backlog[2].open == 1u);
  r.time_zone = "UTC";
  auto utc = f.desk->report(f.tom, r);
  BOOST_REQUIRE(utc.total.backlog.size() == 4u);  // 22nd (from 23:00), 23rd, 24th, 25th (to 23:00)
  BOOST_TEST(utc.total.backlog[0].open == 0u);
  BOOST_TEST(utc.total.backlog[1].open == 2u);
  BOOST_TEST(utc.total.backlog[2].open == 1u);
}

namespace {

tc::config with(const char* calendars, const char* policies) {
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["calendars"] = boost::json::parse(calendars);
  doc["sla_policies"] = boost::json::parse(policies);
  return tc::parse_config(boost::json::value(doc));
}

const char* berlin_office = R"([{"id": "berlin", "time_zone": "Europe/Berlin", "periods": [
  {"weekday": "monday", "start": "09:00", "end": "17:00"}, {"weekday": "tuesday", "start": "09:00", "end": "17:00"},
  {"weekday": "wednesday", "start": "09:00", "end": "17:00"}, {"weekday": "thursday", "start": "09:00", "end": "17:00"},
  {"weekday": "friday", "start": "09:00", "end": "17:00"}]}])";

}  // namespace

BOOST_AUTO_TEST_CASE(R1_first_response_and_resolution_count_business_time_on_the_policys_calendar) {
  desk_fixture f;
  f.desk->configure(with(berlin_office, R"([
    {"id": "office", "calendar": "berlin", "conditions": {"priorities": ["normal"]}, "targets": {"first_response": 600}},
    {"id": "around", "conditions": {"priorities": ["high"]}, "targets": {"first_response": 600}}])"));
  // Friday 2026-11-27 15:00 Berlin (14:00 UTC); answered Monday 10:00 Berlin: 2 h + 1 h of business time.
  f.clock->set(tc::parse_time("2026-11-27T14:00:00Z"));
  auto office = f.desk->create_ticket(f.tom, f.customer_ticket("a")).ticket.id;
  auto urgent_nt = f.customer_ticket("b");
  urgent_nt.priority = "high";
  auto around = f.desk->create_ticket(f.tom, urgent_nt).ticket.id;
  f.clock->set(tc::parse_time("2026-11-30T09:00:00Z"));
  f.desk->reply(f.tom, office, "Hello");
  f.desk->reply(f.tom, around, "Hello");  // no calendar: 67 elapsed hours
  f.desk->set_state(f.tom, office, "resolved");
  auto rep = f.desk->report(f.tom, period(tc::parse_time("2026-11-27T00:00:00Z"), tc::parse_time("2026-12-01T00:00:00Z"),
                                          tc::report_group::priority));
  BOOST_REQUIRE(rep.rows.size() == 2u);
  BOOST_TEST(rep.rows[0].group == "high");
  BOOST_TEST(*rep.rows[0].first_response.median == 67 * 3600);
  BOOST_TEST(rep.rows[1].group == "normal");
  BOOST_TEST(*rep.rows[1].first_response.median == 3 * 3600);
  BOOST_TEST(*rep.rows[1].resolution.median == 3 * 3600);
  BOOST_TEST(*rep.total.first_response.p90 == 67 * 3600);  // nearest rank of 2 values at 90%: the second
  BOOST_TEST(*rep.total.first_response.median == 3 * 3600);  // at 50%: the first
}

BOOST_AUTO_TEST_CASE(R1_sla_compliance_counts_each_cycle_once_when_it_is_decided) {
  desk_fixture f;
  f.desk->configure(with("[]", R"([{"id": "std", "targets": {"first_response": 60, "resolution": 240}}])"));
  auto make = [&] { return f.desk->create_ticket(f.tom, f.customer_ticket("a")).ticket.id; };
  auto in_time = make(), late_unticked = make(), breached = make();
  f.clock->advance(minutes(30));
  f.desk->reply(f.tom, in_time, "Quick");  // first response met
  f.clock->advance(minutes(60));
  f.desk->reply(f.tom, late_unticked, "Late");  // met after the target, no breach raised: missed
  f.desk->tick();                               // the third ticket's first response is breached: missed
  f.clock->advance(minutes(10));
  f.desk->reply(f.tom, breached, "Later");  // already counted when it was breached
  f.desk->set_state(f.tom, in_time, "resolved");  // resolution met in 100 min
  auto rep = f.desk->report(f.tom, period(t0(), t0() + hours(24)));
  BOOST_TEST(rep.total.sla.at("first_response").met == 1u);
  BOOST_TEST(rep.total.sla.at("first_response").missed == 2u);
  BOOST_TEST(*rep.total.sla.at("first_response").rate() == 1.0 / 3.0);
  BOOST_TEST(rep.total.sla.at("resolution").met == 1u);
  BOOST_TEST(rep.total.sla.at("resolution").missed == 0u);
  // A period that ends before the breach sees only the in-time answer.
  auto early = f.desk->report(f.tom, period(t0(), t0() + minutes(31)));
  BOOST_TEST(early.total.sla.at("first_response").met == 1u);
  BOOST_TEST(early.total.sla.at("first_response").missed == 0u);
}

BOOST_AUTO_TEST_CASE(R1_csat_counts_the_last_rating_of_each_ticket_with_its_share_of_4_and_5) {
  desk_fixture f;
  std::vector<tc::uuid> ids;
  for (const char* c : {"a", "b", "c", "d"}) {
    ids.push_back(f.desk->create_ticket(f.tom, f.customer_ticket(c)).ticket.id);
    f.desk->set_state(f.tom, ids.back(), "resolved");
  }
  f.clock->advance(hours(1));
  f.desk->rate(f.ann, ids[0], 2, "slow");
  f.desk->rate(f.ann, ids[0], 5, "fixed after all");  // replaces the 2
  f.desk->rate(f.bob, ids[1], 4);
  f.desk->rate(f.cat, ids[2], 1, "no");
  auto rep = f.desk->report(f.tom, period(t0(), t0() + hours(2)));
  const auto& c = rep.total.csat;
  BOOST_TEST(c.count == 3u);
  BOOST_TEST((c.distribution == std::array<std::size_t, 5>{1, 0, 0, 1, 1}));
  BOOST_TEST(*c.average == 10.0 / 3.0);
  BOOST_TEST(*c.satisfied_share == 2.0 / 3.0);
  auto before = f.desk->report(f.tom, period(t0(), t0() + minutes(30)));
  BOOST_TEST(before.total.csat.count == 0u);
  BOOST_TEST(!before.total.csat.average.has_value());
}

BOOST_AUTO_TEST_CASE(R1_csv_has_a_header_a_line_per_group_and_quotes_what_needs_it) {
  desk_fixture f;
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["teams"].as_array().push_back({{"id", "north, \"east\""}, {"name", "North"}});
  f.desk->configure(tc::parse_config(boost::json::value(doc)));
  auto nt = f.customer_ticket("a");
  nt.team = "north, \"east\"";
  f.desk->create_ticket(f.tom, nt);
  f.desk->create_ticket(f.tom, f.customer_ticket("b"));
  auto rep = f.desk->report(f.tom, period(t0(), t0() + hours(1), tc::report_group::team));
  const std::string csv = tc::to_csv(rep);
  std::vector<std::string> lines;
  for (std::size_t at = 0, next; (next = csv.find("\r\n", at)) != std::string::npos; at = next + 2)
    lines.push_back(csv.substr(at, next - at));
  BOOST_REQUIRE(lines.size() == 4u);  // header, "", the quoted team, total
  BOOST_TEST(lines[0].rfind("team,created,resolved,reopened,first_response_count,", 0) == 0u);
  BOOST_TEST(lines[0].find(",backlog_2026-11-23") != std::string::npos);
  BOOST_TEST(lines[1].rfind(",1,0,0,", 0) == 0u);
  BOOST_TEST(lines[2].rfind("\"north, \"\"east\"\"\",1,0,0,", 0) == 0u);
  BOOST_TEST(lines[3].rfind("(total),2,0,0,", 0) == 0u);
  BOOST_TEST(lines[3].substr(lines[3].rfind(',')) == ",2");  // the backlog at the end of the day
}

BOOST_AUTO_TEST_CASE(V4_contacts_may_not_read_reports) {
  desk_fixture f;
  auto c = attempt([&] { f.desk->report(f.ann, period(t0(), t0() + hours(1))); });
  BOOST_TEST((c.kind == tc::errc::forbidden));
}

BOOST_AUTO_TEST_CASE(R1_bad_requests_get_named_errors) {
  desk_fixture f;
  auto empty = attempt([&] { f.desk->report(f.tom, period(t0(), t0())); });
  BOOST_TEST((empty.kind == tc::errc::invalid_argument));
  BOOST_TEST(has(empty.fields, "to"));
  auto zone = period(t0(), t0() + hours(1));
  zone.time_zone = "Mars/Olympus";
  auto bad_zone = attempt([&] { f.desk->report(f.tom, zone); });
  BOOST_TEST((bad_zone.kind == tc::errc::invalid_argument));
  BOOST_TEST(bad_zone.message.find("Mars/Olympus") != std::string::npos);
  auto group = attempt([&] {
    tc::report_request_from_json(boost::json::parse(R"({"from": "2026-11-23T00:00:00Z", "to": "2026-11-24T00:00:00Z",
                                                        "group_by": "colour"})"));
  });
  BOOST_TEST((group.kind == tc::errc::invalid_argument));
  BOOST_TEST(has(group.fields, "group_by"));
  auto unknown = attempt([&] { tc::report_request_from_json(boost::json::parse(R"({"from": "x", "to": "y", "by": 1})")); });
  BOOST_TEST(has(unknown.fields, "by"));
  auto missing = attempt([&] { tc::report_request_from_json(boost::json::parse(R"({"to": "2026-11-24T00:00:00Z"})")); });
  BOOST_TEST(has(missing.fields, "from"));
  auto ok = tc::report_request_from_json(boost::json::parse(
      R"({"from": "2026-11-23T00:00:00Z", "to": "2026-11-24T00:00:00Z", "group_by": "team", "time_zone": "Europe/Berlin", "category": "customer"})"));
  BOOST_TEST((ok.group_by == tc::report_group::team));
  BOOST_TEST(boost::json::serialize(tc::to_json(ok)) ==
             R"({"from":"2026-11-23T00:00:00.000Z","to":"2026-11-24T00:00:00.000Z","group_by":"team","time_zone":"Europe/Berlin","category":"customer"})");
}

BOOST_AUTO_TEST_CASE(R1_reading_a_report_changes_nothing) {
  busy_desk f;
  f.run(3, 40);
  const std::string before = snapshot(*f.desk);
  f.desk->report(f.tom, period(t0(), f.clock->now(), tc::report_group::team));
  BOOST_TEST(snapshot(*f.desk) == before);
}
