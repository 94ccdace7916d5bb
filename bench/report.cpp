// Reporting over a large desk file (R1): desk::report grouped by team over
// the last 30 days of a 90-day history of N tickets, beside a plain SQL
// aggregate over the same history rows (count per month) in the same run.
// Prints `name value unit baseline ratio`: the ratio says how many plain
// passes over the history the report costs. Measured twice: the first
// report replays history from the desk's first entry (checkpoints left by
// earlier runs are deleted first) and leaves a checkpoint at the start of
// its period; the second starts from that checkpoint.
//
// Usage: report [N=1000000] [dir=.]   The file is kept in `dir` and reused.
#include "desk_file.hpp"

#include <ticketcore/ticketcore.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace tc = ticketcore;
using std::chrono::hours;
using std::chrono::minutes;

namespace {

const char* configuration = R"({
  "priorities": ["low", "normal", "high"], "default_priority": "normal",
  "contacts": [{"id": "ann", "name": "Ann"}],
  "teams": [{"id": "north", "name": "North"}, {"id": "south", "name": "South"}, {"id": "east", "name": "East"}],
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "question", "name": "Question", "category": "customer"}]
})";

const tc::time_point start = tc::parse_time("2026-01-01T00:00:00Z");

tc::history_entry entry(const tc::uuid& subject, tc::time_point at, const char* field, boost::json::value v) {
  tc::history_entry h;
  h.id = tc::new_id();
  h.subject = subject;
  h.actor = tc::actor::teammate("tom");
  h.at = at;
  h.field = field;
  h.new_value = std::move(v);
  return h;
}

// N tickets created over 90 days, each with the history a desk writes for
// it: created; a first response; resolution for 80%; a rating for a third
// of those; a team change for a tenth. Written through the storage contract.
void build(const std::string& path, std::size_t n) {
  std::mt19937 rng(1);
  const char* teams[] = {"north", "south", "east"};
  const auto spread = std::chrono::duration_cast<tc::duration>(hours(24 * 90)) / static_cast<long>(n);
  bench::build_desk_file(path, n, [&](tc::transaction& t, tc::stored_ticket& k, std::size_t done) {
    k.title = "Question " + std::to_string(k.number);
    k.state = "submitted";
    k.priority = "normal";
    k.contact = "ann";
    k.team = teams[rng() % 3];
    k.created_at = k.updated_at = start + spread * static_cast<long>(done);
    t.insert_ticket(k, bench::keys_of(k));
    const tc::time_point c = k.created_at;
    t.append_history(entry(k.id, c, "created",
                           {{"type", k.type}, {"title", k.title}, {"state", k.state}, {"number", k.number},
                            {"category", "customer"}, {"priority", k.priority}, {"team", k.team},
                            {"assignee", ""}, {"brand", ""}, {"channel", "api"}}));
    const auto answer = minutes(5 + rng() % 600);
    t.append_history(entry(k.id, c + answer, "first_response", {{"seconds", answer.count() * 60}, {"calendar", ""}}));
    if (rng() % 10 == 0) t.append_history(entry(k.id, c + answer, "team", boost::json::string(teams[rng() % 3])));
    if (rng() % 5 == 0) return;  // still open
    const auto solve = hours(1 + rng() % 72);
    t.append_history(entry(k.id, c + solve, "resolution",
                           {{"event", "resolved"}, {"cycle", 1}, {"seconds", solve.count() * 3600}, {"calendar", ""}}));
    if (rng() % 3 == 0)
      t.append_history(entry(k.id, c + solve + hours(2), "rating", {{"score", 1 + rng() % 5}, {"comment", ""}}));
  });
}

template <class F>
double timed_ms(F&& f) {
  auto begin = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
}

// What earlier runs left behind: the first report measured starts cold.
void delete_checkpoints(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK ||
      sqlite3_exec(db, "DELETE FROM report_checkpoints", nullptr, nullptr, nullptr) != SQLITE_OK)
    std::fprintf(stderr, "cannot delete the checkpoints of %s\n", path.c_str()), std::exit(1);
  sqlite3_close(db);
}

// The baseline: one pass over every history row in SQL, counted by month.
double plain_aggregate_ms(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) std::exit(1);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT strftime('%Y-%m', at / 1000, 'unixepoch') AS month, count(*) FROM history "
                     "GROUP BY month",
                     -1, &st, nullptr);
  double ms = timed_ms([&] {
    while (sqlite3_step(st) == SQLITE_ROW) {}
  });
  sqlite3_finalize(st);
  sqlite3_close(db);
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::stoul(argv[1]) : 1000000;
  std::string dir = argc > 2 ? argv[2] : ".";
  std::string path = dir + "/bench-report-" + std::to_string(n) + ".desk";
  double build_ms = timed_ms([&] { build(path, n); });
  tc::desk_options options;
  options.storage = tc::open_sqlite_store(path);
  options.config = tc::parse_config(std::string_view(configuration));
  tc::desk desk(std::move(options));  // opening brings the file to the current schema
  delete_checkpoints(path);
  tc::report_request r;
  r.from = start + hours(24 * 60);
  r.to = start + hours(24 * 90);
  r.group_by = tc::report_group::team;
  plain_aggregate_ms(path);  // warm the page cache for both
  double base = plain_aggregate_ms(path);
  tc::report out, again;
  double ms = timed_ms([&] { out = desk.report(tc::actor::system(), r); });
  if (out.total.created == 0) std::fprintf(stderr, "the report saw no tickets\n"), std::exit(1);
  double from_checkpoint = timed_ms([&] { again = desk.report(tc::actor::system(), r); });
  if (tc::to_json(again) != tc::to_json(out)) std::fprintf(stderr, "the reports differ\n"), std::exit(1);
  std::printf("report_%zu_team_30_days_ms %.1f ms %.1f %.2f\n", n, ms, base, ms / base);
  std::printf("report_%zu_team_30_days_from_checkpoint_ms %.1f ms %.1f %.2f\n", n, from_checkpoint, base,
              from_checkpoint / base);
  std::printf("report_%zu_created_in_period %zu tickets\n", n, out.total.created);
  if (build_ms > 1000) std::printf("report_%zu_build_ms %.0f ms\n", n, build_ms);
}
