// Bulk updates (B1): a query, not a page; each ticket changed as if alone,
// all or nothing; resumable batches that take each ticket once.
#define BOOST_TEST_MODULE bulk
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

struct bulk_desk : desk_fixture {
  std::vector<tc::uuid> anns, bobs;
  bulk_desk() {
    for (int i = 0; i < 5; ++i) anns.push_back(desk->create_ticket(tom, customer_ticket("a", "Ann " + std::to_string(i))).ticket.id);
    for (int i = 0; i < 2; ++i) bobs.push_back(desk->create_ticket(tom, customer_ticket("b", "Bob " + std::to_string(i))).ticket.id);
  }
  tc::ticket get(const tc::uuid& id) { return desk->ticket(tom, id).ticket; }
  std::size_t history_of(const tc::uuid& id, const std::string& field) {
    auto h = desk->history(tom, id);
    return std::count_if(h.begin(), h.end(), [&](const tc::history_entry& e) { return e.field == field; });
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(B1_sets_fields_and_state_on_every_ticket_the_query_matches) {
  bulk_desk f;
  tc::ticket_query q;
  q.contact = "a";
  tc::bulk_change ch;
  ch.assignee = "tom";
  ch.priority = "high";
  ch.add_tags = {"vip"};
  ch.state = "in_progress";
  auto r = f.desk->bulk_update(f.fay, q, ch);
  BOOST_TEST(r.matched == 5u);
  BOOST_TEST(r.changed == 5u);
  BOOST_TEST(r.next_cursor.empty());
  for (const auto& id : f.anns) {
    auto t = f.get(id);
    BOOST_TEST(t.assignee == "tom");
    BOOST_TEST(t.priority == "high");
    BOOST_TEST(t.tags.count("vip") == 1u);
    BOOST_TEST(t.state == "in_progress");
    // H1: the ticket's own history says who changed what.
    BOOST_TEST(f.history_of(id, "assignee") == 1u);
    for (const auto& h : f.desk->history(f.tom, id))
      if (h.field == "assignee") BOOST_TEST(h.actor.id == "fay");
  }
  for (const auto& id : f.bobs) {
    BOOST_TEST(f.get(id).assignee.empty());
    BOOST_TEST(f.get(id).state == "submitted");
  }
  // Again: everything already holds, so nothing changes.
  BOOST_TEST(f.desk->bulk_update(f.fay, q, ch).changed == 0u);
}

BOOST_AUTO_TEST_CASE(B1_one_ticket_that_cannot_take_the_change_fails_the_whole_call) {
  bulk_desk f;
  f.desk->create_ticket(f.tom, f.refund_ticket("a"));  // helpdesk lifecycle: new -> closed is not allowed
  const std::string before = snapshot(*f.desk);
  tc::ticket_query q;
  q.contact = "a";
  tc::bulk_change ch;
  ch.priority = "urgent";
  ch.state = "resolved";
  auto r = attempt([&] { f.desk->bulk_update(f.tom, q, ch); });
  BOOST_TEST(r.thrown);
  BOOST_TEST(r.message.find("#8") != std::string::npos, r.message);  // names the ticket
  BOOST_TEST(snapshot(*f.desk) == before);
  // A bad value is named too, and changes nothing.
  tc::bulk_change bad;
  bad.assignee = "nobody";
  BOOST_TEST((attempt([&] { f.desk->bulk_update(f.tom, q, bad); }).kind == tc::errc::validation_failed));
  BOOST_TEST(snapshot(*f.desk) == before);
  BOOST_TEST((attempt([&] { f.desk->bulk_update(f.ann, q, bad); }).kind == tc::errc::forbidden));
}

BOOST_AUTO_TEST_CASE(B1_batches_resume_from_a_cursor_and_take_each_ticket_once) {
  desk_fixture f;
  std::vector<tc::uuid> ids;
  for (int i = 0; i < 23; ++i) {
    if (i % 4 == 0) f.clock->advance(std::chrono::minutes(1));  // some tickets share a creation time
    ids.push_back(f.desk->create_ticket(f.tom, f.customer_ticket(i % 2 ? "a" : "b")).ticket.id);
  }
  tc::ticket_query q;
  q.state_categories = {tc::state_category::submitted};  // the change takes tickets out of the query
  q.order = tc::ticket_order::priority;                  // ignored: bulk goes in creation order
  tc::bulk_change ch;
  ch.state = "in_progress";
  ch.add_tags = {"triaged"};
  std::string cursor;
  std::size_t calls = 0, taken = 0;
  do {
    auto r = f.desk->bulk_update(f.tom, q, ch, 5, cursor);
    BOOST_TEST(r.matched <= 5u);
    taken += r.matched;
    cursor = r.next_cursor;
    // Between batches a new ticket arrives: later in creation order, so a
    // later batch takes it, once.
    if (++calls == 2) ids.push_back(f.desk->create_ticket(f.tom, f.customer_ticket("a", "late")).ticket.id);
  } while (!cursor.empty() && calls < 20);
  BOOST_TEST(calls == 5u);
  BOOST_TEST(taken == 24u);
  for (const auto& id : ids) {
    BOOST_TEST(f.desk->ticket(f.tom, id).ticket.state == "in_progress");
    auto h = f.desk->history(f.tom, id);
    BOOST_TEST(std::count_if(h.begin(), h.end(), [](const auto& e) { return e.field == "state"; }) == 1);
  }
}

BOOST_AUTO_TEST_CASE(B1_P5_a_tracker_moved_in_bulk_propagates_to_its_tickets) {
  desk_fixture f;
  auto one = f.desk->create_ticket(f.tom, f.customer_ticket("a")).ticket.id;
  auto two = f.desk->create_ticket(f.tom, f.customer_ticket("b")).ticket.id;
  auto tracker = f.desk->link_tracker_by_title(f.tom, one, "Export crash", "bug").ticket.id;
  f.desk->link_tracker_by_title(f.tom, two, "Export crash", "bug");
  tc::ticket_query trackers;
  trackers.category = tc::category::tracker;
  tc::bulk_change done;
  done.state = "done";
  BOOST_TEST(f.desk->bulk_update(f.tom, trackers, done).matched == 1u);
  BOOST_TEST(f.desk->ticket(f.tom, tracker).ticket.state == "done");
  for (const auto& id : {one, two}) BOOST_TEST((f.desk->ticket(f.tom, id).ticket.state_category == tc::state_category::resolved));
  tc::outbox_filter to_ann;
  to_ann.audience = tc::audience::contact;
  to_ann.recipient = "a";
  auto mail = f.desk->outbox(to_ann);
  // N2: told once per channel, as a direct move of the tracker tells her.
  BOOST_TEST(std::count_if(mail.begin(), mail.end(), [](const auto& n) {
               return n.kind == tc::notification_kind::ticket_resolved && n.channel == tc::notify_channel::email;
             }) == 1);
}
