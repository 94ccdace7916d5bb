// Propagation: P1-P8 (P6, all or nothing, is in atomicity_test.cpp).
#define BOOST_TEST_MODULE propagation
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <map>
#include <string>
#include <vector>

using namespace testing;
namespace json = boost::json;

namespace {

std::vector<tc::part> with_body(const std::vector<tc::part>& timeline, const std::string& body) {
  std::vector<tc::part> out;
  for (const auto& p : timeline)
    if (p.body == body) out.push_back(p);
  return out;
}

std::vector<tc::part> of_kind(const std::vector<tc::part>& timeline, tc::part_kind kind) {
  std::vector<tc::part> out;
  for (const auto& p : timeline)
    if (p.kind == kind) out.push_back(p);
  return out;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

std::size_t count(const std::vector<tc::notification>& ns, const std::string& contact, tc::notification_kind kind) {
  return count_kind(ns, contact, kind, tc::notify_channel::email);
}

// The entries added to the outbox since `before` (ids are time-ordered and
// the outbox lists oldest first).
std::vector<tc::notification> since(const tc::desk& d, std::size_t before) {
  tc::outbox_filter all;
  all.limit = 1000000;
  auto ns = d.outbox(all);
  return {ns.begin() + static_cast<std::ptrdiff_t>(before), ns.end()};
}

std::size_t outbox_size(const tc::desk& d) {
  tc::outbox_filter all;
  all.limit = 1000000;
  return d.outbox(all).size();
}

}  // namespace

struct prop_fixture : desk_fixture {
  using desk_fixture::desk_fixture;

  struct pair_ids {
    tc::uuid conversation, ticket;
  };

  pair_ids converted(const std::string& contact, tc::new_ticket nt) {
    auto conv = conversation(contact, "Help from " + contact);
    auto t = desk->convert_conversation(tom, conv.conversation.id, std::move(nt));
    return {conv.conversation.id, t.ticket.id};
  }
  pair_ids converted(const std::string& contact) { return converted(contact, customer_ticket(contact)); }

  std::vector<tc::part> timeline(const tc::uuid& id) {
    auto t = attempt([&] { desk->ticket(tom, id); });
    if (!t.thrown) return desk->ticket(tom, id).timeline;
    return desk->conversation(tom, id).timeline;
  }

  std::vector<tc::part> body_in(const tc::uuid& id, const std::string& body) { return with_body(timeline(id), body); }

  // The record as its contact sees it, serialised.
  std::string contact_text(const tc::actor& who, const tc::uuid& id) {
    auto t = attempt([&] { desk->ticket(who, id); });
    if (!t.thrown) return json::serialize(tc::to_json(desk->ticket(who, id)));
    return json::serialize(tc::to_json(desk->conversation(who, id)));
  }
};

// P1: a note on a customer ticket becomes an internal note in every
// conversation linked to it - and nowhere else.
BOOST_FIXTURE_TEST_CASE(p1_customer_ticket_note_reaches_every_linked_conversation, prop_fixture) {
  auto p = converted("a");
  auto second = conversation("a", "Same problem, other channel").conversation.id;
  desk->add_link(tom, second, p.ticket, tc::link_kind::customer_ticket);
  auto unrelated = conversation("a", "Unrelated").conversation.id;
  auto tracker = desk->create_linked_ticket(tom, p.ticket, ticket_of("bug", "Crash")).ticket.id;
  auto bo = desk->create_linked_ticket(tom, p.ticket, ticket_of("process_refund", "Refund")).ticket.id;
  auto outbox_before = outbox_size(*desk);

  desk->add_note(tom, p.ticket, "P1 note");
  for (const tc::uuid& conv : {p.conversation, second}) {
    auto notes = body_in(conv, "P1 note");
    BOOST_TEST(notes.size() == 1u);
    for (const auto& n : notes) {
      BOOST_TEST((n.kind == tc::part_kind::note));
      BOOST_TEST(n.internal);
      BOOST_TEST((n.author == tom));
    }
    BOOST_TEST(!contains(contact_text(ann, conv), "P1 note"));
  }
  BOOST_TEST(body_in(p.ticket, "P1 note").size() == 1u);
  BOOST_TEST(body_in(unrelated, "P1 note").empty());
  BOOST_TEST(body_in(tracker, "P1 note").empty());  // P7: not back to the tracker
  BOOST_TEST(body_in(bo, "P1 note").empty());
  BOOST_TEST(outbox_size(*desk) == outbox_before);  // N3: notes never notify

  // The mode is ignored for customer tickets: a note always cross-posts.
  desk->add_note(tom, p.ticket, "P1 add mode", tc::note_mode::add);
  BOOST_TEST(body_in(p.conversation, "P1 add mode").size() == 1u);
  BOOST_TEST(body_in(second, "P1 add mode").size() == 1u);
}

// A back-office ticket linked to a conversation/ticket pair, a standalone
// customer ticket of another contact and a conversation without a ticket.
struct back_office_fixture : prop_fixture {
  pair_ids pair_a;
  tc::uuid lone_ticket_b, lone_conv_c, bo, other_bo, tracker;

  back_office_fixture() {
    pair_a = converted("a");
    lone_ticket_b = desk->create_ticket(tom, customer_ticket("b", "B standalone")).ticket.id;
    lone_conv_c = conversation("c", "C asks").conversation.id;
    bo = desk->create_linked_ticket(fay, pair_a.conversation, ticket_of("process_refund", "Refund batch")).ticket.id;
    desk->add_link(fay, lone_ticket_b, bo, tc::link_kind::back_office);
    desk->add_link(fay, bo, lone_conv_c, tc::link_kind::back_office);  // either order
    other_bo = desk->create_linked_ticket(fay, pair_a.ticket, ticket_of("process_refund", "Other")).ticket.id;
    tracker = desk->create_linked_ticket(tom, pair_a.ticket, ticket_of("bug", "Crash")).ticket.id;
  }

  std::vector<tc::uuid> linked() const { return {pair_a.conversation, pair_a.ticket, lone_ticket_b, lone_conv_c}; }
  std::vector<tc::uuid> unlinked() const { return {other_bo, tracker}; }
};

// P2: note_mode::add keeps the note on the back-office ticket.
BOOST_FIXTURE_TEST_CASE(p2_back_office_note_add_stays, back_office_fixture) {
  auto before = outbox_size(*desk);
  desk->add_note(fay, bo, "P2 kept", tc::note_mode::add);
  BOOST_TEST(body_in(bo, "P2 kept").size() == 1u);
  for (const auto& id : linked()) BOOST_TEST(body_in(id, "P2 kept").empty());
  for (const auto& id : unlinked()) BOOST_TEST(body_in(id, "P2 kept").empty());
  // The default mode is add.
  desk->add_note(fay, bo, "P2 default");
  for (const auto& id : linked()) BOOST_TEST(body_in(id, "P2 default").empty());
  BOOST_TEST(outbox_size(*desk) == before);
}

// P2: note_mode::cross_post also posts an internal note to every linked
// customer ticket and conversation.
BOOST_FIXTURE_TEST_CASE(p2_back_office_note_cross_post_reaches_tickets_and_conversations, back_office_fixture) {
  auto before = outbox_size(*desk);
  desk->add_note(fay, bo, "P2 crossed", tc::note_mode::cross_post);
  BOOST_TEST(body_in(bo, "P2 crossed").size() == 1u);
  for (const auto& id : linked()) {
    auto notes = body_in(id, "P2 crossed");
    BOOST_TEST(notes.size() == 1u);
    for (const auto& n : notes) {
      BOOST_TEST((n.kind == tc::part_kind::note));
      BOOST_TEST(n.internal);
    }
  }
  for (const auto& id : unlinked()) BOOST_TEST(body_in(id, "P2 crossed").empty());
  BOOST_TEST(!contains(contact_text(ann, pair_a.conversation), "P2 crossed"));
  BOOST_TEST(!contains(contact_text(ann, pair_a.ticket), "P2 crossed"));
  BOOST_TEST(!contains(contact_text(bob, lone_ticket_b), "P2 crossed"));
  BOOST_TEST(!contains(contact_text(cat, lone_conv_c), "P2 crossed"));
  BOOST_TEST(outbox_size(*desk) == before);
}

// P3: a back-office state change posts one internal event in every linked
// conversation and customer ticket; their own states do not move.
BOOST_FIXTURE_TEST_CASE(p3_back_office_state_change_posts_internal_events, back_office_fixture) {
  std::map<tc::uuid, std::string> states, seen_by_contact;
  for (const auto& id : {pair_a.ticket, lone_ticket_b}) states[id] = desk->ticket(tom, id).ticket.state;
  seen_by_contact[pair_a.ticket] = contact_text(ann, pair_a.ticket);
  seen_by_contact[pair_a.conversation] = contact_text(ann, pair_a.conversation);
  seen_by_contact[lone_conv_c] = contact_text(cat, lone_conv_c);
  auto before = outbox_size(*desk);

  desk->set_state(fay, bo, "waiting_on_customer");
  for (const auto& id : linked()) {
    std::vector<tc::part> events;
    for (const auto& p : of_kind(timeline(id), tc::part_kind::event))
      if (p.data.contains("back_office_state")) events.push_back(p);
    BOOST_TEST(events.size() == 1u);
    for (const auto& e : events) {
      BOOST_TEST(e.internal);
      BOOST_TEST(e.data.at("back_office_state").as_string() == "waiting_on_customer");
      BOOST_TEST(contains(e.body, "Refund batch"));
    }
  }
  for (const auto& id : unlinked())
    for (const auto& p : timeline(id)) BOOST_TEST(!p.data.contains("back_office_state"));
  for (const auto& [id, state] : states) BOOST_TEST(desk->ticket(tom, id).ticket.state == state);
  BOOST_TEST(outbox_size(*desk) == before);  // N4
  // The contacts notice nothing, not even a newer updated_at.
  BOOST_TEST(contact_text(ann, pair_a.ticket) == seen_by_contact[pair_a.ticket]);
  BOOST_TEST(contact_text(ann, pair_a.conversation) == seen_by_contact[pair_a.conversation]);
  BOOST_TEST(contact_text(cat, lone_conv_c) == seen_by_contact[lone_conv_c]);

  // A second change posts a second event.
  desk->set_state(fay, bo, "resolved");
  std::size_t events = 0;
  for (const auto& p : of_kind(timeline(pair_a.conversation), tc::part_kind::event))
    if (p.data.contains("back_office_state")) ++events;
  BOOST_TEST(events == 2u);
}

// P4: a note on a tracker reaches every linked conversation as an internal
// note; linked customer tickets do not get it.
BOOST_FIXTURE_TEST_CASE(p4_tracker_note_reaches_every_linked_conversation, prop_fixture) {
  auto pa = converted("a");
  auto pb = converted("b");
  auto lone_ticket = desk->create_ticket(tom, customer_ticket("c", "C standalone")).ticket.id;
  auto lone_conv = conversation("d", "D chat").conversation.id;
  auto unrelated = converted("a");
  auto tracker = desk->create_linked_ticket(tom, pa.conversation, ticket_of("bug", "Export crash")).ticket.id;
  desk->add_link(tom, pb.ticket, tracker, tc::link_kind::tracker);
  desk->add_link(tom, lone_ticket, tracker, tc::link_kind::tracker);
  desk->add_link(tom, lone_conv, tracker, tc::link_kind::tracker);
  BOOST_TEST(desk->ticket(tom, tracker).linked_conversations == 3u);

  desk->add_note(tom, tracker, "P4 note", tc::note_mode::add);  // the mode does not matter for trackers
  for (const tc::uuid& conv : {pa.conversation, pb.conversation, lone_conv}) {
    auto notes = body_in(conv, "P4 note");
    BOOST_TEST(notes.size() == 1u);
    for (const auto& n : notes) {
      BOOST_TEST(n.internal);
      BOOST_TEST((n.kind == tc::part_kind::note));
    }
  }
  for (const tc::uuid& id : {pa.ticket, pb.ticket, lone_ticket, unrelated.conversation, unrelated.ticket})
    BOOST_TEST(body_in(id, "P4 note").empty());
  BOOST_TEST(!contains(contact_text(dan, lone_conv), "P4 note"));
  BOOST_TEST(!contains(contact_text(bob, pb.conversation), "P4 note"));
}

// Four customer tickets on one tracker: contact a has two (one on the
// helpdesk lifecycle of type refund), b and c one each; c's has no
// conversation.
struct tracker_fixture : prop_fixture {
  pair_ids pa, pb;
  tc::uuid refund_a, lone_c, tracker;

  tracker_fixture() {
    pa = converted("a");
    pb = converted("b");
    refund_a = desk->create_ticket(tom, refund_ticket("a")).ticket.id;
    lone_c = desk->create_ticket(tom, customer_ticket("c", "C standalone")).ticket.id;
    tracker = desk->create_linked_ticket(tom, pa.ticket, ticket_of("bug", "SECRET tracker title")).ticket.id;
    for (const auto& id : {pb.conversation, refund_a, lone_c}) desk->add_link(tom, id, tracker, tc::link_kind::tracker);
  }

  std::string state(const tc::uuid& id) { return desk->ticket(tom, id).ticket.state; }
};

// P5: a tracker state change moves every linked customer ticket to the
// first state of the same category in its own lifecycle, including the
// custom helpdesk lifecycle; one status notification per contact; one
// admin message per linked conversation, visible to the contact.
BOOST_FIXTURE_TEST_CASE(p5_tracker_moves_linked_tickets_through_their_own_lifecycles, tracker_fixture) {
  std::size_t state_events = 0;
  auto connection = desk->subscribe([&](const tc::event& e) {
    if (e.kind == tc::event_kind::state_changed) ++state_events;
  });

  auto before = outbox_size(*desk);
  desk->set_state(tom, tracker, "in_progress");
  BOOST_TEST(state(pa.ticket) == "in_progress");
  BOOST_TEST(state(pb.ticket) == "in_progress");
  BOOST_TEST(state(lone_c) == "in_progress");
  BOOST_TEST(state(refund_a) == "open");  // helpdesk: the in_progress state is "open"
  BOOST_TEST(state_events == 5u);
  auto added = since(*desk, before);
  // Exactly one status notification per contact (per channel), though a has two tickets.
  for (const std::string who : {"a", "b", "c"}) {
    BOOST_TEST(count(added, who, tc::notification_kind::status_changed) == 1u, who);
    BOOST_TEST(count_kind(added, who, tc::notification_kind::status_changed, tc::notify_channel::messenger) == 1u);
  }
  BOOST_TEST(count(added, "d", tc::notification_kind::status_changed) == 0u);
  BOOST_TEST(added.size() == 6u);

  before = outbox_size(*desk);
  state_events = 0;
  desk->set_state(tom, tracker, "done");
  BOOST_TEST(state(pa.ticket) == "resolved");
  BOOST_TEST(state(pb.ticket) == "resolved");
  BOOST_TEST(state(lone_c) == "resolved");
  BOOST_TEST(state(refund_a) == "closed");  // helpdesk: tracker done -> closed
  BOOST_TEST(state_events == 5u);
  added = since(*desk, before);
  for (const std::string who : {"a", "b", "c"}) {
    BOOST_TEST(count(added, who, tc::notification_kind::ticket_resolved) == 1u, who);
    BOOST_TEST(count(added, who, tc::notification_kind::status_changed) == 0u, who);
  }
  BOOST_TEST(added.size() == 6u);
  connection.disconnect();

  // One admin message per state change in each linked conversation; the
  // contact sees it; it names no tracker.
  for (const auto& [conv, who] :
       std::vector<std::pair<tc::uuid, tc::actor>>{{pa.conversation, ann}, {pb.conversation, bob}}) {
    auto admin = of_kind(desk->conversation(who, conv).timeline, tc::part_kind::admin_message);
    BOOST_TEST(admin.size() == 2u);
    for (const auto& m : admin) {
      BOOST_TEST(!m.internal);
      BOOST_TEST(contains(m.body, "Update on the issue you reported"));
      BOOST_TEST(!contains(m.body, "SECRET"));
    }
    if (admin.size() == 2u) {
      BOOST_TEST(contains(admin[0].body, "In progress"));
      BOOST_TEST(contains(admin[1].body, "Completed"));
    }
  }
  // Customer tickets get public status events, not admin messages.
  BOOST_TEST(of_kind(timeline(pa.ticket), tc::part_kind::admin_message).empty());
  // The contact sees the stage of their own lifecycle.
  auto refund_seen = desk->ticket(ann, refund_a);
  BOOST_TEST(refund_seen.stage.index == 4);
  BOOST_TEST(refund_seen.ticket.state.empty());
}

// P5: a ticket already in the target state, or whose lifecycle has no state
// of the category, stays put without a notification.
BOOST_FIXTURE_TEST_CASE(p5_tickets_without_a_move_stay_quiet, tracker_fixture) {
  desk->set_state(tom, pb.ticket, "in_progress");  // b is there already
  auto before = outbox_size(*desk);
  auto version_b = desk->ticket(tom, pb.ticket).ticket.version;
  desk->set_state(tom, tracker, "in_progress");
  auto added = since(*desk, before);
  BOOST_TEST(count(added, "b", tc::notification_kind::status_changed) == 0u);
  BOOST_TEST(desk->ticket(tom, pb.ticket).ticket.version == version_b);
  BOOST_TEST(count(added, "a", tc::notification_kind::status_changed) == 1u);
  // The admin message still goes to b's conversation.
  BOOST_TEST(of_kind(timeline(pb.conversation), tc::part_kind::admin_message).size() == 1u);
}

// Counts, by id, the tickets write transactions read back from the store.
class ticket_read_counter : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;
  std::map<tc::uuid, std::size_t> reads;

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access mode) override {
    if (mode == tc::access::read) return t;
    return std::make_unique<counting>(std::move(t), reads);
  }

 private:
  class counting : public tc::transaction_wrapper {
   public:
    counting(std::unique_ptr<tc::transaction> t, std::map<tc::uuid, std::size_t>& reads)
        : transaction_wrapper(std::move(t)), reads_(reads) {}
    std::optional<tc::stored_ticket> get_ticket(const tc::uuid& id) override {
      ++reads_[id];
      return transaction_wrapper::get_ticket(id);
    }

   private:
    std::map<tc::uuid, std::size_t>& reads_;
  };
};

// P5 on a fan-out: each linked ticket is read from the store once, though
// its change posts a part whose event names it by number, and a linked
// conversation is never looked for among tickets (the unit of work knows
// the numbers of the records it read or wrote).
BOOST_AUTO_TEST_CASE(p5_fan_out_reads_each_linked_ticket_once) {
  auto counter = std::make_shared<ticket_read_counter>(make_test_store());
  prop_fixture f(counter);
  auto a = f.converted("a");
  auto c = f.desk->create_ticket(f.tom, f.customer_ticket("c", "C standalone")).ticket.id;
  auto tracker = f.desk->create_linked_ticket(f.tom, a.ticket, f.ticket_of("bug", "Tracker")).ticket.id;
  f.desk->add_link(f.tom, c, tracker, tc::link_kind::tracker);
  std::size_t parts_added = 0;
  auto connection = f.desk->subscribe([&](const tc::event& e) {
    if (e.kind == tc::event_kind::part_added && e.number > 0) ++parts_added;
  });

  counter->reads.clear();
  f.desk->set_state(f.tom, tracker, "in_progress");
  BOOST_TEST(f.desk->ticket(f.tom, c).ticket.state == "in_progress");
  BOOST_TEST(parts_added >= 3u);  // a status event on each customer ticket, an admin message in a's conversation
  for (const tc::uuid& linked : {a.ticket, c}) BOOST_TEST(counter->reads[linked] == 1u);
  BOOST_TEST(counter->reads[a.conversation] == 0u);  // never looked for among tickets
}

// Tracker types of our own: "incident" maps its "monitoring" state (category
// on_hold) to waiting_on_customer for linked tickets (P5 explicit mapping);
// "incident_plain" has the same lifecycle and no mapping.
struct mapping_fixture : prop_fixture {
  mapping_fixture() {
    tc::config c = tc::parse_config(std::string_view(scenario_config));
    tc::lifecycle l;
    l.id = "incident_flow";
    l.states = {{"reported", "Reported", tc::state_category::submitted, 1},
                {"investigating", "Investigating", tc::state_category::in_progress, 2},
                {"monitoring", "Monitoring", tc::state_category::on_hold, 2},
                {"fixed", "Fixed", tc::state_category::resolved, 4}};
    c.lifecycles.push_back(l);
    tc::ticket_type mapped;
    mapped.id = "incident";
    mapped.name = "Incident";
    mapped.category = tc::category::tracker;
    mapped.lifecycle = "incident_flow";
    mapped.propagation = {{"monitoring", tc::state_category::waiting_on_customer}};
    tc::ticket_type plain = mapped;
    plain.id = "incident_plain";
    plain.propagation.clear();
    c.ticket_types.push_back(mapped);
    c.ticket_types.push_back(plain);
    desk->configure(c);
  }

  struct setup {
    pair_ids bug;
    tc::uuid refund, tracker;
  };

  setup linked_to(const std::string& type) {
    setup s;
    s.bug = converted("a");
    s.refund = desk->create_ticket(tom, refund_ticket("b")).ticket.id;
    s.tracker = desk->create_linked_ticket(tom, s.bug.conversation, ticket_of(type, "Outage")).ticket.id;
    desk->add_link(tom, s.refund, s.tracker, tc::link_kind::tracker);
    desk->set_state(tom, s.tracker, "investigating");
    return s;
  }

  std::string state(const tc::uuid& id) { return desk->ticket(tom, id).ticket.state; }
};

// P5: the tracker type's propagation mapping decides the category.
BOOST_FIXTURE_TEST_CASE(p5_tracker_type_mapping_decides_category, mapping_fixture) {
  auto s = linked_to("incident");
  BOOST_TEST(state(s.bug.ticket) == "in_progress");
  BOOST_TEST(state(s.refund) == "open");
  auto before = outbox_size(*desk);
  desk->set_state(tom, s.tracker, "monitoring");
  BOOST_TEST(state(s.bug.ticket) == "waiting_on_customer");
  BOOST_TEST(state(s.refund) == "waiting");
  auto added = since(*desk, before);
  BOOST_TEST(count(added, "a", tc::notification_kind::status_changed) == 1u);
  BOOST_TEST(count(added, "b", tc::notification_kind::status_changed) == 1u);
  auto admin = of_kind(desk->conversation(ann, s.bug.conversation).timeline, tc::part_kind::admin_message);
  BOOST_TEST(admin.size() == 2u);
  if (!admin.empty()) BOOST_TEST(contains(admin.back().body, "Active"));  // the waiting stage, not "Monitoring"
  desk->set_state(tom, s.tracker, "fixed");
  BOOST_TEST(state(s.bug.ticket) == "resolved");
  BOOST_TEST(state(s.refund) == "closed");
}

// P5: without a mapping the tracker state's own category applies: on_hold,
// which the default customer lifecycle lacks (the ticket stays) and the
// helpdesk lifecycle has (same stage: no notification).
BOOST_FIXTURE_TEST_CASE(p5_without_mapping_own_category, mapping_fixture) {
  auto s = linked_to("incident_plain");
  auto before = outbox_size(*desk);
  desk->set_state(tom, s.tracker, "monitoring");
  BOOST_TEST(state(s.bug.ticket) == "in_progress");
  BOOST_TEST(state(s.refund) == "on_hold");
  auto added = since(*desk, before);
  BOOST_TEST(count(added, "a", tc::notification_kind::status_changed) == 0u);
  BOOST_TEST(count(added, "b", tc::notification_kind::status_changed) == 0u);  // stage 2 -> 2 (N2)
}

// P7: a customer ticket's change does not propagate to its tracker or
// back-office ticket, and a tracker's fan-out does not come back to it.
BOOST_FIXTURE_TEST_CASE(p7_no_propagation_back, tracker_fixture) {
  auto bo = desk->create_linked_ticket(fay, pa.ticket, ticket_of("process_refund", "Refund")).ticket.id;
  auto tracker_before = desk->ticket(tom, tracker);
  auto bo_before = desk->ticket(tom, bo);
  auto tracker_history = desk->history(tom, tracker).size();
  auto bo_history = desk->history(tom, bo).size();

  desk->set_state(tom, pa.ticket, "resolved");
  desk->set_state(tom, refund_a, "open");
  desk->add_note(tom, pa.ticket, "P7 ticket note", tc::note_mode::cross_post);
  desk->add_note(tom, pa.conversation, "P7 conversation note");
  desk->reply(tom, pa.ticket, "P7 reply");
  tc::ticket_changes ch;
  ch.priority = "urgent";
  desk->update_ticket(tom, pa.ticket, ch);

  auto tracker_after = desk->ticket(tom, tracker);
  auto bo_after = desk->ticket(tom, bo);
  BOOST_TEST(tracker_after.ticket.state == tracker_before.ticket.state);
  BOOST_TEST(tracker_after.ticket.version == tracker_before.ticket.version);
  BOOST_TEST(tracker_after.timeline.size() == tracker_before.timeline.size());
  BOOST_TEST(bo_after.ticket.version == bo_before.ticket.version);
  BOOST_TEST(bo_after.timeline.size() == bo_before.timeline.size());
  BOOST_TEST(desk->history(tom, tracker).size() == tracker_history);
  BOOST_TEST(desk->history(tom, bo).size() == bo_history);
  BOOST_TEST(body_in(pa.ticket, "P7 conversation note").empty());  // conversation notes go nowhere

  // The tracker's own fan-out writes the tracker once.
  desk->set_state(tom, tracker, "done");
  BOOST_TEST(desk->ticket(tom, tracker).ticket.version == tracker_before.ticket.version + 1);
  std::size_t state_entries = 0;
  for (const auto& h : desk->history(tom, tracker))
    if (h.field == "state") ++state_entries;
  BOOST_TEST(state_entries == 1u);
}

// P8: every propagated part records its origin ticket for the team; the
// source's own part has none; P5 history entries name their cause.
BOOST_FIXTURE_TEST_CASE(p8_cross_posted_parts_carry_origin, back_office_fixture) {
  auto lone_conv_d = conversation("d", "D").conversation.id;
  desk->add_link(tom, lone_conv_d, tracker, tc::link_kind::tracker);
  desk->add_note(tom, pair_a.ticket, "P8 from ticket");                       // P1
  desk->add_note(fay, bo, "P8 from back office", tc::note_mode::cross_post);  // P2
  desk->set_state(fay, bo, "resolved");                                       // P3
  desk->add_note(tom, tracker, "P8 from tracker");                            // P4
  desk->set_state(tom, tracker, "done");                                      // P5

  auto origin_of_all = [&](const tc::uuid& where, const std::string& body, const tc::uuid& origin) {
    auto parts = body_in(where, body);
    BOOST_TEST(!parts.empty());
    for (const auto& p : parts) {
      BOOST_TEST(p.origin_ticket.has_value());
      if (p.origin_ticket) BOOST_TEST((*p.origin_ticket == origin));
    }
  };
  origin_of_all(pair_a.conversation, "P8 from ticket", pair_a.ticket);
  for (const auto& id : linked()) origin_of_all(id, "P8 from back office", bo);
  origin_of_all(pair_a.conversation, "P8 from tracker", tracker);
  origin_of_all(lone_conv_d, "P8 from tracker", tracker);
  for (const auto& [source, body] : std::vector<std::pair<tc::uuid, std::string>>{
           {pair_a.ticket, "P8 from ticket"}, {bo, "P8 from back office"}, {tracker, "P8 from tracker"}})
    for (const auto& p : body_in(source, body)) BOOST_TEST(!p.origin_ticket.has_value());

  for (const auto& id : linked()) {
    std::size_t events = 0;
    for (const auto& p : of_kind(timeline(id), tc::part_kind::event))
      if (p.data.contains("back_office_state")) {
        ++events;
        BOOST_TEST((p.origin_ticket == bo));
      }
    BOOST_TEST(events == 1u);
  }
  for (const tc::uuid& conv : {pair_a.conversation, lone_conv_d}) {
    auto admin = of_kind(timeline(conv), tc::part_kind::admin_message);
    BOOST_TEST(admin.size() == 1u);
    for (const auto& m : admin) BOOST_TEST((m.origin_ticket == tracker));
  }
  // The conversion event names the ticket it made.
  bool conversion = false;
  for (const auto& p : of_kind(timeline(pair_a.conversation), tc::part_kind::event))
    if (contains(p.body, "Converted")) conversion = p.origin_ticket == pair_a.ticket;
  BOOST_TEST(conversion);
  // P5's state change on the customer ticket names the tracker as its cause.
  bool caused = false;
  for (const auto& h : desk->history(tom, pair_a.ticket))
    if (h.field == "state") caused = h.cause == tracker;
  BOOST_TEST(caused);
  // The contact sees none of the origins.
  for (const auto& p : desk->conversation(ann, pair_a.conversation).timeline) BOOST_TEST(!p.origin_ticket.has_value());
}
