// The widespread-bug scenario of seed 000, end to end.
#define BOOST_TEST_MODULE scenario
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

bool has_internal(const std::vector<tc::part>& timeline) {
  for (const auto& p : timeline)
    if (p.internal || p.kind == tc::part_kind::note) return true;
  return false;
}

}  // namespace

// P4, P5, P6, N1, N2, V2, V3, L4, K2, K4, C2, C6, C7
BOOST_FIXTURE_TEST_CASE(widespread_bug_end_to_end, desk_fixture) {
  std::vector<std::string> contacts = {"a", "b", "c", "d"};
  std::vector<tc::uuid> conversations, tickets;
  for (const auto& who : contacts) {
    auto conv = conversation(who, "The export button does nothing");
    conversations.push_back(conv.conversation.id);
    auto t = desk->convert_conversation(tom, conv.conversation.id, customer_ticket(who, "Export broken"));
    tickets.push_back(t.ticket.id);
  }
  // A creates the tracker from its conversation (C7); B, C, D link theirs.
  auto tracker = desk->create_linked_ticket(tom, conversations[0], ticket_of("bug", "Export button dead"));
  for (std::size_t i = 1; i < 4; ++i) desk->add_link(tom, tickets[i], tracker.ticket.id, tc::link_kind::tracker);
  BOOST_TEST(desk->ticket(tom, tracker.ticket.id).linked_conversations == 4u);  // K4 count

  // A back-office ticket from A's conversation (C6) must never reach A.
  auto bo = desk->create_linked_ticket(tom, conversations[0], ticket_of("process_refund", "Refund A's plan"));
  desk->add_note(fay, bo.ticket.id, "Refund approved by finance", tc::note_mode::cross_post);

  // P4: the tracker note reaches all four conversations as internal notes.
  desk->add_note(tom, tracker.ticket.id, "Root cause: null pointer in exporter");
  for (const auto& id : conversations) {
    auto view = desk->conversation(tom, id);
    int notes = 0;
    for (const auto& p : view.timeline)
      if (p.kind == tc::part_kind::note && p.body == "Root cause: null pointer in exporter") {
        ++notes;
        BOOST_TEST(p.internal);
        BOOST_TEST(p.origin_ticket.has_value());  // P8
        BOOST_TEST((*p.origin_ticket == tracker.ticket.id));
      }
    BOOST_TEST(notes == 1);
  }

  auto before_done = desk->outbox();
  std::size_t events_seen = 0;
  auto connection = desk->subscribe([&](const tc::event& e) {
    if (e.kind == tc::event_kind::state_changed) ++events_seen;
  });
  desk->set_state(tom, tracker.ticket.id, "done");
  connection.disconnect();
  BOOST_TEST(events_seen == 5u);  // the tracker and four customer tickets, after one commit

  auto outbox = desk->outbox();
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& who = contacts[i];
    tc::actor contact = tc::actor::contact(who);
    // P5: resolved in the same unit of work; stage 4 for the contact (L4).
    auto mine = desk->ticket(contact, tickets[i]);
    BOOST_TEST(mine.stage.index == 4);
    BOOST_TEST(mine.stage.label == "Completed");
    BOOST_TEST(mine.ticket.state.empty());
    BOOST_TEST(desk->ticket(tom, tickets[i]).ticket.state == "resolved");
    // N1 once, then exactly one status notification (the resolution).
    BOOST_TEST(count_kind(outbox, who, tc::notification_kind::ticket_created) == 1u);
    BOOST_TEST(count_kind(outbox, who, tc::notification_kind::ticket_resolved) == 1u);
    BOOST_TEST(count_kind(outbox, who, tc::notification_kind::status_changed) == 0u);
    BOOST_TEST(count_kind(outbox, who, tc::notification_kind::ticket_resolved, tc::notify_channel::messenger) == 1u);
    // P5: an admin message the contact sees in their conversation.
    auto conv = desk->conversation(contact, conversations[i]);
    int admin = 0;
    for (const auto& p : conv.timeline)
      if (p.kind == tc::part_kind::admin_message) ++admin;
    BOOST_TEST(admin == 1);
    // V2: no internal note anywhere in the contact's views.
    BOOST_TEST(!has_internal(conv.timeline));
    BOOST_TEST(!has_internal(mine.timeline));
    for (const auto& l : desk->links(contact, conversations[i])) BOOST_TEST((l.kind == tc::link_kind::customer_ticket));
    // V3: the tracker and the back-office ticket answer not found.
    BOOST_CHECK_THROW(desk->ticket(contact, tracker.ticket.id), tc::error);
    BOOST_CHECK_THROW(desk->ticket(contact, bo.ticket.id), tc::error);
    for (const auto& item : desk->inbox(contact))
      BOOST_TEST((item.category != tc::category::tracker && item.category != tc::category::back_office));
  }
  try {
    desk->ticket(ann, bo.ticket.id);
    BOOST_FAIL("back-office ticket visible to a contact");
  } catch (const tc::error& e) {
    BOOST_TEST((e.kind() == tc::errc::not_found));
  }
  BOOST_TEST(outbox.size() > before_done.size());
}
