// A tracker with N linked customer tickets moves to Done in memory, with
// every propagated effect (state changes, history, public events, admin
// messages, notifications). Baseline: the same row work done directly on
// standard containers in the same run. Prints `name value unit baseline ratio`.
#include <ticketcore/ticketcore.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace tc = ticketcore;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The rows the desk writes per linked ticket: update the ticket, one history
// entry, one part, two outbox entries; per conversation one part and one update.
double baseline(std::size_t n) {
  struct row { std::string state; std::uint64_t version = 1; std::string title = "Export fails"; };
  std::unordered_map<std::size_t, row> tickets, conversations;
  for (std::size_t i = 0; i < n; ++i) tickets[i], conversations[i];
  std::vector<std::string> history, parts, outbox;
  auto start = std::chrono::steady_clock::now();
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
  return seconds_since(start);
}

// Kept out of line so a profiler can select the fan-out alone
// (valgrind --tool=callgrind --toggle-collect=*move_tracker_to_done*).
[[gnu::noinline]] tc::ticket_view move_tracker_to_done(tc::desk& desk, const tc::actor& who, const tc::uuid& tracker) {
  return desk.set_state(who, tracker, "done");
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  tc::config c;
  c.ticket_types = {{"bug_report", "Bug report", tc::category::customer, "", {}, false, {}},
                    {"bug", "Bug", tc::category::tracker, "", {}, false, {}}};
  c.teammates = {{"tom", "Tom", "", {}}};
  for (std::size_t i = 0; i < n; ++i) c.contacts.push_back({"c" + std::to_string(i), "", "", ""});
  tc::desk_options o;
  o.config = std::move(c);
  tc::desk desk(std::move(o));
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

  if (std::getenv("TC_BENCH_PAUSE")) {  // lets a profiler attach to the fan-out alone
    std::fprintf(stderr, "ready %d\n", static_cast<int>(getpid()));
    sleep(2);
  }
  auto start = std::chrono::steady_clock::now();
  auto done = move_tracker_to_done(desk, tom, tracker);
  double fanout = seconds_since(start);
  double base = baseline(n);
  std::printf("tracker_fanout_memory_%zu %.4f s %.4f %.2f\n", n, fanout, base, fanout / base);
  return done.ticket.state == "done" ? 0 : 1;
}
