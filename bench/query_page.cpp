// The first page of open tickets by priority, and full-text searches, among
// N tickets on SQLite, through desk::find_tickets. Baseline in the same
// run: reading the newest 50 ticket records straight off the primary key of
// the same file with one prepared statement, the floor of any page.
// Most tickets are resolved, as in a desk that has been running for years.
//
// Usage: query_page [N=1000000] [dir=/tmp] [rounds=50]   The file is kept and reused.
#include "desk_file.hpp"
#include "harness.hpp"

#include <ticketcore/ticketcore.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace tc = ticketcore;

namespace {

const char* configuration = R"({
  "priorities": ["low", "normal", "high", "urgent"], "default_priority": "normal",
  "contacts": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "question", "name": "Question", "category": "customer"}]
})";

const std::vector<std::string> products = {"reports", "billing", "login", "export", "calendar", "invoices",
                                            "mobile", "webhooks", "search", "dashboard"};
const std::vector<std::string> words = {"fails", "slow", "broken", "missing", "wrong", "blank", "crash",
                                        "error", "timeout", "duplicate"};

// n tickets of a desk that has run for years: one in ten still open.
void build(const std::string& path, std::size_t n) {
  std::mt19937 rng(42);
  const tc::time_point start = tc::parse_time("2024-01-01T00:00:00Z");
  const std::vector<std::string> priorities = {"low", "normal", "high", "urgent"};
  bench::build_desk_file(path, n, [&](tc::transaction& t, tc::stored_ticket& k, std::size_t done) {
    const std::string& product = products[rng() % products.size()];
    k.title = product + " " + words[rng() % words.size()] + " " + std::to_string(k.number);
    k.description = "Since the update the " + product + " page is " + words[rng() % words.size()] +
                    ". Reference " + std::to_string(rng()) + ".";
    const bool open = rng() % 10 == 0;  // one in ten is still open
    static const tc::state_category open_states[] = {tc::state_category::submitted, tc::state_category::in_progress,
                                                     tc::state_category::waiting_on_customer};
    k.state_category = open ? open_states[rng() % 3] : tc::state_category::resolved;
    k.state = tc::to_string(k.state_category);
    k.priority = priorities[rng() % priorities.size()];
    k.contact = rng() % 2 ? "ann" : "bob";
    k.created_at = k.updated_at = start + std::chrono::seconds(static_cast<long>(done) * 60);
    t.insert_ticket(k, bench::keys_of(k));
  });
}

// The floor: the newest 50 records off the primary key, decoded by nobody.
double newest_records_seconds(const std::string& path, int rounds) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + path);
  sqlite3_stmt* page = nullptr;
  sqlite3_prepare_v2(db, "SELECT record FROM tickets ORDER BY id DESC LIMIT 50", -1, &page, nullptr);
  std::size_t bytes = 0;
  double s = bench::timed([&] {
    for (int r = 0; r < rounds; ++r) {
      while (sqlite3_step(page) == SQLITE_ROW) bytes += static_cast<std::size_t>(sqlite3_column_bytes(page, 0));
      sqlite3_reset(page);
    }
  });
  sqlite3_finalize(page);
  sqlite3_close(db);
  if (bytes == 0) throw std::runtime_error("no records read from " + path);
  return s / rounds;
}

// Mean seconds per first page of `q`, after one warm-up page.
double page_seconds(tc::desk& desk, const tc::ticket_query& q, int rounds) {
  const auto tom = tc::actor::teammate("tom");
  if (desk.find_tickets(tom, q, 50).tickets.empty()) throw std::runtime_error("a benchmark query found nothing");
  return bench::timed([&] {
           for (int r = 0; r < rounds; ++r) desk.find_tickets(tom, q, 50);
         }) /
         rounds;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::stoul(argv[1]) : 1000000;
  std::string dir = argc > 2 ? argv[2] : "/tmp";
  const std::string path = dir + "/bench-query-" + std::to_string(n) + ".desk";
  build(path, n);
  const int rounds = argc > 3 ? std::stoi(argv[3]) : 50;

  tc::desk_options o;
  o.storage = tc::open_sqlite_store(path);
  o.config = tc::parse_config(std::string_view(configuration));
  tc::desk desk(std::move(o));
  // The floor's page takes microseconds: time enough of them to be steady.
  const double floor = newest_records_seconds(path, std::max(rounds, 2000));
  const std::string size = std::to_string(n);

  tc::ticket_query open_by_priority;
  open_by_priority.state_categories = {tc::state_category::submitted, tc::state_category::in_progress,
                                       tc::state_category::waiting_on_customer, tc::state_category::on_hold};
  open_by_priority.order = tc::ticket_order::priority;
  bench::figure("first_page_open_by_priority_" + size + "_ms", page_seconds(desk, open_by_priority, rounds) * 1e3,
                "ms", floor * 1e3);

  tc::ticket_query common_word;  // in a tenth of all tickets
  common_word.text = "webhooks";
  bench::figure("search_common_word_" + size + "_ms", page_seconds(desk, common_word, rounds) * 1e3, "ms",
                floor * 1e3);

  const auto tom = tc::actor::teammate("tom");
  if (desk.count_tickets(tom, common_word) == 0) throw std::runtime_error("a benchmark count found nothing");
  bench::figure("count_common_word_" + size + "_ms", bench::timed([&] {
                  for (int r = 0; r < rounds; ++r) desk.count_tickets(tom, common_word);
                }) / rounds * 1e3,
                "ms", floor * 1e3);

  tc::ticket_query two_words;  // in about a hundredth
  two_words.text = "webhooks timeout";
  bench::figure("search_two_words_" + size + "_ms", page_seconds(desk, two_words, rounds) * 1e3, "ms", floor * 1e3);

  tc::ticket_query three_words_by_priority;  // about 2,000 matches: looked up and sorted
  three_words_by_priority.text = "webhooks timeout crash";
  three_words_by_priority.order = tc::ticket_order::priority;
  bench::figure("search_three_words_by_priority_" + size + "_ms",
                page_seconds(desk, three_words_by_priority, rounds) * 1e3, "ms", floor * 1e3);

  tc::ticket_query open_search = open_by_priority;  // text and filter together
  open_search.text = "invoices";
  bench::figure("search_open_by_priority_" + size + "_ms", page_seconds(desk, open_search, rounds) * 1e3, "ms",
                floor * 1e3);
}
