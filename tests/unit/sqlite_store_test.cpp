// The SQLite adapter's own promises: a desk survives its process, bad files
// give named storage errors and stay untouched, versions hold across
// processes (X1), a full disk fails cleanly and the desk recovers.
#define BOOST_TEST_MODULE sqlite_store
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <sqlite3.h>

#include <fstream>
#include <iterator>

using namespace testing;

namespace {

std::unique_ptr<tc::desk> open_desk(const std::string& path, tc::sqlite_options o = {}) {
  tc::desk_options options;
  options.storage = tc::open_sqlite_store(path, o);
  options.config = tc::parse_config(std::string_view(scenario_config));
  return std::make_unique<tc::desk>(std::move(options));
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

// Opening fails with a storage error naming the path, and the file is as it was.
void expect_refused(const std::string& path) {
  std::string before = bytes_of(path);
  auto r = attempt([&] { open_desk(path); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find(path) != std::string::npos, r.message);
  BOOST_TEST((bytes_of(path) == before));
}

void run_sql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

tc::new_ticket question(const std::string& contact) {
  tc::new_ticket t;
  t.type = "bug_report";
  t.title = "Export broken";
  t.contact = contact;
  t.attributes = {{"browser", "firefox"}};
  return t;
}

}  // namespace

// T3, H1, N5: numbers continue, history and the outbox are kept across reopen.
BOOST_AUTO_TEST_CASE(desk_survives_reopen) {
  scratch_file file;
  auto tom = tc::actor::teammate("tom");
  tc::uuid first;
  {
    auto desk = open_desk(file.path());
    first = desk->create_ticket(tom, question("a")).ticket.id;
    desk->set_state(tom, first, "in_progress");
  }
  auto desk = open_desk(file.path());
  auto again = desk->create_ticket(tom, question("b"));
  BOOST_TEST(again.ticket.number == 2);
  auto old = desk->ticket(tom, std::int64_t{1});
  BOOST_TEST((old.ticket.id == first));
  BOOST_TEST(old.ticket.state == "in_progress");
  BOOST_TEST(desk->history(tom, first).size() == 2u);
  tc::outbox_filter f;
  f.recipient = "a";
  BOOST_TEST(desk->outbox(f).size() == 4u);  // created and status, by email and messenger
}

BOOST_AUTO_TEST_CASE(missing_directory_is_named) {
  auto r = attempt([] { open_desk("/nonexistent-dir-ticketcore/desk.desk"); });
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find("/nonexistent-dir-ticketcore/desk.desk") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(not_sqlite_file_is_refused) {
  scratch_file file;
  write_file(file.path(), std::string(8192, 'x'));
  expect_refused(file.path());
}

BOOST_AUTO_TEST_CASE(foreign_sqlite_file_is_refused) {
  scratch_file file;
  run_sql(file.path(), "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (7);");
  expect_refused(file.path());
}

BOOST_AUTO_TEST_CASE(newer_schema_is_refused) {
  scratch_file file;
  { open_desk(file.path()); }
  run_sql(file.path(), "PRAGMA user_version = 99");
  expect_refused(file.path());
}

BOOST_AUTO_TEST_CASE(truncated_file_is_refused) {
  scratch_file file;
  {
    auto desk = open_desk(file.path());
    for (int i = 0; i < 50; ++i) desk->create_ticket(tc::actor::teammate("tom"), question("a"));
  }
  run_sql(file.path(), "PRAGMA wal_checkpoint(TRUNCATE)");
  std::string content = bytes_of(file.path());
  BOOST_REQUIRE(content.size() > 4096);
  write_file(file.path(), content.substr(0, 1000));
  expect_refused(file.path());
}

// X1 across processes: two stores on one file are two writers with their
// own connections and locks; the second write on a stale version conflicts.
BOOST_AUTO_TEST_CASE(x1_conflicts_across_stores) {
  scratch_file file;
  auto tom = tc::actor::teammate("tom");
  auto one = open_desk(file.path());
  auto two = open_desk(file.path());
  auto t = one->create_ticket(tom, question("a"));
  auto seen_by_two = two->ticket(tom, t.ticket.id);
  BOOST_TEST(seen_by_two.ticket.version == t.ticket.version);
  tc::ticket_changes c;
  c.priority = "high";
  one->update_ticket(tom, t.ticket.id, c, t.ticket.version);
  c.priority = "low";
  auto r = attempt([&] { two->update_ticket(tom, t.ticket.id, c, seen_by_two.ticket.version); });
  BOOST_TEST((r.kind == tc::errc::conflict));
  BOOST_TEST(one->ticket(tom, t.ticket.id).ticket.priority == "high");
  BOOST_TEST(two->ticket(tom, t.ticket.id).ticket.priority == "high");
}

// A full disk (here: the file's size cap) fails the write as a storage
// error, changes nothing, and the desk works again once space returns.
BOOST_AUTO_TEST_CASE(disk_full_then_recovers) {
  scratch_file file;
  auto tom = tc::actor::teammate("tom");
  { open_desk(file.path()); }
  std::uint64_t size = bytes_of(file.path()).size();
  tc::sqlite_options capped;
  capped.max_file_bytes = size + 64 * 1024;
  auto desk = open_desk(file.path(), capped);
  tc::new_ticket big = question("a");
  big.description = std::string(8 * 1024, 'x');
  caught r;
  int created = 0;
  for (; created < 1000; ++created) {
    r = attempt([&] { desk->create_ticket(tom, big); });
    if (r.thrown) break;
  }
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find("full") != std::string::npos, r.message);
  BOOST_TEST(created > 0);
  tc::inbox_filter all;
  all.limit = 100000;
  BOOST_TEST(desk->inbox(tom, all).size() == static_cast<std::size_t>(created));  // the failed one left nothing
  desk.reset();
  auto roomy = open_desk(file.path());
  auto after = roomy->create_ticket(tom, big);
  BOOST_TEST(after.ticket.number == created + 1);
}

// A file another process holds locked is refused after the busy timeout,
// with a storage error naming the path; its content is untouched.
BOOST_AUTO_TEST_CASE(locked_file_is_refused) {
  scratch_file file;
  {
    auto desk = open_desk(file.path());
    desk->create_ticket(tc::actor::teammate("tom"), question("a"));
  }
  sqlite3* holder = nullptr;
  BOOST_REQUIRE(sqlite3_open(file.path().c_str(), &holder) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  tc::sqlite_options impatient;
  impatient.busy_timeout = std::chrono::milliseconds(50);
  auto r = attempt([&] { open_desk(file.path(), impatient); });
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find(file.path()) != std::string::npos, r.message);
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  auto desk = open_desk(file.path());
  BOOST_TEST(desk->ticket(tc::actor::teammate("tom"), std::int64_t{1}).ticket.title == "Export broken");
}
