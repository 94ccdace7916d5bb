// U4: the worst search a contact may send, among N tickets on SQLite, through
// desk::find_tickets and desk::count_tickets. The worst allowed text is 32
// words (the limit) that each occur in every ticket, so full text must read
// 32 posting lists of every ticket and intersect them; the contact owns half
// the tickets, so their own-tickets filter is no shortcut. Baseline in the
// same run: the same contact's one-word search, and the worst for a teammate.
//
// Usage: search_limits [N=100000] [dir=/tmp] [rounds=20]   The file is kept and reused.
#include "desk_file.hpp"
#include "harness.hpp"

#include <ticketcore/ticketcore.hpp>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace tc = ticketcore;

namespace {

const char* configuration = R"({
  "contacts": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "question", "name": "Question", "category": "customer"}]
})";

const std::vector<std::string> products = {"reports", "billing", "login", "export", "calendar",
                                            "invoices", "mobile", "webhooks", "search", "dashboard"};
// Every ticket's description holds all of these.
const std::vector<std::string> everywhere = {"since", "the", "update", "page", "is", "reference"};

void build(const std::string& path, std::size_t n) {
  std::mt19937 rng(7);
  const tc::time_point start = tc::parse_time("2024-01-01T00:00:00Z");
  bench::build_desk_file(path, n, [&](tc::transaction& t, tc::stored_ticket& k, std::size_t done) {
    const std::string& product = products[rng() % products.size()];
    k.title = product + " fails " + std::to_string(k.number);
    k.description = "Since the update the " + product + " page is blank. Reference " + std::to_string(rng()) + ".";
    k.state_category = tc::state_category::resolved;
    k.state = tc::to_string(k.state_category);
    k.priority = "normal";
    k.contact = done % 2 ? "ann" : "bob";
    k.created_at = k.updated_at = start + std::chrono::seconds(static_cast<long>(done) * 60);
    t.insert_ticket(k, bench::keys_of(k));
  });
}

// Mean seconds per first page (and per count) of `text` for `who`.
std::pair<double, double> search_seconds(tc::desk& desk, const tc::actor& who, const std::string& text, int rounds) {
  tc::ticket_query q;
  q.text = text;
  if (desk.find_tickets(who, q, 50).tickets.empty()) throw std::runtime_error("a benchmark search found nothing");
  double page = bench::timed([&] {
                  for (int r = 0; r < rounds; ++r) desk.find_tickets(who, q, 50);
                }) / rounds;
  double count = bench::timed([&] {
                   for (int r = 0; r < rounds; ++r) desk.count_tickets(who, q);
                 }) / rounds;
  return {page, count};
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 100000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const int rounds = argc > 3 ? std::stoi(argv[3]) : 20;
  const std::string path = dir + "/bench-search-limits-" + std::to_string(n) + ".desk";
  build(path, n);

  tc::desk_options o;
  o.storage = tc::open_sqlite_store(path);
  o.config = tc::parse_config(std::string_view(configuration));
  tc::desk desk(std::move(o));
  const auto ann = tc::actor::contact("ann");
  const auto tom = tc::actor::teammate("tom");

  std::string worst;  // the limit's 32 words, each in every ticket
  for (std::size_t i = 0; i < tc::max_search_words; ++i) worst += (i ? " " : "") + everywhere[i % everywhere.size()];
  const std::string size = std::to_string(n);

  const auto [one_page, one_count] = search_seconds(desk, ann, "webhooks", rounds);
  const auto [worst_page, worst_count] = search_seconds(desk, ann, worst, rounds);
  const auto [staff_page, staff_count] = search_seconds(desk, tom, worst, rounds);
  bench::figure("contact_worst_search_page_" + size + "_ms", worst_page * 1e3, "ms", one_page * 1e3);
  bench::figure("contact_worst_search_count_" + size + "_ms", worst_count * 1e3, "ms", one_count * 1e3);
  bench::figure("teammate_worst_search_page_" + size + "_ms", staff_page * 1e3, "ms", one_page * 1e3);
  bench::figure("teammate_worst_search_count_" + size + "_ms", staff_count * 1e3, "ms", one_count * 1e3);
}
