// Ticket types and attributes: T1-T5.
#define BOOST_TEST_MODULE types
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace testing;
namespace json = boost::json;

namespace {

// What a failing call threw; `thrown` stays false when it did not fail.
tc::new_ticket refund(const std::string& contact, json::object attributes = {{"amount", 25.5}}) {
  tc::new_ticket t;
  t.type = "refund";
  t.title = "Refund my order";
  t.contact = contact;
  t.attributes = std::move(attributes);
  return t;
}

tc::ticket_changes attributes_change(json::object attributes) {
  tc::ticket_changes ch;
  ch.attributes = std::move(attributes);
  return ch;
}

}  // namespace

// --- T1 -------------------------------------------------------------------

// T1: the type a ticket is created with fixes its category.
BOOST_FIXTURE_TEST_CASE(t1_type_fixes_category, desk_fixture) {
  auto customer = desk->create_ticket(tom, customer_ticket("a"));
  auto back_office = desk->create_ticket(tom, ticket_of("process_refund", "Refund A"));
  auto tracker = desk->create_ticket(tom, ticket_of("bug", "Export crash"));
  BOOST_TEST(customer.ticket.type == "bug_report");
  BOOST_TEST((customer.ticket.category == tc::category::customer));
  BOOST_TEST(customer.type_name == "Bug report");
  BOOST_TEST(back_office.ticket.type == "process_refund");
  BOOST_TEST((back_office.ticket.category == tc::category::back_office));
  BOOST_TEST(tracker.ticket.type == "bug");
  BOOST_TEST((tracker.ticket.category == tc::category::tracker));
  // Read back, the category is still the type's.
  BOOST_TEST((desk->ticket(tom, tracker.ticket.id).ticket.category == tc::category::tracker));
  BOOST_TEST((desk->ticket(tom, back_office.ticket.id).ticket.category == tc::category::back_office));
}

// T1: exactly one type - a ticket without a known type is not created.
BOOST_FIXTURE_TEST_CASE(t1_unknown_or_missing_type_rejected, desk_fixture) {
  auto before = snapshot(*desk);
  auto unknown = attempt([&] { desk->create_ticket(tom, ticket_of("no_such_type", "X")); });
  BOOST_TEST(unknown.thrown);
  BOOST_TEST((unknown.kind == tc::errc::validation_failed));
  BOOST_TEST(has(unknown.fields, "type"));
  auto missing = attempt([&] { desk->create_ticket(tom, ticket_of("", "X")); });
  BOOST_TEST(missing.thrown);
  BOOST_TEST((missing.kind == tc::errc::validation_failed));
  BOOST_TEST(has(missing.fields, "type"));
  BOOST_TEST(snapshot(*desk) == before);
}

// T1: a conversation converts into a customer ticket only; the type decides.
BOOST_FIXTURE_TEST_CASE(t1_category_decides_creation_path, desk_fixture) {
  auto conv = conversation("a");
  auto before = snapshot(*desk);
  auto as_back_office =
      attempt([&] { desk->convert_conversation(tom, conv.conversation.id, ticket_of("process_refund", "R")); });
  BOOST_TEST(as_back_office.thrown);
  BOOST_TEST((as_back_office.kind == tc::errc::invalid_argument));
  auto customer_as_linked =
      attempt([&] { desk->create_linked_ticket(tom, conv.conversation.id, customer_ticket("a")); });
  BOOST_TEST(customer_as_linked.thrown);
  BOOST_TEST((customer_as_linked.kind == tc::errc::invalid_argument));
  BOOST_TEST(snapshot(*desk) == before);
}

// T1: reconfiguring a type that tickets use may not change its category,
// or those tickets would no longer have the category their type fixes.
BOOST_FIXTURE_TEST_CASE(t1_configure_cannot_recategorise_type_in_use, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  tc::config next = *desk->configuration();
  for (auto& type : next.ticket_types)
    if (type.id == "bug_report") type.category = tc::category::tracker;
  // Attributes visible to customers are only valid on customer types; drop them.
  for (auto& type : next.ticket_types)
    if (type.id == "bug_report")
      for (auto& a : type.attributes) a.visible_to_customer = a.editable_by_customer = a.required_for_customers = false;
  auto r = attempt([&] { desk->configure(next); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "ticket_types.bug_report"));
  BOOST_TEST((desk->configuration()->find_type("bug_report")->category == tc::category::customer));
  BOOST_TEST((desk->ticket(tom, t.ticket.id).ticket.category == tc::category::customer));
  // A type nobody uses may change category.
  tc::config other = *desk->configuration();
  for (auto& type : other.ticket_types)
    if (type.id == "process_refund") type.category = tc::category::tracker;
  desk->configure(other);
  BOOST_TEST((desk->configuration()->find_type("process_refund")->category == tc::category::tracker));
}

// --- T2 -------------------------------------------------------------------

namespace {

struct attribute_case {
  std::string type;  // the ticket type declaring the attribute
  std::string key;
  json::value good;
  std::vector<json::value> bad;
};

std::vector<attribute_case> attribute_cases() {
  return {
      {"refund", "notes", json::value("**Bold** and `code`"), {json::value(42), json::value(true)}},       // rich text
      {"bug_report", "internal_triage", json::value("looks like a race"), {json::value(7), json::value(json::array{})}},  // text
      {"bug_report", "severity", json::value(3), {json::value(3.5), json::value("3"), json::value(false)}},  // integer
      {"refund", "amount", json::value(19.99), {json::value("19.99"), json::value(json::array{1})}},        // decimal
      {"refund", "approved", json::value(true), {json::value("true"), json::value(1)}},                     // boolean
      {"refund", "order_date", json::value("2026-11-01"),
       {json::value("2026-02-30"), json::value("01/11/2026"), json::value("2026-11-01T10:00:00Z"), json::value(20261101)}},
      {"refund", "paid_at", json::value("2026-11-23T09:30:00Z"),
       {json::value("2026-11-23"), json::value("yesterday"), json::value(1700000000)}},  // datetime
      {"bug_report", "browser", json::value("firefox"), {json::value("opera"), json::value(1), json::value(json::array{"chrome"})}},  // list
      {"refund", "reasons", json::value(json::array{"late", "broken"}),
       {json::value(json::array{"late", "late"}), json::value(json::array{"stolen"}), json::value("late"),
        json::value(json::array{1})}},  // multi-list
      {"refund", "on_behalf", json::value("b"), {json::value("zed"), json::value("tom"), json::value(5)}},  // contact
      {"refund", "approver", json::value("fay"), {json::value("a"), json::value("nobody"), json::value(true)}},  // teammate
  };
}

}  // namespace

// T2: every attribute type accepts a valid value on write.
BOOST_FIXTURE_TEST_CASE(t2_every_attribute_type_accepts_valid_values, desk_fixture) {
  auto bug = desk->create_ticket(tom, customer_ticket("a"));
  auto ref = desk->create_ticket(tom, refund("a"));
  std::set<tc::attribute_type> covered;
  for (const auto& c : attribute_cases()) {
    BOOST_TEST_CONTEXT("attribute " << c.key) {
      const tc::uuid& id = c.type == "refund" ? ref.ticket.id : bug.ticket.id;
      auto v = desk->update_ticket(tom, id, attributes_change({{c.key, c.good}}));
      BOOST_TEST(v.ticket.attributes.contains(c.key));
      if (v.ticket.attributes.contains(c.key)) BOOST_TEST((v.ticket.attributes.at(c.key) == c.good));
      // Stored, not just echoed.
      BOOST_TEST((desk->ticket(tom, id).ticket.attributes.at(c.key) == c.good));
      covered.insert(desk->configuration()->find_type(c.type)->find_attribute(c.key)->type);
    }
  }
  BOOST_TEST(covered.size() == 11u);  // text, rich text, integer, decimal, boolean, date, datetime, list, multi-list, contact, teammate
}

// T2: every attribute type rejects wrong values, naming the key; nothing changes.
BOOST_FIXTURE_TEST_CASE(t2_every_attribute_type_rejects_invalid_values, desk_fixture) {
  auto bug = desk->create_ticket(tom, customer_ticket("a"));
  auto ref = desk->create_ticket(tom, refund("a"));
  for (const auto& c : attribute_cases()) {
    const tc::uuid& id = c.type == "refund" ? ref.ticket.id : bug.ticket.id;
    for (const auto& bad : c.bad) {
      BOOST_TEST_CONTEXT("attribute " << c.key << " = " << json::serialize(bad)) {
        auto before = snapshot(*desk);
        auto r = attempt([&] { desk->update_ticket(tom, id, attributes_change({{c.key, bad}})); });
        BOOST_TEST(r.thrown);
        BOOST_TEST((r.kind == tc::errc::validation_failed));
        BOOST_TEST(r.fields == std::vector<std::string>{"attributes." + c.key});
        BOOST_TEST(r.message.find(c.key) != std::string::npos);
        BOOST_TEST(snapshot(*desk) == before);
      }
    }
  }
}

// T2: values are validated at creation too.
BOOST_FIXTURE_TEST_CASE(t2_values_validated_at_creation, desk_fixture) {
  auto before = snapshot(*desk);
  auto r = attempt([&] {
    desk->create_ticket(tom, refund("a", {{"amount", "lots"}, {"order_date", "2026-13-01"}, {"approver", "a"}}));
  });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "attributes.amount"));
  BOOST_TEST(has(r.fields, "attributes.order_date"));
  BOOST_TEST(has(r.fields, "attributes.approver"));
  BOOST_TEST(r.fields.size() == 3u);
  BOOST_TEST(snapshot(*desk) == before);
}

// T2: unknown keys are rejected, each offending key named in fields().
BOOST_FIXTURE_TEST_CASE(t2_unknown_attribute_rejected, desk_fixture) {
  auto before = snapshot(*desk);
  auto t = customer_ticket("a");
  t.attributes["colour"] = "red";
  auto at_creation = attempt([&] { desk->create_ticket(tom, t); });
  BOOST_TEST(at_creation.thrown);
  BOOST_TEST((at_creation.kind == tc::errc::validation_failed));
  BOOST_TEST(at_creation.fields == std::vector<std::string>{"attributes.colour"});
  BOOST_TEST(at_creation.message.find("colour") != std::string::npos);
  BOOST_TEST(snapshot(*desk) == before);

  auto bug = desk->create_ticket(tom, customer_ticket("a"));
  before = snapshot(*desk);
  auto on_update = attempt([&] {
    // One known key with a valid value, two unknown keys, one known key with a bad value.
    desk->update_ticket(tom, bug.ticket.id,
                        attributes_change({{"severity", 2}, {"bogus", 1}, {"amount", 10}, {"internal_triage", 5}}));
  });
  BOOST_TEST(on_update.thrown);
  BOOST_TEST((on_update.kind == tc::errc::validation_failed));
  BOOST_TEST(on_update.fields.size() == 3u);
  BOOST_TEST(has(on_update.fields, "attributes.bogus"));
  BOOST_TEST(has(on_update.fields, "attributes.amount"));  // refund's, not bug_report's
  BOOST_TEST(has(on_update.fields, "attributes.internal_triage"));
  BOOST_TEST(!has(on_update.fields, "attributes.severity"));
  BOOST_TEST(snapshot(*desk) == before);  // the valid severity was not applied either
}

// T2: required_for_teammates is enforced when a teammate creates the ticket
// or clears the value.
BOOST_FIXTURE_TEST_CASE(t2_required_for_teammates_at_creation, desk_fixture) {
  auto before = snapshot(*desk);
  auto missing = attempt([&] { desk->create_ticket(tom, refund("a", {})); });
  BOOST_TEST(missing.thrown);
  BOOST_TEST((missing.kind == tc::errc::validation_failed));
  BOOST_TEST(missing.fields == std::vector<std::string>{"attributes.amount"});
  BOOST_TEST(snapshot(*desk) == before);

  auto ok = desk->create_ticket(tom, refund("a", {{"amount", 12}}));
  BOOST_TEST((ok.ticket.attributes.at("amount") == json::value(12)));

  before = snapshot(*desk);
  auto cleared = attempt([&] { desk->update_ticket(tom, ok.ticket.id, attributes_change({{"amount", nullptr}})); });
  BOOST_TEST(cleared.thrown);
  BOOST_TEST((cleared.kind == tc::errc::validation_failed));
  BOOST_TEST(has(cleared.fields, "attributes.amount"));
  BOOST_TEST(snapshot(*desk) == before);

  // An attribute that is not required may be cleared with null.
  desk->update_ticket(tom, ok.ticket.id, attributes_change({{"approved", true}}));
  auto v = desk->update_ticket(tom, ok.ticket.id, attributes_change({{"approved", nullptr}}));
  BOOST_TEST(!v.ticket.attributes.contains("approved"));
  BOOST_TEST(v.ticket.attributes.contains("amount"));
}

// T2, V4: a contact may set only attributes editable by customers, even
// ones they can see.
BOOST_FIXTURE_TEST_CASE(t2_contact_sets_only_customer_editable_attributes, desk_fixture) {
  auto before = snapshot(*desk);
  auto hidden = attempt([&] { desk->create_ticket(ann, refund("a", {{"approved", true}})); });
  BOOST_TEST(hidden.thrown);
  BOOST_TEST((hidden.kind == tc::errc::validation_failed));
  BOOST_TEST(hidden.fields == std::vector<std::string>{"attributes.approved"});
  // amount is visible to the customer but not editable by them.
  auto visible_only = attempt([&] { desk->create_ticket(ann, refund("a", {{"amount", 5}})); });
  BOOST_TEST(visible_only.thrown);
  BOOST_TEST((visible_only.kind == tc::errc::validation_failed));
  BOOST_TEST(visible_only.fields == std::vector<std::string>{"attributes.amount"});
  auto bug = customer_ticket("a");
  bug.attributes["severity"] = 1;
  auto severity = attempt([&] { desk->create_ticket(ann, bug); });
  BOOST_TEST(severity.thrown);
  BOOST_TEST(severity.fields == std::vector<std::string>{"attributes.severity"});
  BOOST_TEST(snapshot(*desk) == before);

  auto ok = desk->create_ticket(ann, refund("a", {{"order_date", "2026-11-01"}}));
  BOOST_TEST((ok.ticket.attributes.at("order_date") == json::value("2026-11-01")));
  BOOST_TEST(desk->ticket(tom, ok.ticket.id).ticket.contact == "a");
  // Editable values are still validated.
  auto bad = attempt([&] { desk->create_ticket(ann, refund("a", {{"order_date", "soon"}})); });
  BOOST_TEST(bad.thrown);
  BOOST_TEST(bad.fields == std::vector<std::string>{"attributes.order_date"});
}

// T2: required_for_customers applies when a contact submits, not when a teammate creates.
BOOST_FIXTURE_TEST_CASE(t2_required_for_customers_when_contact_submits, desk_fixture) {
  tc::new_ticket without = customer_ticket("a");
  without.attributes = {};
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->create_ticket(ann, without); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields == std::vector<std::string>{"attributes.browser"});
  BOOST_TEST(snapshot(*desk) == before);

  auto by_teammate = desk->create_ticket(tom, without);
  BOOST_TEST(!by_teammate.ticket.attributes.contains("browser"));
  auto by_contact = desk->create_ticket(ann, customer_ticket("a"));
  BOOST_TEST((by_contact.ticket.attributes.at("browser") == json::value("safari")));
}

// --- T3 -------------------------------------------------------------------

// T3: numbers increase per desk, are never reused, and find the ticket.
BOOST_FIXTURE_TEST_CASE(t3_numbers_increase_and_resolve_refs, desk_fixture) {
  auto first = desk->create_ticket(tom, customer_ticket("a", "First"));
  auto second = desk->create_ticket(tom, ticket_of("bug", "Second"));
  // A failed creation does not take a number, also when it fails after
  // drawing one (the second conversion of a conversation breaks K1 only
  // when the ticket is linked).
  BOOST_CHECK_THROW(desk->create_ticket(tom, ticket_of("legacy", "Archived")), tc::error);
  BOOST_CHECK_THROW(desk->create_ticket(tom, refund("a", {})), tc::error);
  auto conv = conversation("b");
  desk->convert_conversation(tom, conv.conversation.id, customer_ticket("b", "Converted"));
  BOOST_CHECK_THROW(desk->convert_conversation(tom, conv.conversation.id, customer_ticket("b", "Again")), tc::error);
  auto third = desk->create_ticket(tom, ticket_of("process_refund", "Third"));
  BOOST_TEST(first.ticket.number == 1);
  BOOST_TEST(second.ticket.number == 2);
  BOOST_TEST(third.ticket.number == 4);
  BOOST_TEST(desk->ticket(tom, std::int64_t{1}).ticket.title == "First");
  BOOST_TEST((desk->ticket(tom, std::int64_t{2}).ticket.id == second.ticket.id));
  BOOST_TEST(desk->ticket(tom, std::int64_t{3}).ticket.title == "Converted");
  BOOST_TEST((desk->ticket(tom, std::int64_t{4}).ticket.id == third.ticket.id));
  // By number as a contact, through the same projection.
  BOOST_TEST((desk->ticket(ann, std::int64_t{1}).ticket.id == first.ticket.id));
  auto missing = attempt([&] { desk->ticket(tom, std::int64_t{5}); });
  BOOST_TEST((missing.kind == tc::errc::not_found));
  // Ids are distinct version-7 UUIDs.
  BOOST_TEST(!first.ticket.id.is_nil());
  BOOST_TEST((first.ticket.id != second.ticket.id));
  BOOST_TEST((first.ticket.id.data[6] >> 4) == 7);
  // Conversations do not consume ticket numbers.
  conversation("c");
  BOOST_TEST(desk->create_ticket(tom, ticket_of("bug", "Fifth")).ticket.number == 5);
}

// T3: defaults - priority, company from the contact, sharing, channel, times from the clock.
BOOST_FIXTURE_TEST_CASE(t3_defaults, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  BOOST_TEST(t.ticket.priority == "normal");
  BOOST_TEST(t.ticket.company == "initech");
  BOOST_TEST((t.ticket.sharing == tc::sharing::private_));
  BOOST_TEST((t.ticket.channel == tc::channel::api));
  BOOST_TEST((t.ticket.created_at == t0()));
  BOOST_TEST((t.ticket.updated_at == t0()));
  BOOST_TEST(t.ticket.version == 1u);
  BOOST_TEST(t.ticket.assignee.empty());
  BOOST_TEST(t.ticket.tags.empty());
  BOOST_TEST(!t.ticket.follow_up_at.has_value());

  auto no_company = desk->create_ticket(tom, customer_ticket("d"));
  BOOST_TEST(no_company.ticket.company.empty());
  auto other_company = customer_ticket("c");
  BOOST_TEST(desk->create_ticket(tom, other_company).ticket.company == "umbrella");

  // updated_at follows the clock; created_at stays.
  clock->advance(std::chrono::minutes(5));
  tc::ticket_changes ch;
  ch.priority = "urgent";
  auto later = desk->update_ticket(tom, t.ticket.id, ch);
  BOOST_TEST((later.ticket.created_at == t0()));
  BOOST_TEST((later.ticket.updated_at == t0() + std::chrono::minutes(5)));
  BOOST_TEST(later.ticket.priority == "urgent");
  BOOST_TEST(later.ticket.version == 2u);
  clock->advance(std::chrono::minutes(1));
  desk->add_note(tom, t.ticket.id, "checking");
  BOOST_TEST((desk->ticket(tom, t.ticket.id).ticket.updated_at == t0() + std::chrono::minutes(6)));
}

// T3: every default attribute can be given at creation and is kept.
BOOST_FIXTURE_TEST_CASE(t3_default_attributes_round_trip, desk_fixture) {
  tc::new_ticket n = customer_ticket("b", "Export fails");
  n.description = "Steps:\n\n1. open\n2. **click** export\n\n```\ntrace\n```\n> quote\n[link](https://x.test)";
  n.company = "initech";
  n.brand = "globex";
  n.priority = "high";
  n.assignee = "tom";
  n.team = "support";
  n.owner = "fay";
  n.sharing = tc::sharing::company;
  n.tags = {"export", "vip"};
  n.channel = tc::channel::email;
  n.follow_up_at = t0() + std::chrono::hours(24);
  n.action_required_at = t0() + std::chrono::hours(48);
  auto id = desk->create_ticket(tom, n).ticket.id;
  auto t = desk->ticket(tom, id).ticket;
  BOOST_TEST(t.title == "Export fails");
  BOOST_TEST(t.description == n.description);  // Markdown kept verbatim
  BOOST_TEST(t.contact == "b");
  BOOST_TEST(t.company == "initech");
  BOOST_TEST(t.brand == "globex");
  BOOST_TEST(t.priority == "high");
  BOOST_TEST(t.assignee == "tom");
  BOOST_TEST(t.team == "support");
  BOOST_TEST(t.owner == "fay");
  BOOST_TEST((t.sharing == tc::sharing::company));
  BOOST_TEST((t.tags == std::set<std::string>{"export", "vip"}));
  BOOST_TEST((t.channel == tc::channel::email));
  BOOST_TEST((t.follow_up_at == n.follow_up_at));
  BOOST_TEST((t.action_required_at == n.action_required_at));
}

// T3: priorities come from the configured levels; bad references are named.
BOOST_FIXTURE_TEST_CASE(t3_unknown_defaults_rejected, desk_fixture) {
  auto before = snapshot(*desk);
  tc::new_ticket n = customer_ticket("a");
  n.priority = "critical";
  n.assignee = "nobody";
  n.brand = "initrode";
  n.title.clear();
  auto r = attempt([&] { desk->create_ticket(tom, n); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "priority"));
  BOOST_TEST(has(r.fields, "assignee"));
  BOOST_TEST(has(r.fields, "brand"));
  BOOST_TEST(has(r.fields, "title"));
  BOOST_TEST(snapshot(*desk) == before);
}

// --- T4 -------------------------------------------------------------------

// T4: an archived type takes no new tickets, from anyone.
BOOST_FIXTURE_TEST_CASE(t4_archived_type_takes_no_new_tickets, desk_fixture) {
  auto before = snapshot(*desk);
  auto by_teammate = attempt([&] {
    tc::new_ticket n = ticket_of("legacy", "Old style");
    n.contact = "a";
    desk->create_ticket(tom, n);
  });
  BOOST_TEST(by_teammate.thrown);
  BOOST_TEST((by_teammate.kind == tc::errc::validation_failed));
  BOOST_TEST(by_teammate.fields == std::vector<std::string>{"type"});
  auto by_contact = attempt([&] {
    tc::new_ticket n = ticket_of("legacy", "Old style");
    desk->create_ticket(ann, n);
  });
  BOOST_TEST(by_contact.thrown);
  auto conv = conversation("a");
  before = snapshot(*desk);
  auto converted = attempt([&] { desk->convert_conversation(tom, conv.conversation.id, ticket_of("legacy", "x")); });
  BOOST_TEST(converted.thrown);
  BOOST_TEST((converted.kind == tc::errc::validation_failed));
  BOOST_TEST(snapshot(*desk) == before);
}

// T4: archiving a type in use keeps its tickets working but stops new ones.
BOOST_FIXTURE_TEST_CASE(t4_archiving_type_in_use, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  tc::config next = *desk->configuration();
  for (auto& type : next.ticket_types)
    if (type.id == "bug_report") type.archived = true;
  desk->configure(next);
  BOOST_TEST(desk->configuration()->find_type("bug_report")->archived);
  auto moved = desk->set_state(tom, t.ticket.id, "in_progress");
  BOOST_TEST(moved.ticket.state == "in_progress");
  auto r = attempt([&] { desk->create_ticket(tom, customer_ticket("a")); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "type"));
}

// T4: desk::configure cannot remove a type in use; the old config stays.
BOOST_FIXTURE_TEST_CASE(t4_configure_cannot_remove_type_in_use, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  auto old_config = desk->configuration();
  tc::config next = *old_config;
  std::erase_if(next.ticket_types, [](const tc::ticket_type& x) { return x.id == "bug_report"; });
  next.brands.push_back({"hooli", "Hooli"});  // an unrelated change must not slip through either
  auto r = attempt([&] { desk->configure(next); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields == std::vector<std::string>{"ticket_types.bug_report"});
  BOOST_TEST(r.message.find("bug_report") != std::string::npos);
  BOOST_TEST((desk->configuration() == old_config));
  BOOST_TEST(desk->configuration()->find_type("bug_report") != nullptr);
  BOOST_TEST(desk->configuration()->find_brand("hooli") == nullptr);
  // The ticket still works.
  BOOST_TEST(desk->set_state(tom, t.ticket.id, "resolved").ticket.state == "resolved");
  BOOST_TEST(desk->create_ticket(tom, customer_ticket("b")).ticket.type == "bug_report");
}

// T4: a type in use keeps every state of its lifecycle, or its tickets would
// be stranded in a state that no longer exists; unused types may change freely.
BOOST_FIXTURE_TEST_CASE(t4_configure_cannot_strand_tickets, desk_fixture) {
  auto t = desk->create_ticket(tom, refund("a"));
  auto old_config = desk->configuration();
  tc::config next = *old_config;
  for (auto& l : next.lifecycles)
    if (l.id == "helpdesk") {
      std::erase_if(l.states, [](const tc::state& s) { return s.key == "on_hold"; });
      std::erase_if(l.transitions, [](const auto& p) { return p.first == "on_hold" || p.second == "on_hold"; });
    }
  auto r = attempt([&] { desk->configure(next); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields == std::vector<std::string>{"ticket_types.refund"});
  BOOST_TEST(r.message.find("on_hold") != std::string::npos);
  BOOST_TEST((desk->configuration() == old_config));
  BOOST_TEST(desk->set_state(tom, t.ticket.id, "open").ticket.state == "open");
  // Moving the type to a lifecycle that has every state it uses is fine.
  tc::config superset = *old_config;
  tc::lifecycle wider = *superset.find_lifecycle("helpdesk");
  wider.id = "helpdesk_v2";
  wider.states.push_back({"escalated", "Escalated", tc::state_category::in_progress, 2});
  wider.transitions.emplace_back("open", "escalated");
  superset.lifecycles.push_back(wider);
  for (auto& type : superset.ticket_types)
    if (type.id == "refund") type.lifecycle = "helpdesk_v2";
  desk->configure(superset);
  BOOST_TEST(desk->set_state(tom, t.ticket.id, "escalated").ticket.state == "escalated");
}

namespace {

// The configuration without state `key` in lifecycle "helpdesk".
tc::config without_state(tc::config c, const std::string& key) {
  for (auto& l : c.lifecycles)
    if (l.id == "helpdesk") {
      std::erase_if(l.states, [&](const tc::state& s) { return s.key == key; });
      std::erase_if(l.transitions, [&](const auto& p) { return p.first == key || p.second == key; });
    }
  return c;
}

}  // namespace

// T4: the refusal names the tickets a change would strand, so the host
// knows which records to move; a failed change writes nothing.
BOOST_FIXTURE_TEST_CASE(t4_stranding_refusal_names_the_tickets, desk_fixture) {
  auto held = desk->create_ticket(tom, refund("a"));
  desk->set_state(tom, held.ticket.id, "open");
  desk->set_state(tom, held.ticket.id, "on_hold");
  auto other = desk->create_ticket(tom, refund("a"));
  const auto version = desk->configuration_version().version;
  auto r = attempt([&] { desk->configure(without_state(*desk->configuration(), "on_hold")); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields == std::vector<std::string>{"ticket_types.refund"});
  BOOST_TEST(r.message.find("#" + std::to_string(held.ticket.number)) != std::string::npos);
  BOOST_TEST(r.message.find("#" + std::to_string(other.ticket.number)) == std::string::npos);
  BOOST_TEST(desk->configuration_version().version == version);
  BOOST_TEST(desk->ticket(tom, held.ticket.id).ticket.state == "on_hold");
}

// T4: an explicit migration moves the tickets in a removed state to the
// state it names, in the same transaction as the new configuration, with
// the history of a state change; other tickets are untouched.
BOOST_FIXTURE_TEST_CASE(t4_migration_moves_tickets_out_of_a_removed_state, desk_fixture) {
  auto held = desk->create_ticket(tom, refund("a"));
  desk->set_state(tom, held.ticket.id, "open");
  desk->set_state(tom, held.ticket.id, "on_hold");
  auto other = desk->create_ticket(tom, refund("a"));
  tc::configuration_migration m;
  m.states["refund"]["on_hold"] = "waiting";
  desk->configure_migrating(without_state(*desk->configuration(), "on_hold"), m);
  BOOST_TEST(desk->configuration()->find_lifecycle("helpdesk")->find("on_hold") == nullptr);
  auto moved = desk->ticket(tom, held.ticket.id).ticket;
  BOOST_TEST(moved.state == "waiting");
  BOOST_TEST((moved.state_category == tc::state_category::waiting_on_customer));
  BOOST_TEST(desk->ticket(tom, other.ticket.id).ticket.state == "new");
  auto h = desk->history(tom, held.ticket.id);
  BOOST_TEST_REQUIRE(!h.empty());
  BOOST_TEST(h.back().field == "state");
  BOOST_TEST(h.back().old_value == boost::json::value("on_hold"));
  BOOST_TEST(h.back().new_value == boost::json::value("waiting"));
  BOOST_TEST((h.back().actor.kind == tc::actor_kind::system));
  // The moved ticket goes on from its new state under the new lifecycle.
  BOOST_TEST(desk->set_state(tom, held.ticket.id, "open").ticket.state == "open");
}

// T4: a migration is checked whole before anything moves: a destination
// the new lifecycle lacks, or a state it still has, is named, and nothing
// is written.
BOOST_FIXTURE_TEST_CASE(t4_a_wrong_migration_is_named_and_changes_nothing, desk_fixture) {
  auto held = desk->create_ticket(tom, refund("a"));
  desk->set_state(tom, held.ticket.id, "open");
  desk->set_state(tom, held.ticket.id, "on_hold");
  const auto version = desk->configuration_version().version;
  tc::configuration_migration m;
  m.states["refund"]["on_hold"] = "paused";
  m.states["refund"]["open"] = "waiting";
  m.states["nothing"]["x"] = "y";
  auto r = attempt([&] { desk->configure_migrating(without_state(*desk->configuration(), "on_hold"), m); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "migration.states.refund.on_hold"));
  BOOST_TEST(has(r.fields, "migration.states.refund.open"));
  BOOST_TEST(has(r.fields, "migration.states.nothing"));
  BOOST_TEST(desk->configuration_version().version == version);
  BOOST_TEST(desk->ticket(tom, held.ticket.id).ticket.state == "on_hold");
  BOOST_TEST(desk->configuration()->find_lifecycle("helpdesk")->find("on_hold") != nullptr);
}

// T4: removing a priority tickets carry strands them too: refused naming
// them, or moved by a migration to the priority it names.
BOOST_FIXTURE_TEST_CASE(t4_a_removed_priority_is_refused_or_migrated, desk_fixture) {
  auto t = customer_ticket("a");
  t.priority = "urgent";
  auto urgent = desk->create_ticket(tom, t);
  tc::config next = *desk->configuration();
  std::erase(next.priorities, std::string("urgent"));
  auto r = attempt([&] { desk->configure(next); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields == std::vector<std::string>{"priorities"});
  BOOST_TEST(r.message.find("#" + std::to_string(urgent.ticket.number)) != std::string::npos);
  BOOST_TEST(desk->ticket(tom, urgent.ticket.id).ticket.priority == "urgent");

  tc::configuration_migration m;
  m.priorities["urgent"] = "high";
  desk->configure_migrating(next, m);
  BOOST_TEST(desk->ticket(tom, urgent.ticket.id).ticket.priority == "high");
  BOOST_TEST(desk->history(tom, urgent.ticket.id).back().field == "priority");
  tc::ticket_query q;
  q.priorities = {"high"};
  BOOST_TEST(desk->count_tickets(tom, q) == 1u);
}

// T4: a type that no ticket uses can be removed.
BOOST_FIXTURE_TEST_CASE(t4_remove_unused_type, desk_fixture) {
  desk->create_ticket(tom, customer_ticket("a"));
  tc::config next = *desk->configuration();
  std::erase_if(next.ticket_types, [](const tc::ticket_type& x) { return x.id == "refund"; });
  desk->configure(next);
  BOOST_TEST(desk->configuration()->find_type("refund") == nullptr);
  BOOST_TEST(desk->configuration()->find_type("bug_report") != nullptr);
  auto r = attempt([&] { desk->create_ticket(tom, refund("a")); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "type"));
}

// --- T5 -------------------------------------------------------------------

// T5: a ticket of any category carries a brand, and it can change later,
// with a history entry.
BOOST_FIXTURE_TEST_CASE(t5_brand_on_any_category_changeable_with_history, desk_fixture) {
  std::vector<tc::new_ticket> kinds = {customer_ticket("a"), ticket_of("process_refund", "Refund"),
                                       ticket_of("bug", "Crash")};
  for (auto& n : kinds) {
    n.brand = "globex";
    auto t = desk->create_ticket(tom, n);
    BOOST_TEST_CONTEXT("type " << n.type) {
      BOOST_TEST(t.ticket.brand == "globex");
      clock->advance(std::chrono::seconds(1));
      tc::ticket_changes ch;
      ch.brand = "acme";
      auto changed = desk->update_ticket(fay, t.ticket.id, ch);
      BOOST_TEST(changed.ticket.brand == "acme");
      BOOST_TEST(desk->ticket(tom, t.ticket.id).ticket.brand == "acme");
      auto history = desk->history(tom, t.ticket.id);
      auto it = std::find_if(history.begin(), history.end(), [](const tc::history_entry& h) { return h.field == "brand"; });
      BOOST_REQUIRE(it != history.end());
      BOOST_TEST((it->old_value == json::value("globex")));
      BOOST_TEST((it->new_value == json::value("acme")));
      BOOST_TEST((it->actor == fay));
      BOOST_TEST((it->at == clock->now()));
      // Cleared with an empty string.
      ch.brand = "";
      BOOST_TEST(desk->update_ticket(tom, t.ticket.id, ch).ticket.brand.empty());
    }
  }
  // A brand can also be added later to a ticket created without one.
  auto plain = desk->create_ticket(tom, ticket_of("bug", "No brand"));
  BOOST_TEST(plain.ticket.brand.empty());
  tc::ticket_changes ch;
  ch.brand = "globex";
  BOOST_TEST(desk->update_ticket(tom, plain.ticket.id, ch).ticket.brand == "globex");
}

// T5: an unknown brand is rejected on change; nothing changes.
BOOST_FIXTURE_TEST_CASE(t5_unknown_brand_rejected, desk_fixture) {
  auto t = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  auto before = snapshot(*desk);
  tc::ticket_changes ch;
  ch.brand = "initrode";
  auto r = attempt([&] { desk->update_ticket(tom, t.ticket.id, ch); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields == std::vector<std::string>{"brand"});
  BOOST_TEST(snapshot(*desk) == before);
}
