// Lists that can be long page with cursors (C8, N5), and conversations are
// named by number as tickets are (V3).
#define BOOST_TEST_MODULE paging
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <set>
#include <string>
#include <vector>

using namespace testing;

namespace {

std::vector<tc::uuid> ids(const std::vector<tc::inbox_item>& rows) {
  std::vector<tc::uuid> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

std::vector<tc::uuid> ids(const std::vector<tc::notification>& entries) {
  std::vector<tc::uuid> out;
  for (const auto& n : entries) out.push_back(n.id);
  return out;
}

void append(std::vector<tc::uuid>& to, const std::vector<tc::uuid>& more) { to.insert(to.end(), more.begin(), more.end()); }

bool each_once(const std::vector<tc::uuid>& v) { return std::set<tc::uuid>(v.begin(), v.end()).size() == v.size(); }

// Conversations and customer tickets, interleaved, so pages cut across both.
struct busy_desk : desk_fixture {
  busy_desk() {
    for (int i = 0; i < 7; ++i) {
      conversation(i % 2 ? "a" : "b", "Message " + std::to_string(i));
      desk->create_ticket(tom, customer_ticket(i % 3 ? "a" : "c", "Ticket " + std::to_string(i)));
    }
  }

  tc::inbox_filter every() const {
    tc::inbox_filter f;
    f.limit = 100000;
    return f;
  }
};

}  // namespace

// C8: page after page, every row once, newest first, as one big page has them.
BOOST_FIXTURE_TEST_CASE(c8_the_inbox_pages_through_every_row_once_in_order, busy_desk) {
  const auto all = ids(desk->inbox(tom, every()));
  BOOST_TEST_REQUIRE(all.size() == 14u);
  tc::inbox_filter f;
  f.limit = 4;
  std::vector<tc::uuid> seen;
  std::string cursor;
  int pages = 0;
  do {
    tc::inbox_page page = desk->inbox_page(tom, f, cursor);
    BOOST_TEST(page.rows.size() <= 4u);
    append(seen, ids(page.rows));
    cursor = page.next_cursor;
    BOOST_TEST_REQUIRE(++pages <= 4);
  } while (!cursor.empty());
  BOOST_TEST(pages == 4);
  BOOST_TEST((seen == all));
  // The first page is what inbox() gives.
  BOOST_TEST((ids(desk->inbox_page(tom, f).rows) == ids(desk->inbox(tom, f))));
}

// C8: rows created between pages are newer than the cursor: the pages
// still give every earlier row exactly once, and a new first page has them.
BOOST_FIXTURE_TEST_CASE(c8_rows_added_between_pages_neither_repeat_nor_skip, busy_desk) {
  const auto before = ids(desk->inbox(tom, every()));
  tc::inbox_filter f;
  f.limit = 5;
  std::vector<tc::uuid> seen;
  std::string cursor;
  int added = 0;
  do {
    tc::inbox_page page = desk->inbox_page(tom, f, cursor);
    append(seen, ids(page.rows));
    cursor = page.next_cursor;
    conversation("d", "More " + std::to_string(added));
    desk->create_ticket(tom, customer_ticket("d", "More " + std::to_string(added++)));
  } while (!cursor.empty());
  BOOST_TEST((seen == before));
  BOOST_TEST(each_once(seen));
  auto fresh = ids(desk->inbox_page(tom, f).rows);
  BOOST_TEST(!std::set<tc::uuid>(before.begin(), before.end()).count(fresh.front()));
}

// C8, V1: a contact pages through their own rows only, filters apply.
BOOST_FIXTURE_TEST_CASE(c8_a_contact_pages_their_own_rows, busy_desk) {
  const auto mine = ids(desk->inbox(ann, every()));
  BOOST_TEST_REQUIRE(mine.size() > 3u);
  tc::inbox_filter f;
  f.limit = 2;
  std::vector<tc::uuid> seen;
  std::string cursor;
  do {
    auto page = desk->inbox_page(ann, f, cursor);
    append(seen, ids(page.rows));
    cursor = page.next_cursor;
  } while (!cursor.empty());
  BOOST_TEST((seen == mine));

  tc::inbox_filter tickets_only = every();
  tickets_only.conversations = false;
  const auto tickets = ids(desk->inbox(tom, tickets_only));
  tickets_only.limit = 3;
  seen.clear();
  do {
    auto page = desk->inbox_page(tom, tickets_only, cursor);
    append(seen, ids(page.rows));
    cursor = page.next_cursor;
  } while (!cursor.empty());
  BOOST_TEST((seen == tickets));
}

// N5: the outbox pages oldest first; entries enqueued meanwhile come on a
// later page, each exactly once.
BOOST_FIXTURE_TEST_CASE(n5_the_outbox_pages_through_every_entry_once_in_order, busy_desk) {
  tc::outbox_filter every;
  every.limit = 1000000;
  const auto start = ids(desk->outbox(every));
  BOOST_TEST_REQUIRE(start.size() > 10u);
  tc::outbox_filter f;
  f.limit = 3;
  std::vector<tc::uuid> seen;
  std::string cursor;
  int pages = 0;
  do {
    tc::outbox_page page = desk->outbox_page(f, cursor);
    BOOST_TEST(page.notifications.size() <= 3u);
    append(seen, ids(page.notifications));
    cursor = page.next_cursor;
    if (pages++ < 3) desk->create_ticket(tom, customer_ticket("d", "Added while paging"));  // two entries each
  } while (!cursor.empty());
  const auto end = ids(desk->outbox(every));
  BOOST_TEST(end.size() == start.size() + 6u);
  BOOST_TEST((seen == end));
  BOOST_TEST(each_once(seen));

  // A filter pages the same way: every entry of Ann's, by contact.
  tc::outbox_filter ann_only;
  ann_only.audience = tc::audience::contact;
  ann_only.recipient = "a";
  ann_only.limit = 1000000;
  const auto anns = ids(desk->outbox(ann_only));
  ann_only.limit = 2;
  seen.clear();
  do {
    auto page = desk->outbox_page(ann_only, cursor);
    append(seen, ids(page.notifications));
    cursor = page.next_cursor;
  } while (!cursor.empty());
  BOOST_TEST((seen == anns));
}

// A cursor that is not one of this list's, or a page of nothing, is
// invalid_argument, naming what to pass.
BOOST_FIXTURE_TEST_CASE(cursors_that_are_not_the_lists_own_are_refused, busy_desk) {
  tc::inbox_filter f;
  f.limit = 2;
  const std::string inbox_cursor = desk->inbox_page(tom, f).next_cursor;
  tc::outbox_filter o;
  o.limit = 2;
  const std::string outbox_cursor = desk->outbox_page(o).next_cursor;
  BOOST_TEST_REQUIRE(!inbox_cursor.empty());
  BOOST_TEST_REQUIRE(!outbox_cursor.empty());
  auto wrong = attempt([&] { desk->inbox_page(tom, f, outbox_cursor); });
  BOOST_TEST((wrong.kind == tc::errc::invalid_argument));
  BOOST_TEST(wrong.message.find("next_cursor of a page of the inbox") != std::string::npos);
  BOOST_TEST((attempt([&] { desk->outbox_page(o, inbox_cursor); }).kind == tc::errc::invalid_argument));
  BOOST_TEST((attempt([&] { desk->inbox_page(tom, f, "inbox:not-an-id"); }).kind == tc::errc::invalid_argument));
  f.limit = 0;
  BOOST_TEST((attempt([&] { desk->inbox_page(tom, f); }).kind == tc::errc::invalid_argument));
  o.limit = 0;
  BOOST_TEST((attempt([&] { desk->outbox_page(o); }).kind == tc::errc::invalid_argument));
}

// Conversations by number on every op whose argument is a conversation.
BOOST_FIXTURE_TEST_CASE(conversations_are_named_by_number_as_tickets_are, desk_fixture) {
  auto first = conversation("a");
  auto second = conversation("a", "Another one");
  tc::ticket_view t = desk->convert_conversation(tom, first.conversation.number, customer_ticket("a"));
  BOOST_TEST(linked(*desk, first.conversation.id, t.ticket.id, tc::link_kind::customer_ticket));
  tc::part form = desk->send_form(tom, second.conversation.number, "bug_report");
  tc::ticket_view submitted =
      desk->submit_form(ann, second.conversation.number, form.id, {{"browser", "firefox"}});
  BOOST_TEST(linked(*desk, second.conversation.id, submitted.ticket.id, tc::link_kind::customer_ticket));
}

// V3: another contact's conversation by number answers exactly as a
// missing number does, on every op that takes one.
BOOST_FIXTURE_TEST_CASE(v3_another_contacts_conversation_by_number_is_not_found, desk_fixture) {
  auto anns = conversation("a");
  tc::part form = desk->send_form(tom, anns.conversation.id, "bug_report");
  const std::int64_t hidden = anns.conversation.number;
  const std::int64_t missing = hidden + 100;
  auto same = [&](auto call) {
    caught h = attempt([&] { call(hidden); });
    caught m = attempt([&] { call(missing); });
    BOOST_TEST((h.kind == tc::errc::not_found));
    BOOST_TEST((m.kind == tc::errc::not_found));
    BOOST_TEST(h.message == "conversation #" + std::to_string(hidden) + " not found");
    BOOST_TEST(m.message == "conversation #" + std::to_string(missing) + " not found");
  };
  same([&](std::int64_t n) { desk->conversation(bob, n); });
  same([&](std::int64_t n) { desk->submit_form(bob, n, form.id, {{"browser", "firefox"}}); });
}
