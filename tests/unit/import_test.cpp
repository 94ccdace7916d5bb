// Imports: many tickets in one transaction, all or none, telling no contact
// and triggering no rules (docs/decisions.md, "Imports").
#define BOOST_TEST_MODULE import
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

struct import_desk : desk_fixture {
  std::vector<tc::event> events;
  import_desk() {
    desk->subscribe([this](const tc::event& e) { events.push_back(e); });
  }
  std::vector<tc::new_ticket> batch(std::size_t n) {
    std::vector<tc::new_ticket> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(customer_ticket(i % 2 ? "a" : "b", "Imported " + std::to_string(i)));
    return out;
  }
  std::size_t tickets() { return desk->count_tickets(tom, {}); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(import_stores_every_ticket_in_order_with_history_and_no_notice_to_contacts) {
  import_desk f;
  auto stored = f.desk->import_tickets(f.tom, f.batch(4));
  BOOST_TEST_REQUIRE(stored.size() == 4u);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    auto t = f.desk->ticket(f.tom, stored[i].id).ticket;
    BOOST_TEST(t.number == stored[i].number);
    BOOST_TEST(t.number == static_cast<std::int64_t>(i + 1));  // T3: numbers in the order given
    BOOST_TEST(t.title == "Imported " + std::to_string(i));
    BOOST_TEST(t.state == "submitted");
    auto h = f.desk->history(f.tom, t.id);
    BOOST_TEST_REQUIRE(!h.empty());
    BOOST_TEST(h.front().field == "created");
  }
  // Found by queries and full text like any ticket (Q1).
  tc::ticket_query q;
  q.text = "Imported";
  BOOST_TEST(f.desk->count_tickets(f.tom, q) == 4u);
  // N1 is for live work: an import owes contacts nothing.
  BOOST_TEST(f.desk->outbox().empty());
  // Observers hear of each ticket, marked as imported.
  std::size_t imported = 0;
  for (const auto& e : f.events)
    if (e.kind == tc::event_kind::ticket_created && e.detail.contains("imported")) ++imported;
  BOOST_TEST(imported == 4u);
}

BOOST_AUTO_TEST_CASE(import_with_one_bad_ticket_names_it_and_changes_nothing) {
  import_desk f;
  f.desk->create_ticket(f.tom, f.customer_ticket("a", "Before"));
  const auto outbox_before = f.desk->outbox().size();
  auto tickets = f.batch(5);
  tickets[3].contact = "nobody";
  try {
    f.desk->import_tickets(f.tom, tickets);
    BOOST_FAIL("an unknown contact must fail the import");
  } catch (const tc::error& e) {
    BOOST_TEST(e.kind() == tc::errc::validation_failed);
    BOOST_TEST(std::string(e.what()).find("tickets[3]") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("nobody") != std::string::npos);
    BOOST_TEST(e.fields() == std::vector<std::string>{"tickets[3].contact"}, boost::test_tools::per_element());
  }
  BOOST_TEST(f.tickets() == 1u);
  BOOST_TEST(f.desk->outbox().size() == outbox_before);
  // T3: the numbers the failed import took are given back.
  BOOST_TEST(f.desk->create_ticket(f.tom, f.customer_ticket("a", "After")).ticket.number == 2);
}

BOOST_AUTO_TEST_CASE(import_is_for_staff_only) {
  import_desk f;
  BOOST_CHECK_EXCEPTION(f.desk->import_tickets(f.ann, f.batch(1)), tc::error,
                        [](const tc::error& e) { return e.kind() == tc::errc::forbidden; });
  BOOST_TEST(f.tickets() == 0u);
}

BOOST_AUTO_TEST_CASE(A1_imported_tickets_trigger_no_rules_while_created_ones_do) {
  import_desk f;
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["rules"] = boost::json::parse(R"([{"id": "to-tom", "trigger": "ticket_created",
    "conditions": {"all": []}, "actions": [{"action": "assign", "teammate": "tom"}]}])");
  f.desk->configure(tc::parse_config(boost::json::value(doc)));
  auto imported = f.desk->import_tickets(f.tom, f.batch(2));
  for (const auto& t : imported) BOOST_TEST(f.desk->ticket(f.tom, t.id).ticket.assignee.empty());
  auto live = f.desk->create_ticket(f.fay, f.customer_ticket("a", "Live"));
  BOOST_TEST(f.desk->ticket(f.tom, live.ticket.id).ticket.assignee == "tom");
}
