// A tracker with N linked customer tickets moves to Done, with every
// propagated effect (state changes, history, public events, admin messages,
// notifications), in memory and, given a directory, on an SQLite desk file.
// Baselines, measured in the same run: in memory, the same row work on
// standard containers; on SQLite, the same row writes as hand-written SQL
// with prepared statements in one transaction, same durability (FULL).
// Prints `name value unit baseline ratio`, for the wall clock and (`_cpu`)
// for the CPU time of the calling thread.
//
// Usage: tracker_fanout [N=100000] [dir]   The SQLite desk is built once in
// `dir` (bench-fanout-N.desk) and copied for each run.
#include "harness.hpp"

#include <ticketcore/ticketcore.hpp>

#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace tc = ticketcore;

namespace {

// CPU seconds of this thread (the desk works in the caller's thread): on a
// shared machine the wall clock also counts time spent waiting for a core.
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct timing {
  double wall = 0, cpu = 0;
};

template <class F>
timing timed(F&& f) {
  auto start = std::chrono::steady_clock::now();
  double cpu = cpu_now();
  f();
  return {bench::seconds_since(start), cpu_now() - cpu};
}

void report(const std::string& name, timing t, timing base) {
  std::printf("%s %.4f s %.4f %.2f\n", name.c_str(), t.wall, base.wall, t.wall / base.wall);
  std::printf("%s_cpu %.4f s %.4f %.2f\n", name.c_str(), t.cpu, base.cpu, t.cpu / base.cpu);
}

// The rows the desk writes per linked ticket: update the ticket, one history
// entry, one part, two outbox entries; per conversation one part and one update.
timing baseline(std::size_t n) {
  struct row { std::string state; std::uint64_t version = 1; std::string title = "Export fails"; };
  std::unordered_map<std::size_t, row> tickets, conversations;
  for (std::size_t i = 0; i < n; ++i) tickets[i], conversations[i];
  std::vector<std::string> history, parts, outbox;
  return timed([&] {
  for (std::size_t i = 0; i < n; ++i) {
    row& t = tickets.at(i);
    t.state = "resolved";
    ++t.version;
    history.push_back("state submitted -> resolved " + std::to_string(i));
    parts.push_back("Status changed to Completed");
    outbox.push_back("email " + std::to_string(i));
    outbox.push_back("messenger " + std::to_string(i));
    parts.push_back("Update on the issue you reported: Completed");
    ++conversations.at(i).version;
  }
  });
}

// Kept out of line so a profiler can select the fan-out alone
// (valgrind --tool=callgrind --toggle-collect=*move_tracker_to_done*).
[[gnu::noinline]] tc::ticket_view move_tracker_to_done(tc::desk& desk, const tc::actor& who, const tc::ticket_ref& tracker) {
  return desk.set_state(who, tracker, "done");
}

tc::config make_config(std::size_t n) {
  tc::config c;
  c.ticket_types = {{"bug_report", "Bug report", tc::category::customer, "", {}, false, {}},
                    {"bug", "Bug", tc::category::tracker, "", {}, false, {}}};
  c.teammates = {{"tom", "Tom", "", {}}};
  for (std::size_t i = 0; i < n; ++i) c.contacts.push_back({"c" + std::to_string(i)});
  return c;
}

// A tracker (ticket #1) with n conversations, each converted to a customer
// ticket that follows the tracker (so the conversation follows it too, K2).
tc::uuid populate(tc::desk& desk, std::size_t n) {
  auto tom = tc::actor::teammate("tom");
  tc::new_ticket bug;
  bug.type = "bug";
  bug.title = "Export button dead";
  auto tracker = desk.create_ticket(tom, bug).ticket.id;
  for (std::size_t i = 0; i < n; ++i) {
    std::string who = "c" + std::to_string(i);
    auto conv = desk.create_conversation(tom, {who, tc::channel::chat, "", "Export", "Export fails"});
    tc::new_ticket t;
    t.type = "bug_report";
    auto ticket = desk.convert_conversation(tom, conv.conversation.id, t);
    desk.add_link(tom, ticket.ticket.id, tracker, tc::link_kind::tracker);
  }
  return tracker;
}

void pause_for_profiler() {
  if (std::getenv("TC_BENCH_PAUSE")) {  // lets a profiler attach to the fan-out alone
    std::fprintf(stderr, "ready %d\n", static_cast<int>(getpid()));
    sleep(2);
  }
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(2);
  }
}

void exec(sqlite3* db, const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }

struct stmt {
  sqlite3* db;
  sqlite3_stmt* s = nullptr;
  stmt(sqlite3* d, const char* sql) : db(d) { check(sqlite3_prepare_v2(d, sql, -1, &s, nullptr), d, sql); }
  ~stmt() { sqlite3_finalize(s); }
  stmt& blob(int i, const void* p, int n) { return sqlite3_bind_blob(s, i, p, n, SQLITE_TRANSIENT), *this; }
  stmt& text(int i, const std::string& v) {
    return sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), *this;
  }
  stmt& integer(int i, std::int64_t v) { return sqlite3_bind_int64(s, i, v), *this; }
  bool step() {
    int rc = sqlite3_step(s);
    check(rc, db, sqlite3_sql(s));
    return rc == SQLITE_ROW;
  }
  void run() {
    while (step()) {}
    sqlite3_reset(s);
  }
};

// A JSON text of `size` bytes standing in for an encoded record.
std::string record_text(const std::string& head, std::size_t size) {
  std::string out = "{\"note\":\"" + head;
  if (out.size() + 2 < size) out.append(size - out.size() - 2, 'x');
  return out + "\"}";
}

// The desk's average record sizes in the file, so the baseline writes as many bytes.
std::int64_t average_size(sqlite3* db, const char* table) {
  stmt st(db, (std::string("SELECT avg(length(record)) FROM ") + table).c_str());
  return st.step() ? sqlite3_column_int64(st.s, 0) : 200;
}

// The raw-SQL baseline on a copy of the same desk file (so the same tables,
// indexes and data; WAL, synchronous FULL, one transaction). What the desk
// does per linked customer ticket, statement for statement in rows:
//   desk (src/store/sqlite/, src/domain/lifecycle/state_change.cpp)   baseline
//   links_of(tracker): one SELECT over links_by_to             the same SELECT
//   get_ticket: SELECT record                                  SELECT record
//   update_ticket: UPDATE tickets (JSON record + columns)      UPDATE state, state_category,
//                                                              version, updated_at, record
//   append_history "state", "resolution": INSERT history x2    INSERT history x2
//   post "Status changed": INSERT parts                        INSERT parts
//   notify_contact: INSERT outbox x2 (email, messenger)        INSERT outbox x2
// and per linked conversation: get_conversation (SELECT record), post the
// admin message (INSERT parts), save (UPDATE conversations) - the same three
// in the baseline. Records written have the desk's average sizes in this file.
// The desk also reads the ticket's resolution history (R1 cycle count),
// which the baseline does not.
timing sql_baseline(const std::string& path, std::size_t n) {
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  exec(db, "PRAGMA synchronous = FULL");
  exec(db, "PRAGMA cache_size = -16384");  // the desk's default page cache
  const auto history_size = static_cast<std::size_t>(average_size(db, "history"));
  const auto part_size = static_cast<std::size_t>(average_size(db, "parts"));
  const auto outbox_size = static_cast<std::size_t>(average_size(db, "outbox"));
  timing t = timed([&] {
  exec(db, "BEGIN IMMEDIATE");
  {
    stmt links(db, "SELECT from_id, from_kind FROM links WHERE to_id = (SELECT id FROM tickets WHERE number = 1) "
                   "AND kind = 1");
    stmt get_ticket(db, "SELECT record FROM tickets WHERE id = ?1");
    stmt update_ticket(db, "UPDATE tickets SET state = 'resolved', state_category = 4, version = version + 1, "
                           "updated_at = ?2, record = ?3 WHERE id = ?1");
    stmt add_history(db, "INSERT INTO history (subject, record, at) VALUES (?1, ?2, ?3)");
    stmt add_part(db, "INSERT INTO parts (owner, record) VALUES (?1, ?2)");
    stmt enqueue(db, "INSERT INTO outbox (id, state, next_attempt_at, recipient, ticket, record) "
                     "VALUES (?1, 0, ?2, ?3, ?4, ?5)");
    stmt get_conversation(db, "SELECT record FROM conversations WHERE id = ?1");
    stmt update_conversation(db, "UPDATE conversations SET version = version + 1, record = ?2 WHERE id = ?1");
    std::vector<std::pair<std::string, int>> ends;
    while (links.step())
      ends.emplace_back(std::string(static_cast<const char*>(sqlite3_column_blob(links.s, 0)), 16),
                        sqlite3_column_int(links.s, 1));
    sqlite3_reset(links.s);
    const std::int64_t now = 1800000000000;
    std::int64_t serial = 0;
    auto fresh_id = [&] {
      std::string id(16, 'n');  // 16 bytes, as a UUID blob
      ++serial;
      std::memcpy(id.data(), &serial, sizeof serial);
      return id;
    };
    for (const auto& [id, kind] : ends) {
      if (kind == 0) {  // endpoint_kind::conversation
        get_conversation.blob(1, id.data(), 16);
        std::string record = get_conversation.step()
                                 ? reinterpret_cast<const char*>(sqlite3_column_text(get_conversation.s, 0))
                                 : std::string();
        sqlite3_reset(get_conversation.s);
        add_part.blob(1, id.data(), 16).text(2, record_text("Update on the issue you reported", part_size)).run();
        update_conversation.blob(1, id.data(), 16).text(2, record).run();
        continue;
      }
      get_ticket.blob(1, id.data(), 16);
      std::string record =
          get_ticket.step() ? reinterpret_cast<const char*>(sqlite3_column_text(get_ticket.s, 0)) : std::string();
      sqlite3_reset(get_ticket.s);
      if (auto at = record.find("\"submitted\""); at != std::string::npos) record.replace(at, 11, "\"resolved\"");
      update_ticket.blob(1, id.data(), 16).integer(2, now).text(3, record).run();
      add_history.blob(1, id.data(), 16).text(2, record_text("state", history_size)).integer(3, now).run();
      add_history.blob(1, id.data(), 16).text(2, record_text("resolution", history_size)).integer(3, now).run();
      add_part.blob(1, id.data(), 16).text(2, record_text("Status changed to Completed", part_size)).run();
      for (const char* channel : {"email", "messenger"}) {
        std::string key = fresh_id();
        enqueue.blob(1, key.data(), 16).integer(2, now).text(3, channel).blob(4, id.data(), 16);
        enqueue.text(5, record_text(channel, outbox_size)).run();
      }
    }
    if (ends.size() != 2 * n) std::fprintf(stderr, "baseline saw %zu linked records\n", ends.size()), std::exit(2);
  }
  exec(db, "COMMIT");
  });
  sqlite3_close(db);
  return t;
}

// Builds the desk file once (durability normal: a build of 3N commits
// need not wait for the disk), then times the fan-out on a copy opened
// with the default durability (FULL) beside the baseline on another copy.
void sqlite_figure(std::size_t n, const std::string& dir) {
  namespace fs = std::filesystem;
  const std::string base = dir + "/bench-fanout-" + std::to_string(n);
  if (!fs::exists(base + ".desk")) {
    auto start = std::chrono::steady_clock::now();
    {
      tc::sqlite_options normal;
      normal.durability = tc::durability::normal;
      tc::desk_options o;
      o.config = make_config(n);
      o.storage = tc::open_sqlite_store(base + ".partial", normal);
      tc::desk desk(std::move(o));
      populate(desk, n);
    }  // the last connection closes and checkpoints the WAL
    fs::rename(base + ".partial", base + ".desk");
    std::printf("tracker_fanout_sqlite_%zu_build %.1f s\n", n, bench::seconds_since(start));
  }
  const std::string run = base + ".run.desk", plain = base + ".plain.desk";
  for (const auto& p : {run, plain}) {
    for (const char* tail : {"", "-wal", "-shm"}) fs::remove(p + tail);
    fs::copy_file(base + ".desk", p);
  }
  timing base_s = sql_baseline(plain, n);
  timing fanout;
  {
    tc::desk_options o;
    o.config = make_config(n);
    o.storage = tc::open_sqlite_store(run);  // durability FULL, the default
    tc::desk desk(std::move(o));
    pause_for_profiler();
    tc::ticket_view done;
    fanout = timed([&] { done = move_tracker_to_done(desk, tc::actor::teammate("tom"), std::int64_t{1}); });
    if (done.ticket.state != "done") std::exit(1);
  }
  report("tracker_fanout_sqlite_" + std::to_string(n), fanout, base_s);
  for (const auto& p : {run, plain})
    for (const char* tail : {"", "-wal", "-shm"}) fs::remove(p + tail);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  {
    tc::desk_options o;
    o.config = make_config(n);
    tc::desk desk(std::move(o));
    auto tracker = populate(desk, n);
    pause_for_profiler();
    tc::ticket_view done;
    timing fanout = timed([&] { done = move_tracker_to_done(desk, tc::actor::teammate("tom"), tracker); });
    report("tracker_fanout_memory_" + std::to_string(n), fanout, baseline(n));
    if (done.ticket.state != "done") return 1;
  }
  if (argc > 2) sqlite_figure(n, argv[2]);
  return 0;
}
