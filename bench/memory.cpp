// Memory per ticket in the in-memory store, for a typical ticket: title,
// description, three attributes and one reply, with everything the desk
// keeps for it (history, outbox entries, full-text words). Baseline in the
// same run: the same ticket and reply records held in standard containers.
//
// Usage: memory [N=100000]
#include "harness.hpp"
#include "typical_ticket.hpp"

#include <ticketcore/ticketcore.hpp>

#include <boost/container_hash/hash.hpp>

#include <malloc.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace tc = ticketcore;

namespace {

const char* reply_body = "Thanks for telling us. We are looking into it and will write back today.";

double desk_kib_per_ticket(std::size_t n) {
  tc::desk_options o;
  o.config = tc::parse_config(std::string_view(bench::typical_configuration));
  tc::desk desk(std::move(o));
  const auto tom = tc::actor::teammate("tom");
  desk.create_ticket(tom, bench::typical_ticket(0));  // the first call's one-time allocations
  const long before = bench::resident_kib();
  for (std::size_t i = 1; i <= n; ++i) {
    auto t = desk.create_ticket(tom, bench::typical_ticket(i));
    desk.reply(tom, t.ticket.id, reply_body);
  }
  return double(bench::resident_kib() - before) / double(n);
}

double containers_kib_per_ticket(std::size_t n) {
  const long before = bench::resident_kib();
  std::unordered_map<tc::uuid, tc::ticket, boost::hash<tc::uuid>> tickets;
  std::vector<tc::part> replies;
  for (std::size_t i = 0; i < n; ++i) {
    tc::ticket t = bench::typical_record(i);
    tc::part p;
    p.id = tc::new_id();
    p.owner = t.id;
    p.kind = tc::part_kind::reply;
    p.internal = false;
    p.author = tc::actor::teammate("tom");
    p.body = reply_body;
    replies.push_back(std::move(p));
    tickets.emplace(t.id, std::move(t));
  }
  double kib = double(bench::resident_kib() - before) / double(n);
  return tickets.size() == n ? kib : 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = argc > 1 ? std::stoul(argv[1]) : 100000;
  const double desk = desk_kib_per_ticket(n);
  malloc_trim(0);  // give the desk's freed pages back, so the baseline does not reuse them
  bench::figure("memory_per_ticket_kib", desk, "KiB", containers_kib_per_ticket(n));
}
