// Correcting a ticket's company (V1, T3, U1, U2, H1): the contacts who see
// a company-shared ticket follow its company, through every read path.
#define BOOST_TEST_MODULE company
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <set>
#include <string>

using namespace testing;
namespace json = boost::json;

namespace {

// Contacts a and b work at initech, c at umbrella. The ticket is a's,
// shared with its company, and carries a word no other ticket has.
struct company_fixture : desk_fixture {
  tc::uuid shared;
  std::int64_t number = 0;

  company_fixture() {
    auto nt = customer_ticket("a", "Quokka dashboard broken");
    nt.sharing = tc::sharing::company;
    auto v = desk->create_ticket(tom, nt);
    shared = v.ticket.id;
    number = v.ticket.number;
    desk->create_ticket(tom, customer_ticket("c", "Umbrella's own ticket"));
  }

  // Whether `who` finds the ticket by each read path; every path must agree.
  bool sees(const tc::actor& who) {
    std::set<bool> answers;
    answers.insert(!attempt([&] { desk->ticket(who, shared); }).thrown);
    tc::inbox_filter all;
    all.limit = 1000;
    bool listed = false;
    for (const auto& row : desk->inbox(who, all)) listed = listed || row.id == shared;
    answers.insert(listed);
    tc::ticket_query everything;
    bool found = false;
    for (const auto& v : desk->find_tickets(who, everything, 1000).tickets) found = found || v.ticket.id == shared;
    answers.insert(found);
    tc::ticket_query search;
    search.text = "quokka";
    auto hits = desk->find_tickets(who, search, 1000).tickets;
    answers.insert(hits.size() == 1 && hits.front().ticket.id == shared);
    answers.insert(desk->count_tickets(who, search) == 1u);
    BOOST_TEST(answers.size() == 1u);  // read, listing, search and count agree
    return *answers.begin();
  }
};

}  // namespace

// V1: after the correction the new company's contacts see the shared
// ticket, the old company's no longer do, and its own contact still does.
BOOST_FIXTURE_TEST_CASE(v1_a_corrected_company_moves_who_sees_a_shared_ticket, company_fixture) {
  BOOST_TEST(sees(bob));
  BOOST_TEST(!sees(cat));
  auto v = desk->set_company(tom, shared, "umbrella");
  BOOST_TEST(v.ticket.company == "umbrella");
  BOOST_TEST((v.ticket.sharing == tc::sharing::company));
  BOOST_TEST(sees(cat));
  BOOST_TEST(!sees(bob));
  BOOST_TEST(sees(ann));
  BOOST_TEST(!sees(dan));
  // The team finds it under its new company.
  tc::ticket_query by_company;
  by_company.company = "umbrella";
  BOOST_TEST(desk->count_tickets(tom, by_company) == 2u);
  by_company.company = "initech";
  BOOST_TEST(desk->count_tickets(tom, by_company) == 0u);
}

// H1: one history entry with the old and new company, and an event.
BOOST_FIXTURE_TEST_CASE(h1_a_company_correction_is_recorded, company_fixture) {
  std::vector<tc::event> events;
  desk->subscribe([&](const tc::event& e) { events.push_back(e); });
  auto before = desk->ticket(tom, shared).ticket.version;
  desk->set_company(tom, number, "umbrella", before);
  auto h = desk->history(tom, shared);
  BOOST_TEST(h.back().field == "company");
  BOOST_TEST(json::serialize(h.back().old_value) == "\"initech\"");
  BOOST_TEST(json::serialize(h.back().new_value) == "\"umbrella\"");
  BOOST_TEST(h.back().actor.id == "tom");
  BOOST_REQUIRE(events.size() == 1u);
  BOOST_TEST((events[0].kind == tc::event_kind::ticket_updated));
  BOOST_TEST(json::serialize(events[0].detail) == R"({"fields":["company"]})");
  // The same company again changes nothing.
  auto after = desk->ticket(tom, shared).ticket.version;
  desk->set_company(tom, shared, "umbrella");
  BOOST_TEST(desk->ticket(tom, shared).ticket.version == after);
  // X1: a stale version is a conflict.
  BOOST_TEST((attempt([&] { desk->set_company(tom, shared, "initech", before); }).kind == tc::errc::conflict));
}

// V1: no company at all; a ticket shared with its company becomes private,
// so no colleague of anyone sees it.
BOOST_FIXTURE_TEST_CASE(v1_a_ticket_without_a_company_is_private, company_fixture) {
  auto v = desk->set_company(tom, shared, "");
  BOOST_TEST(v.ticket.company.empty());
  BOOST_TEST((v.ticket.sharing == tc::sharing::private_));
  BOOST_TEST(!sees(bob));
  BOOST_TEST(sees(ann));
  auto h = desk->history(tom, shared);
  BOOST_REQUIRE(h.size() >= 2u);
  BOOST_TEST(h[h.size() - 2].field == "company");
  BOOST_TEST(h.back().field == "sharing");
}

// An unknown company is refused, naming the field, and changes nothing.
BOOST_FIXTURE_TEST_CASE(an_unknown_company_is_refused_and_changes_nothing, company_fixture) {
  auto before = snapshot(*desk);
  auto e = attempt([&] { desk->set_company(tom, shared, "hooli"); });
  BOOST_TEST((e.kind == tc::errc::validation_failed));
  BOOST_TEST(has(e.fields, "company"));
  BOOST_TEST(e.message.find("hooli") != std::string::npos);
  BOOST_TEST(snapshot(*desk) == before);
}

// U1, U2: a contact may not run it, and the refusal is the same for a
// ticket that exists (even one they see) as for one that does not.
BOOST_FIXTURE_TEST_CASE(u1_a_contact_cannot_correct_a_company, company_fixture) {
  auto before = snapshot(*desk);
  auto existing = attempt([&] { desk->set_company(ann, shared, "umbrella"); });
  auto missing = attempt([&] { desk->set_company(ann, tc::new_id(), "umbrella"); });
  auto by_number = attempt([&] { desk->set_company(ann, std::int64_t{999999}, "umbrella"); });
  BOOST_TEST((existing.kind == tc::errc::forbidden));
  BOOST_TEST((missing.kind == existing.kind));
  BOOST_TEST(missing.message == existing.message);
  BOOST_TEST(by_number.message == existing.message);
  BOOST_TEST(snapshot(*desk) == before);
}
