// Opening a large desk file: time to a usable desk (open, migrate check,
// first inbox page) and the memory it takes, for a file of N tickets beside
// one of 1,000 tickets measured in the same run. Flat means a ratio near 1.
// Prints `name value unit baseline ratio`.
//
// Usage: open_desk [N=1000000] [dir=.]   The files are kept in `dir` and
// reused by later runs (building 1,000,000 tickets takes a while).
#include "desk_file.hpp"
#include "harness.hpp"

#include <ticketcore/ticketcore.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace tc = ticketcore;

namespace {

const char* configuration = R"({
  "contacts": [{"id": "ann", "name": "Ann"}],
  "ticket_types": [{"id": "question", "name": "Question", "category": "customer"}]
})";

// A desk file with n open questions.
void build(const std::string& path, std::size_t n) {
  const tc::time_point now = tc::system_clock().now();
  bench::build_desk_file(path, n, [&](tc::transaction& t, tc::stored_ticket& k, std::size_t) {
    k.title = "Question " + std::to_string(k.number);
    k.description = "How do I export my data to a spreadsheet?";
    k.state = "submitted";
    k.priority = "normal";
    k.contact = "ann";
    k.created_at = k.updated_at = now;
    t.insert_ticket(k, bench::keys_of(k));
  });
}

struct opened {
  double ms;
  long kib;
};

opened open_once(const std::string& path) {
  long before = bench::resident_kib();
  auto start = std::chrono::steady_clock::now();
  tc::desk_options options;
  options.storage = tc::open_sqlite_store(path);
  options.config = tc::parse_config(std::string_view(configuration));
  tc::desk desk(std::move(options));
  tc::inbox_filter first_page;
  first_page.limit = 25;
  auto page = desk.inbox(tc::actor::system(), first_page);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (page.size() != 25) std::fprintf(stderr, "expected a full first page\n"), std::exit(1);
  return {ms, bench::resident_kib() - before};
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::stoul(argv[1]) : 1000000;
  std::string dir = argc > 2 ? argv[2] : ".";
  std::string small = dir + "/bench-1000.desk", large = dir + "/bench-" + std::to_string(n) + ".desk";
  build(small, 1000);
  build(large, n);
  open_once(small);  // warm the library and the page cache alike for both
  opened base = open_once(small), big = open_once(large);
  std::printf("open_desk_%zu_ms %.2f ms %.2f %.2f\n", n, big.ms, base.ms, big.ms / base.ms);
  std::printf("open_desk_%zu_rss_kib %ld KiB %ld %.2f\n", n, big.kib, base.kib,
              base.kib > 0 ? double(big.kib) / double(base.kib) : 0.0);
  std::printf("open_desk_%zu_file_mib %.1f MiB\n", n, double(std::filesystem::file_size(large)) / (1 << 20));
}
