// Merge (M1): parts and links move to the target, the source is resolved
// with a merged_into link and stays readable, its contact is told once,
// history records both sides; nothing leaks to contacts (V2, V3).
#define BOOST_TEST_MODULE merge
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

// Fails the first enqueue of a write transaction while armed: the merge
// notice is a merge's last write, so everything before it must roll back.
class failing_outbox : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;
  bool armed = false;

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access mode) override {
    if (mode == tc::access::read) return t;
    return std::make_unique<tx>(std::move(t), *this);
  }

 private:
  struct tx : tc::transaction_wrapper {
    tx(std::unique_ptr<tc::transaction> t, failing_outbox& s) : transaction_wrapper(std::move(t)), s_(s) {}
    void enqueue(tc::notification n) override {
      if (s_.armed) throw tc::error(tc::errc::storage, "injected: outbox unavailable");
      transaction_wrapper::enqueue(std::move(n));
    }
    failing_outbox& s_;
  };
};

// Ann's two customer tickets, each converted from a conversation of hers.
struct merge_desk : desk_fixture {
  explicit merge_desk(std::shared_ptr<tc::storage> s = make_test_store()) : desk_fixture(std::move(s)) {}
  tc::conversation_view conv_s = conversation("a", "Login fails");
  tc::ticket source = desk->convert_conversation(tom, conv_s.conversation.id, customer_ticket("a", "Login fails")).ticket;
  tc::conversation_view conv_x = conversation("a", "Cannot sign in");
  tc::ticket target = desk->convert_conversation(tom, conv_x.conversation.id, customer_ticket("a", "Cannot sign in")).ticket;

  tc::ticket get(const tc::uuid& id) { return desk->ticket(tom, id).ticket; }
  std::vector<tc::part> timeline(const tc::actor& who, const tc::uuid& id) { return desk->ticket(who, id).timeline; }
  std::size_t outbox_count(const std::string& contact, const tc::uuid& ticket, tc::notification_kind kind) {
    tc::outbox_filter f;
    f.audience = tc::audience::contact;
    f.recipient = contact;
    f.ticket = ticket;
    return count_kind(desk->outbox(f), contact, kind);
  }
};

const tc::part* find_body(const std::vector<tc::part>& parts, const std::string& body) {
  for (const auto& p : parts)
    if (p.body == body) return &p;
  return nullptr;
}

bool mentions(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(M1_parts_are_copied_to_the_target_and_the_source_stays_readable) {
  merge_desk f;
  f.clock->advance(std::chrono::minutes(5));
  auto reply = f.desk->reply(f.tom, f.source.id, "Try clearing your cookies");
  auto note = f.desk->add_note(f.tom, f.source.id, "Probably the SSO outage");
  f.desk->reply(f.ann, f.source.id, "Still broken");
  f.clock->advance(std::chrono::hours(1));
  f.desk->merge(f.tom, f.source.number, f.target.number);

  auto moved = f.timeline(f.tom, f.target.id);
  const tc::part* r = find_body(moved, "Try clearing your cookies");
  const tc::part* n = find_body(moved, "Probably the SSO outage");
  BOOST_REQUIRE(r);
  BOOST_REQUIRE(n);
  BOOST_TEST(r->id != reply.id);
  BOOST_TEST(r->author.id == "tom");  // author, time, kind and flags kept
  BOOST_TEST((r->created_at == reply.created_at));
  BOOST_TEST((r->kind == tc::part_kind::reply));
  BOOST_TEST(!r->internal);
  BOOST_TEST(n->internal);
  BOOST_TEST(r->data.at("merged_from").as_string() == tc::to_string(f.source.id));
  BOOST_TEST(r->data.at("merged_from_number").as_int64() == f.source.number);
  BOOST_TEST(find_body(moved, "Still broken"));
  BOOST_TEST(find_body(moved, "Ticket #" + std::to_string(f.source.number) + " was merged into this ticket"));

  // The source keeps its timeline, is resolved and reads as before.
  auto src = f.desk->ticket(f.tom, f.source.id);
  BOOST_TEST(find_body(src.timeline, "Try clearing your cookies")->id == reply.id);
  BOOST_TEST(find_body(src.timeline, "Probably the SSO outage")->id == note.id);
  BOOST_TEST((src.ticket.state_category == tc::state_category::resolved));
  auto seen = f.desk->ticket(f.ann, f.source.number);
  BOOST_TEST(seen.stage.index == 4);
  BOOST_TEST(find_body(seen.timeline, "Merged into #" + std::to_string(f.target.number)));
}

BOOST_AUTO_TEST_CASE(M1_links_move_to_the_target) {
  merge_desk f;
  auto refund = f.desk->create_linked_ticket(f.tom, f.source.id, f.ticket_of("process_refund", "Refund")).ticket;
  auto other = f.desk->create_ticket(f.tom, f.customer_ticket("d", "Same bug")).ticket;
  f.desk->add_link(f.tom, f.source.id, other.id, tc::link_kind::related);
  f.desk->merge(f.tom, f.source.id, f.target.id);

  auto s = f.desk->links(f.tom, f.source.id);
  BOOST_REQUIRE(s.size() == 1u);  // only the merge itself is left
  BOOST_TEST((s[0].kind == tc::link_kind::merged_into));
  BOOST_TEST(s[0].from == f.source.id);
  BOOST_TEST(s[0].to == f.target.id);
  BOOST_TEST(linked(*f.desk, f.conv_s.conversation.id, f.target.id, tc::link_kind::customer_ticket));
  BOOST_TEST(linked(*f.desk, f.target.id, refund.id, tc::link_kind::back_office));
  BOOST_TEST(linked(*f.desk, f.conv_s.conversation.id, refund.id, tc::link_kind::back_office));  // the companion stays
  BOOST_TEST(linked(*f.desk, f.conv_x.conversation.id, refund.id, tc::link_kind::back_office));  // and the pair pools
  BOOST_TEST(linked(*f.desk, f.target.id, other.id, tc::link_kind::related));
  BOOST_TEST(!linked(*f.desk, f.source.id, refund.id, tc::link_kind::back_office));
  // P1 now reaches both conversations from the target.
  f.desk->add_note(f.tom, f.target.id, "Both threads hear this");
  BOOST_TEST(find_body(f.desk->conversation(f.tom, f.conv_s.conversation.id).timeline, "Both threads hear this"));
}

BOOST_AUTO_TEST_CASE(M1_the_targets_tracker_wins_over_the_sources) {
  merge_desk f;
  auto t1 = f.desk->create_linked_ticket(f.tom, f.source.id, f.ticket_of("bug", "SSO outage")).ticket;
  auto t2 = f.desk->create_linked_ticket(f.tom, f.target.id, f.ticket_of("bug", "Login bug")).ticket;
  BOOST_TEST(linked(*f.desk, f.conv_s.conversation.id, t1.id, tc::link_kind::tracker));
  f.desk->merge(f.tom, f.source.id, f.target.id);

  BOOST_TEST(links_of(*f.desk, f.target.id, tc::link_kind::tracker).size() == 1u);  // K4
  BOOST_TEST(linked(*f.desk, f.target.id, t2.id, tc::link_kind::tracker));
  // The moved conversation follows its new ticket's tracker (K2), not the dropped one.
  BOOST_TEST(linked(*f.desk, f.conv_s.conversation.id, t2.id, tc::link_kind::tracker));
  BOOST_TEST(!linked(*f.desk, f.conv_s.conversation.id, t1.id, tc::link_kind::tracker));
  BOOST_TEST(f.desk->ticket(f.tom, t1.id).linked_conversations == 0u);
  BOOST_TEST(f.desk->ticket(f.tom, t2.id).linked_conversations == 2u);
  bool recorded = false;
  for (const auto& h : f.desk->history(f.tom, f.source.id))
    if (h.field == "merge.dropped_link" && h.old_value.at("other").as_string() == tc::to_string(t1.id)) recorded = true;
  BOOST_TEST(recorded);
}

BOOST_AUTO_TEST_CASE(M1_a_tracker_moves_when_the_target_has_none) {
  merge_desk f;
  auto t1 = f.desk->create_linked_ticket(f.tom, f.source.id, f.ticket_of("bug", "SSO outage")).ticket;
  f.desk->merge(f.tom, f.source.id, f.target.id);
  BOOST_TEST(linked(*f.desk, f.target.id, t1.id, tc::link_kind::tracker));
  BOOST_TEST(linked(*f.desk, f.conv_x.conversation.id, t1.id, tc::link_kind::tracker));  // companions too
  BOOST_TEST(f.desk->ticket(f.tom, t1.id).linked_conversations == 2u);
  // P5 now moves the target, not the merged source.
  f.desk->set_state(f.tom, t1.id, "done");
  BOOST_TEST((f.get(f.target.id).state_category == tc::state_category::resolved));
}

BOOST_AUTO_TEST_CASE(M1_a_trackers_followers_and_references_move_to_the_target_tracker) {
  desk_fixture f;
  auto conv = f.conversation("a");
  auto ticket = f.desk->convert_conversation(f.tom, conv.conversation.id, f.customer_ticket("a")).ticket;
  auto t1 = f.desk->create_linked_ticket(f.tom, ticket.id, f.ticket_of("bug", "Old")).ticket;
  auto t2 = f.desk->create_ticket(f.tom, f.ticket_of("bug", "New")).ticket;
  f.desk->add_external_link(f.tom, t1.id, {"feedback", "42", "https://example.test/42"});
  f.desk->add_external_link(f.tom, t1.id, {"feedback", "7", "https://example.test/7"});
  f.desk->add_external_link(f.tom, t2.id, {"feedback", "7", "https://example.test/7"});
  f.desk->merge(f.tom, t1.id, t2.id);
  BOOST_TEST(linked(*f.desk, ticket.id, t2.id, tc::link_kind::tracker));
  BOOST_TEST(linked(*f.desk, conv.conversation.id, t2.id, tc::link_kind::tracker));
  BOOST_TEST(f.desk->ticket(f.tom, t2.id).linked_conversations == 1u);
  BOOST_TEST(links_of(*f.desk, t2.id, tc::link_kind::external).size() == 2u);  // 42 moved, 7 was there (K9)
  BOOST_TEST((f.desk->ticket(f.tom, t1.id).ticket.state_category == tc::state_category::resolved));
}

BOOST_AUTO_TEST_CASE(M1_the_contact_is_told_once) {
  merge_desk f;
  f.desk->merge(f.tom, f.source.id, f.target.id);
  BOOST_TEST(f.outbox_count("a", f.source.id, tc::notification_kind::ticket_merged) == 1u);
  BOOST_TEST(f.outbox_count("a", f.source.id, tc::notification_kind::ticket_resolved) == 0u);
  BOOST_TEST(f.outbox_count("a", f.source.id, tc::notification_kind::status_changed) == 0u);
  BOOST_TEST(f.outbox_count("a", f.target.id, tc::notification_kind::status_changed) == 0u);
  tc::outbox_filter mine;
  mine.audience = tc::audience::contact;
  mine.recipient = "a";
  mine.ticket = f.source.id;
  for (const auto& n : f.desk->outbox(mine))
    if (n.kind == tc::notification_kind::ticket_merged) {
      BOOST_TEST(n.payload.at("merged_into_number").as_int64() == f.target.number);
      BOOST_TEST(n.payload.at("stage").as_int64() == 4);
    }
}

BOOST_AUTO_TEST_CASE(M1_history_records_both_sides) {
  merge_desk f;
  f.desk->merge(f.tom, f.source.id, f.target.id);
  auto find = [&](const tc::uuid& id, const std::string& field) -> std::optional<tc::history_entry> {
    for (auto& h : f.desk->history(f.tom, id))
      if (h.field == field) return h;
    return std::nullopt;
  };
  auto into = find(f.source.id, "merged_into");
  auto from = find(f.target.id, "merged_from");
  BOOST_REQUIRE(into);
  BOOST_REQUIRE(from);
  BOOST_TEST(into->actor.id == "tom");
  BOOST_TEST(into->new_value.at("number").as_int64() == f.target.number);
  BOOST_TEST(from->new_value.at("number").as_int64() == f.source.number);
  BOOST_TEST(from->new_value.at("links_moved").to_number<std::int64_t>() >= 1);
  auto state = find(f.source.id, "state");
  BOOST_REQUIRE(state);
  BOOST_TEST((state->cause == f.target.id));
}

BOOST_AUTO_TEST_CASE(M1_a_merged_ticket_cannot_be_merged_again_or_edited) {
  merge_desk f;
  auto third = f.desk->create_ticket(f.tom, f.customer_ticket("a", "Third")).ticket;
  f.desk->merge(f.tom, f.source.id, f.target.id);
  std::string before = snapshot(*f.desk);
  std::string target_name = "#" + std::to_string(f.target.number);
  auto refused = [&](const char* what, auto&& call) {
    auto r = attempt(call);
    BOOST_TEST((r.kind == tc::errc::invalid_argument), what << ": " << r.message);
    BOOST_TEST(mentions(r.message, "merged into " + target_name), what << ": " << r.message);
  };
  refused("merge again", [&] { f.desk->merge(f.tom, f.source.id, third.id); });
  refused("merge into", [&] { f.desk->merge(f.tom, third.id, f.source.id); });
  tc::ticket_changes ch;
  ch.title = "New title";
  refused("update", [&] { f.desk->update_ticket(f.tom, f.source.id, ch); });
  refused("set_state", [&] { f.desk->set_state(f.tom, f.source.id, "in_progress"); });
  refused("reply", [&] { f.desk->reply(f.tom, f.source.id, "Hello?"); });
  refused("contact reply", [&] { f.desk->reply(f.ann, f.source.id, "Hello?"); });
  refused("note", [&] { f.desk->add_note(f.tom, f.source.id, "psst"); });
  refused("link", [&] { f.desk->add_link(f.tom, f.source.id, third.id, tc::link_kind::related); });
  refused("rate", [&] { f.desk->rate(f.ann, f.source.id, 5); });
  auto undo = attempt([&] { f.desk->remove_link(f.tom, links_of(*f.desk, f.source.id, tc::link_kind::merged_into)[0].id); });
  BOOST_TEST((undo.kind == tc::errc::invalid_argument), undo.message);
  BOOST_TEST(snapshot(*f.desk) == before);
  BOOST_TEST(f.desk->ticket(f.tom, f.source.id).ticket.title == "Login fails");  // still readable
  BOOST_TEST(f.desk->ticket(f.ann, f.source.id).ticket.title == "Login fails");
}

BOOST_AUTO_TEST_CASE(M1_different_categories_and_bad_pairs_are_refused) {
  merge_desk f;
  auto bo = f.desk->create_ticket(f.tom, f.ticket_of("process_refund", "Refund")).ticket;
  std::string before = snapshot(*f.desk);
  auto cross = attempt([&] { f.desk->merge(f.tom, f.source.id, bo.id); });
  BOOST_TEST((cross.kind == tc::errc::invalid_argument));
  BOOST_TEST(mentions(cross.message, "#" + std::to_string(f.source.number)), cross.message);
  BOOST_TEST(mentions(cross.message, "#" + std::to_string(bo.number)), cross.message);
  BOOST_TEST(mentions(cross.message, "back_office"), cross.message);
  BOOST_TEST((attempt([&] { f.desk->merge(f.tom, f.source.id, f.source.id); }).kind == tc::errc::invalid_argument));
  BOOST_TEST((attempt([&] { f.desk->merge(f.tom, f.source.id, std::int64_t{999}); }).kind == tc::errc::not_found));
  f.desk->set_state(f.tom, f.target.id, "resolved");
  auto closed = attempt([&] { f.desk->merge(f.tom, f.source.id, f.target.id); });
  BOOST_TEST((closed.kind == tc::errc::invalid_argument));
  BOOST_TEST(mentions(closed.message, "reopen"), closed.message);
}

BOOST_AUTO_TEST_CASE(M1_a_failed_merge_changes_nothing) {
  auto faulty = std::make_shared<failing_outbox>(make_test_store());
  merge_desk f(faulty);
  f.desk->create_linked_ticket(f.tom, f.source.id, f.ticket_of("bug", "SSO outage"));
  f.desk->reply(f.tom, f.source.id, "Looking into it");
  std::string before = snapshot(*f.desk);
  auto stale = attempt([&] { f.desk->merge(f.tom, f.source.id, f.target.id, f.get(f.source.id).version - 1); });
  BOOST_TEST((stale.kind == tc::errc::conflict));  // X1
  faulty->armed = true;  // the notice is the last write: everything before it rolls back
  auto failed = attempt([&] { f.desk->merge(f.tom, f.source.id, f.target.id); });
  faulty->armed = false;
  BOOST_TEST((failed.kind == tc::errc::storage), failed.message);
  BOOST_TEST(snapshot(*f.desk) == before);
  // L2: a lifecycle that cannot resolve the source from where it is refuses the merge.
  auto r1 = f.desk->create_ticket(f.tom, f.refund_ticket("a")).ticket;  // "new": only -> open
  auto r2 = f.desk->create_ticket(f.tom, f.refund_ticket("a")).ticket;
  f.desk->set_state(f.tom, r2.id, "open");
  before = snapshot(*f.desk);
  auto stuck = attempt([&] { f.desk->merge(f.tom, r1.id, r2.id); });
  BOOST_TEST((stuck.kind == tc::errc::invalid_transition), stuck.message);
  BOOST_TEST(snapshot(*f.desk) == before);
  f.desk->set_state(f.tom, r1.id, "open");
  f.desk->merge(f.tom, r1.id, r2.id, f.get(r1.id).version);  // and succeeds once nothing stands in the way
  BOOST_TEST(f.get(r1.id).state == "closed");
}

BOOST_AUTO_TEST_CASE(M1_V4_contacts_may_not_merge) {
  merge_desk f;
  auto bobs = f.desk->create_ticket(f.tom, f.customer_ticket("b", "Bob's")).ticket;
  std::string before = snapshot(*f.desk);
  BOOST_TEST((attempt([&] { f.desk->merge(f.ann, f.source.id, f.target.id); }).kind == tc::errc::forbidden));
  // U1: decided before either ticket is read, so a ticket the contact cannot
  // see gets the same answer and its existence does not leak (V3).
  BOOST_TEST((attempt([&] { f.desk->merge(f.ann, f.source.id, bobs.id); }).kind == tc::errc::forbidden));
  BOOST_TEST(snapshot(*f.desk) == before);
}

BOOST_AUTO_TEST_CASE(M1_V2_no_internal_note_reaches_the_contact_through_a_merge) {
  merge_desk f;
  f.desk->add_note(f.tom, f.source.id, "internal: customer is on the watch list");
  auto bo = f.desk->create_linked_ticket(f.tom, f.source.id, f.ticket_of("process_refund", "Refund")).ticket;
  f.desk->add_note(f.tom, bo.id, "internal: refund flagged", tc::note_mode::cross_post);
  f.desk->merge(f.tom, f.source.id, f.target.id);
  auto seen = f.desk->ticket(f.ann, f.target.id);
  std::string text = boost::json::serialize(tc::to_json(seen));
  BOOST_TEST(!mentions(text, "watch list"), text);
  BOOST_TEST(!mentions(text, "refund flagged"), text);
  for (const auto& p : seen.timeline) BOOST_TEST(!p.internal);
  for (const auto& l : f.desk->links(f.ann, f.target.id)) BOOST_TEST((l.kind != tc::link_kind::back_office));
  // The merge itself is visible to Ann: both tickets are hers.
  auto mine = f.desk->links(f.ann, f.source.id);
  BOOST_TEST(std::any_of(mine.begin(), mine.end(), [](const tc::link& l) { return l.kind == tc::link_kind::merged_into; }));
}

BOOST_AUTO_TEST_CASE(M1_V3_another_contacts_ticket_learns_nothing_and_gives_nothing_away) {
  merge_desk f;
  auto cats = f.desk->create_ticket(f.tom, f.customer_ticket("c", "Login broken")).ticket;
  f.desk->reply(f.tom, f.source.id, "Ann, your recovery code is 1234");
  f.desk->merge(f.tom, f.source.id, cats.id);

  // Cat sees nothing of Ann's ticket in hers.
  auto cat_view = f.desk->ticket(f.cat, cats.id);
  std::string text = boost::json::serialize(tc::to_json(cat_view));
  BOOST_TEST(!mentions(text, "1234"), text);
  BOOST_TEST(!mentions(text, "It is broken"), text);  // Ann's first message
  BOOST_TEST(!mentions(text, tc::to_string(f.source.id)), text);
  BOOST_TEST(f.desk->links(f.cat, cats.id).empty());
  // ... while the team sees everything, each copy naming where it came from.
  const auto teams_view = f.timeline(f.tom, cats.id);
  const tc::part* copy = find_body(teams_view, "Ann, your recovery code is 1234");
  BOOST_REQUIRE(copy);
  BOOST_TEST(copy->data.at("merged_from").as_string() == tc::to_string(f.source.id));
  // Ann's conversation cannot join Cat's ticket: it is let go, and recorded.
  BOOST_TEST(!linked(*f.desk, f.conv_s.conversation.id, cats.id, tc::link_kind::customer_ticket));
  // Ann learns nothing of Cat's ticket: not its number, not the link.
  auto ann_view = f.desk->ticket(f.ann, f.source.id);
  std::string ann_text = boost::json::serialize(tc::to_json(ann_view));
  BOOST_TEST(!mentions(ann_text, "#" + std::to_string(cats.number)), ann_text);
  BOOST_TEST(find_body(ann_view.timeline, "Merged into another ticket"));
  BOOST_TEST(f.desk->links(f.ann, f.source.id).empty());
  BOOST_TEST((attempt([&] { f.desk->ticket(f.ann, cats.id); }).kind == tc::errc::not_found));
  tc::outbox_filter to_ann;
  to_ann.audience = tc::audience::contact;
  to_ann.recipient = "a";
  for (const auto& n : f.desk->outbox(to_ann)) BOOST_TEST(!n.payload.contains("merged_into_number"));
  auto refused = attempt([&] { f.desk->reply(f.ann, f.source.id, "Hello?"); });
  BOOST_TEST(mentions(refused.message, "another ticket"), refused.message);
  BOOST_TEST(!mentions(refused.message, "#" + std::to_string(cats.number)), refused.message);
}

BOOST_AUTO_TEST_CASE(M1_V1_a_private_ticket_merged_into_a_company_one_stays_private) {
  merge_desk f;
  auto shared = f.customer_ticket("a", "Initech login");
  shared.sharing = tc::sharing::company;
  auto x = f.desk->create_ticket(f.tom, shared).ticket;
  f.desk->reply(f.tom, f.source.id, "Ann, only for you");
  f.desk->merge(f.tom, f.source.id, x.id);
  // Bob (Ann's colleague) reads the shared ticket, but not what was Ann's alone.
  std::string text = boost::json::serialize(tc::to_json(f.desk->ticket(f.bob, x.id)));
  BOOST_TEST(!mentions(text, "only for you"), text);
  BOOST_TEST(!mentions(text, "merged into this ticket"), text);
}

// V1, M1: the "merged into" event on a company-shared ticket names the
// target only to readers who may see it, decided when it is read: Ann
// merged her shared ticket into a private one; Bob, her colleague, still
// reads the shared ticket but learns nothing of the private one.
BOOST_AUTO_TEST_CASE(V1_M1_a_shared_ticket_merged_into_a_private_one_names_it_to_no_colleague) {
  merge_desk f;
  auto shared = f.customer_ticket("a", "Initech printers");
  shared.sharing = tc::sharing::company;
  auto s = f.desk->create_ticket(f.tom, shared).ticket;
  f.desk->merge(f.tom, s.id, f.target.id);  // the target is Ann's alone

  const std::string number = "#" + std::to_string(f.target.number);
  auto bobs_view = f.desk->ticket(f.bob, s.id);
  std::string text = boost::json::serialize(tc::to_json(bobs_view));
  BOOST_TEST(!mentions(text, number), text);
  BOOST_TEST(!mentions(text, f.target.title), text);
  BOOST_TEST(!mentions(text, tc::to_string(f.target.id)), text);
  BOOST_TEST(find_body(bobs_view.timeline, "Merged into another ticket"));
  // Ann may see the target: her copy names it.
  BOOST_TEST(find_body(f.timeline(f.ann, s.id), "Merged into " + number));
  // The team always sees where it went.
  BOOST_TEST(find_body(f.timeline(f.tom, s.id), "Merged into " + number));
}

// V1, M1: parts copied between two private tickets are shown, when read,
// only to readers who may see the ticket they came from: sharing the target
// with the company later does not show Ann's old private replies to Bob,
// in views or in search.
BOOST_AUTO_TEST_CASE(V1_M1_parts_merged_between_private_tickets_stay_private_when_the_target_is_shared_later) {
  merge_desk f;
  f.desk->reply(f.tom, f.source.id, "Ann, your recovery code is 4321");
  f.desk->merge(f.tom, f.source.id, f.target.id);
  BOOST_TEST(find_body(f.timeline(f.ann, f.target.id), "Ann, your recovery code is 4321"));  // hers, as before

  tc::ticket_changes share;
  share.sharing = tc::sharing::company;
  f.desk->update_ticket(f.tom, f.target.id, share);
  auto bobs_view = f.desk->ticket(f.bob, f.target.id);  // now shared with Bob
  std::string text = boost::json::serialize(tc::to_json(bobs_view));
  BOOST_TEST(!mentions(text, "4321"), text);
  BOOST_TEST(!mentions(text, "It is broken"), text);  // Ann's first message on the source
  BOOST_TEST(!mentions(text, "merged into this ticket"), text);
  BOOST_TEST(find_body(f.timeline(f.ann, f.target.id), "Ann, your recovery code is 4321"));
  tc::ticket_query q;
  q.text = "4321";
  BOOST_TEST(f.desk->find_tickets(f.bob, q).tickets.empty());
  BOOST_TEST(f.desk->count_tickets(f.bob, q) == 0u);
  // Bob's inbox row shows no excerpt of it either.
  for (const auto& row : f.desk->inbox(f.bob)) BOOST_TEST(!mentions(row.last_update, "4321"));
}
