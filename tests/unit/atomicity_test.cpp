// Failure atomicity: a failed operation changes nothing (P6, X1, L2, T2,
// K1-K7, N5). Each case takes a snapshot of the whole desk and its outbox,
// makes an operation fail, and checks the error kind, the snapshot, that no
// event fired, and that the desk still works afterwards.
#define BOOST_TEST_MODULE atomicity
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <set>
#include <string>
#include <vector>

using namespace testing;
namespace json = boost::json;

namespace {

// The storage calls a fault can be attached to.
enum class call { update_ticket, append_part, update_conversation, append_history, enqueue, insert_link, commit };

const char* name(call c) {
  switch (c) {
    case call::update_ticket:
      return "update_ticket";
    case call::append_part:
      return "append_part";
    case call::update_conversation:
      return "update_conversation";
    case call::append_history:
      return "append_history";
    case call::enqueue:
      return "enqueue";
    case call::insert_link:
      return "insert_link";
    case call::commit:
      return "commit";
  }
  return "?";
}

// Fault injection through storage_wrapper: while armed, counts the watched
// calls of write transactions and throws error(storage) on the n-th one,
// before or after forwarding it. Armed with fail_at = 0 it only counts.
class faulty_storage : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;

  void arm(std::set<call> watched, std::size_t fail_at, bool after_forwarding = false) {
    watched_ = std::move(watched);
    fail_at_ = fail_at;
    after_ = after_forwarding;
    calls_ = 0;
    fired_ = false;
    armed_ = true;
  }
  void disarm() { armed_ = false; }
  std::size_t calls() const { return calls_; }
  bool fired() const { return fired_; }

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access mode) override {
    if (mode == tc::access::read) return t;
    return std::make_unique<faulty_transaction>(std::move(t), *this);
  }

 private:
  class faulty_transaction : public tc::transaction_wrapper {
   public:
    faulty_transaction(std::unique_ptr<tc::transaction> t, faulty_storage& s)
        : transaction_wrapper(std::move(t)), s_(s) {}

    void commit() override {
      guard(call::commit, [&] { transaction_wrapper::commit(); });
    }
    void update_ticket(const tc::stored_ticket& t, const tc::ticket_keys& keys) override {
      guard(call::update_ticket, [&] { transaction_wrapper::update_ticket(t, keys); });
    }
    void append_part(tc::part p, tc::part_keys keys) override {
      guard(call::append_part, [&] { transaction_wrapper::append_part(std::move(p), std::move(keys)); });
    }
    void update_conversation(const tc::conversation& c) override {
      guard(call::update_conversation, [&] { transaction_wrapper::update_conversation(c); });
    }
    void append_history(tc::history_entry h) override {
      guard(call::append_history, [&] { transaction_wrapper::append_history(std::move(h)); });
    }
    void enqueue(tc::notification n) override {
      guard(call::enqueue, [&] { transaction_wrapper::enqueue(std::move(n)); });
    }
    void insert_link(const tc::link& l) override {
      guard(call::insert_link, [&] { transaction_wrapper::insert_link(l); });
    }

   private:
    template <class Forward>
    void guard(call c, Forward&& forward) {
      bool fail = s_.armed_ && s_.watched_.count(c) && ++s_.calls_ == s_.fail_at_;
      if (fail && !s_.after_) raise(c);
      forward();
      if (fail) raise(c);
    }
    void raise(call c) {
      s_.fired_ = true;
      throw tc::error(tc::errc::storage,
                      std::string("injected failure in ") + name(c) + " #" + std::to_string(s_.calls_));
    }
    faulty_storage& s_;
  };

  std::set<call> watched_;
  std::size_t fail_at_ = 0;
  bool after_ = false;
  bool armed_ = false;
  bool fired_ = false;
  std::size_t calls_ = 0;
};

std::int64_t highest_number(const tc::desk& d) {
  tc::inbox_filter f;
  f.conversations = false;
  f.limit = 1000000;
  std::int64_t n = 0;
  for (const auto& i : d.inbox(tc::actor::system(), f)) n = std::max(n, i.number);
  return n;
}

std::size_t outbox_size(const tc::desk& d) {
  tc::outbox_filter all;
  all.limit = 10000000;
  return d.outbox(all).size();
}

}  // namespace

struct atomic_fixture : desk_fixture {
  std::size_t events = 0;
  boost::signals2::scoped_connection connection;

  explicit atomic_fixture(std::shared_ptr<tc::storage> s = make_test_store()) : desk_fixture(std::move(s)) {
    connection = desk->subscribe([this](const tc::event&) { ++events; });
  }

  // Runs `f`, which must fail with `expected` and leave the desk as it was.
  caught fails_cleanly(tc::errc expected, const std::function<void()>& f) {
    auto before = snapshot(*desk);
    events = 0;
    auto r = attempt(f);
    BOOST_TEST(r.thrown);
    BOOST_TEST((r.kind == expected),
               "expected " << tc::to_string(expected) << ", got " << tc::to_string(r.kind) << ": " << r.message);
    BOOST_TEST(events == 0u, "events fired for a failed operation");
    BOOST_TEST(snapshot(*desk) == before);
    return r;
  }

  // Runs `f`, which must succeed and fire events.
  void succeeds(const std::function<void()>& f) {
    events = 0;
    auto r = attempt(f);
    BOOST_TEST(!r.thrown, "failed: " << r.message);
    BOOST_TEST(events > 0u);
  }
};

// T2: a bad attribute value fails the whole update, including the valid
// changes beside it; a failed creation does not use up a number.
BOOST_FIXTURE_TEST_CASE(t2_bad_attribute_value_changes_nothing, atomic_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a")).ticket;
  tc::ticket_changes ch;
  ch.title = "Renamed";
  ch.priority = "high";
  ch.attributes = {{"severity", "very"}, {"browser", "chrome"}};
  auto r = fails_cleanly(tc::errc::validation_failed, [&] { desk->update_ticket(tom, t.id, ch); });
  BOOST_TEST(has(r.fields, "attributes.severity"));
  BOOST_TEST(!has(r.fields, "attributes.browser"));
  BOOST_TEST(desk->ticket(tom, t.id).ticket.title == t.title);

  auto bad = customer_ticket("b");
  bad.attributes = {{"browser", "opera"}};
  r = fails_cleanly(tc::errc::validation_failed, [&] { desk->create_ticket(tom, bad); });
  BOOST_TEST(has(r.fields, "attributes.browser"));
  auto bad_list = refund_ticket("b");
  bad_list.attributes["reasons"] = json::array{"late", "late"};
  fails_cleanly(tc::errc::validation_failed, [&] { desk->create_ticket(tom, bad_list); });

  ch.attributes = {{"severity", 2}, {"browser", "chrome"}};
  succeeds([&] { desk->update_ticket(tom, t.id, ch); });
  BOOST_TEST(desk->ticket(tom, t.id).ticket.title == "Renamed");
  auto next = desk->create_ticket(tom, customer_ticket("b")).ticket;
  BOOST_TEST(next.number == t.number + 1);  // the failed creations left no gap
}

// T2: a missing required attribute - for teammates at creation and when
// cleared, for customers when they submit.
BOOST_FIXTURE_TEST_CASE(t2_missing_required_attribute_changes_nothing, atomic_fixture) {
  auto no_amount = refund_ticket("a");
  no_amount.attributes = json::object{};
  auto r = fails_cleanly(tc::errc::validation_failed, [&] { desk->create_ticket(tom, no_amount); });
  BOOST_TEST(has(r.fields, "attributes.amount"));

  auto refund = desk->create_ticket(tom, refund_ticket("a")).ticket.id;
  tc::ticket_changes clear;
  clear.attributes = {{"amount", nullptr}};
  r = fails_cleanly(tc::errc::validation_failed, [&] { desk->update_ticket(tom, refund, clear); });
  BOOST_TEST(has(r.fields, "attributes.amount"));
  BOOST_TEST(desk->ticket(tom, refund).ticket.attributes.contains("amount"));

  auto no_browser = customer_ticket("", "Submitted without browser");
  no_browser.attributes = json::object{};
  r = fails_cleanly(tc::errc::validation_failed, [&] { desk->create_ticket(ann, no_browser); });
  BOOST_TEST(has(r.fields, "attributes.browser"));

  no_browser.attributes = {{"browser", "firefox"}};
  succeeds([&] { desk->create_ticket(ann, no_browser); });
  clear.attributes = {{"amount", 12.5}};
  succeeds([&] { desk->update_ticket(tom, refund, clear); });
}

// L2: a transition the lifecycle does not list fails and changes nothing.
BOOST_FIXTURE_TEST_CASE(l2_disallowed_transition_changes_nothing, atomic_fixture) {
  auto refund = desk->create_ticket(tom, refund_ticket("a")).ticket.id;
  fails_cleanly(tc::errc::invalid_transition, [&] { desk->set_state(tom, refund, "closed"); });
  fails_cleanly(tc::errc::invalid_argument, [&] { desk->set_state(tom, refund, "no_such_state"); });
  BOOST_TEST(desk->ticket(tom, refund).ticket.state == "new");
  succeeds([&] { desk->set_state(tom, refund, "open"); });
  succeeds([&] { desk->set_state(tom, refund, "closed"); });
}

// K1, K2, K4: link limits refuse the link and everything the call did
// before it - including a ticket the call had just created.
BOOST_FIXTURE_TEST_CASE(k1_k2_k4_link_limits_change_nothing, atomic_fixture) {
  auto conv = conversation("a").conversation.id;
  auto tk = desk->convert_conversation(tom, conv, customer_ticket("a")).ticket.id;
  // K1: a second customer ticket for the conversation, by convert or by link.
  fails_cleanly(tc::errc::link_limit, [&] { desk->convert_conversation(tom, conv, customer_ticket("a", "Again")); });
  auto other = desk->create_ticket(tom, customer_ticket("a", "Other")).ticket.id;
  fails_cleanly(tc::errc::link_limit, [&] { desk->add_link(tom, conv, other, tc::link_kind::customer_ticket); });

  // K2, K4: the pair follows one tracker.
  auto first = desk->create_linked_ticket(tom, conv, ticket_of("bug", "First")).ticket.id;
  auto second = desk->create_ticket(tom, ticket_of("bug", "Second")).ticket.id;
  fails_cleanly(tc::errc::link_limit, [&] { desk->add_link(tom, conv, second, tc::link_kind::tracker); });  // K2
  fails_cleanly(tc::errc::link_limit, [&] { desk->add_link(tom, tk, second, tc::link_kind::tracker); });    // K4
  // The new tracker would be created, then refused: it must not remain.
  fails_cleanly(tc::errc::link_limit, [&] { desk->create_linked_ticket(tom, conv, ticket_of("bug", "Third")); });
  fails_cleanly(tc::errc::link_limit, [&] { desk->link_tracker_by_title(tom, tk, "Fourth", "bug"); });
  // A conversation and a ticket on different trackers cannot be paired.
  auto conv2 = conversation("a").conversation.id;
  desk->add_link(tom, conv2, second, tc::link_kind::tracker);
  fails_cleanly(tc::errc::link_limit, [&] { desk->add_link(tom, conv2, tk, tc::link_kind::customer_ticket); });
  // A duplicate is refused too (K9).
  fails_cleanly(tc::errc::link_limit, [&] { desk->add_link(tom, tk, first, tc::link_kind::tracker); });

  succeeds([&] { desk->add_link(tom, conv2, other, tc::link_kind::customer_ticket); });
  BOOST_TEST(linked(*desk, other, second, tc::link_kind::tracker));  // the pair shares the tracker
}

// K7: the tracker end of a tracker link must be a tracker.
BOOST_FIXTURE_TEST_CASE(k7_customer_ticket_as_tracker_changes_nothing, atomic_fixture) {
  auto conv = conversation("a").conversation.id;
  auto tk = desk->convert_conversation(tom, conv, customer_ticket("a")).ticket.id;
  auto other = desk->create_ticket(tom, customer_ticket("b", "Other")).ticket.id;
  auto bo = desk->create_ticket(tom, ticket_of("process_refund", "Refund")).ticket.id;
  fails_cleanly(tc::errc::invalid_argument, [&] { desk->add_link(tom, tk, other, tc::link_kind::tracker); });
  fails_cleanly(tc::errc::invalid_argument, [&] { desk->add_link(tom, conv, other, tc::link_kind::tracker); });
  fails_cleanly(tc::errc::invalid_argument, [&] { desk->add_link(tom, conv, bo, tc::link_kind::tracker); });
  fails_cleanly(tc::errc::invalid_argument, [&] { desk->link_tracker_by_title(tom, conv, "New", "bug_report"); });
  fails_cleanly(tc::errc::invalid_argument,
                [&] { desk->create_linked_ticket(tom, conv, customer_ticket("a", "Not a tracker")); });
  auto tracker = desk->create_ticket(tom, ticket_of("bug", "Crash")).ticket.id;
  succeeds([&] { desk->add_link(tom, tk, tracker, tc::link_kind::tracker); });
}

// X1: a write naming a stale version fails with conflict and changes nothing.
BOOST_FIXTURE_TEST_CASE(x1_version_conflict_changes_nothing, atomic_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a")).ticket;
  tc::ticket_changes ch;
  ch.priority = "high";
  desk->update_ticket(tom, t.id, ch);  // version 2
  tc::ticket_changes stale;
  stale.title = "Lost update";
  fails_cleanly(tc::errc::conflict, [&] { desk->update_ticket(tom, t.id, stale, t.version); });
  fails_cleanly(tc::errc::conflict, [&] { desk->set_state(tom, t.id, "resolved", t.version); });
  fails_cleanly(tc::errc::conflict, [&] { desk->set_state(tom, t.number, "resolved", t.version + 5); });
  auto current = desk->ticket(tom, t.id).ticket.version;
  BOOST_TEST(current == t.version + 1);
  succeeds([&] { desk->update_ticket(tom, t.id, stale, current); });
  succeeds([&] { desk->set_state(tom, t.id, "resolved", current + 1); });
}

// P6, L2: a tracker fan-out that reaches a ticket whose lifecycle forbids
// the move fails whole - tickets already moved earlier in the fan-out too.
BOOST_FIXTURE_TEST_CASE(p6_fan_out_refused_by_one_lifecycle_changes_nothing, atomic_fixture) {
  auto tracker = desk->create_ticket(tom, ticket_of("bug", "Crash")).ticket.id;
  std::vector<tc::uuid> tickets;
  for (const char* who : {"a", "b", "c"}) {
    auto conv = conversation(who).conversation.id;
    tickets.push_back(desk->convert_conversation(tom, conv, customer_ticket(who)).ticket.id);
    desk->add_link(tom, conv, tracker, tc::link_kind::tracker);
  }
  auto refund = desk->create_ticket(tom, refund_ticket("d")).ticket.id;  // "new" may not go to "closed"
  desk->add_link(tom, refund, tracker, tc::link_kind::tracker);          // linked last: fanned out last
  fails_cleanly(tc::errc::invalid_transition, [&] { desk->set_state(tom, tracker, "done"); });
  for (const auto& id : tickets) BOOST_TEST(desk->ticket(tom, id).ticket.state == "submitted");
  desk->set_state(tom, refund, "open");
  succeeds([&] { desk->set_state(tom, tracker, "done"); });
  for (const auto& id : tickets) BOOST_TEST(desk->ticket(tom, id).ticket.state == "resolved");
  BOOST_TEST(desk->ticket(tom, refund).ticket.state == "closed");
}

struct faulty_holder {
  std::shared_ptr<faulty_storage> faulty = std::make_shared<faulty_storage>(make_test_store());
};

// A tracker with 1000 linked customer tickets, 200 of them with their
// conversation, on the faulty store.
struct fan_out_fixture : faulty_holder, atomic_fixture {
  static constexpr int linked_tickets = 1000;
  static constexpr int with_conversation = 200;
  tc::uuid tracker;
  std::vector<tc::uuid> tickets, conversations;

  fan_out_fixture() : atomic_fixture(faulty) {
    const char* contacts[] = {"a", "b", "c", "d"};
    tracker = desk->create_ticket(tom, ticket_of("bug", "Widespread")).ticket.id;
    for (int i = 0; i < linked_tickets; ++i) {
      std::string who = contacts[i % 4];
      tc::uuid id;
      if (i < with_conversation) {
        auto conv = conversation(who, "Export broken " + std::to_string(i)).conversation.id;
        conversations.push_back(conv);
        id = desk->convert_conversation(tom, conv, customer_ticket(who, "Export broken")).ticket.id;
      } else {
        id = desk->create_ticket(tom, customer_ticket(who, "Export broken")).ticket.id;
      }
      tickets.push_back(id);
      desk->add_link(tom, id, tracker, tc::link_kind::tracker);
    }
  }
};

// P6, N5: a storage failure halfway through a tracker fan-out - in any of
// the writes it makes, before or after the write reached the store, or at
// commit - rolls back the tracker, every linked ticket and conversation,
// history and outbox. Once the fault is gone the same change succeeds.
BOOST_FIXTURE_TEST_CASE(p6_storage_failure_halfway_through_tracker_fan_out, fan_out_fixture) {
  BOOST_TEST(desk->ticket(tom, tracker).linked_conversations == static_cast<std::size_t>(with_conversation));
  struct fault {
    std::set<call> watched;
    std::size_t at;
    bool after;
  };
  std::vector<fault> faults = {
      {{call::update_ticket, call::append_part}, 500, false},  // the brief's case
      {{call::update_ticket, call::append_part}, 1500, true},  // after the write reached the store
      {{call::append_history}, 700, false},
      {{call::enqueue}, 7, true},                 // the outbox (N5)
      {{call::update_conversation}, 150, false},  // the P5 admin messages
      {{call::update_ticket}, 1001, true},        // the last ticket the fan-out saves
      {{call::commit}, 1, false},
  };
  const auto before = snapshot(*desk);
  const auto outbox_before = outbox_size(*desk);
  for (const auto& f : faults) {
    std::string what;
    for (call c : f.watched) what += std::string(name(c)) + " ";
    BOOST_TEST_CONTEXT("fail " << what << "#" << f.at << (f.after ? " after forwarding" : "")) {
      faulty->arm(f.watched, f.at, f.after);
      events = 0;
      auto r = attempt([&] { desk->set_state(tom, tracker, "done"); });
      faulty->disarm();
      BOOST_TEST(faulty->fired(), "the fault was never reached");
      BOOST_TEST(r.thrown);
      BOOST_TEST((r.kind == tc::errc::storage), r.message);
      BOOST_TEST(events == 0u);
      BOOST_TEST(snapshot(*desk) == before);
      BOOST_TEST(desk->ticket(tom, tracker).ticket.state == "open");
    }
  }
  BOOST_TEST(outbox_size(*desk) == outbox_before);

  // The same change, counted but not failed: the faults were mid-way.
  faulty->arm({call::update_ticket, call::append_part}, 0);
  std::size_t state_changes = 0;
  auto counter = desk->subscribe([&](const tc::event& e) {
    if (e.kind == tc::event_kind::state_changed) ++state_changes;
  });
  succeeds([&] { desk->set_state(tom, tracker, "done"); });
  counter.disconnect();
  faulty->disarm();
  BOOST_TEST(faulty->calls() > 2000u);  // 1001 tickets saved, 1000 status events, 200 admin messages
  BOOST_TEST(state_changes == static_cast<std::size_t>(linked_tickets + 1));
  for (const auto& id : tickets) BOOST_TEST(desk->ticket(tom, id).ticket.state == "resolved");
  for (const auto& id : conversations) {
    std::size_t admin = 0;
    for (const auto& p : desk->conversation(tom, id).timeline)
      if (p.kind == tc::part_kind::admin_message) ++admin;
    BOOST_TEST(admin == 1u);
  }
  // One resolution per contact (P5) by email and messenger.
  auto added = outbox_size(*desk) - outbox_before;
  BOOST_TEST(added == 8u);
}

// N5, P6: a storage failure in a small operation, at its first outbox
// write or at commit, leaves nothing behind either; numbers are not lost.
BOOST_FIXTURE_TEST_CASE(n5_storage_failure_in_creation_changes_nothing, faulty_holder) {
  atomic_fixture fx(faulty);
  auto first = fx.desk->create_ticket(fx.tom, fx.customer_ticket("a")).ticket;
  auto conv = fx.conversation("b").conversation.id;
  for (auto [c, after] : std::vector<std::pair<call, bool>>{
           {call::enqueue, false}, {call::enqueue, true}, {call::insert_link, false}, {call::commit, false}}) {
    BOOST_TEST_CONTEXT(name(c) << (after ? " after forwarding" : "")) {
      faulty->arm({c}, 1, after);
      fx.fails_cleanly(tc::errc::storage,
                       [&] { fx.desk->convert_conversation(fx.tom, conv, fx.customer_ticket("b")); });
      faulty->disarm();
      BOOST_TEST(faulty->fired());
    }
  }
  faulty->arm({call::commit}, 1);
  fx.fails_cleanly(tc::errc::storage, [&] { fx.desk->reply(fx.tom, first.id, "Lost reply"); });
  faulty->disarm();
  fx.succeeds([&] { fx.desk->convert_conversation(fx.tom, conv, fx.customer_ticket("b")); });
  BOOST_TEST(highest_number(*fx.desk) == first.number + 1);
}

// Q1: a failed write leaves the word index as it was, for old tickets
// among many as for new ones.
BOOST_FIXTURE_TEST_CASE(q1_storage_failure_takes_the_words_out_again, faulty_holder) {
  atomic_fixture fx(faulty);
  std::vector<tc::uuid> ids;
  for (int i = 0; i < 600; ++i)
    ids.push_back(fx.desk->create_ticket(fx.tom, fx.customer_ticket("a", "Printer jam " + std::to_string(i))).ticket.id);
  auto count = [&](const std::string& text) {
    tc::ticket_query q;
    q.text = text;
    return fx.desk->count_tickets(fx.tom, q);
  };
  tc::ticket_changes c;
  c.title = "Scanner jam";
  faulty->arm({call::commit}, 1);
  fx.fails_cleanly(tc::errc::storage, [&] { fx.desk->reply(fx.tom, ids[3], "A new drum"); });
  faulty->arm({call::commit}, 1);
  fx.fails_cleanly(tc::errc::storage, [&] { fx.desk->update_ticket(fx.tom, ids[300], c); });
  faulty->arm({call::commit}, 1);
  fx.fails_cleanly(tc::errc::storage, [&] { fx.desk->create_ticket(fx.tom, fx.customer_ticket("a", "Printer fire")); });
  faulty->disarm();
  BOOST_TEST(count("drum") == 0u);
  BOOST_TEST(count("scanner") == 0u);
  BOOST_TEST(count("fire") == 0u);
  BOOST_TEST(count("printer jam") == 600u);
  BOOST_TEST(count("jam 300") == 1u);
  fx.succeeds([&] { fx.desk->update_ticket(fx.tom, ids[300], c); });
  fx.succeeds([&] { fx.desk->create_ticket(fx.tom, fx.customer_ticket("a", "Printer fire")); });
  BOOST_TEST(count("scanner jam") == 1u);
  BOOST_TEST(count("printer") == 600u);
  BOOST_TEST(count("printer fire") == 1u);
}

// Q1: configure() re-ranks the tickets of the priorities it moves in its own
// transaction: a storage failure halfway through the re-ranking, or at
// commit, leaves the configuration, every ticket and the order of a page by
// priority as they were.
BOOST_FIXTURE_TEST_CASE(q1_storage_failure_while_re_ranking_changes_nothing, faulty_holder) {
  atomic_fixture fx(faulty);
  const std::vector<std::string> priorities = {"low", "normal", "high", "urgent"};
  for (int i = 0; i < 8; ++i) {
    auto nt = fx.customer_ticket("a", "Ticket " + std::to_string(i));
    nt.priority = priorities[static_cast<std::size_t>(i % 4)];
    fx.desk->create_ticket(fx.tom, nt);
  }
  tc::ticket_query by_priority;
  by_priority.order = tc::ticket_order::priority;
  auto order = [&] {
    std::vector<std::string> seen;
    for (const auto& v : fx.desk->find_tickets(fx.tom, by_priority, 100).tickets) seen.push_back(v.ticket.priority);
    return seen;
  };
  const auto order_before = order();
  const auto config_before = fx.desk->configuration();
  tc::config next = *config_before;
  next.priorities = {"urgent", "high", "normal", "low"};
  for (auto [c, at] : std::vector<std::pair<call, std::size_t>>{{call::update_ticket, 3}, {call::commit, 1}}) {
    BOOST_TEST_CONTEXT(name(c) << " #" << at) {
      faulty->arm({c}, at);
      fx.fails_cleanly(tc::errc::storage, [&] { fx.desk->configure(next); });
      faulty->disarm();
      BOOST_TEST(faulty->fired());
      BOOST_TEST((fx.desk->configuration() == config_before));
      BOOST_TEST(order() == order_before);
    }
  }
  fx.desk->configure(next);
  auto reversed = order_before;
  std::reverse(reversed.begin(), reversed.end());
  BOOST_TEST(order() == reversed);
}
