// Notifications and the outbox: N1-N5.
#define BOOST_TEST_MODULE notifications
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace testing;
namespace json = boost::json;

namespace {

std::string outbox_text(const tc::desk& d) {
  json::array a;
  tc::outbox_filter every;
  every.limit = 1000000;
  for (const auto& n : d.outbox(every)) a.push_back(tc::to_json(n));
  return json::serialize(a);
}

std::vector<tc::notification> for_ticket(const tc::desk& d, const tc::uuid& id) {
  tc::outbox_filter f;
  f.ticket = id;
  return d.outbox(f);
}

tc::notification entry(const tc::desk& d, const tc::uuid& id) {
  for (const auto& n : d.outbox())
    if (n.id == id) return n;
  throw std::runtime_error("no such outbox entry");
}

// A notifier that always asks for a retry, or always fails for good.
class refusing_notifier : public tc::notifier {
 public:
  explicit refusing_notifier(bool permanent) : permanent_(permanent) {}
  int calls = 0;
  tc::delivery_result deliver(const tc::notification&) override {
    ++calls;
    return permanent_ ? tc::delivery_result::fail("mailbox does not exist") : tc::delivery_result::retry("busy");
  }

 private:
  bool permanent_;
};

class throwing_notifier : public tc::notifier {
 public:
  int calls = 0;
  tc::delivery_result deliver(const tc::notification&) override {
    ++calls;
    throw std::runtime_error("smtp connection reset");
  }
};

// Fault injection: fails a commit, or the n-th enqueue, on demand.
class faulty_storage : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;
  std::atomic<bool> fail_commit{false};
  std::atomic<int> fail_enqueue_at{0};  // 1-based index of the enqueue to fail within a transaction; 0: never

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access) override {
    return std::make_unique<faulty_transaction>(std::move(t), *this);
  }

 private:
  class faulty_transaction : public tc::transaction_wrapper {
   public:
    faulty_transaction(std::unique_ptr<tc::transaction> t, faulty_storage& s)
        : transaction_wrapper(std::move(t)), storage_(s) {}
    void commit() override {
      if (storage_.fail_commit) throw tc::error(tc::errc::storage, "disk full");
      transaction_wrapper::commit();
    }
    void enqueue(tc::notification n) override {
      if (++enqueued_ == storage_.fail_enqueue_at) throw tc::error(tc::errc::storage, "outbox write failed");
      transaction_wrapper::enqueue(std::move(n));
    }

   private:
    faulty_storage& storage_;
    int enqueued_ = 0;
  };
};

std::unique_ptr<tc::desk> make_desk(std::shared_ptr<tc::storage> store, std::shared_ptr<tc::clock> clock,
                                    tc::dispatch_options dispatch = {}, std::shared_ptr<tc::notifier> n = {}) {
  tc::desk_options o;
  o.storage = std::move(store);
  o.clock = std::move(clock);
  o.config = tc::parse_config(std::string_view(scenario_config));
  o.dispatch = dispatch;
  o.notifier = std::move(n);
  return std::make_unique<tc::desk>(std::move(o));
}

}  // namespace

// --- N1 -------------------------------------------------------------------

// N1: creating a customer ticket notifies its contact by email and messenger.
BOOST_FIXTURE_TEST_CASE(n1_creation_notifies_contact, desk_fixture) {
  BOOST_TEST(desk->outbox().empty());
  auto t = desk->create_ticket(tom, customer_ticket("a", "Export broken"));
  auto out = desk->outbox();
  BOOST_TEST_REQUIRE(out.size() == 2u);
  BOOST_TEST(count_kind(out, "a", tc::notification_kind::ticket_created, tc::notify_channel::email) == 1u);
  BOOST_TEST(count_kind(out, "a", tc::notification_kind::ticket_created, tc::notify_channel::messenger) == 1u);
  for (const auto& n : out) {
    BOOST_TEST((n.ticket == t.ticket.id));
    BOOST_TEST(n.ticket_number == t.ticket.number);
    BOOST_TEST((n.state == tc::delivery_state::pending));
    BOOST_TEST(n.attempts == 0);
    BOOST_TEST((n.created_at == t0()));
    BOOST_TEST(!n.idempotency_key.empty());
    // The payload is the customer's view: number, title, stage - nothing internal.
    BOOST_TEST((n.payload.at("ticket_number") == json::value(t.ticket.number)));
    BOOST_TEST((n.payload.at("title") == json::value("Export broken")));
    BOOST_TEST((n.payload.at("stage") == json::value(1)));
    BOOST_TEST((n.payload.at("stage_label") == json::value("Reviewing")));
    BOOST_TEST(!n.payload.contains("state"));
  }
  BOOST_TEST(out[0].idempotency_key != out[1].idempotency_key);
}

// N1: every creation path of a customer ticket notifies: convert, on behalf, contact submission.
BOOST_FIXTURE_TEST_CASE(n1_every_creation_path_notifies, desk_fixture) {
  auto conv = conversation("b");
  BOOST_TEST(desk->outbox().empty());  // a conversation alone notifies nobody
  auto converted = desk->convert_conversation(tom, conv.conversation.id, customer_ticket("b"));
  auto submitted = desk->create_ticket(cat, customer_ticket("c"));
  auto on_behalf = desk->create_ticket(fay, customer_ticket("d"));
  for (const auto& [id, who] : {std::pair{converted.ticket.id, "b"}, std::pair{submitted.ticket.id, "c"},
                                std::pair{on_behalf.ticket.id, "d"}}) {
    auto ns = for_ticket(*desk, id);
    BOOST_TEST(ns.size() == 2u);
    BOOST_TEST(count_kind(ns, who, tc::notification_kind::ticket_created, tc::notify_channel::email) == 1u);
    BOOST_TEST(count_kind(ns, who, tc::notification_kind::ticket_created, tc::notify_channel::messenger) == 1u);
  }
}

// --- N2 -------------------------------------------------------------------

// N2: a state change tells the contact the new stage; resolving sends the confirmation.
BOOST_FIXTURE_TEST_CASE(n2_state_change_notifies_new_stage, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  auto id = t.ticket.id;
  auto stage_notes = [&](tc::notification_kind kind) {
    std::vector<tc::notification> out;
    for (const auto& n : for_ticket(*desk, id))
      if (n.kind == kind) out.push_back(n);
    return out;
  };
  desk->set_state(tom, id, "in_progress");
  auto changed = stage_notes(tc::notification_kind::status_changed);
  BOOST_TEST_REQUIRE(changed.size() == 2u);
  for (const auto& n : changed) {
    BOOST_TEST(n.recipient == "a");
    BOOST_TEST((n.payload.at("stage") == json::value(2)));
    BOOST_TEST((n.payload.at("stage_label") == json::value("In progress")));
  }
  desk->set_state(tom, id, "waiting_on_customer");
  changed = stage_notes(tc::notification_kind::status_changed);
  BOOST_TEST(changed.size() == 4u);
  BOOST_TEST((changed.back().payload.at("stage") == json::value(3)));
  BOOST_TEST((changed.back().payload.at("stage_label") == json::value("Active")));

  desk->set_state(tom, id, "resolved");
  auto resolved = stage_notes(tc::notification_kind::ticket_resolved);
  BOOST_TEST(resolved.size() == 2u);
  BOOST_TEST(count_kind(resolved, "a", tc::notification_kind::ticket_resolved, tc::notify_channel::email) == 1u);
  BOOST_TEST(count_kind(resolved, "a", tc::notification_kind::ticket_resolved, tc::notify_channel::messenger) == 1u);
  BOOST_TEST((resolved[0].payload.at("stage") == json::value(4)));
  BOOST_TEST((resolved[0].payload.at("stage_label") == json::value("Completed")));
  BOOST_TEST(stage_notes(tc::notification_kind::status_changed).size() == 4u);  // resolving is not also a status change
  // Setting the same state again notifies nobody.
  auto before = desk->outbox().size();
  desk->set_state(tom, id, "resolved");
  BOOST_TEST(desk->outbox().size() == before);
}

// N2, L4: the contact sees stages only, so a move within one stage is not news.
BOOST_FIXTURE_TEST_CASE(n2_same_stage_move_not_notified, desk_fixture) {
  auto t = desk->create_ticket(tom, refund_ticket("b"));
  desk->set_state(tom, t.ticket.id, "open");  // stage 1 -> 2
  auto before = desk->outbox().size();
  desk->set_state(tom, t.ticket.id, "on_hold");  // stage 2 -> 2
  BOOST_TEST(desk->outbox().size() == before);
  desk->set_state(tom, t.ticket.id, "open");
  desk->set_state(tom, t.ticket.id, "closed");  // stage 2 -> 4
  BOOST_TEST(desk->outbox().size() == before + 2);
}

// --- N3 -------------------------------------------------------------------

// N3: a teammate's reply notifies the contact; the contact's own messages and
// internal notes never do.
BOOST_FIXTURE_TEST_CASE(n3_reply_notifies_notes_never, desk_fixture) {
  auto conv = conversation("a");
  auto t = desk->convert_conversation(tom, conv.conversation.id, customer_ticket("a"));
  auto base = desk->outbox().size();

  desk->add_note(tom, t.ticket.id, "Internal: probably the exporter");
  desk->add_note(tom, conv.conversation.id, "Internal on the conversation");
  BOOST_TEST(desk->outbox().size() == base);
  desk->reply(ann, t.ticket.id, "Any news?");
  desk->reply(ann, conv.conversation.id, "Hello?");
  BOOST_TEST(desk->outbox().size() == base);

  desk->reply(tom, t.ticket.id, "We found the cause");
  auto ns = for_ticket(*desk, t.ticket.id);
  BOOST_TEST(count_kind(ns, "a", tc::notification_kind::reply, tc::notify_channel::email) == 1u);
  BOOST_TEST(count_kind(ns, "a", tc::notification_kind::reply, tc::notify_channel::messenger) == 1u);
  for (const auto& n : ns)
    if (n.kind == tc::notification_kind::reply) BOOST_TEST((n.payload.at("body") == json::value("We found the cause")));
  BOOST_TEST(desk->outbox().size() == base + 2);
  // A teammate's reply in the conversation reaches the contact too.
  desk->reply(fay, conv.conversation.id, "Hi Ann");
  BOOST_TEST(desk->outbox().size() == base + 4);
  // A note cross-posted from a linked back-office ticket notifies nobody either.
  auto bo = desk->create_linked_ticket(fay, t.ticket.id, ticket_of("process_refund", "Refund"));
  desk->add_note(fay, bo.ticket.id, "Refund approved", tc::note_mode::cross_post);
  BOOST_TEST(desk->outbox().size() == base + 4);
}

// --- N4 -------------------------------------------------------------------

// N4: back-office and tracker tickets never notify contacts themselves.
BOOST_FIXTURE_TEST_CASE(n4_back_office_and_tracker_never_notify, desk_fixture) {
  auto conv = conversation("a");
  auto bo = desk->create_linked_ticket(tom, conv.conversation.id, ticket_of("process_refund", "Refund"));
  auto k = desk->create_linked_ticket(tom, conv.conversation.id, ticket_of("bug", "Crash"));
  tc::new_ticket with_contact = ticket_of("process_refund", "About Bob");
  with_contact.contact = "b";  // a back-office ticket about a contact still does not tell them
  auto bo2 = desk->create_ticket(tom, with_contact);
  desk->set_state(tom, bo.ticket.id, "waiting_on_customer");
  desk->set_state(tom, bo.ticket.id, "resolved");
  desk->set_state(tom, bo2.ticket.id, "resolved");
  desk->set_state(tom, k.ticket.id, "in_progress");
  desk->add_note(tom, bo.ticket.id, "note", tc::note_mode::cross_post);
  desk->add_note(tom, k.ticket.id, "tracker note");
  tc::ticket_changes ch;
  ch.priority = "urgent";
  desk->update_ticket(tom, k.ticket.id, ch);
  BOOST_TEST(desk->outbox().empty());
  BOOST_TEST((attempt([&] { desk->reply(tom, bo.ticket.id, "hello"); }).kind == tc::errc::invalid_argument));
  BOOST_TEST(desk->outbox().empty());
  // With a linked customer ticket, the tracker's change notifies about the
  // customer's own ticket (P5), never about the tracker.
  auto t = desk->create_ticket(tom, customer_ticket("c"));
  desk->add_link(tom, t.ticket.id, k.ticket.id, tc::link_kind::tracker);
  desk->set_state(tom, k.ticket.id, "done");
  for (const auto& n : desk->outbox()) {
    BOOST_TEST((n.ticket == t.ticket.id));
    BOOST_TEST(n.recipient == "c");
  }
  BOOST_TEST(for_ticket(*desk, k.ticket.id).empty());
  BOOST_TEST(for_ticket(*desk, bo.ticket.id).empty());
  BOOST_TEST(for_ticket(*desk, bo2.ticket.id).empty());
}

// --- N5: delivery ------------------------------------------------------------

// N5: dispatch delivers pending entries once; a delivered entry is never delivered again.
BOOST_FIXTURE_TEST_CASE(n5_dispatch_delivers_once, desk_fixture) {
  desk->create_ticket(tom, customer_ticket("a"));
  desk->create_ticket(tom, customer_ticket("b"));
  recording_notifier n;
  clock->advance(std::chrono::seconds(5));
  auto r = desk->dispatch_notifications(&n);
  BOOST_TEST(r.delivered == 4u);
  BOOST_TEST(r.retried == 0u);
  BOOST_TEST(r.failed == 0u);
  BOOST_TEST(n.delivered.size() == 4u);
  for (const auto& e : desk->outbox()) {
    BOOST_TEST((e.state == tc::delivery_state::delivered));
    BOOST_TEST(e.attempts == 1);
    BOOST_TEST((e.delivered_at == t0() + std::chrono::seconds(5)));
  }
  std::set<tc::uuid> seen;
  for (const auto& d : n.delivered) seen.insert(d.id);
  BOOST_TEST(seen.size() == 4u);

  auto again = desk->dispatch_notifications(&n);
  BOOST_TEST(again.delivered == 0u);
  clock->advance(std::chrono::hours(48));
  again = desk->dispatch_notifications(&n);
  BOOST_TEST(again.delivered == 0u);
  BOOST_TEST(n.delivered.size() == 4u);
  // New entries are delivered, old ones are not repeated.
  desk->create_ticket(tom, customer_ticket("c"));
  BOOST_TEST(desk->dispatch_notifications(&n).delivered == 2u);
  BOOST_TEST(n.delivered.size() == 6u);
}

// N5: a failure is retried only after its backoff, which doubles; the
// idempotency key is the same on every attempt.
BOOST_FIXTURE_TEST_CASE(n5_retry_with_backoff, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  auto entries = desk->outbox();
  BOOST_TEST_REQUIRE(entries.size() == 2u);
  const auto first = entries[0];  // oldest first: the one dispatched first
  recording_notifier n;
  n.fail_next = 1;
  auto r = desk->dispatch_notifications(&n);
  BOOST_TEST(r.retried == 1u);
  BOOST_TEST(r.delivered == 1u);
  auto e = entry(*desk, first.id);
  BOOST_TEST((e.state == tc::delivery_state::pending));
  BOOST_TEST(e.attempts == 1);
  BOOST_TEST(e.last_error == "mail server busy");
  BOOST_TEST((e.next_attempt_at == t0() + std::chrono::seconds(30)));  // initial backoff
  n.fail_next = 1;  // the next attempt fails too

  // Not before the backoff elapses.
  BOOST_TEST(desk->dispatch_notifications(&n).retried == 0u);
  clock->advance(std::chrono::seconds(29));
  auto early = desk->dispatch_notifications(&n);
  BOOST_TEST(early.retried + early.delivered + early.failed == 0u);
  BOOST_TEST(n.fail_next == 1);  // the notifier was not called

  clock->advance(std::chrono::seconds(1));
  BOOST_TEST(desk->dispatch_notifications(&n).retried == 1u);  // second failure
  e = entry(*desk, first.id);
  BOOST_TEST(e.attempts == 2);
  BOOST_TEST((e.next_attempt_at == t0() + std::chrono::seconds(30 + 60)));  // doubled

  clock->advance(std::chrono::seconds(59));
  BOOST_TEST(desk->dispatch_notifications(&n).delivered == 0u);
  clock->advance(std::chrono::seconds(1));
  BOOST_TEST(desk->dispatch_notifications(&n).delivered == 1u);
  e = entry(*desk, first.id);
  BOOST_TEST((e.state == tc::delivery_state::delivered));
  BOOST_TEST(e.attempts == 3);
  BOOST_TEST(n.delivered.size() == 2u);
  const auto& late = n.delivered.back();
  BOOST_TEST((late.id == first.id));
  BOOST_TEST(late.idempotency_key == first.idempotency_key);
  BOOST_TEST(e.idempotency_key == first.idempotency_key);
  BOOST_TEST((late.ticket == t.ticket.id));
}

// N5: after max_attempts an entry is failed and never tried again; backoff is capped.
BOOST_FIXTURE_TEST_CASE(n5_max_attempts_then_failed, desk_fixture) {
  tc::dispatch_options o;
  o.max_attempts = 3;
  o.initial_backoff = std::chrono::seconds(10);
  o.max_backoff = std::chrono::seconds(15);
  desk = make_desk(tc::make_memory_store(), clock, o);
  tc::new_ticket n1 = customer_ticket("a");
  auto t = desk->create_ticket(tom, n1);
  auto email = desk->outbox()[0];
  refusing_notifier n(false);
  auto r1 = desk->dispatch_notifications(&n);
  BOOST_TEST(r1.retried == 2u);
  BOOST_TEST((entry(*desk, email.id).next_attempt_at == t0() + std::chrono::seconds(10)));
  clock->advance(std::chrono::seconds(10));
  BOOST_TEST(desk->dispatch_notifications(&n).retried == 2u);
  BOOST_TEST((entry(*desk, email.id).next_attempt_at == t0() + std::chrono::seconds(25)));  // 20s capped at 15s
  clock->advance(std::chrono::seconds(15));
  auto r3 = desk->dispatch_notifications(&n);
  BOOST_TEST(r3.failed == 2u);
  BOOST_TEST(r3.retried == 0u);
  auto e = entry(*desk, email.id);
  BOOST_TEST((e.state == tc::delivery_state::failed));
  BOOST_TEST(e.attempts == 3);
  BOOST_TEST(n.calls == 6);
  clock->advance(std::chrono::hours(24));
  recording_notifier good;
  auto later = desk->dispatch_notifications(&good);
  BOOST_TEST(later.delivered + later.retried + later.failed == 0u);
  BOOST_TEST(good.delivered.empty());
  tc::outbox_filter failed;
  failed.state = tc::delivery_state::failed;
  failed.ticket = t.ticket.id;
  BOOST_TEST(desk->outbox(failed).size() == 2u);
}

// N5: a permanent failure is recorded at once and not retried.
BOOST_FIXTURE_TEST_CASE(n5_permanent_failure_not_retried, desk_fixture) {
  desk->create_ticket(tom, customer_ticket("a"));
  refusing_notifier n(true);
  auto r = desk->dispatch_notifications(&n);
  BOOST_TEST(r.failed == 2u);
  for (const auto& e : desk->outbox()) {
    BOOST_TEST((e.state == tc::delivery_state::failed));
    BOOST_TEST(e.attempts == 1);
    BOOST_TEST(e.last_error == "mailbox does not exist");
  }
  clock->advance(std::chrono::hours(2));
  desk->dispatch_notifications(&n);
  BOOST_TEST(n.calls == 2);
}

// N5: a notifier that throws counts as a retryable failure.
BOOST_FIXTURE_TEST_CASE(n5_throwing_notifier_is_retry, desk_fixture) {
  desk->create_ticket(tom, customer_ticket("a"));
  throwing_notifier bad;
  auto r = desk->dispatch_notifications(&bad);
  BOOST_TEST(r.retried == 2u);
  BOOST_TEST(r.failed == 0u);
  BOOST_TEST(r.delivered == 0u);
  for (const auto& e : desk->outbox()) {
    BOOST_TEST((e.state == tc::delivery_state::pending));
    BOOST_TEST(e.attempts == 1);
    BOOST_TEST(e.last_error.find("smtp connection reset") != std::string::npos);
    BOOST_TEST((e.next_attempt_at == t0() + std::chrono::seconds(30)));
  }
  clock->advance(std::chrono::seconds(30));
  recording_notifier good;
  BOOST_TEST(desk->dispatch_notifications(&good).delivered == 2u);
  BOOST_TEST(bad.calls == 2);
}

// N5: the desk's own notifier is used when none is passed; without any, dispatch is an error.
BOOST_FIXTURE_TEST_CASE(n5_desk_notifier_and_missing_notifier, desk_fixture) {
  desk->create_ticket(tom, customer_ticket("a"));
  auto r = attempt([&] { desk->dispatch_notifications(); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST((desk->outbox()[0].state == tc::delivery_state::pending));

  auto own = std::make_shared<recording_notifier>();
  desk = make_desk(tc::make_memory_store(), clock, {}, own);
  desk->create_ticket(tom, customer_ticket("b"));
  BOOST_TEST(desk->dispatch_notifications().delivered == 2u);
  BOOST_TEST(own->delivered.size() == 2u);
}

// N5: the outbox is durable - a desk reopened on the same store delivers what
// the previous one left pending.
BOOST_FIXTURE_TEST_CASE(n5_outbox_survives_desk_restart, desk_fixture) {
  desk->create_ticket(tom, customer_ticket("a"));
  recording_notifier flaky;
  flaky.fail_next = 1;
  desk->dispatch_notifications(&flaky);  // one delivered, one waiting to retry
  desk.reset();                          // the host goes away
  desk = make_desk(store, clock);
  auto pending = [&] {
    tc::outbox_filter f;
    f.state = tc::delivery_state::pending;
    return desk->outbox(f);
  };
  BOOST_TEST(pending().size() == 1u);
  clock->advance(std::chrono::minutes(1));
  recording_notifier n;
  BOOST_TEST(desk->dispatch_notifications(&n).delivered == 1u);
  BOOST_TEST(pending().empty());
  BOOST_TEST(n.delivered.size() == 1u);
  BOOST_TEST((n.delivered[0].id != flaky.delivered[0].id));  // the delivered one was not sent again
}

// N5: idempotency keys are distinct across the changes that owe them.
BOOST_FIXTURE_TEST_CASE(n5_idempotency_keys_distinct, desk_fixture) {
  auto conv = conversation("a");
  auto t = desk->convert_conversation(tom, conv.conversation.id, customer_ticket("a"));
  desk->reply(tom, t.ticket.id, "one");
  desk->reply(tom, t.ticket.id, "two");
  desk->set_state(tom, t.ticket.id, "in_progress");
  desk->reply(tom, conv.conversation.id, "three");
  desk->set_state(tom, t.ticket.id, "resolved");
  desk->set_state(tom, t.ticket.id, "in_progress");
  desk->set_state(tom, t.ticket.id, "resolved");
  auto out = desk->outbox();
  BOOST_TEST(out.size() == 16u);
  std::set<std::string> keys;
  for (const auto& n : out) keys.insert(n.idempotency_key);
  BOOST_TEST(keys.size() == out.size());
}

// --- N5: same unit of work ---------------------------------------------------

// N5, P6: the outbox is written with the change; a failing operation leaves it unchanged.
BOOST_FIXTURE_TEST_CASE(n5_failed_operation_leaves_outbox_unchanged, desk_fixture) {
  auto faulty = std::make_shared<faulty_storage>(tc::make_memory_store());
  store = faulty;
  desk = make_desk(faulty, clock);
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  BOOST_TEST(desk->outbox().size() == 2u);

  // The commit fails after both entries were written.
  auto before = snapshot(*desk);
  auto outbox_before = outbox_text(*desk);
  faulty->fail_commit = true;
  auto create = attempt([&] { desk->create_ticket(tom, customer_ticket("b")); });
  auto move = attempt([&] { desk->set_state(tom, t.ticket.id, "resolved"); });
  auto reply = attempt([&] { desk->reply(tom, t.ticket.id, "Fixed"); });
  faulty->fail_commit = false;
  for (const auto* r : {&create, &move, &reply}) {
    BOOST_TEST(r->thrown);
    BOOST_TEST((r->kind == tc::errc::storage));
  }
  BOOST_TEST(outbox_text(*desk) == outbox_before);
  BOOST_TEST(snapshot(*desk) == before);

  // The second of the two entries fails: the first goes too.
  faulty->fail_enqueue_at = 2;
  auto half = attempt([&] { desk->set_state(tom, t.ticket.id, "in_progress"); });
  faulty->fail_enqueue_at = 0;
  BOOST_TEST((half.kind == tc::errc::storage));
  BOOST_TEST(outbox_text(*desk) == outbox_before);
  BOOST_TEST(snapshot(*desk) == before);

  // And the desk goes on: the next operation takes the next number.
  auto next = desk->create_ticket(tom, customer_ticket("b"));
  BOOST_TEST(next.ticket.number == t.ticket.number + 1);
  BOOST_TEST(desk->outbox().size() == 4u);
}

// N5, P6: a propagation that fails after notifications were queued takes them back.
BOOST_FIXTURE_TEST_CASE(n5_failed_propagation_leaves_outbox_unchanged, desk_fixture) {
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  auto first = desk->create_ticket(tom, customer_ticket("a"));  // default lifecycle: any to any
  auto second = desk->create_ticket(tom, refund_ticket("b"));          // helpdesk: new -> closed is not allowed
  desk->add_link(tom, first.ticket.id, k.ticket.id, tc::link_kind::tracker);
  desk->add_link(tom, second.ticket.id, k.ticket.id, tc::link_kind::tracker);
  auto before = snapshot(*desk);
  auto outbox_before = outbox_text(*desk);
  auto r = attempt([&] { desk->set_state(tom, k.ticket.id, "done"); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::invalid_transition));
  BOOST_TEST(outbox_text(*desk) == outbox_before);
  BOOST_TEST(snapshot(*desk) == before);
  BOOST_TEST(desk->ticket(tom, first.ticket.id).ticket.state == "submitted");
}
