// Links: K1-K10 and the companion rule of desk::add_link.
#define BOOST_TEST_MODULE links
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace testing;

namespace {

// Links of `id` of one kind, as the team sees them.
std::size_t count_notes(const std::vector<tc::part>& timeline, const std::string& body) {
  return static_cast<std::size_t>(std::count_if(timeline.begin(), timeline.end(), [&](const tc::part& p) {
    return p.kind == tc::part_kind::note && p.body == body;
  }));
}

// A conversation and the customer ticket it was converted into.
struct pair_ids {
  tc::uuid conversation, ticket;
};

}  // namespace

struct link_fixture : desk_fixture {
  pair_ids converted(const std::string& contact, const std::string& title = "Broken login") {
    auto conv = conversation(contact);
    auto t = desk->convert_conversation(tom, conv.conversation.id, customer_ticket(contact, title));
    return {conv.conversation.id, t.ticket.id};
  }
  tc::uuid tracker(const std::string& title = "Export crash") {
    return desk->create_ticket(tom, ticket_of("bug", title)).ticket.id;
  }
  tc::uuid back_office(const std::string& title = "Refund") {
    return desk->create_ticket(tom, ticket_of("process_refund", title)).ticket.id;
  }
  tc::uuid standalone(const std::string& contact, const std::string& title = "Standalone") {
    return desk->create_ticket(tom, customer_ticket(contact, title)).ticket.id;
  }
  std::size_t linked_conversations(const tc::uuid& tracker_id) {
    return desk->ticket(tom, tracker_id).linked_conversations;
  }
};

// K1: a conversation has at most one customer ticket.
BOOST_FIXTURE_TEST_CASE(k1_second_customer_ticket_is_link_limit, link_fixture) {
  auto p = converted("a");
  BOOST_TEST(linked(*desk, p.conversation, p.ticket, tc::link_kind::customer_ticket));
  auto before = snapshot(*desk);
  auto again = attempt([&] { desk->convert_conversation(tom, p.conversation, customer_ticket("a", "Again")); });
  BOOST_TEST(again.thrown);
  BOOST_TEST((again.kind == tc::errc::link_limit));
  BOOST_TEST(snapshot(*desk) == before);  // the second ticket was not created either

  auto other = standalone("a");
  before = snapshot(*desk);
  auto linked_later = attempt([&] { desk->add_link(tom, p.conversation, other, tc::link_kind::customer_ticket); });
  BOOST_TEST((linked_later.kind == tc::errc::link_limit));
  // Either direction.
  auto reversed = attempt([&] { desk->add_link(tom, other, p.conversation, tc::link_kind::customer_ticket); });
  BOOST_TEST((reversed.kind == tc::errc::link_limit));
  BOOST_TEST(snapshot(*desk) == before);
  BOOST_TEST(links_of(*desk, p.conversation, tc::link_kind::customer_ticket).size() == 1u);
}

// K1: a conversation without a customer ticket may be linked to one.
BOOST_FIXTURE_TEST_CASE(k1_link_existing_customer_ticket, link_fixture) {
  auto conv = conversation("b").conversation.id;
  auto t = standalone("b");
  desk->add_link(tom, conv, t, tc::link_kind::customer_ticket);
  BOOST_TEST(linked(*desk, t, conv, tc::link_kind::customer_ticket));
  // Only a ticket of the conversation's own contact.
  auto foreign = standalone("c");
  auto conv2 = conversation("b").conversation.id;
  auto r = attempt([&] { desk->add_link(tom, conv2, foreign, tc::link_kind::customer_ticket); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
}

// K2: a conversation has at most one tracker.
BOOST_FIXTURE_TEST_CASE(k2_conversation_second_tracker_is_link_limit, link_fixture) {
  auto conv = conversation("a").conversation.id;
  auto first = tracker("First");
  auto second = tracker("Second");
  desk->add_link(tom, conv, first, tc::link_kind::tracker);
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->add_link(tom, conv, second, tc::link_kind::tracker); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::link_limit));
  auto made = attempt([&] { desk->create_linked_ticket(tom, conv, ticket_of("bug", "Third")); });
  BOOST_TEST((made.kind == tc::errc::link_limit));
  auto by_title = attempt([&] { desk->link_tracker_by_title(tom, conv, "Fourth", "bug"); });
  BOOST_TEST((by_title.kind == tc::errc::link_limit));
  BOOST_TEST(snapshot(*desk) == before);
  BOOST_TEST(links_of(*desk, conv, tc::link_kind::tracker).size() == 1u);
}

// K2: the tracker sits alongside the conversation's customer ticket.
BOOST_FIXTURE_TEST_CASE(k2_tracker_alongside_customer_ticket, link_fixture) {
  auto p = converted("a");
  auto k = tracker();
  desk->add_link(tom, p.conversation, k, tc::link_kind::tracker);
  BOOST_TEST(links_of(*desk, p.conversation, tc::link_kind::customer_ticket).size() == 1u);
  BOOST_TEST(links_of(*desk, p.conversation, tc::link_kind::tracker).size() == 1u);
  // A conversation and a customer ticket following different trackers cannot be paired.
  auto conv = conversation("b").conversation.id;
  auto t = standalone("b");
  desk->add_link(tom, conv, tracker("One"), tc::link_kind::tracker);
  desk->add_link(tom, t, tracker("Two"), tc::link_kind::tracker);
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->add_link(tom, conv, t, tc::link_kind::customer_ticket); });
  BOOST_TEST((r.kind == tc::errc::link_limit));
  BOOST_TEST(snapshot(*desk) == before);
}

// K3: a conversation may have any number of back-office tickets.
BOOST_FIXTURE_TEST_CASE(k3_many_back_office_per_conversation, link_fixture) {
  auto conv = conversation("a").conversation.id;
  std::vector<tc::uuid> made;
  for (int i = 0; i < 5; ++i)
    made.push_back(desk->create_linked_ticket(tom, conv, ticket_of("process_refund", "Task " + std::to_string(i))).ticket.id);
  auto standalone_bo = back_office("Alone");
  desk->add_link(tom, conv, standalone_bo, tc::link_kind::back_office);
  auto ls = links_of(*desk, conv, tc::link_kind::back_office);
  BOOST_TEST(ls.size() == 6u);
  for (const auto& id : made) BOOST_TEST(linked(*desk, conv, id, tc::link_kind::back_office));
  // Back-office tickets may also stand alone.
  auto lonely = back_office("Lonely");
  BOOST_TEST(desk->links(tom, lonely).empty());
}

// K4: a customer ticket links to at most one tracker.
BOOST_FIXTURE_TEST_CASE(k4_customer_ticket_one_tracker, link_fixture) {
  auto t = standalone("a");
  auto first = tracker("First");
  auto second = tracker("Second");
  desk->add_link(tom, t, first, tc::link_kind::tracker);
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->add_link(tom, t, second, tc::link_kind::tracker); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::link_limit));
  auto reversed = attempt([&] { desk->add_link(tom, second, t, tc::link_kind::tracker); });
  BOOST_TEST((reversed.kind == tc::errc::link_limit));
  BOOST_TEST(snapshot(*desk) == before);
}

// K4: a tracker links to any number of conversations and customer tickets
// and shows how many conversations are linked.
BOOST_FIXTURE_TEST_CASE(k4_tracker_counts_linked_conversations, link_fixture) {
  auto k = tracker();
  BOOST_TEST(linked_conversations(k) == 0u);
  std::vector<tc::uuid> conversations;
  for (const char* who : {"a", "b", "c"}) {
    conversations.push_back(conversation(who).conversation.id);
    desk->add_link(tom, conversations.back(), k, tc::link_kind::tracker);
  }
  BOOST_TEST(linked_conversations(k) == 3u);
  // Standalone customer tickets link too, but are not conversations.
  for (const char* who : {"a", "d"}) desk->add_link(tom, standalone(who), k, tc::link_kind::tracker);
  BOOST_TEST(linked_conversations(k) == 3u);
  BOOST_TEST(links_of(*desk, k, tc::link_kind::tracker).size() == 5u);
  // A converted pair counts its conversation once.
  auto p = converted("d");
  desk->add_link(tom, p.ticket, k, tc::link_kind::tracker);
  BOOST_TEST(linked_conversations(k) == 4u);
  // The inbox row shows the same count.
  tc::inbox_filter f;
  f.category = tc::category::tracker;
  auto rows = desk->inbox(tom, f);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].linked_conversations == 4u);
}

// Companion rule (desk::add_link): linking a conversation's customer ticket
// to a tracker links the conversation too, and the other way round.
BOOST_FIXTURE_TEST_CASE(companion_customer_ticket_links_conversation, link_fixture) {
  auto p = converted("a");
  auto k = tracker();
  auto l = desk->add_link(tom, p.ticket, k, tc::link_kind::tracker);
  BOOST_TEST((l.from == p.ticket));
  BOOST_TEST((l.to == k));
  BOOST_TEST(linked(*desk, p.conversation, k, tc::link_kind::tracker));
  BOOST_TEST(linked(*desk, p.ticket, k, tc::link_kind::tracker));
  BOOST_TEST(linked_conversations(k) == 1u);

  auto q = converted("b");
  desk->add_link(tom, q.conversation, k, tc::link_kind::tracker);
  BOOST_TEST(linked(*desk, q.ticket, k, tc::link_kind::tracker));
  BOOST_TEST(linked_conversations(k) == 2u);

  // Back-office links are shared the same way.
  auto bo = back_office();
  desk->add_link(tom, p.ticket, bo, tc::link_kind::back_office);
  BOOST_TEST(linked(*desk, p.conversation, bo, tc::link_kind::back_office));

  // Linking the pair's other end again is a duplicate.
  auto before = snapshot(*desk);
  auto dup = attempt([&] { desk->add_link(tom, p.conversation, k, tc::link_kind::tracker); });
  BOOST_TEST((dup.kind == tc::errc::link_limit));
  BOOST_TEST(snapshot(*desk) == before);

  // Removing one edge removes its companion.
  desk->remove_link(tom, l.id);
  BOOST_TEST(!linked(*desk, p.ticket, k, tc::link_kind::tracker));
  BOOST_TEST(!linked(*desk, p.conversation, k, tc::link_kind::tracker));
  BOOST_TEST(linked_conversations(k) == 1u);
}

// Companion rule: converting a conversation that follows a tracker puts the
// new customer ticket on that tracker.
BOOST_FIXTURE_TEST_CASE(companion_convert_inherits_tracker, link_fixture) {
  auto conv = conversation("c").conversation.id;
  auto k = desk->create_linked_ticket(tom, conv, ticket_of("bug", "Crash")).ticket.id;
  auto t = desk->convert_conversation(tom, conv, customer_ticket("c")).ticket.id;
  BOOST_TEST(linked(*desk, t, k, tc::link_kind::tracker));
  BOOST_TEST(linked_conversations(k) == 1u);
  desk->set_state(tom, k, "done");
  BOOST_TEST(desk->ticket(tom, t).ticket.state == "resolved");
}

// K5: back-office tickets link to any number of conversations and customer tickets.
BOOST_FIXTURE_TEST_CASE(k5_back_office_links_many, link_fixture) {
  auto bo = back_office();
  std::vector<tc::uuid> ends;
  for (const char* who : {"a", "b", "c"}) {
    ends.push_back(conversation(who).conversation.id);
    ends.push_back(standalone(who));
  }
  for (const auto& e : ends) desk->add_link(tom, e, bo, tc::link_kind::back_office);
  BOOST_TEST(links_of(*desk, bo, tc::link_kind::back_office).size() == 6u);
  for (const auto& e : ends) BOOST_TEST(linked(*desk, bo, e, tc::link_kind::back_office));
  // One customer ticket may have several back-office tickets too.
  auto bo2 = back_office("Second");
  desk->add_link(tom, ends[1], bo2, tc::link_kind::back_office);
  BOOST_TEST(links_of(*desk, ends[1], tc::link_kind::back_office).size() == 2u);
  // The back-office end must be a back-office ticket.
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->add_link(tom, ends[0], ends[1], tc::link_kind::back_office); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(snapshot(*desk) == before);
}

// K6: a tracker links to any number of external references; duplicates are rejected.
BOOST_FIXTURE_TEST_CASE(k6_external_references, link_fixture) {
  auto k = tracker();
  auto l1 = desk->add_external_link(tom, k, {"feedback_post", "FP-1", "https://feedback.test/posts/1"});
  desk->add_external_link(tom, k, {"feedback_post", "FP-2", "https://feedback.test/posts/2"});
  desk->add_external_link(tom, k, {"github_issue", "FP-1", "https://github.test/x/1"});  // same id, other kind
  auto ls = links_of(*desk, k, tc::link_kind::external);
  BOOST_TEST(ls.size() == 3u);
  BOOST_REQUIRE(l1.external.has_value());
  BOOST_TEST(l1.external->kind == "feedback_post");
  BOOST_TEST(l1.external->external_id == "FP-1");
  BOOST_TEST(l1.external->url == "https://feedback.test/posts/1");
  BOOST_TEST(l1.to.is_nil());
  BOOST_TEST((l1.to_kind == tc::endpoint_kind::external));
  BOOST_TEST((l1.from == k));

  auto before = snapshot(*desk);
  auto dup = attempt([&] { desk->add_external_link(tom, k, {"feedback_post", "FP-1", "https://elsewhere.test"}); });
  BOOST_TEST(dup.thrown);
  BOOST_TEST((dup.kind == tc::errc::link_limit));
  auto incomplete = attempt([&] { desk->add_external_link(tom, k, {"feedback_post", "", ""}); });
  BOOST_TEST((incomplete.kind == tc::errc::invalid_argument));
  // Only trackers take external references.
  auto bo = back_office();
  before = snapshot(*desk);
  auto on_bo = attempt([&] { desk->add_external_link(tom, bo, {"feedback_post", "FP-3", ""}); });
  BOOST_TEST((on_bo.kind == tc::errc::invalid_argument));
  BOOST_TEST(snapshot(*desk) == before);
  // Removing one leaves the others.
  desk->remove_link(tom, l1.id);
  BOOST_TEST(links_of(*desk, k, tc::link_kind::external).size() == 2u);
  // After removal the same reference may be linked again.
  desk->add_external_link(tom, k, {"feedback_post", "FP-1", "https://feedback.test/posts/1"});
  BOOST_TEST(links_of(*desk, k, tc::link_kind::external).size() == 3u);
}

// K7: the tracker end must be a tracker ticket; nothing changes otherwise.
BOOST_FIXTURE_TEST_CASE(k7_customer_ticket_as_tracker_rejected, link_fixture) {
  auto p = converted("a");
  auto other = standalone("b");
  auto bo = back_office();
  auto before = snapshot(*desk);
  for (const auto& [from, to] : {std::pair{p.ticket, other}, std::pair{p.conversation, other},
                                 std::pair{p.ticket, bo}, std::pair{p.conversation, bo}}) {
    auto r = attempt([&] { desk->add_link(tom, from, to, tc::link_kind::tracker); });
    BOOST_TEST(r.thrown);
    BOOST_TEST((r.kind == tc::errc::invalid_argument));
    BOOST_TEST(!r.message.empty());
  }
  BOOST_TEST(snapshot(*desk) == before);
  BOOST_TEST(links_of(*desk, p.ticket, tc::link_kind::tracker).empty());
  // A tracker cannot follow a tracker either.
  auto k1 = tracker("One");
  auto k2 = tracker("Two");
  before = snapshot(*desk);
  auto r = attempt([&] { desk->add_link(tom, k1, k2, tc::link_kind::tracker); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(snapshot(*desk) == before);
}

// K8: any two tickets may be related; nothing propagates across the link.
BOOST_FIXTURE_TEST_CASE(k8_related_links_do_not_propagate, link_fixture) {
  auto p = converted("a");
  auto k = tracker();
  auto bo = back_office();
  auto other = standalone("b");
  desk->add_link(tom, p.ticket, k, tc::link_kind::related);
  desk->add_link(tom, bo, other, tc::link_kind::related);
  desk->add_link(tom, k, bo, tc::link_kind::related);
  BOOST_TEST(linked(*desk, k, p.ticket, tc::link_kind::related));
  BOOST_TEST(linked(*desk, other, bo, tc::link_kind::related));
  BOOST_TEST(linked_conversations(k) == 0u);  // related is not a tracker link

  desk->add_note(tom, k, "tracker-note");
  desk->add_note(tom, bo, "bo-note", tc::note_mode::cross_post);
  desk->add_note(tom, p.ticket, "customer-note");
  auto timeline = [&](const tc::uuid& id) { return desk->ticket(tom, id).timeline; };
  BOOST_TEST(count_notes(timeline(k), "tracker-note") == 1u);
  BOOST_TEST(count_notes(timeline(p.ticket), "tracker-note") == 0u);
  BOOST_TEST(count_notes(desk->conversation(tom, p.conversation).timeline, "tracker-note") == 0u);
  BOOST_TEST(count_notes(timeline(bo), "tracker-note") == 0u);
  BOOST_TEST(count_notes(timeline(other), "bo-note") == 0u);
  BOOST_TEST(count_notes(timeline(k), "bo-note") == 0u);
  BOOST_TEST(count_notes(timeline(k), "customer-note") == 0u);
  // The customer note still reaches its own conversation (P1), not the related tracker.
  BOOST_TEST(count_notes(desk->conversation(tom, p.conversation).timeline, "customer-note") == 1u);

  // State changes do not travel over related links either.
  auto outbox_before = desk->outbox().size();
  auto customer_before = timeline(p.ticket).size();
  auto conversation_before = desk->conversation(tom, p.conversation).timeline.size();
  auto other_before = timeline(other).size();
  desk->set_state(tom, k, "done");
  BOOST_TEST(desk->ticket(tom, p.ticket).ticket.state == "submitted");
  BOOST_TEST(timeline(p.ticket).size() == customer_before);
  BOOST_TEST(desk->conversation(tom, p.conversation).timeline.size() == conversation_before);  // no admin message
  desk->set_state(tom, bo, "resolved");
  BOOST_TEST(timeline(other).size() == other_before);  // no internal event (P3 is for back-office links)
  BOOST_TEST(desk->outbox().size() == outbox_before);
  // A related link joins tickets only.
  auto r = attempt([&] { desk->add_link(tom, p.conversation, other, tc::link_kind::related); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
}

// K9: links can be removed and counts follow.
BOOST_FIXTURE_TEST_CASE(k9_remove_links_counts_follow, link_fixture) {
  auto k = tracker();
  std::vector<tc::link> made;
  for (const char* who : {"a", "b", "c"}) made.push_back(desk->add_link(tom, conversation(who).conversation.id, k, tc::link_kind::tracker));
  BOOST_TEST(linked_conversations(k) == 3u);
  desk->remove_link(tom, made[1].id);
  BOOST_TEST(linked_conversations(k) == 2u);
  BOOST_TEST(links_of(*desk, made[1].from, tc::link_kind::tracker).empty());
  BOOST_TEST(links_of(*desk, k, tc::link_kind::tracker).size() == 2u);
  // The conversation may now follow another tracker.
  auto k2 = tracker("Other");
  desk->add_link(tom, made[1].from, k2, tc::link_kind::tracker);
  BOOST_TEST(linked_conversations(k2) == 1u);
  // Removing again: not found, nothing changes.
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->remove_link(tom, made[1].id); });
  BOOST_TEST((r.kind == tc::errc::not_found));
  BOOST_TEST(snapshot(*desk) == before);
  // Related links come off too.
  auto t1 = standalone("a");
  auto t2 = standalone("b");
  auto rel = desk->add_link(tom, t1, t2, tc::link_kind::related);
  desk->remove_link(tom, rel.id);
  BOOST_TEST(links_of(*desk, t1, tc::link_kind::related).empty());
  BOOST_TEST(links_of(*desk, t2, tc::link_kind::related).empty());
  // A customer_ticket link can be removed; then the conversation takes another.
  auto p = converted("d");
  auto ct = links_of(*desk, p.conversation, tc::link_kind::customer_ticket);
  BOOST_REQUIRE(ct.size() == 1u);
  desk->remove_link(tom, ct[0].id);
  BOOST_TEST(links_of(*desk, p.ticket, tc::link_kind::customer_ticket).empty());
  desk->convert_conversation(tom, p.conversation, customer_ticket("d", "Second try"));
  BOOST_TEST(links_of(*desk, p.conversation, tc::link_kind::customer_ticket).size() == 1u);
}

// K9: no self-links.
BOOST_FIXTURE_TEST_CASE(k9_self_links_rejected, link_fixture) {
  auto k = tracker();
  auto t = standalone("a");
  auto bo = back_office();
  auto conv = conversation("a").conversation.id;
  auto before = snapshot(*desk);
  for (auto [id, kind] : {std::pair{k, tc::link_kind::related}, std::pair{k, tc::link_kind::tracker},
                          std::pair{t, tc::link_kind::related}, std::pair{bo, tc::link_kind::back_office},
                          std::pair{conv, tc::link_kind::customer_ticket}}) {
    auto r = attempt([&] { desk->add_link(tom, id, id, kind); });
    BOOST_TEST(r.thrown);
    BOOST_TEST((r.kind == tc::errc::invalid_argument));
  }
  BOOST_TEST(snapshot(*desk) == before);
}

// K9: a duplicate link is an error, never a second edge.
BOOST_FIXTURE_TEST_CASE(k9_duplicates_rejected, link_fixture) {
  auto k = tracker();
  auto bo = back_office();
  auto conv = conversation("a").conversation.id;
  auto t1 = standalone("b");
  auto t2 = standalone("c");
  desk->add_link(tom, conv, k, tc::link_kind::tracker);
  desk->add_link(tom, conv, bo, tc::link_kind::back_office);
  desk->add_link(tom, t1, t2, tc::link_kind::related);
  auto before = snapshot(*desk);
  auto dup_tracker = attempt([&] { desk->add_link(tom, conv, k, tc::link_kind::tracker); });
  auto dup_tracker_reversed = attempt([&] { desk->add_link(tom, k, conv, tc::link_kind::tracker); });
  auto dup_bo = attempt([&] { desk->add_link(tom, conv, bo, tc::link_kind::back_office); });
  auto dup_related = attempt([&] { desk->add_link(tom, t1, t2, tc::link_kind::related); });
  auto dup_related_reversed = attempt([&] { desk->add_link(tom, t2, t1, tc::link_kind::related); });
  auto dup_by_title = attempt([&] { desk->link_tracker_by_title(tom, conv, "Export crash", "bug"); });
  for (const auto* r : {&dup_tracker, &dup_tracker_reversed, &dup_bo, &dup_related, &dup_related_reversed, &dup_by_title}) {
    BOOST_TEST(r->thrown);
    BOOST_TEST((r->kind == tc::errc::link_limit));
  }
  BOOST_TEST(snapshot(*desk) == before);
  BOOST_TEST(links_of(*desk, conv, tc::link_kind::tracker).size() == 1u);
  BOOST_TEST(links_of(*desk, conv, tc::link_kind::back_office).size() == 1u);
  BOOST_TEST(links_of(*desk, t1, tc::link_kind::related).size() == 1u);
  BOOST_TEST(linked_conversations(k) == 1u);
}

// Links are staff work: a contact can neither add nor remove them.
BOOST_FIXTURE_TEST_CASE(k9_contacts_cannot_link, link_fixture) {
  auto conv = conversation("a").conversation.id;
  auto t = standalone("a");
  auto l = desk->add_link(tom, conv, t, tc::link_kind::customer_ticket);
  auto t2 = standalone("a", "Another");
  auto before = snapshot(*desk);
  auto add = attempt([&] { desk->add_link(ann, t, t2, tc::link_kind::related); });
  BOOST_TEST((add.kind == tc::errc::forbidden));
  auto remove = attempt([&] { desk->remove_link(ann, l.id); });
  BOOST_TEST((remove.kind == tc::errc::forbidden));
  BOOST_TEST(snapshot(*desk) == before);
}

// K10: a tracker with 20,000 linked customer tickets changes state, and
// every linked ticket follows.
BOOST_FIXTURE_TEST_CASE(k10_tracker_with_20000_linked_tickets, link_fixture) {
  constexpr std::size_t n = 20000;
  auto k = tracker("Widespread outage");
  const char* contacts[] = {"a", "b", "c", "d"};
  std::vector<tc::uuid> tickets;
  tickets.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto t = desk->create_ticket(tom, customer_ticket(contacts[i % 4], "Outage " + std::to_string(i)));
    tickets.push_back(t.ticket.id);
    desk->add_link(tom, t.ticket.id, k, tc::link_kind::tracker);
  }
  // Plus a few conversations, to see the count stays right at this size.
  for (const char* who : contacts) desk->add_link(tom, conversation(who).conversation.id, k, tc::link_kind::tracker);
  BOOST_TEST(linked_conversations(k) == 4u);
  BOOST_TEST(links_of(*desk, k, tc::link_kind::tracker).size() == n + 4);

  auto done = desk->set_state(tom, k, "done");
  BOOST_TEST(done.ticket.state == "done");
  tc::inbox_filter resolved;
  resolved.category = tc::category::customer;
  resolved.state_category = tc::state_category::resolved;
  resolved.limit = n + 10;
  BOOST_TEST(desk->inbox(tom, resolved).size() == n);
  tc::inbox_filter open = resolved;
  open.state_category = tc::state_category::submitted;
  BOOST_TEST(desk->inbox(tom, open).empty());
  for (std::size_t i : {std::size_t{0}, n / 2, n - 1}) BOOST_TEST(desk->ticket(tom, tickets[i]).ticket.state == "resolved");
  // And back: reopening the tracker moves them all to the matching state.
  desk->set_state(tom, k, "in_progress");
  tc::inbox_filter working = resolved;
  working.state_category = tc::state_category::in_progress;
  BOOST_TEST(desk->inbox(tom, working).size() == n);
}
