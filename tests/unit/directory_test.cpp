// The directory as stored records (docs/directory.md): contacts, companies,
// teammates and teams written one by one, looked up by id and e-mail, and
// created with a conversation or ticket in one unit of work.
#define BOOST_TEST_MODULE directory
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <thread>

using namespace testing;
namespace json = boost::json;

namespace {

tc::contact person(const std::string& id, const std::string& email, const std::string& company = "") {
  tc::contact c;
  c.id = id;
  c.name = "Person " + id;
  c.emails = {email};
  c.company = company;
  return c;
}

// A desk whose configuration accepts unknown senders.
struct accepting_fixture : desk_fixture {
  accepting_fixture() {
    tc::config c = tc::parse_config(std::string_view(scenario_config));
    c.unknown_senders = tc::config::unknown_contacts::accept;
    desk->configure(c);
  }
};

std::vector<tc::history_entry> history_of(tc::storage& s, const std::string& kind, const std::string& id) {
  auto tx = s.begin(tc::access::read);
  return tx->history_of(tc::directory_subject(kind, id));
}

std::size_t contacts_in(const tc::desk& d) { return d.contacts(tc::actor::system(), {"", "", "", 10000}).size(); }

}  // namespace

BOOST_FIXTURE_TEST_CASE(directory_upsert_creates_then_updates_with_history_and_events, desk_fixture) {
  std::vector<tc::event> seen;
  desk->subscribe([&](const tc::event& e) { seen.push_back(e); });
  tc::contact made = desk->upsert_contact(tom, person("u1", "  Eve@Example.TEST "));
  BOOST_TEST(made.version == 1u);
  BOOST_TEST(made.emails.at(0) == "eve@example.test");  // trimmed, lower-cased
  BOOST_TEST((made.created_at == t0()));
  tc::contact changed = made;
  changed.phone = "+33 1 23 45 67 89";
  changed.version = 0;
  BOOST_TEST(desk->upsert_contact(tom, changed).version == 2u);
  BOOST_TEST(desk->contact(tom, "u1").phone == "+33 1 23 45 67 89");
  auto h = history_of(*store, "contact", "u1");
  BOOST_REQUIRE(h.size() == 2u);
  BOOST_TEST(h[0].field == "contact.created");
  BOOST_TEST(h[1].field == "contact.updated");
  // The fields that changed and the version, never their values.
  BOOST_TEST(json::serialize(h[1].new_value) == R"({"id":"u1","version":2,"fields":["phone"]})");
  BOOST_TEST(json::serialize(tc::to_json(h[1])).find("+33") == std::string::npos);
  BOOST_REQUIRE(seen.size() == 2u);
  BOOST_TEST((seen[0].kind == tc::event_kind::directory_created));
  BOOST_TEST((seen[1].kind == tc::event_kind::directory_updated));
}

BOOST_FIXTURE_TEST_CASE(x1_stale_contact_version_is_conflict, desk_fixture) {
  tc::contact c = desk->create_contact(tom, person("u1", "eve@example.test"));
  tc::contact first = c, second = c;
  first.name = "First";
  second.name = "Second";
  desk->update_contact(tom, first);
  auto r = attempt([&] { desk->update_contact(tom, second); });
  BOOST_TEST((r.kind == tc::errc::conflict));
  BOOST_TEST(desk->contact(tom, "u1").name == "First");
}

BOOST_FIXTURE_TEST_CASE(directory_create_and_update_name_missing_and_existing, desk_fixture) {
  desk->create_contact(tom, person("u1", "eve@example.test"));
  BOOST_TEST((attempt([&] { desk->create_contact(tom, person("u1", "x@example.test")); }).kind == tc::errc::conflict));
  BOOST_TEST((attempt([&] { desk->update_contact(tom, person("u2", "y@example.test")); }).kind == tc::errc::not_found));
}

BOOST_FIXTURE_TEST_CASE(directory_lookup_by_email_is_case_insensitive_and_trimmed, desk_fixture) {
  desk->upsert_contact(tom, person("u1", "Eve@Example.test"));
  BOOST_TEST(desk->contact_by_email(tom, " EVE@example.TEST ").id == "u1");
  BOOST_TEST(desk->contact_by_email(tom, "ANN@initech.test").id == "a");  // declared in the configuration
  BOOST_TEST((attempt([&] { desk->contact_by_email(tom, "nobody@example.test"); }).kind == tc::errc::not_found));
}

BOOST_FIXTURE_TEST_CASE(directory_bad_input_is_named_and_writes_nothing, desk_fixture) {
  desk->upsert_contact(tom, person("u1", "eve@example.test"));
  auto taken = attempt([&] { desk->upsert_contact(tom, person("u2", "EVE@example.test")); });
  BOOST_TEST((taken.kind == tc::errc::conflict));
  BOOST_TEST(taken.message.find("eve@example.test") != std::string::npos);
  auto declared = attempt([&] { desk->upsert_contact(tom, person("u2", "ann@initech.test")); });
  BOOST_TEST((declared.kind == tc::errc::conflict));
  auto invalid = attempt([&] { desk->upsert_contact(tom, person("u2", "not an address")); });
  BOOST_TEST((invalid.kind == tc::errc::validation_failed));
  BOOST_TEST(has(invalid.fields, "emails"));
  auto company = attempt([&] { desk->upsert_contact(tom, person("u2", "u2@example.test", "nowhere")); });
  BOOST_TEST((company.kind == tc::errc::validation_failed));
  BOOST_TEST(has(company.fields, "company"));
  auto attribute = attempt([&] {
    tc::contact c = person("u2", "u2@example.test");
    c.attributes = {{"plan", "gold"}};
    desk->upsert_contact(tom, c);
  });
  BOOST_TEST(has(attribute.fields, "attributes.plan"));
  BOOST_TEST((attempt([&] { desk->contact(tom, "u2"); }).kind == tc::errc::not_found));
  BOOST_TEST(history_of(*store, "contact", "u2").empty());
}

BOOST_FIXTURE_TEST_CASE(directory_contact_attributes_are_typed, desk_fixture) {
  tc::config c = tc::parse_config(std::string_view(scenario_config));
  c.contact_attributes.push_back({});
  c.contact_attributes.back().key = "seats";
  c.contact_attributes.back().type = tc::attribute_type::integer;
  desk->configure(c);
  tc::contact p = person("u1", "u1@example.test");
  p.attributes = {{"seats", "many"}};
  auto r = attempt([&] { desk->upsert_contact(tom, p); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "attributes.seats"));
  p.attributes = {{"seats", 12}};
  BOOST_TEST(desk->upsert_contact(tom, p).attributes.at("seats").as_int64() == 12);
}

BOOST_FIXTURE_TEST_CASE(directory_declared_contact_is_changed_in_the_configuration, desk_fixture) {
  auto r = attempt([&] { desk->upsert_contact(tom, person("a", "ann@initech.test")); });
  BOOST_TEST((r.kind == tc::errc::conflict));
  BOOST_TEST(r.message.find("configuration") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(v5_contact_reads_only_themselves, desk_fixture) {
  desk->upsert_contact(tom, person("u1", "u1@example.test"));
  BOOST_TEST(desk->contact(ann, "a").id == "a");
  auto other = attempt([&] { desk->contact(ann, "u1"); });
  auto missing = attempt([&] { desk->contact(ann, "nobody"); });
  BOOST_TEST((other.kind == tc::errc::not_found));
  BOOST_TEST((missing.kind == tc::errc::not_found));
  BOOST_TEST((attempt([&] { desk->contacts(ann, {}); }).kind == tc::errc::forbidden));
  BOOST_TEST((attempt([&] { desk->upsert_contact(ann, person("a2", "a2@example.test")); }).kind == tc::errc::forbidden));
}

BOOST_FIXTURE_TEST_CASE(directory_listing_pages_by_id_and_by_company, desk_fixture) {
  for (int i = 0; i < 5; ++i)
    desk->upsert_contact(tom, person("s" + std::to_string(i), "s" + std::to_string(i) + "@x.test", i % 2 ? "umbrella" : ""));
  std::vector<std::string> ids;
  tc::directory_page_request r;
  r.limit = 3;
  for (;;) {
    auto page = desk->contacts(tom, r);
    for (const auto& c : page) ids.push_back(c.id);
    if (page.size() < r.limit) break;
    r.after = page.back().id;
  }
  // The declared a, b, c, d and the stored s0-s4, merged in order of id.
  BOOST_TEST(ids == (std::vector<std::string>{"a", "b", "c", "d", "s0", "s1", "s2", "s3", "s4"}), boost::test_tools::per_element());
  tc::directory_page_request umbrella;
  umbrella.company = "umbrella";
  std::vector<std::string> members;
  for (const auto& c : desk->contacts(tom, umbrella)) members.push_back(c.id);
  BOOST_TEST(members == (std::vector<std::string>{"c", "s1", "s3"}), boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(v1_contact_moved_to_another_company_sees_its_shared_tickets, desk_fixture) {
  desk->upsert_contact(tom, person("eve", "eve@example.test", "initech"));
  tc::new_ticket initech = customer_ticket("a", "Initech outage");
  initech.sharing = tc::sharing::company;
  tc::new_ticket umbrella = customer_ticket("c", "Umbrella outage");
  umbrella.sharing = tc::sharing::company;
  auto i = desk->create_ticket(tom, initech);
  auto u = desk->create_ticket(tom, umbrella);
  const tc::actor eve = tc::actor::contact("eve");
  BOOST_TEST(desk->ticket(eve, i.ticket.id).ticket.title == "Initech outage");
  BOOST_TEST((attempt([&] { desk->ticket(eve, u.ticket.id); }).kind == tc::errc::not_found));
  tc::contact moved = desk->contact(tom, "eve");
  moved.company = "umbrella";
  desk->update_contact(tom, moved);
  BOOST_TEST((attempt([&] { desk->ticket(eve, i.ticket.id); }).kind == tc::errc::not_found));
  BOOST_TEST(desk->ticket(eve, u.ticket.id).ticket.title == "Umbrella outage");
  tc::ticket_query q;
  auto page = desk->find_tickets(eve, q);
  BOOST_REQUIRE(page.tickets.size() == 1u);
  BOOST_TEST(page.tickets[0].ticket.title == "Umbrella outage");
}

BOOST_FIXTURE_TEST_CASE(directory_stored_teammate_and_team_act_and_route, desk_fixture) {
  desk->upsert_team(tom, {"billing", "Billing"});
  tc::teammate sam;
  sam.id = "sam";
  sam.name = "Sam";
  sam.email = "Sam@Desk.test";
  sam.teams = {"billing"};
  BOOST_TEST(desk->upsert_teammate(tom, sam).email == "sam@desk.test");
  const tc::actor as_sam = tc::actor::teammate("sam");
  tc::new_ticket t = customer_ticket("a");
  t.assignee = "sam";
  t.team = "billing";
  auto made = desk->create_ticket(as_sam, t);  // a stored teammate acts (U1) and is assignable
  BOOST_TEST(made.ticket.assignee == "sam");
  tc::directory_page_request billing;
  billing.team = "billing";
  BOOST_TEST(desk->teammates(tom, billing).size() == 1u);
  sam.teams = {"nowhere"};
  BOOST_TEST((attempt([&] { desk->upsert_teammate(tom, sam); }).kind == tc::errc::validation_failed));
}

BOOST_FIXTURE_TEST_CASE(c1_unknown_sender_is_refused_by_default, desk_fixture) {
  tc::new_conversation nc{"newbie", tc::channel::email, "", "", "Hello"};
  nc.new_contact = person("", "newbie@example.test");
  auto r = attempt([&] { desk->create_conversation(tom, nc); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.message.find("unknown senders") != std::string::npos);
  BOOST_TEST(contacts_in(*desk) == 4u);
}

BOOST_FIXTURE_TEST_CASE(c1_conversation_creates_its_new_contact_in_one_call, accepting_fixture) {
  tc::new_conversation nc{"newbie", tc::channel::email, "", "", "Hello"};
  nc.new_contact = person("", "Newbie@Example.test", "initech");
  auto v = desk->create_conversation(tom, nc);
  BOOST_TEST(v.conversation.contact == "newbie");
  tc::contact made = desk->contact(tom, "newbie");
  BOOST_TEST(made.company == "initech");
  BOOST_TEST(made.version == 1u);
  BOOST_TEST(desk->contact_by_email(tom, "newbie@example.test").id == "newbie");
}

BOOST_FIXTURE_TEST_CASE(c3_failed_ticket_creation_leaves_no_contact_behind, accepting_fixture) {
  tc::new_ticket t = customer_ticket("newbie");
  t.priority = "no such priority";  // fails after the contact was written
  t.new_contact = person("", "newbie@example.test");
  auto r = attempt([&] { desk->create_ticket(tom, t); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST((attempt([&] { desk->contact(tom, "newbie"); }).kind == tc::errc::not_found));
  BOOST_TEST(history_of(*store, "contact", "newbie").empty());
  t.priority = "";
  BOOST_TEST(desk->create_ticket(tom, t).ticket.contact == "newbie");
  BOOST_TEST(desk->contact(tom, "newbie").emails.at(0) == "newbie@example.test");
}

BOOST_FIXTURE_TEST_CASE(x2_threads_upserting_one_external_id_make_one_contact, desk_fixture) {
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 10; ++k) {
        try {
          tc::contact c = person("same", "same@example.test");
          c.name = "writer " + std::to_string(i);
          desk->upsert_contact(tom, c);
        } catch (const tc::error&) {
          ++failed;
        }
      }
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(failed.load() == 0);
  BOOST_TEST(contacts_in(*desk) == 5u);  // the four declared and one stored
  BOOST_TEST(desk->contact(tom, "same").version >= 1u);
}

BOOST_AUTO_TEST_CASE(x2_two_desks_on_one_file_upserting_one_external_id_make_one_contact) {
  scratch_file file;
  auto open = [&] {
    tc::desk_options o;
    o.storage = tc::open_sqlite_store(file.path());
    o.config = tc::parse_config(std::string_view(scenario_config));
    return std::make_unique<tc::desk>(std::move(o));
  };
  auto first = open();
  auto second = open();
  const tc::actor tom = tc::actor::teammate("tom");
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (tc::desk* d : {first.get(), second.get()})
    threads.emplace_back([&, d] {
      for (int k = 0; k < 10; ++k) {
        try {
          d->upsert_contact(tom, person("same", "same@example.test"));
        } catch (const tc::error&) {
          ++failed;
        }
      }
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(failed.load() == 0);
  BOOST_TEST(contacts_in(*first) == 5u);
  BOOST_TEST(contacts_in(*second) == 5u);
}
