// Nothing lost (N5, P6, X1 on the SQLite store): a child process works on a
// desk file and is killed with SIGKILL at random moments, over and over.
// After each kill the file must pass integrity_check, hold every operation
// the child reported committed, hold no half-applied tracker fan-out, hold
// the notifications every committed state change owes, and never deliver
// again what it recorded as delivered.
#define BOOST_TEST_MODULE crash
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace testing;

namespace {

const char* crash_config = R"({
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "issue", "category": "customer"}, {"id": "bug", "category": "tracker"}]
})";

std::size_t linked_tickets() {
  const char* n = std::getenv("TICKETCORE_CRASH_LINKS");
  return n ? std::strtoul(n, nullptr, 10) : 10000;
}

tc::config config_with_contacts(std::size_t n) {
  tc::config c = tc::parse_config(std::string_view(crash_config));
  for (std::size_t i = 0; i < n + 1000; ++i) c.contacts.push_back({"c" + std::to_string(i)});
  return c;
}

std::unique_ptr<tc::desk> open_desk(const std::string& path, const tc::config& c) {
  tc::desk_options o;
  tc::sqlite_options so;
  so.durability = tc::durability::normal;  // a killed process loses nothing in WAL with NORMAL
  o.storage = tc::open_sqlite_store(path, so);
  o.config = c;
  return std::make_unique<tc::desk>(std::move(o));
}

// Delivers by appending the idempotency key to a file, then says ok.
class file_notifier : public tc::notifier {
 public:
  explicit file_notifier(std::FILE* f) : f_(f) {}
  tc::delivery_result deliver(const tc::notification& n) override {
    std::fprintf(f_, "%s\n", n.idempotency_key.c_str());
    std::fflush(f_);
    return tc::delivery_result::ok();
  }

 private:
  std::FILE* f_;
};

class recording : public tc::notifier {
 public:
  std::vector<std::string> keys;
  tc::delivery_result deliver(const tc::notification& n) override {
    keys.push_back(n.idempotency_key);
    return tc::delivery_result::ok();
  }
};

// The child: toggles the tracker (fan-outs), creates tickets, dispatches;
// reports each committed operation on `report` as one line.
[[noreturn]] void child(const std::string& path, const tc::config& c, const tc::uuid& tracker, int report,
                        const std::string& deliveries, unsigned seed) {
  auto desk = open_desk(path, c);
  std::FILE* delivered = std::fopen(deliveries.c_str(), "a");
  file_notifier notifier(delivered);
  auto tom = tc::actor::teammate("tom");
  std::mt19937 rng(seed);
  for (int op = 0;; ++op) {
    std::string line;
    switch (rng() % 3) {
      case 0: {
        std::string state = desk->ticket(tom, tracker).ticket.state == "done" ? "open" : "done";
        auto v = desk->set_state(tom, tracker, state);
        line = "state " + state + " " + std::to_string(v.ticket.version);
        break;
      }
      case 1: {
        tc::new_ticket t;
        t.type = "issue";
        t.title = "crash-op";
        t.contact = "c0";
        line = "ticket " + std::to_string(desk->create_ticket(tom, t).ticket.number);
        break;
      }
      default:
        desk->dispatch_notifications(&notifier);
        continue;
    }
    line += "\n";
    if (::write(report, line.data(), line.size()) < 0) std::_Exit(3);
  }
}

std::vector<std::string> lines_of(int fd) {
  std::string all;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) all.append(buffer, static_cast<std::size_t>(n));
  std::vector<std::string> out;
  std::istringstream in(all);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string result = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "?";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return result;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigkill_loses_nothing) {
  scratch_file file, deliveries;
  const std::size_t links = linked_tickets();
  const tc::config c = config_with_contacts(links);
  auto tom = tc::actor::teammate("tom");
  tc::uuid tracker;
  std::vector<tc::uuid> customers;
  {
    auto desk = open_desk(file.path(), c);
    tc::new_ticket bug;
    bug.type = "bug";
    bug.title = "Outage";
    tracker = desk->create_ticket(tom, bug).ticket.id;
    for (std::size_t i = 0; i < links; ++i) {
      tc::new_ticket t;
      t.type = "issue";
      t.title = "Affected";
      t.contact = "c" + std::to_string(i + 1);
      auto id = desk->create_ticket(tom, t).ticket.id;
      desk->add_link(tom, id, tracker, tc::link_kind::tracker);
      customers.push_back(id);
    }
  }

  std::mt19937 rng(20261123);
  std::set<std::int64_t> committed_tickets;
  for (int round = 0; round < 12; ++round) {
    int pipe_fds[2];
    BOOST_REQUIRE(::pipe(pipe_fds) == 0);
    unsigned seed = static_cast<unsigned>(rng());
    pid_t pid = ::fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(pipe_fds[0]);
      child(file.path(), c, tracker, pipe_fds[1], deliveries.path(), seed);
    }
    ::close(pipe_fds[1]);
    ::usleep(static_cast<useconds_t>(200000 + rng() % 1500000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    auto reported = lines_of(pipe_fds[0]);
    ::close(pipe_fds[0]);
    BOOST_TEST_MESSAGE("round " << round << ": child reported " << reported.size() << " committed operations");

    BOOST_TEST(integrity(file.path()) == "ok");
    auto desk = open_desk(file.path(), c);
    // Every reported commit is there.
    std::uint64_t last_tracker_version = 0;
    for (const auto& line : reported) {
      std::istringstream in(line);
      std::string what;
      in >> what;
      if (what == "ticket") {
        std::int64_t number = 0;
        in >> number;
        committed_tickets.insert(number);
      } else {
        std::string state;
        std::uint64_t version = 0;
        in >> state >> version;
        last_tracker_version = version;
      }
    }
    for (auto number : committed_tickets) BOOST_TEST(desk->ticket(tom, number).ticket.title == "crash-op");
    auto tracker_now = desk->ticket(tom, tracker).ticket;
    BOOST_TEST(tracker_now.version >= last_tracker_version);
    // No half-applied fan-out: every linked ticket follows the tracker.
    auto wanted = tracker_now.state == "done" ? tc::state_category::resolved : tc::state_category::submitted;
    std::size_t behind = 0;
    for (const auto& id : customers)
      if (desk->ticket(tom, id).ticket.state_category != wanted) ++behind;
    BOOST_TEST(behind == 0u);
    // Every committed state change owes its notifications: one per channel
    // for each change of the ticket's state.
    for (std::size_t i = 0; i < customers.size(); i += std::max<std::size_t>(1, customers.size() / 50)) {
      std::size_t changes = 0;
      for (const auto& h : desk->history(tom, customers[i])) changes += h.field == "state";
      tc::outbox_filter f;
      f.ticket = customers[i];
      std::size_t status = 0;
      for (const auto& n : desk->outbox(f)) status += n.kind != tc::notification_kind::ticket_created;
      BOOST_TEST(status == 2 * changes);
    }
    // What the file records as delivered is never delivered again.
    std::set<std::string> recorded_delivered;
    tc::outbox_filter delivered;
    delivered.state = tc::delivery_state::delivered;
    delivered.limit = 100000000;
    for (const auto& n : desk->outbox(delivered)) recorded_delivered.insert(n.idempotency_key);
    recording again;
    desk->dispatch_notifications(&again);
    for (const auto& key : again.keys) BOOST_TEST(!recorded_delivered.count(key), key);
  }
}
