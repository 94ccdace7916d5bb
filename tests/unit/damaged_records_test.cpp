// U3: a damaged record fails only the reads that need it, naming itself.
// Ticket rows of an SQLite desk file are damaged with raw SQL, as a bug, a
// host's tool or a disk could leave them.
#define BOOST_TEST_MODULE damaged_records
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <set>

using namespace testing;

namespace {

void run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

std::unique_ptr<tc::desk> open_desk(const std::string& path) {
  tc::desk_options options;
  options.storage = tc::open_sqlite_store(path);
  options.config = tc::parse_config(std::string_view(scenario_config));
  return std::make_unique<tc::desk>(std::move(options));
}

tc::new_ticket question(const std::string& title) {
  tc::new_ticket t;
  t.type = "bug_report";
  t.title = title;
  t.contact = "a";
  t.attributes = {{"browser", "firefox"}};
  return t;
}

const tc::actor tom = tc::actor::teammate("tom");
const tc::actor ann = tc::actor::contact("a");

// A desk file with tickets #1-#4 whose #2 holds JSON that does not parse
// and #4 JSON that is no ticket.
struct damaged_desk {
  scratch_file file;
  std::vector<tc::uuid> ids;
  std::unique_ptr<tc::desk> desk;

  damaged_desk() {
    {
      auto d = open_desk(file.path());
      for (const char* title : {"one", "two", "three", "four"}) ids.push_back(d->create_ticket(tom, question(title)).ticket.id);
    }
    run_sql(file.path(), "UPDATE tickets SET record = '{\"id\": \"' WHERE number = 2;"
                         "UPDATE tickets SET record = '{\"id\": 5}' WHERE number = 4;");
    desk = open_desk(file.path());
  }
  std::string id(int number) const { return tc::to_string(ids.at(static_cast<std::size_t>(number - 1))); }
};

std::set<std::string> ids_of(const std::vector<tc::damaged_record>& ds) {
  std::set<std::string> out;
  for (const auto& d : ds) out.insert(d.id);
  return out;
}

}  // namespace

// U3: reading the damaged ticket fails with a storage error naming it (id
// and number) and what is wrong; its neighbours read as before.
BOOST_AUTO_TEST_CASE(u3_read_of_a_damaged_ticket_names_it) {
  damaged_desk d;
  auto r = attempt([&] { d.desk->ticket(tom, d.ids[1]); });
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find(d.id(2)) != std::string::npos, r.message);
  BOOST_TEST(r.message.find("#2") != std::string::npos, r.message);
  BOOST_TEST(r.message.find("JSON") != std::string::npos, r.message);
  r = attempt([&] { d.desk->ticket(tom, std::int64_t{4}); });
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find("#4") != std::string::npos, r.message);
  BOOST_TEST(d.desk->ticket(tom, d.ids[0]).ticket.title == "one");
  BOOST_TEST(d.desk->ticket(tom, d.ids[2]).ticket.title == "three");
}

// U3: the inbox lists the readable tickets and a marker for each damaged
// one (staff); a contact's inbox leaves them out and tells nothing (V3).
BOOST_AUTO_TEST_CASE(u3_inbox_marks_damaged_tickets) {
  damaged_desk d;
  auto items = d.desk->inbox(tom);
  std::set<std::string> readable, damaged;
  for (const auto& i : items) (i.damaged.empty() ? readable : damaged).insert(tc::to_string(i.id));
  BOOST_TEST((readable == std::set<std::string>{d.id(1), d.id(3)}));
  BOOST_TEST((damaged == std::set<std::string>{d.id(2), d.id(4)}));
  for (const auto& i : items)
    if (!i.damaged.empty()) BOOST_TEST((i.number == 2 || i.number == 4));

  auto mine = d.desk->inbox(ann);
  BOOST_TEST(mine.size() == 2u);
  for (const auto& i : mine) BOOST_TEST(i.damaged.empty());
  auto json = boost::json::serialize(tc::to_json(items.front()));
  BOOST_TEST((items.front().damaged.empty() || json.find("\"damaged\"") != std::string::npos), json);
}

// U3, Q1: a query's page leaves damaged tickets out and names them in
// `damaged`; paging over them neither skips nor repeats a readable ticket.
BOOST_AUTO_TEST_CASE(u3_query_pages_name_damaged_tickets) {
  damaged_desk d;
  auto page = d.desk->find_tickets(tom, {}, 50);
  BOOST_TEST(page.tickets.size() == 2u);
  BOOST_TEST((ids_of(page.damaged) == std::set<std::string>{d.id(2), d.id(4)}));
  for (const auto& x : page.damaged) BOOST_TEST((x.kind == "ticket" && !x.problem.empty()));

  std::vector<std::string> seen;
  std::set<std::string> damaged;
  std::string cursor;
  do {
    auto p = d.desk->find_tickets(tom, {}, 1, cursor);
    for (const auto& v : p.tickets) seen.push_back(tc::to_string(v.ticket.id));
    for (const auto& x : p.damaged) damaged.insert(x.id);
    cursor = p.next_cursor;
  } while (!cursor.empty());
  BOOST_TEST((seen == std::vector<std::string>{d.id(3), d.id(1)}));  // newest first
  BOOST_TEST((damaged == std::set<std::string>{d.id(2), d.id(4)}));

  auto theirs = d.desk->find_tickets(ann, {}, 50);  // V3: nothing about damage reaches a contact
  BOOST_TEST(theirs.tickets.size() == 2u);
  BOOST_TEST(theirs.damaged.empty());
  BOOST_TEST(d.desk->count_tickets(tom, {}) == 4u);  // counted from the indexed columns, damaged or not
}

// U3, P6: a write that needs a damaged ticket fails naming it and changes
// nothing, the ticket's own change and a bulk change over it alike.
BOOST_AUTO_TEST_CASE(u3_writes_needing_a_damaged_ticket_fail_and_change_nothing) {
  damaged_desk d;
  tc::ticket_changes change;
  change.title = "renamed";
  auto r = attempt([&] { d.desk->update_ticket(tom, d.ids[1], change); });
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find(d.id(2)) != std::string::npos, r.message);

  tc::bulk_change all;
  all.priority = "high";
  r = attempt([&] { d.desk->bulk_update(tom, {}, all); });
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(r.message.find(d.id(2)) != std::string::npos, r.message);
  BOOST_TEST(d.desk->ticket(tom, d.ids[0]).ticket.priority != "high");
  BOOST_TEST(d.desk->ticket(tom, d.ids[0]).ticket.version == 1u);
}

// U3: check() lists exactly the damaged records, with kind, id, number and
// what is wrong, a damaged history entry by its ticket; a sound desk has none.
BOOST_AUTO_TEST_CASE(u3_check_lists_exactly_the_damaged_records) {
  damaged_desk d;
  auto found = d.desk->check();
  BOOST_TEST((ids_of(found) == std::set<std::string>{d.id(2), d.id(4)}));
  for (const auto& x : found) {
    BOOST_TEST(x.kind == "ticket");
    BOOST_TEST((x.number == 2 || x.number == 4));
    BOOST_TEST(!x.problem.empty());
  }
  run_sql(d.file.path(), "UPDATE history SET record = 'x' WHERE seq = (SELECT min(seq) FROM history WHERE subject = "
                         "(SELECT id FROM tickets WHERE number = 1))");
  found = d.desk->check();
  BOOST_TEST(found.size() == 3u);
  BOOST_TEST(std::count_if(found.begin(), found.end(), [&](const auto& x) {
               return x.kind == "history of ticket" && x.id == d.id(1) && x.number == 1;
             }) == 1);
}

BOOST_AUTO_TEST_CASE(u3_check_of_a_sound_desk_is_empty) {
  scratch_file file;
  auto desk = open_desk(file.path());
  desk->create_ticket(tom, question("one"));
  BOOST_TEST(desk->check().empty());
  tc::desk_options o;
  o.storage = tc::make_memory_store();
  o.config = tc::parse_config(std::string_view(scenario_config));
  tc::desk memory(std::move(o));
  memory.create_ticket(tom, question("one"));
  BOOST_TEST(memory.check().empty());
}

// U3, Q1: configure() needs no damaged ticket: one that moves priorities
// re-ranks every ticket it can read, and a page by priority follows the new
// order, leaving the damaged ones out as every listing does.
BOOST_AUTO_TEST_CASE(u3_q1_moving_priorities_re_ranks_around_damaged_tickets) {
  damaged_desk d;
  tc::config next = *d.desk->configuration();
  next.priorities = {"normal", "low", "high", "urgent"};  // the tickets' "normal" moves to the bottom
  d.desk->configure(next);
  BOOST_TEST(d.desk->ticket(tom, d.ids[0]).ticket.version == 2u);
  BOOST_TEST(d.desk->ticket(tom, d.ids[2]).ticket.version == 2u);
  tc::ticket_query q;
  q.order = tc::ticket_order::priority;
  auto page = d.desk->find_tickets(tom, q);
  BOOST_TEST(page.tickets.size() == 2u);
}
