// Q1 full-text search on SQLite takes one of three plans by how many tickets
// match the text and the filters (ticket_query_sql.hpp). Whichever it takes,
// the pages are the brute-force sort of the matching tickets; the plans for
// many matches walk an index to the page's limit and sort nothing.
#define BOOST_TEST_MODULE sqlite_search
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"
#include "sql_trace.hpp"

#include <algorithm>
#include <set>

using namespace testing;

namespace {

// Past the store's bound (4,000), so a word in every ticket counts as many.
constexpr int desk_size = 4500;
const tc::time_point start = tc::parse_time("2026-01-05T09:00:00Z");

// Ticket i says "every", and "even" when i is even, "rare" when i is a
// multiple of 100; its contact is "few" for one in 500, else "many".
tc::stored_ticket ticket_number(tc::transaction& t, int i, tc::time_point created) {
  tc::stored_ticket k;
  k.id = tc::new_id();
  k.number = t.next_number(tc::sequence::ticket);
  k.type = "question";
  k.title = std::string("every") + (i % 2 == 0 ? " even" : "") + (i % 100 == 0 ? " rare" : "");
  k.description = "ticket " + std::to_string(i);
  k.state_category = i % 3 == 0 ? tc::state_category::in_progress : tc::state_category::resolved;
  k.state = tc::to_string(k.state_category);
  k.priority = std::vector<std::string>{"low", "normal", "high", "urgent"}[static_cast<std::size_t>(i % 4)];
  k.contact = i % 500 == 0 ? "few" : "many";
  k.created_at = created;
  k.updated_at = start + std::chrono::seconds((i * 7919) % desk_size);  // not in creation order
  k.version = 1;
  t.insert_ticket(k, tc::keys_of(k, tc::config{}));
  return k;
}

struct search_desk {
  scratch_file file;
  std::shared_ptr<tc::storage> store = tc::open_sqlite_store(file.path());
  std::vector<tc::stored_ticket> tickets;

  search_desk() {
    auto t = store->begin(tc::access::write);
    for (int i = 0; i < desk_size; ++i) tickets.push_back(ticket_number(*t, i, start + std::chrono::seconds(i)));
    t->commit();
  }

  // The store's fact, read as any SQLite client would.
  std::string fact() const {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(file.path().c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT value FROM store_facts WHERE name = 'created_in_number_order'", -1, &st, nullptr);
    std::string value = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
  }
};

// The words of `text` split at spaces (the test's texts are lower case).
std::set<std::string> words_of(const std::string& text) {
  std::set<std::string> words;
  for (std::size_t at = 0, end; at < text.size(); at = end + 1) {
    end = std::min(text.find(' ', at), text.size());
    words.insert(text.substr(at, end - at));
  }
  return words;
}

bool holds_words(const tc::stored_ticket& k, const std::string& text) {
  auto have = words_of(k.title + " " + k.description);
  auto want = words_of(text);
  return std::includes(have.begin(), have.end(), want.begin(), want.end());
}

// The first `pages` pages of `q` against the brute-force sort.
void expect_brute_force_pages(tc::storage& store, const std::vector<tc::stored_ticket>& tickets, const tc::ticket_query& q,
                              const std::function<bool(const tc::stored_ticket&)>& filter, int pages = 3) {
  std::vector<tc::stored_ticket> want;
  for (const auto& k : tickets)
    if (filter(k) && holds_words(k, q.text)) want.push_back(k);
  auto key = [&](const tc::stored_ticket& k) { return std::pair{tc::sort_key(k, tc::keys_of(k, tc::config{}), q.order), k.id}; };
  std::sort(want.begin(), want.end(),
            [&](const auto& a, const auto& b) { return q.descending ? key(b) < key(a) : key(a) < key(b); });
  constexpr std::size_t page = 40;
  std::vector<tc::uuid> got;
  std::optional<tc::ticket_position> after;
  auto r = store.begin(tc::access::read);
  BOOST_TEST(r->count_tickets(q) == want.size(), "count of '" << q.text << "'");
  for (int i = 0; i < pages; ++i) {
    auto rows = r->query_tickets(q, after, page);
    for (const auto& k : rows) got.push_back(k.id);
    if (rows.size() < page) break;
    after = tc::ticket_position{tc::sort_key(rows.back(), tc::keys_of(rows.back(), tc::config{}), q.order), rows.back().id};
  }
  if (want.size() > page * pages) want.resize(page * pages);
  std::vector<tc::uuid> want_ids;
  for (const auto& k : want) want_ids.push_back(k.id);
  BOOST_TEST_CONTEXT("text '" << q.text << "' order " << tc::to_string(q.order)
                              << (q.descending ? " descending" : " ascending")) {
    BOOST_TEST(!want_ids.empty());
    BOOST_TEST((got == want_ids));
  }
}

struct filter_case {
  std::function<void(tc::ticket_query&)> set;
  std::function<bool(const tc::stored_ticket&)> holds;
};

const std::vector<filter_case> filters = {
    {[](auto&) {}, [](const auto&) { return true; }},
    {[](auto& q) { q.contact = "few"; }, [](const auto& k) { return k.contact == "few"; }},
    {[](auto& q) { q.contact = "many"; }, [](const auto& k) { return k.contact == "many"; }},
    {[](auto& q) {
       q.state_categories = {tc::state_category::submitted, tc::state_category::in_progress,
                             tc::state_category::waiting_on_customer, tc::state_category::on_hold};
     },
     [](const auto& k) { return k.state_category != tc::state_category::resolved; }},
};

void expect_every_search_pages_like_brute_force(search_desk& d) {
  for (const char* text : {"every", "even", "rare", "every even"})
    for (const auto& f : filters)
      for (auto order : {tc::ticket_order::created, tc::ticket_order::updated, tc::ticket_order::priority})
        for (bool descending : {true, false}) {
          tc::ticket_query q;
          f.set(q);
          q.text = text;
          q.order = order;
          q.descending = descending;
          expect_brute_force_pages(*d.store, d.tickets, q, f.holds);
        }
}

// The statements the searches ran that contain `marker`.
std::vector<std::pair<std::string, std::string>> traced_with(const std::string& marker) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& [sql, example] : traced)
    if (sql.find(marker) != std::string::npos) found.emplace_back(sql, example);
  return found;
}

}  // namespace

// While numbers are in creation order, every plan runs and gives the
// brute-force pages; the two plans for many matches sort nothing.
BOOST_AUTO_TEST_CASE(Q1_search_pages_are_the_same_under_every_plan) {
  start_tracing();
  search_desk d;
  BOOST_TEST(d.fact() == "1");
  expect_every_search_pages_like_brute_force(d);
  {
    tc::ticket_query contact_search;  // as a contact searches: public text only
    contact_search.contact = "many";
    contact_search.text = "even";
    contact_search.public_text_only = true;
    expect_brute_force_pages(*d.store, d.tickets, contact_search, [](const auto& k) { return k.contact == "many"; });
  }
  stop_tracing();

  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(d.file.path().c_str(), &db) == SQLITE_OK);
  auto text_order = traced_with("FROM ticket_text CROSS JOIN tickets");
  auto order_walk = traced_with("+number IN (SELECT rowid FROM ticket_text");
  auto matches_first = traced_with("AND number IN (SELECT rowid FROM ticket_text");
  BOOST_TEST(text_order.size() >= 2u);  // first pages and pages after a cursor
  BOOST_TEST(order_walk.size() >= 2u);
  BOOST_TEST(matches_first.size() >= 2u);
  for (const auto& statements : {text_order, order_walk})
    for (const auto& [sql, example] : statements)
      for (const auto& line : query_plan(db, example)) {
        BOOST_TEST(line.find("TEMP B-TREE") == std::string::npos, sql << "\n    plan: " << line);
        BOOST_TEST((line.rfind("SCAN tickets", 0) != 0 || line.find("USING INDEX") != std::string::npos),
                   sql << "\n    plan: " << line);
      }
  sqlite3_close(db);
}

// A ticket created out of number order (a clock set back) ends the walk in
// number order for good; searches newest first still sort by creation.
BOOST_AUTO_TEST_CASE(Q1_a_ticket_out_of_creation_order_ends_the_walk_by_number) {
  search_desk d;
  {
    auto t = d.store->begin(tc::access::write);
    d.tickets.push_back(ticket_number(*t, 2 * desk_size, start - std::chrono::hours(1)));  // newest number, oldest time
    t->commit();
  }
  BOOST_TEST(d.fact() == "0");
  start_tracing();
  for (const auto& f : filters)
    for (bool descending : {true, false}) {
      tc::ticket_query q;
      f.set(q);
      q.text = "every";
      q.descending = descending;
      expect_brute_force_pages(*d.store, d.tickets, q, f.holds);
    }
  stop_tracing();
  BOOST_TEST(traced_with("FROM ticket_text CROSS JOIN tickets").empty());
}

// Changing a ticket's creation time or number ends it too.
BOOST_AUTO_TEST_CASE(Q1_a_changed_creation_time_ends_the_walk_by_number) {
  search_desk d;
  auto t = d.store->begin(tc::access::write);
  tc::stored_ticket k = d.tickets.front();
  k.created_at = start + std::chrono::hours(24);
  ++k.version;
  t->update_ticket(k, tc::keys_of(k, tc::config{}));
  t->commit();
  BOOST_TEST(d.fact() == "0");
}
