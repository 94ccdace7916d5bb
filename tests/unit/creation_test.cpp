// Creation paths C1-C4, C6-C8 (C5, ticket forms, is deferred).
#define BOOST_TEST_MODULE creation
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace testing;

namespace {

std::map<tc::uuid, tc::inbox_item> by_id(const std::vector<tc::inbox_item>& rows) {
  std::map<tc::uuid, tc::inbox_item> out;
  for (const auto& r : rows) out.emplace(r.id, r);
  return out;
}

std::set<tc::uuid> ids_of(const std::vector<tc::inbox_item>& rows) {
  std::set<tc::uuid> out;
  for (const auto& r : rows) out.insert(r.id);
  return out;
}

}  // namespace

// --- C1 -------------------------------------------------------------------

// C1: a conversation has a contact, channel, brand and the contact's first message.
BOOST_FIXTURE_TEST_CASE(c1_conversation_with_first_message, desk_fixture) {
  auto v = desk->create_conversation(tom, {"a", tc::channel::email, "globex", "Invoice question", "Where is my invoice?"});
  const auto& c = v.conversation;
  BOOST_TEST(c.contact == "a");
  BOOST_TEST((c.channel == tc::channel::email));
  BOOST_TEST(c.brand == "globex");
  BOOST_TEST(c.subject == "Invoice question");
  BOOST_TEST(c.number == 1);
  BOOST_TEST((c.created_at == t0()));
  BOOST_TEST_REQUIRE(v.timeline.size() == 1u);
  const auto& first = v.timeline[0];
  BOOST_TEST((first.kind == tc::part_kind::customer_message));
  BOOST_TEST(!first.internal);
  BOOST_TEST(first.body == "Where is my invoice?");
  BOOST_TEST((first.author == tc::actor::contact("a")));  // the contact's message, even when a teammate logs it
  // Stored, and the contact sees it.
  auto mine = desk->conversation(ann, c.id);
  BOOST_TEST_REQUIRE(mine.timeline.size() == 1u);
  BOOST_TEST(mine.timeline[0].body == "Where is my invoice?");
  // Numbers increase; the subject defaults to the message.
  auto second = desk->create_conversation(tom, {"b", tc::channel::chat, "", "", "Export broken"});
  BOOST_TEST(second.conversation.number == 2);
  BOOST_TEST(second.conversation.subject == "Export broken");
}

// C1: a contact opens their own conversation, and only their own.
BOOST_FIXTURE_TEST_CASE(c1_contact_opens_own_conversation, desk_fixture) {
  auto v = desk->create_conversation(ann, {"", tc::channel::messenger, "acme", "", "Hi there"});
  BOOST_TEST(v.conversation.contact == "a");
  BOOST_TEST(v.customer_view);
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->create_conversation(ann, {"b", tc::channel::chat, "", "", "I am Bob"}); });
  BOOST_TEST((r.kind == tc::errc::forbidden));
  BOOST_TEST(snapshot(*desk) == before);
}

// C1: every problem is named; nothing is created.
BOOST_FIXTURE_TEST_CASE(c1_invalid_conversation_rejected, desk_fixture) {
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->create_conversation(tom, {"zed", tc::channel::chat, "initrode", "", ""}); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields.size() == 3u);
  BOOST_TEST(has(r.fields, "contact"));
  BOOST_TEST(has(r.fields, "brand"));
  BOOST_TEST(has(r.fields, "message"));
  BOOST_TEST(snapshot(*desk) == before);
  // The failed attempt took no number.
  BOOST_TEST(conversation("a").conversation.number == 1);
}

// --- C2 -------------------------------------------------------------------

// C2: converting links the two; contact, brand and channel come from the conversation.
BOOST_FIXTURE_TEST_CASE(c2_convert_links_and_inherits, desk_fixture) {
  auto conv = desk->create_conversation(tom, {"c", tc::channel::email, "globex", "Login fails", "I cannot log in"});
  tc::new_ticket n;
  n.type = "bug_report";
  n.attributes = {{"browser", "chrome"}};
  auto t = desk->convert_conversation(tom, conv.conversation.id, n);
  BOOST_TEST(t.ticket.contact == "c");
  BOOST_TEST(t.ticket.company == "umbrella");
  BOOST_TEST(t.ticket.brand == "globex");
  BOOST_TEST((t.ticket.channel == tc::channel::email));
  BOOST_TEST(t.ticket.title == "Login fails");           // from the subject
  BOOST_TEST(t.ticket.description == "I cannot log in");  // from the first message
  BOOST_TEST((t.ticket.category == tc::category::customer));
  BOOST_TEST(linked(*desk, conv.conversation.id, t.ticket.id, tc::link_kind::customer_ticket));
  auto ls = links_of(*desk, t.ticket.id, tc::link_kind::customer_ticket);
  BOOST_TEST_REQUIRE(ls.size() == 1u);
  BOOST_TEST((ls[0].from == conv.conversation.id));
  BOOST_TEST((ls[0].from_kind == tc::endpoint_kind::conversation));
  // The conversation's timeline records the conversion, internally, with its origin.
  auto timeline = desk->conversation(tom, conv.conversation.id).timeline;
  auto it = std::find_if(timeline.begin(), timeline.end(), [](const tc::part& p) { return p.kind == tc::part_kind::event; });
  BOOST_REQUIRE(it != timeline.end());
  BOOST_TEST(it->internal);
  BOOST_TEST((it->origin_ticket == t.ticket.id));
  // The contact sees the link to their own ticket.
  BOOST_TEST(links_of(*desk, conv.conversation.id, tc::link_kind::customer_ticket).size() == 1u);
  BOOST_TEST(desk->links(cat, conv.conversation.id).size() == 1u);
}

// C2: explicit title wins; a brand given explicitly is kept.
BOOST_FIXTURE_TEST_CASE(c2_convert_explicit_values, desk_fixture) {
  auto conv = conversation("a", "Export is broken");
  tc::new_ticket n = customer_ticket("", "Export fails on Safari");
  n.brand = "globex";
  auto t = desk->convert_conversation(tom, conv.conversation.id, n);
  BOOST_TEST(t.ticket.title == "Export fails on Safari");
  BOOST_TEST(t.ticket.contact == "a");
  BOOST_TEST(t.ticket.brand == "globex");
}

// C2: the ticket's contact is the conversation's; staff only; nothing changes on failure.
BOOST_FIXTURE_TEST_CASE(c2_convert_rejections, desk_fixture) {
  auto conv = conversation("a");
  auto before = snapshot(*desk);
  auto wrong_contact = attempt([&] { desk->convert_conversation(tom, conv.conversation.id, customer_ticket("b")); });
  BOOST_TEST((wrong_contact.kind == tc::errc::invalid_argument));
  auto by_contact = attempt([&] { desk->convert_conversation(ann, conv.conversation.id, customer_ticket("a")); });
  BOOST_TEST((by_contact.kind == tc::errc::forbidden));
  auto someone_elses = attempt([&] { desk->convert_conversation(bob, conv.conversation.id, customer_ticket("b")); });
  BOOST_TEST((someone_elses.kind == tc::errc::forbidden));  // U1: whoever's conversation it is
  BOOST_TEST(someone_elses.message == by_contact.message);
  auto missing = attempt([&] { desk->convert_conversation(tom, tc::new_id(), customer_ticket("a")); });
  BOOST_TEST((missing.kind == tc::errc::not_found));
  BOOST_TEST(snapshot(*desk) == before);
}

// --- C3 -------------------------------------------------------------------

// C3: a teammate creates a customer ticket on behalf of a contact, without a conversation.
BOOST_FIXTURE_TEST_CASE(c3_on_behalf_of_contact, desk_fixture) {
  tc::new_ticket n = customer_ticket("b", "Phoned in: export fails");
  n.channel = tc::channel::phone;
  n.priority = "high";
  n.assignee = "tom";
  auto t = desk->create_ticket(tom, n);
  BOOST_TEST(t.ticket.contact == "b");
  BOOST_TEST(t.ticket.company == "initech");
  BOOST_TEST((t.ticket.channel == tc::channel::phone));
  BOOST_TEST(t.ticket.priority == "high");
  BOOST_TEST(t.ticket.assignee == "tom");
  BOOST_TEST(desk->links(tom, t.ticket.id).empty());
  // The contact sees it as theirs.
  BOOST_TEST((desk->ticket(bob, t.ticket.id).ticket.id == t.ticket.id));
  auto rows = desk->inbox(bob);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST((rows[0].id == t.ticket.id));
}

// C3: a customer ticket needs a known contact.
BOOST_FIXTURE_TEST_CASE(c3_needs_a_contact, desk_fixture) {
  auto before = snapshot(*desk);
  auto none = attempt([&] { desk->create_ticket(tom, customer_ticket("")); });
  BOOST_TEST((none.kind == tc::errc::validation_failed));
  BOOST_TEST(has(none.fields, "contact"));
  auto unknown = attempt([&] { desk->create_ticket(tom, customer_ticket("zed")); });
  BOOST_TEST((unknown.kind == tc::errc::validation_failed));
  BOOST_TEST(has(unknown.fields, "contact"));
  BOOST_TEST(snapshot(*desk) == before);
}

// --- C4 -------------------------------------------------------------------

// C4: a contact submits a customer ticket for themselves.
BOOST_FIXTURE_TEST_CASE(c4_contact_submits, desk_fixture) {
  tc::new_ticket n = customer_ticket("", "Cannot export");
  n.channel = tc::channel::messenger;
  auto mine = desk->create_ticket(ann, n);
  BOOST_TEST(mine.customer_view);
  BOOST_TEST(mine.ticket.contact == "a");
  BOOST_TEST(mine.stage.index == 1);
  BOOST_TEST(mine.stage.label == "Reviewing");
  auto team = desk->ticket(tom, mine.ticket.id);
  BOOST_TEST(team.ticket.contact == "a");
  BOOST_TEST(team.ticket.company == "initech");
  BOOST_TEST(team.ticket.state == "submitted");
  BOOST_TEST(team.ticket.priority == "normal");
  BOOST_TEST((team.ticket.channel == tc::channel::messenger));
  BOOST_TEST((team.ticket.attributes.at("browser") == boost::json::value("safari")));
  // Naming themselves explicitly is the same.
  BOOST_TEST(desk->create_ticket(ann, customer_ticket("a")).ticket.contact == "a");
  // The contact's own company, shared with colleagues, is fine.
  tc::new_ticket shared = customer_ticket("a", "Shared");
  shared.company = "initech";
  shared.sharing = tc::sharing::company;
  auto s = desk->create_ticket(ann, shared);
  BOOST_TEST((desk->ticket(bob, s.ticket.id).ticket.id == s.ticket.id));
}

// C4, V4: staff fields are forbidden to contacts; nothing is created.
BOOST_FIXTURE_TEST_CASE(c4_staff_fields_forbidden, desk_fixture) {
  std::vector<std::pair<std::string, std::function<void(tc::new_ticket&)>>> staff = {
      {"priority", [](tc::new_ticket& n) { n.priority = "urgent"; }},
      {"assignee", [](tc::new_ticket& n) { n.assignee = "tom"; }},
      {"team", [](tc::new_ticket& n) { n.team = "support"; }},
      {"owner", [](tc::new_ticket& n) { n.owner = "fay"; }},
      {"tags", [](tc::new_ticket& n) { n.tags = {"vip"}; }},
      {"follow_up_at", [](tc::new_ticket& n) { n.follow_up_at = t0(); }},
      {"action_required_at", [](tc::new_ticket& n) { n.action_required_at = t0(); }},
  };
  auto before = snapshot(*desk);
  for (const auto& [field, set] : staff) {
    BOOST_TEST_CONTEXT("field " << field) {
      tc::new_ticket n = customer_ticket("a");
      set(n);
      auto r = attempt([&] { desk->create_ticket(ann, n); });
      BOOST_TEST(r.thrown);
      BOOST_TEST((r.kind == tc::errc::forbidden));
      BOOST_TEST(r.message.find(field) != std::string::npos);
    }
  }
  BOOST_TEST(snapshot(*desk) == before);
}

// C4, V4: a contact submits customer tickets, for themselves, in their own company only.
BOOST_FIXTURE_TEST_CASE(c4_contact_submission_limits, desk_fixture) {
  auto before = snapshot(*desk);
  auto for_bob = attempt([&] { desk->create_ticket(ann, customer_ticket("b")); });
  BOOST_TEST((for_bob.kind == tc::errc::forbidden));
  // U2: a back-office or tracker type is as unknown to a contact as a missing one.
  auto back_office = attempt([&] { desk->create_ticket(ann, ticket_of("process_refund", "Refund me")); });
  BOOST_TEST((back_office.kind == tc::errc::validation_failed));
  auto tracker = attempt([&] { desk->create_ticket(ann, ticket_of("bug", "Bug")); });
  BOOST_TEST((tracker.kind == tc::errc::validation_failed));
  BOOST_TEST(has(tracker.fields, "type"));
  auto hidden_attribute = attempt([&] {
    tc::new_ticket n = customer_ticket("a");
    n.attributes["internal_triage"] = "p0 please";
    desk->create_ticket(ann, n);
  });
  BOOST_TEST((hidden_attribute.kind == tc::errc::validation_failed));
  BOOST_TEST(has(hidden_attribute.fields, "attributes.internal_triage"));
  // Filing a ticket under another company would show it to that company's
  // contacts (V1) - a contact belongs to the company the directory says.
  auto other_company = attempt([&] {
    tc::new_ticket n = customer_ticket("a");
    n.company = "umbrella";
    n.sharing = tc::sharing::company;
    desk->create_ticket(ann, n);
  });
  BOOST_TEST(other_company.thrown);
  BOOST_TEST((other_company.kind == tc::errc::forbidden));
  auto no_company = attempt([&] {
    tc::new_ticket n = customer_ticket("d");
    n.company = "initech";
    desk->create_ticket(dan, n);
  });
  BOOST_TEST((no_company.kind == tc::errc::forbidden));
  BOOST_TEST(snapshot(*desk) == before);
  BOOST_TEST(desk->inbox(cat).empty());
}

// --- C6 -------------------------------------------------------------------

// C6: a back-office ticket from a conversation is linked to it.
BOOST_FIXTURE_TEST_CASE(c6_back_office_from_conversation, desk_fixture) {
  auto conv = conversation("a");
  auto bo = desk->create_linked_ticket(tom, conv.conversation.id, ticket_of("process_refund", "Refund A"));
  BOOST_TEST((bo.ticket.category == tc::category::back_office));
  BOOST_TEST(bo.ticket.contact.empty());
  BOOST_TEST(linked(*desk, conv.conversation.id, bo.ticket.id, tc::link_kind::back_office));
  auto ls = links_of(*desk, bo.ticket.id, tc::link_kind::back_office);
  BOOST_TEST_REQUIRE(ls.size() == 1u);
  BOOST_TEST((ls[0].from == conv.conversation.id));
  BOOST_TEST((ls[0].to == bo.ticket.id));
  // The contact sees neither the ticket nor the link.
  BOOST_TEST(desk->links(ann, conv.conversation.id).empty());
  BOOST_TEST((attempt([&] { desk->ticket(ann, bo.ticket.id); }).kind == tc::errc::not_found));
}

// C6: from a customer ticket, linked to it (and to its conversation).
BOOST_FIXTURE_TEST_CASE(c6_back_office_from_customer_ticket, desk_fixture) {
  auto conv = conversation("b");
  auto t = desk->convert_conversation(tom, conv.conversation.id, customer_ticket("b"));
  auto bo = desk->create_linked_ticket(fay, t.ticket.id, ticket_of("process_refund", "Refund B"));
  BOOST_TEST(linked(*desk, t.ticket.id, bo.ticket.id, tc::link_kind::back_office));
  BOOST_TEST(linked(*desk, conv.conversation.id, bo.ticket.id, tc::link_kind::back_office));
  // A standalone customer ticket too.
  auto alone = desk->create_ticket(tom, customer_ticket("c"));
  auto bo2 = desk->create_linked_ticket(tom, alone.ticket.id, ticket_of("process_refund", "Refund C"));
  BOOST_TEST(links_of(*desk, bo2.ticket.id, tc::link_kind::back_office).size() == 1u);
}

// C6: a back-office ticket may stand alone.
BOOST_FIXTURE_TEST_CASE(c6_back_office_standalone, desk_fixture) {
  auto bo = desk->create_ticket(fay, ticket_of("process_refund", "Quarterly refunds audit"));
  BOOST_TEST((bo.ticket.category == tc::category::back_office));
  BOOST_TEST(desk->links(tom, bo.ticket.id).empty());
  BOOST_TEST(bo.ticket.state == "in_progress");
}

// C6: only conversations and customer tickets are served; contacts cannot
// create linked tickets; nothing changes on failure.
BOOST_FIXTURE_TEST_CASE(c6_rejections, desk_fixture) {
  auto conv = conversation("a");
  auto bo = desk->create_ticket(tom, ticket_of("process_refund", "Refund"));
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  auto before = snapshot(*desk);
  auto from_bo = attempt([&] { desk->create_linked_ticket(tom, bo.ticket.id, ticket_of("process_refund", "Sub")); });
  BOOST_TEST((from_bo.kind == tc::errc::invalid_argument));
  auto from_tracker = attempt([&] { desk->create_linked_ticket(tom, k.ticket.id, ticket_of("process_refund", "Sub")); });
  BOOST_TEST((from_tracker.kind == tc::errc::invalid_argument));
  auto by_contact = attempt([&] { desk->create_linked_ticket(ann, conv.conversation.id, ticket_of("process_refund", "X")); });
  BOOST_TEST((by_contact.kind == tc::errc::forbidden));
  auto missing = attempt([&] { desk->create_linked_ticket(tom, tc::new_id(), ticket_of("process_refund", "X")); });
  BOOST_TEST((missing.kind == tc::errc::not_found));
  BOOST_TEST(snapshot(*desk) == before);
}

// --- C7 -------------------------------------------------------------------

// C7: link_tracker_by_title creates the tracker when none has the title,
// then finds it for the next conversation or customer ticket.
BOOST_FIXTURE_TEST_CASE(c7_tracker_by_title_finds_or_creates, desk_fixture) {
  auto first = conversation("a");
  auto created = desk->link_tracker_by_title(tom, first.conversation.id, "Export button dead", "bug");
  BOOST_TEST((created.ticket.category == tc::category::tracker));
  BOOST_TEST(created.ticket.type == "bug");
  BOOST_TEST(created.ticket.title == "Export button dead");
  BOOST_TEST(created.linked_conversations == 1u);
  BOOST_TEST(linked(*desk, first.conversation.id, created.ticket.id, tc::link_kind::tracker));

  auto second = conversation("b");
  auto found = desk->link_tracker_by_title(tom, second.conversation.id, "Export button dead", "bug");
  BOOST_TEST((found.ticket.id == created.ticket.id));
  BOOST_TEST(found.linked_conversations == 2u);

  auto p = conversation("c");
  auto t = desk->convert_conversation(tom, p.conversation.id, customer_ticket("c"));
  auto again = desk->link_tracker_by_title(fay, t.ticket.id, "Export button dead", "bug");
  BOOST_TEST((again.ticket.id == created.ticket.id));
  BOOST_TEST(linked(*desk, t.ticket.id, created.ticket.id, tc::link_kind::tracker));
  BOOST_TEST(again.linked_conversations == 3u);  // the ticket's conversation came along

  tc::inbox_filter trackers;
  trackers.category = tc::category::tracker;
  BOOST_TEST(desk->inbox(tom, trackers).size() == 1u);  // one tracker, not three
  // Another title makes another tracker.
  auto other = desk->link_tracker_by_title(tom, desk->create_ticket(tom, customer_ticket("d")).ticket.id, "Slow search", "bug");
  BOOST_TEST((other.ticket.id != created.ticket.id));
  BOOST_TEST(desk->inbox(tom, trackers).size() == 2u);
}

// C7: a tracker made any other way is found by its title too.
BOOST_FIXTURE_TEST_CASE(c7_finds_tracker_created_directly, desk_fixture) {
  auto k = desk->create_ticket(tom, ticket_of("bug", "Login loop"));
  auto conv = conversation("a");
  auto found = desk->link_tracker_by_title(tom, conv.conversation.id, "Login loop", "bug");
  BOOST_TEST((found.ticket.id == k.ticket.id));
  // create_linked_ticket with a tracker type links by a tracker link.
  auto conv2 = conversation("b");
  auto made = desk->create_linked_ticket(tom, conv2.conversation.id, ticket_of("bug", "Other bug"));
  BOOST_TEST(linked(*desk, conv2.conversation.id, made.ticket.id, tc::link_kind::tracker));
  BOOST_TEST(made.linked_conversations == 1u);
}

// C7: a non-tracker type or an empty title is rejected; nothing changes.
BOOST_FIXTURE_TEST_CASE(c7_rejections, desk_fixture) {
  auto conv = conversation("a");
  auto before = snapshot(*desk);
  auto wrong_type = attempt([&] { desk->link_tracker_by_title(tom, conv.conversation.id, "New thing", "process_refund"); });
  BOOST_TEST((wrong_type.kind == tc::errc::invalid_argument));
  auto no_title = attempt([&] { desk->link_tracker_by_title(tom, conv.conversation.id, "", "bug"); });
  BOOST_TEST((no_title.kind == tc::errc::invalid_argument));
  auto by_contact = attempt([&] { desk->link_tracker_by_title(ann, conv.conversation.id, "New thing", "bug"); });
  BOOST_TEST((by_contact.kind == tc::errc::forbidden));
  BOOST_TEST(snapshot(*desk) == before);
}

// --- C8 -------------------------------------------------------------------

struct inbox_fixture : desk_fixture {
  tc::uuid lone_conversation, conv_b, conv_c, customer_b, back_office, tracker, globex_ticket;

  inbox_fixture() {
    lone_conversation = conversation("a", "Just saying hello").conversation.id;
    conv_b = conversation("b", "Export broken").conversation.id;
    customer_b = desk->convert_conversation(tom, conv_b, customer_ticket("b", "Export broken")).ticket.id;
    back_office = desk->create_linked_ticket(fay, conv_b, ticket_of("process_refund", "Refund B")).ticket.id;
    tracker = desk->create_linked_ticket(tom, conv_b, ticket_of("bug", "Export crash")).ticket.id;
    conv_c = conversation("c", "Export broken too").conversation.id;
    desk->add_link(tom, conv_c, tracker, tc::link_kind::tracker);
    tc::new_ticket g = customer_ticket("d", "Globex login");
    g.brand = "globex";
    globex_ticket = desk->create_ticket(tom, g).ticket.id;
  }
};

// C8: the inbox tells conversations and the three categories apart.
BOOST_FIXTURE_TEST_CASE(c8_inbox_tells_kinds_apart, inbox_fixture) {
  auto rows = by_id(desk->inbox(tom));
  BOOST_TEST(rows.size() == 7u);
  const auto& lone = rows.at(lone_conversation);
  BOOST_TEST((lone.kind == tc::endpoint_kind::conversation));
  BOOST_TEST(!lone.category.has_value());
  BOOST_TEST(lone.label.empty());
  BOOST_TEST(lone.number == 1);
  BOOST_TEST(lone.title == "Just saying hello");

  const auto& customer = rows.at(customer_b);
  BOOST_TEST((customer.kind == tc::endpoint_kind::ticket));
  BOOST_TEST((customer.category == tc::category::customer));
  BOOST_TEST(customer.label.empty());
  BOOST_TEST(customer.title == "Export broken");
  BOOST_TEST(customer.number == desk->ticket(tom, customer_b).ticket.number);
  BOOST_TEST(customer.state_label == "Submitted");
  BOOST_TEST(customer.contact == "b");

  const auto& bo = rows.at(back_office);
  BOOST_TEST((bo.category == tc::category::back_office));
  BOOST_TEST(bo.label == "Internal");
  BOOST_TEST(bo.title == "Refund B");
  BOOST_TEST(bo.number == 2);

  const auto& k = rows.at(tracker);
  BOOST_TEST((k.category == tc::category::tracker));
  BOOST_TEST(k.label == "Internal");
  BOOST_TEST(k.title == "Export crash");
  BOOST_TEST(k.number == 3);
  BOOST_TEST(k.linked_conversations == 2u);
  BOOST_TEST(rows.at(customer_b).linked_conversations == 0u);
  BOOST_TEST(rows.at(back_office).linked_conversations == 0u);

  // The JSON rows carry the same distinctions.
  for (const auto& row : desk->inbox(tom)) {
    boost::json::object o = tc::to_json(row).as_object();
    if (row.id == tracker) {
      BOOST_TEST((o.at("label") == boost::json::value("Internal")));
      BOOST_TEST((o.at("linked_conversations") == boost::json::value(2)));
      BOOST_TEST((o.at("category") == boost::json::value("tracker")));
    }
    if (row.id == lone_conversation) {
      BOOST_TEST((o.at("kind") == boost::json::value("conversation")));
      BOOST_TEST(!o.contains("category"));
    }
  }
}

// C8: the last note or update, as the viewer may see it, and its time.
BOOST_FIXTURE_TEST_CASE(c8_inbox_last_update, inbox_fixture) {
  clock->advance(std::chrono::minutes(10));
  desk->reply(tom, customer_b, "We are on it");
  clock->advance(std::chrono::minutes(10));
  desk->add_note(tom, customer_b, "Root cause is the exporter");
  auto team = by_id(desk->inbox(tom)).at(customer_b);
  BOOST_TEST(team.last_update == "Root cause is the exporter");
  BOOST_TEST((team.updated_at == t0() + std::chrono::minutes(20)));
  auto contact_rows = by_id(desk->inbox(bob));
  BOOST_TEST(contact_rows.at(customer_b).last_update == "We are on it");  // the note is internal
  // Conversations show their last message too: the P1 cross-post for the team.
  BOOST_TEST(by_id(desk->inbox(tom)).at(conv_b).last_update == "Root cause is the exporter");
  BOOST_TEST(by_id(desk->inbox(tom)).at(lone_conversation).last_update == "Just saying hello");
  // Long text is cut to an excerpt.
  std::string long_note(400, 'x');
  desk->add_note(tom, tracker, long_note);
  auto excerpt = by_id(desk->inbox(tom)).at(tracker).last_update;
  BOOST_TEST(excerpt.size() < long_note.size());
  BOOST_TEST(excerpt.substr(0, 100) == long_note.substr(0, 100));
}

// C8: filters by category, state category, type, assignee, brand and contact.
BOOST_FIXTURE_TEST_CASE(c8_inbox_filters, inbox_fixture) {
  tc::ticket_changes assign;
  assign.assignee = "tom";
  desk->update_ticket(tom, customer_b, assign);
  desk->set_state(tom, back_office, "resolved");

  auto query = [&](auto&& set) {
    tc::inbox_filter f;
    set(f);
    return ids_of(desk->inbox(tom, f));
  };
  BOOST_TEST((query([](tc::inbox_filter& f) { f.category = tc::category::customer; }) ==
              std::set<tc::uuid>{customer_b, globex_ticket}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.category = tc::category::back_office; }) == std::set<tc::uuid>{back_office}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.category = tc::category::tracker; }) == std::set<tc::uuid>{tracker}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.state_category = tc::state_category::resolved; }) ==
              std::set<tc::uuid>{back_office}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.state_category = tc::state_category::submitted; }) ==
              std::set<tc::uuid>{customer_b, globex_ticket, tracker}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.type = "bug"; }) == std::set<tc::uuid>{tracker}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.type = "bug_report"; }) == std::set<tc::uuid>{customer_b, globex_ticket}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.assignee = "tom"; }) == std::set<tc::uuid>{customer_b}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.assignee = ""; }) ==
              std::set<tc::uuid>{back_office, tracker, globex_ticket}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.brand = "globex"; }) == std::set<tc::uuid>{globex_ticket}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.brand = "acme"; }) ==
              std::set<tc::uuid>{lone_conversation, conv_b, conv_c, customer_b}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.contact = "b"; }) == std::set<tc::uuid>{conv_b, customer_b}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.contact = "b"; f.conversations = false; }) ==
              std::set<tc::uuid>{customer_b}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.tickets = false; }) ==
              std::set<tc::uuid>{lone_conversation, conv_b, conv_c}));
  BOOST_TEST((query([](tc::inbox_filter& f) { f.category = tc::category::customer; f.assignee = ""; }) ==
              std::set<tc::uuid>{globex_ticket}));
  BOOST_TEST(desk->inbox(tom, [] { tc::inbox_filter f; f.limit = 3; return f; }()).size() == 3u);
}

// C8, V3: a contact's inbox holds their conversations and customer tickets only.
BOOST_FIXTURE_TEST_CASE(c8_contact_inbox, inbox_fixture) {
  auto rows = desk->inbox(bob);
  BOOST_TEST((ids_of(rows) == std::set<tc::uuid>{conv_b, customer_b}));
  for (const auto& r : rows) {
    BOOST_TEST(r.label.empty());
    BOOST_TEST(r.linked_conversations == 0u);
  }
  tc::inbox_filter f;
  f.category = tc::category::tracker;
  BOOST_TEST(desk->inbox(bob, f).empty());
  BOOST_TEST(desk->inbox(cat).size() == 1u);  // Cat's conversation; her link to the tracker is hidden
}
