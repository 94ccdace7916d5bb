// Linking customer tickets to one tracker on SQLite, one add_link each (K4,
// K10): the time per link of the last batch of N links beside that of the
// first batch, measured in the same run. Flat means a ratio near 1; a cost
// that grows with the tracker's link count shows as a ratio well above it.
// Prints `name value unit baseline ratio`.
//
// Usage: tracker_linking [N=20000] [dir=.]   The desk file of one tracker and
// N customer tickets is built once in `dir` (bench-linking-N.desk) and
// copied for the run, which links every ticket to the tracker in turn.
#include "desk_file.hpp"
#include "harness.hpp"

#include <ticketcore/ticketcore.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace tc = ticketcore;

namespace {

const char* configuration = R"({
  "contacts": [{"id": "ann", "name": "Ann"}],
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "question", "name": "Question", "category": "customer"},
                   {"id": "bug", "name": "Bug", "category": "tracker"}]
})";

// Ticket #1 is the tracker, #2 to #n + 1 open questions of Ann's.
void build(const std::string& path, std::size_t n) {
  const tc::time_point now = tc::system_clock().now();
  bench::build_desk_file(path, n + 1, [&](tc::transaction& t, tc::stored_ticket& k, std::size_t i) {
    if (i == 0) {
      k.type = "bug";
      k.category = tc::category::tracker;
      k.title = "Export button dead";
      k.state = "open";
    } else {
      k.title = "Question " + std::to_string(k.number);
      k.contact = "ann";
      k.state = "submitted";
    }
    k.priority = "normal";
    k.created_at = k.updated_at = now;
    t.insert_ticket(k, bench::keys_of(k));
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
  const std::string dir = argc > 2 ? argv[2] : ".";
  const std::size_t batch = std::min<std::size_t>(2000, n / 4);
  if (batch == 0) return std::fprintf(stderr, "N must be at least 4\n"), 1;
  const std::string built = dir + "/bench-linking-" + std::to_string(n) + ".desk";
  build(built, n);
  const std::string path = dir + "/bench-linking-run.desk";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  std::filesystem::copy_file(built, path);

  tc::desk_options options;
  options.storage = tc::open_sqlite_store(path);
  options.config = tc::parse_config(std::string_view(configuration));
  tc::desk desk(std::move(options));
  const auto tom = tc::actor::teammate("tom");
  const tc::uuid tracker = desk.ticket(tom, std::int64_t{1}).ticket.id;
  std::vector<tc::uuid> tickets;
  for (std::int64_t number = 2; number <= static_cast<std::int64_t>(n) + 1; ++number)
    tickets.push_back(desk.ticket(tom, number).ticket.id);

  auto link = [&](std::size_t from, std::size_t to) {
    return bench::timed([&] {
      for (std::size_t i = from; i < to; ++i) desk.add_link(tom, tickets[i], tracker, tc::link_kind::tracker);
    });
  };
  const double first = link(0, batch) * 1000 / static_cast<double>(batch);
  link(batch, n - batch);
  const double last = link(n - batch, n) * 1000 / static_cast<double>(batch);
  const std::string size = std::to_string(n);
  bench::figure("tracker_link_first_" + std::to_string(batch) + "_of_" + size, first, "ms", first);
  bench::figure("tracker_link_last_" + std::to_string(batch) + "_of_" + size, last, "ms", first);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}
