// libFuzzer target: the query reader (Q1, U4). An input is a query in JSON,
// as the C find_tickets op and Python send it; ticket_query_from_json either
// refuses it with a ticketcore::error or reads a query that
//   - writes back to JSON that reads again to the same JSON (U3), and
//   - runs (find_tickets, count_tickets) for a teammate and for a contact on
//     a seeded desk, answering or refusing with an ordinary error kind.
#include "seed_desk.hpp"

#include <ticketcore/ticketcore.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

namespace tc = ticketcore;
namespace json = boost::json;

namespace {

std::unique_ptr<tc::desk> seeded_desk() {
  tc::desk_options options;
  options.config = tc::parse_config(std::string_view(fuzz::desk_config));
  auto desk = std::make_unique<tc::desk>(std::move(options));
  const tc::actor tom = tc::actor::teammate("tom");
  for (const char* contact : {"a", "b", "d"}) {
    tc::new_ticket t;
    t.type = "bug_report";
    t.title = std::string("Login broken for ") + contact;
    t.description = "The login page fails with error 42";
    t.contact = contact;
    t.sharing = std::string(contact) == "d" ? tc::sharing::private_ : tc::sharing::company;  // d has no company
    t.tags = {"login"};
    auto v = desk->create_ticket(tom, t);
    desk->add_note(tom, v.ticket.id, "internal words", tc::note_mode::add);
  }
  return desk;
}

bool ordinary(tc::errc kind) {
  return kind == tc::errc::invalid_argument || kind == tc::errc::validation_failed || kind == tc::errc::forbidden;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<tc::desk> desk = seeded_desk();
  json::parse_options options;
  options.max_depth = 64;  // as the C ABI reads its input
  boost::system::error_code ec;
  json::value document = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec, {}, options);
  if (ec) return 0;
  tc::ticket_query q;
  try {
    q = tc::ticket_query_from_json(document);
  } catch (const tc::error& e) {
    if (e.kind() != tc::errc::invalid_argument) std::abort();
    return 0;
  }
  const std::string written = json::serialize(tc::to_json(q));
  if (json::serialize(tc::to_json(tc::ticket_query_from_json(json::parse(written)))) != written) std::abort();
  for (const tc::actor& who : {tc::actor::teammate("tom"), tc::actor::contact("a")}) {
    try {
      desk->find_tickets(who, q, 10);
      desk->count_tickets(who, q);
    } catch (const tc::error& e) {
      if (!ordinary(e.kind())) std::abort();
    }
  }
  return 0;
}
