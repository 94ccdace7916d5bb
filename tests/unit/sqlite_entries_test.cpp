// Records by kind in the desk file (schema v10): two stores on one file, as
// two processes have them, never give a unique key to two entries; and
// every statement on entries reads an index, never the whole kind.
#define BOOST_TEST_MODULE sqlite_entries
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"
#include "sql_trace.hpp"

#include <sqlite3.h>

#include <barrier>
#include <optional>
#include <regex>
#include <thread>

using namespace testing;

namespace {

tc::entry_filter by_email(const std::string& address) {
  tc::entry_filter f;
  f.kind = "contact";
  f.key_name = "email";
  f.key_value = address;
  return f;
}

// Puts contact `id` holding `address` as a unique key, in a transaction of
// its own; the error it failed with, if any.
std::optional<tc::errc> put_contact(tc::storage& s, const std::string& id, const std::string& address) {
  try {
    auto w = s.begin(tc::access::write);
    w->put_entry({"contact", id, 1, {{"email", address}}}, {{"email", address, true}});
    w->commit();
  } catch (const tc::error& e) {
    return e.kind();
  }
  return std::nullopt;
}

}  // namespace

// Both stores look the address up and find no one, as a Desk does before it
// creates a contact; then both write. The second writer waits for the
// first's lock, and then finds the key taken.
BOOST_AUTO_TEST_CASE(two_stores_on_one_file_putting_one_unique_key_give_it_to_one_entry) {
  scratch_file file;
  auto one = tc::open_sqlite_store(file.path());
  auto two = tc::open_sqlite_store(file.path());
  BOOST_TEST(one->begin(tc::access::read)->find_entries(by_email("ann@example.com")).empty());
  BOOST_TEST(two->begin(tc::access::read)->find_entries(by_email("ann@example.com")).empty());
  BOOST_TEST(!put_contact(*one, "c1", "ann@example.com").has_value());
  BOOST_TEST((put_contact(*two, "c2", "ann@example.com") == tc::errc::conflict));

  // At once, from two threads: one wins each round, the other conflicts.
  for (int round = 0; round < 20; ++round) {
    const std::string address = "round" + std::to_string(round) + "@example.com";
    std::barrier start(2);
    std::optional<tc::errc> first, second;
    std::thread a([&] {
      start.arrive_and_wait();
      first = put_contact(*one, "a" + std::to_string(round), address);
    });
    std::thread b([&] {
      start.arrive_and_wait();
      second = put_contact(*two, "b" + std::to_string(round), address);
    });
    a.join();
    b.join();
    BOOST_TEST_CONTEXT("round " << round) {
      BOOST_TEST(first.has_value() != second.has_value());
      BOOST_TEST(((first ? first : second) == tc::errc::conflict));
      BOOST_TEST(one->begin(tc::access::read)->find_entries(by_email(address)).size() == 1u);
    }
  }
  BOOST_TEST(two->begin(tc::access::read)->find_entries(by_email("ann@example.com")).size() == 1u);
}

// Each read and write of an entry seeks an index: no plan scans a table
// (a lookup by key would otherwise read the kind) or sorts (pages come in
// id order from the index).
BOOST_AUTO_TEST_CASE(entries_are_read_and_written_through_their_indexes) {
  scratch_file file;
  start_tracing();
  {
    auto s = tc::open_sqlite_store(file.path());
    for (const char* id : {"c1", "c2", "c3"}) BOOST_TEST(!put_contact(*s, id, std::string(id) + "@example.com"));
    {
      auto w = s->begin(tc::access::write);
      w->put_entry({"contact", "c1", 2, {}}, {{"email", "new@example.com", true}, {"company", "initech", false}});
      w->commit();
    }
    auto r = s->begin(tc::access::read);
    BOOST_TEST(r->get_entry("contact", "c2").has_value());
    tc::entry_filter all;
    all.kind = "contact";
    BOOST_TEST(r->find_entries(all).size() == 3u);
    all.after = "c1";
    BOOST_TEST(r->find_entries(all).size() == 2u);
    auto initech = by_email("ignored");
    initech.key_name = "company";
    initech.key_value = "initech";
    BOOST_TEST(r->find_entries(initech).size() == 1u);
    initech.after = "c1";
    BOOST_TEST(r->find_entries(initech).empty());
  }
  stop_tracing();

  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(file.path().c_str(), &db) == SQLITE_OK);
  const std::regex scan_or_sort(R"(^SCAN\b|TEMP B-TREE)");
  std::size_t planned = 0;
  for (const auto& [sql, example] : traced) {
    if (sql.find("entr") == std::string::npos || sql.rfind("INSERT", 0) == 0) continue;
    if (sql.find("/* migration: once */") != std::string::npos) continue;
    ++planned;
    for (const auto& line : query_plan(db, example))
      BOOST_TEST(!std::regex_search(line, scan_or_sort), sql << "\n    plan: " << line);
  }
  sqlite3_close(db);
  BOOST_TEST(planned >= 8u);  // the recorder saw the store's statements on entries
}
