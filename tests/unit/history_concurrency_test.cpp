// History (H1), versions (X1), threads (X2) and committed-only events.
#define BOOST_TEST_MODULE history_concurrency
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <algorithm>
#include <atomic>
#include <latch>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace testing;
namespace json = boost::json;

namespace {

std::vector<tc::history_entry> entries(const std::vector<tc::history_entry>& all, const std::string& field) {
  std::vector<tc::history_entry> out;
  for (const auto& h : all)
    if (h.field == field) out.push_back(h);
  return out;
}

std::string history_text(const std::vector<tc::history_entry>& hs) {
  json::array a;
  for (const auto& h : hs) a.push_back(tc::to_json(h));
  return json::serialize(a);
}

// Counts live write transactions and commits, and fails commits on demand.
class watching_storage : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;
  std::atomic<int> open_writes{0};
  std::atomic<int> commits{0};
  std::atomic<bool> fail_commit{false};

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access mode) override {
    return std::make_unique<watched>(std::move(t), *this, mode == tc::access::write);
  }

 private:
  class watched : public tc::transaction_wrapper {
   public:
    watched(std::unique_ptr<tc::transaction> t, watching_storage& s, bool write)
        : transaction_wrapper(std::move(t)), storage_(s), write_(write) {
      if (write_) ++storage_.open_writes;
    }
    ~watched() override {
      if (write_) --storage_.open_writes;
    }
    void commit() override {
      if (storage_.fail_commit) throw tc::error(tc::errc::storage, "disk full");
      transaction_wrapper::commit();
      if (write_) ++storage_.commits;
    }

   private:
    watching_storage& storage_;
    bool write_;
  };
};

std::unique_ptr<tc::desk> make_desk(std::shared_ptr<tc::storage> store, std::shared_ptr<tc::clock> clock) {
  tc::desk_options o;
  o.storage = std::move(store);
  o.clock = std::move(clock);
  o.config = tc::parse_config(std::string_view(scenario_config));
  return std::make_unique<tc::desk>(std::move(o));
}

}  // namespace

// --- H1 -------------------------------------------------------------------

// H1: creation is recorded.
BOOST_FIXTURE_TEST_CASE(h1_creation_recorded, desk_fixture) {
  auto t = desk->create_ticket(fay, customer_ticket("a", "Export broken"));
  auto hs = desk->history(tom, t.ticket.id);
  BOOST_TEST_REQUIRE(hs.size() == 1u);
  BOOST_TEST(hs[0].field == "created");
  BOOST_TEST((hs[0].actor == fay));
  BOOST_TEST((hs[0].at == t0()));
  BOOST_TEST((hs[0].subject == t.ticket.id));
  BOOST_TEST(hs[0].old_value.is_null());
  BOOST_TEST((hs[0].new_value.at("title") == json::value("Export broken")));
  BOOST_TEST((hs[0].new_value.at("state") == json::value("submitted")));
  auto conv = conversation("b");
  BOOST_TEST(entries(desk->history(tom, conv.conversation.id), "created").size() == 1u);
}

// H1: a state change is recorded with who, when, old and new.
BOOST_FIXTURE_TEST_CASE(h1_state_change_recorded, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  clock->advance(std::chrono::minutes(3));
  desk->set_state(fay, t.ticket.id, "in_progress");
  clock->advance(std::chrono::minutes(4));
  desk->set_state(tom, t.ticket.id, "resolved");
  auto states = entries(desk->history(tom, t.ticket.id), "state");
  BOOST_TEST_REQUIRE(states.size() == 2u);
  BOOST_TEST((states[0].actor == fay));
  BOOST_TEST((states[0].at == t0() + std::chrono::minutes(3)));
  BOOST_TEST((states[0].old_value == json::value("submitted")));
  BOOST_TEST((states[0].new_value == json::value("in_progress")));
  BOOST_TEST(!states[0].cause.has_value());
  BOOST_TEST((states[1].actor == tom));
  BOOST_TEST((states[1].at == t0() + std::chrono::minutes(7)));
  BOOST_TEST((states[1].old_value == json::value("in_progress")));
  BOOST_TEST((states[1].new_value == json::value("resolved")));
  BOOST_TEST(states[0].id != states[1].id);
}

// H1: every field change gets its own entry with old and new values.
BOOST_FIXTURE_TEST_CASE(h1_field_changes_recorded, desk_fixture) {
  auto t = desk->create_ticket(tom, refund_ticket("a"));
  clock->advance(std::chrono::minutes(1));
  tc::ticket_changes ch;
  ch.title = "Refund order 42";
  ch.description = "Paid **twice**";
  ch.priority = "high";
  ch.assignee = "fay";
  ch.team = "finance";
  ch.owner = "tom";
  ch.brand = "globex";
  ch.sharing = tc::sharing::company;
  ch.add_tags = {"billing"};
  ch.follow_up_at = t0() + std::chrono::hours(1);
  ch.action_required_at = t0() + std::chrono::hours(2);
  ch.attributes = {{"amount", 42.5}, {"approved", true}};
  desk->update_ticket(fay, t.ticket.id, ch);
  auto hs = desk->history(tom, t.ticket.id);
  struct want {
    std::string field;
    json::value old_value, new_value;
  };
  std::vector<want> wants = {
      {"title", json::value("Refund my order"), json::value("Refund order 42")},
      {"description", json::value(""), json::value("Paid **twice**")},
      {"priority", json::value("normal"), json::value("high")},
      {"assignee", json::value(""), json::value("fay")},
      {"team", json::value(""), json::value("finance")},
      {"owner", json::value(""), json::value("tom")},
      {"brand", json::value(""), json::value("globex")},
      {"sharing", json::value("private"), json::value("company")},
      {"tags", json::value(json::array{}), json::value(json::array{"billing"})},
      {"follow_up_at", json::value(nullptr), json::value(tc::format_time(t0() + std::chrono::hours(1)))},
      {"action_required_at", json::value(nullptr), json::value(tc::format_time(t0() + std::chrono::hours(2)))},
      {"attributes.amount", json::value(10), json::value(42.5)},
      {"attributes.approved", json::value(nullptr), json::value(true)},
  };
  for (const auto& w : wants) {
    BOOST_TEST_CONTEXT("field " << w.field) {
      auto found = entries(hs, w.field);
      BOOST_TEST_REQUIRE(found.size() == 1u);
      BOOST_TEST((found[0].actor == fay));
      BOOST_TEST((found[0].at == t0() + std::chrono::minutes(1)));
      BOOST_TEST(json::serialize(found[0].old_value) == json::serialize(w.old_value));
      BOOST_TEST(json::serialize(found[0].new_value) == json::serialize(w.new_value));
    }
  }
  BOOST_TEST(hs.size() == 1 + wants.size());  // "created" plus one per field
  // Clearing is a change too; a write that changes nothing records nothing.
  tc::ticket_changes clear;
  clear.assignee = "";
  clear.attributes = {{"approved", nullptr}};
  desk->update_ticket(tom, t.ticket.id, clear);
  hs = desk->history(tom, t.ticket.id);
  BOOST_TEST(entries(hs, "assignee").size() == 2u);
  BOOST_TEST((entries(hs, "assignee").back().new_value == json::value("")));
  BOOST_TEST(entries(hs, "attributes.approved").back().new_value.is_null());
  auto size = hs.size();
  tc::ticket_changes same;
  same.priority = "high";
  same.title = "Refund order 42";
  desk->update_ticket(tom, t.ticket.id, same);
  BOOST_TEST(desk->history(tom, t.ticket.id).size() == size);
}

// H1: links added and removed are recorded on both ends.
BOOST_FIXTURE_TEST_CASE(h1_links_recorded, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  clock->advance(std::chrono::minutes(2));
  auto l = desk->add_link(fay, t.ticket.id, k.ticket.id, tc::link_kind::tracker);
  for (const auto& [end, other] : {std::pair{t.ticket.id, k.ticket.id}, std::pair{k.ticket.id, t.ticket.id}}) {
    auto links = entries(desk->history(tom, end), "links");
    BOOST_TEST_REQUIRE(links.size() == 1u);
    BOOST_TEST((links[0].actor == fay));
    BOOST_TEST((links[0].at == t0() + std::chrono::minutes(2)));
    BOOST_TEST(links[0].old_value.is_null());
    BOOST_TEST((links[0].new_value.at("link") == json::value(tc::to_string(l.id))));
    BOOST_TEST((links[0].new_value.at("kind") == json::value("tracker")));
    BOOST_TEST((links[0].new_value.at("other") == json::value(tc::to_string(other))));
  }
  clock->advance(std::chrono::minutes(2));
  desk->remove_link(tom, l.id);
  for (const auto& end : {t.ticket.id, k.ticket.id}) {
    auto links = entries(desk->history(tom, end), "links");
    BOOST_TEST_REQUIRE(links.size() == 2u);
    BOOST_TEST((links[1].actor == tom));
    BOOST_TEST((links[1].at == t0() + std::chrono::minutes(4)));
    BOOST_TEST((links[1].old_value.at("link") == json::value(tc::to_string(l.id))));
    BOOST_TEST(links[1].new_value.is_null());
  }
}

// H1: notes and replies are timeline parts, not history; state and field changes are history.
BOOST_FIXTURE_TEST_CASE(h1_notes_are_not_history, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  auto before = desk->history(tom, t.ticket.id);
  desk->add_note(tom, t.ticket.id, "just a note");
  desk->reply(tom, t.ticket.id, "a reply");
  // R1: the first teammate reply is recorded as the ticket's first response
  // (docs/reporting.md); the note and later replies are not history.
  BOOST_TEST(desk->history(tom, t.ticket.id).size() == before.size() + 1);
  BOOST_TEST(entries(desk->history(tom, t.ticket.id), "first_response").size() == 1u);
  desk->reply(tom, t.ticket.id, "another reply");
  BOOST_TEST(desk->history(tom, t.ticket.id).size() == before.size() + 1);
  tc::ticket_changes ch;
  ch.priority = "low";
  desk->update_ticket(tom, t.ticket.id, ch);
  desk->set_state(tom, t.ticket.id, "in_progress");
  BOOST_TEST(desk->history(tom, t.ticket.id).size() == before.size() + 3);
}

// H1: a propagated change is recorded on the record it changed, naming its cause.
BOOST_FIXTURE_TEST_CASE(h1_propagated_change_names_cause, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  desk->add_link(tom, t.ticket.id, k.ticket.id, tc::link_kind::tracker);
  clock->advance(std::chrono::minutes(1));
  desk->set_state(fay, k.ticket.id, "done");
  auto states = entries(desk->history(tom, t.ticket.id), "state");
  BOOST_TEST_REQUIRE(states.size() == 1u);
  BOOST_TEST((states[0].actor == fay));
  BOOST_TEST((states[0].at == t0() + std::chrono::minutes(1)));
  BOOST_TEST((states[0].old_value == json::value("submitted")));
  BOOST_TEST((states[0].new_value == json::value("resolved")));
  BOOST_REQUIRE(states[0].cause.has_value());
  BOOST_TEST((*states[0].cause == k.ticket.id));
  auto tracker_states = entries(desk->history(tom, k.ticket.id), "state");
  BOOST_TEST_REQUIRE(tracker_states.size() == 1u);
  BOOST_TEST((tracker_states[0].new_value == json::value("done")));
}

// H1: entries are immutable - later changes only append.
BOOST_FIXTURE_TEST_CASE(h1_history_append_only, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  desk->set_state(tom, t.ticket.id, "in_progress");
  auto early = desk->history(tom, t.ticket.id);
  auto early_text = history_text(early);
  clock->advance(std::chrono::hours(1));
  desk->set_state(fay, t.ticket.id, "resolved");
  tc::ticket_changes ch;
  ch.title = "Renamed";
  desk->update_ticket(fay, t.ticket.id, ch);
  auto later = desk->history(tom, t.ticket.id);
  BOOST_TEST_REQUIRE(later.size() == early.size() + 3);  // state, resolution (R1), title
  later.resize(early.size());
  BOOST_TEST(history_text(later) == early_text);
}

// H1: history is for the team; a contact never reads it.
BOOST_FIXTURE_TEST_CASE(h1_history_teammates_only, desk_fixture) {
  auto mine = desk->create_ticket(tom, customer_ticket("a"));
  auto bo = desk->create_ticket(tom, ticket_of("process_refund", "Refund"));
  auto own = attempt([&] { desk->history(ann, mine.ticket.id); });
  BOOST_TEST(own.thrown);
  BOOST_TEST((own.kind == tc::errc::forbidden));  // U1, before the record is read: the same for every record
  BOOST_TEST((attempt([&] { desk->history(bob, mine.ticket.id); }).message == own.message));
  BOOST_TEST((attempt([&] { desk->history(ann, bo.ticket.id); }).message == own.message));
}

// --- X1 -------------------------------------------------------------------

// X1: versions start at 1 and grow by one per write.
BOOST_FIXTURE_TEST_CASE(x1_versions_grow_per_write, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  BOOST_TEST(t.ticket.version == 1u);
  BOOST_TEST(desk->set_state(tom, t.ticket.id, "in_progress").ticket.version == 2u);
  tc::ticket_changes ch;
  ch.priority = "high";
  BOOST_TEST(desk->update_ticket(tom, t.ticket.id, ch).ticket.version == 3u);
  desk->add_note(tom, t.ticket.id, "note");
  BOOST_TEST(desk->ticket(tom, t.ticket.id).ticket.version == 4u);
}

// X1: update_ticket with a stale expected version is a conflict and changes nothing.
BOOST_FIXTURE_TEST_CASE(x1_update_stale_version_conflict, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  tc::ticket_changes first;
  first.priority = "high";
  auto v2 = desk->update_ticket(tom, t.ticket.id, first, 1);
  BOOST_TEST(v2.ticket.version == 2u);
  auto before = snapshot(*desk);
  tc::ticket_changes second;
  second.priority = "low";
  second.title = "Other title";
  second.attributes = {{"severity", 3}};
  auto r = attempt([&] { desk->update_ticket(fay, t.ticket.id, second, 1); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::conflict));
  BOOST_TEST(snapshot(*desk) == before);
  auto ahead = attempt([&] { desk->update_ticket(fay, t.ticket.id, second, 7); });
  BOOST_TEST((ahead.kind == tc::errc::conflict));
  BOOST_TEST(snapshot(*desk) == before);
  // With the current version the write goes through.
  auto v3 = desk->update_ticket(fay, t.ticket.id, second, 2);
  BOOST_TEST(v3.ticket.priority == "low");
  BOOST_TEST(v3.ticket.version == 3u);
}

// X1: set_state with a stale expected version is a conflict and changes nothing.
BOOST_FIXTURE_TEST_CASE(x1_set_state_stale_version_conflict, desk_fixture) {
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  desk->add_link(tom, t.ticket.id, k.ticket.id, tc::link_kind::tracker);
  desk->add_note(fay, k.ticket.id, "someone else wrote first");
  auto current = desk->ticket(tom, k.ticket.id).ticket.version;
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->set_state(tom, k.ticket.id, "done", current - 1); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::conflict));
  BOOST_TEST(snapshot(*desk) == before);  // the linked customer ticket did not move either
  BOOST_TEST(desk->set_state(tom, k.ticket.id, "done", current).ticket.state == "done");
  BOOST_TEST(desk->ticket(tom, t.ticket.id).ticket.state == "resolved");
}

// X1: of writers racing with the same expected version, exactly one wins.
BOOST_FIXTURE_TEST_CASE(x1_racing_writers_one_wins, desk_fixture) {
  constexpr int writers = 8;
  for (int round = 0; round < 20; ++round) {
    auto t = desk->create_ticket(tom, customer_ticket("a"));
    std::atomic<int> won{0}, conflicted{0}, other{0};
    std::latch start(writers);
    std::vector<std::thread> threads;
    for (int i = 0; i < writers; ++i)
      threads.emplace_back([&, i] {
        tc::ticket_changes ch;
        ch.title = "Title from writer " + std::to_string(i);
        start.arrive_and_wait();
        try {
          desk->update_ticket(i % 2 ? tom : fay, t.ticket.id, ch, 1);
          ++won;
        } catch (const tc::error& e) {
          ++(e.kind() == tc::errc::conflict ? conflicted : other);
        } catch (...) {
          ++other;
        }
      });
    for (auto& th : threads) th.join();
    BOOST_TEST(won.load() == 1);
    BOOST_TEST(conflicted.load() == writers - 1);
    BOOST_TEST(other.load() == 0);
    auto after = desk->ticket(tom, t.ticket.id).ticket;
    BOOST_TEST(after.version == 2u);
    BOOST_TEST(entries(desk->history(tom, t.ticket.id), "title").size() == 1u);
  }
}

// --- X2 -------------------------------------------------------------------

// X2: eight threads drive one desk at once; afterwards every invariant holds.
BOOST_FIXTURE_TEST_CASE(x2_threads_share_a_desk, desk_fixture) {
  constexpr int workers = 8;
  constexpr int ops_per_worker = 400;
  const char* contacts[] = {"a", "b", "c", "d"};
  const std::vector<std::string> states = {"submitted", "in_progress", "waiting_on_customer", "resolved"};

  struct expectation {
    int notes = 0;
    int state_changes = 0;
    bool customer = true;
  };
  std::mutex mutex;  // guards the three below
  std::map<tc::uuid, expectation> expected;
  std::vector<tc::uuid> all_ids;
  std::vector<tc::uuid> back_office_ids;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(mutex);
    failures.push_back(what);
  };

  std::atomic<int> customer_created{0}, back_office_created{0}, state_changes{0}, conflicts{0}, created_events{0};
  auto connection = desk->subscribe([&](const tc::event& e) {
    if (e.kind == tc::event_kind::ticket_created) ++created_events;
  });

  std::atomic<bool> done{false};
  recording_notifier courier;  // only touched inside dispatch_notifications, which is serialised
  std::thread dispatcher([&] {
    while (!done) {
      try {
        desk->dispatch_notifications(&courier);
      } catch (const std::exception& e) {
        fail(std::string("dispatch: ") + e.what());
      }
      std::this_thread::yield();
    }
  });

  std::latch start(workers);
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      std::mt19937 rng(static_cast<unsigned>(1000 + w));
      const std::string me = contacts[w % 4];
      const tc::actor contact = tc::actor::contact(me);
      const tc::actor teammate = tc::actor::teammate(w % 2 ? "tom" : "fay");
      std::vector<std::pair<tc::uuid, std::size_t>> mine;  // own customer tickets and their state index
      start.arrive_and_wait();
      for (int op = 0; op < ops_per_worker; ++op) {
        unsigned roll = rng() % 10;
        try {
          if (roll < 3 || mine.empty()) {
            tc::new_ticket n;
            n.type = "bug_report";
            n.title = "Thread " + std::to_string(w) + " op " + std::to_string(op);
            n.contact = me;
            n.attributes = {{"browser", "chrome"}};
            auto t = desk->create_ticket(op % 2 ? contact : teammate, n);
            mine.emplace_back(t.ticket.id, 0);
            ++customer_created;
            std::lock_guard lock(mutex);
            expected[t.ticket.id] = {};
            all_ids.push_back(t.ticket.id);
          } else if (roll == 3) {
            auto t = desk->create_ticket(teammate, [&] {
              tc::new_ticket n;
              n.type = "process_refund";
              n.title = "Back office " + std::to_string(w) + "/" + std::to_string(op);
              return n;
            }());
            ++back_office_created;
            std::lock_guard lock(mutex);
            expected[t.ticket.id] = {0, 0, false};
            all_ids.push_back(t.ticket.id);
            back_office_ids.push_back(t.ticket.id);
          } else if (roll < 6) {
            tc::uuid target;
            {
              std::lock_guard lock(mutex);
              target = all_ids[rng() % all_ids.size()];
            }
            desk->add_note(teammate, target, "note from " + std::to_string(w));
            std::lock_guard lock(mutex);
            ++expected[target].notes;
          } else if (roll < 8) {
            auto& [id, index] = mine[rng() % mine.size()];
            std::size_t next = (index + 1 + rng() % 3) % states.size();
            auto version = desk->ticket(teammate, id).ticket.version;
            try {
              auto v = desk->set_state(teammate, id, states[next], version);
              if (v.ticket.state != states[next]) fail("set_state returned the wrong state");
              index = next;
              ++state_changes;
              std::lock_guard lock(mutex);
              ++expected[id].state_changes;
            } catch (const tc::error& e) {
              if (e.kind() != tc::errc::conflict) throw;
              ++conflicts;  // a note from another thread came first
              if (desk->ticket(teammate, id).ticket.state != states[index]) fail("a conflicting write changed state");
            }
          } else {
            // Reads as the contact: their own ticket shows a stage, not a state;
            // back-office tickets do not exist for them.
            const auto& [id, index] = mine[rng() % mine.size()];
            auto v = desk->ticket(contact, id);
            if (!v.ticket.state.empty() || v.stage.index != static_cast<int>(index) + 1) fail("contact view wrong");
            tc::uuid hidden;
            {
              std::lock_guard lock(mutex);
              if (!back_office_ids.empty()) hidden = back_office_ids[rng() % back_office_ids.size()];
            }
            if (!hidden.is_nil()) {
              auto r = attempt([&] { desk->ticket(contact, hidden); });
              if (r.kind != tc::errc::not_found) fail("back-office ticket visible to a contact");
            }
            tc::inbox_filter f;
            f.limit = 10;
            for (const auto& row : desk->inbox(contact, f))
              if (row.kind == tc::endpoint_kind::ticket && row.category != tc::category::customer)
                fail("non-customer ticket in a contact's inbox");
          }
        } catch (const std::exception& e) {
          fail("worker " + std::to_string(w) + " op " + std::to_string(op) + ": " + e.what());
        }
      }
    });
  for (auto& t : threads) t.join();
  done = true;
  dispatcher.join();
  connection.disconnect();

  BOOST_TEST(failures.empty());
  for (std::size_t i = 0; i < std::min<std::size_t>(failures.size(), 10); ++i) BOOST_TEST_MESSAGE(failures[i]);

  // Numbers are unique and contiguous; every ticket is readable by id and by number.
  const std::size_t total = static_cast<std::size_t>(customer_created + back_office_created);
  BOOST_TEST(total == expected.size());
  BOOST_TEST(created_events.load() == static_cast<int>(total));
  tc::inbox_filter everything;
  everything.conversations = false;
  everything.limit = 1000000;
  auto rows = desk->inbox(tom, everything);
  BOOST_TEST(rows.size() == total);
  std::vector<std::int64_t> numbers;
  for (const auto& r : rows) numbers.push_back(r.number);
  std::sort(numbers.begin(), numbers.end());
  std::vector<std::int64_t> contiguous(total);
  for (std::size_t i = 0; i < total; ++i) contiguous[i] = static_cast<std::int64_t>(i + 1);
  BOOST_TEST((numbers == contiguous));

  std::size_t wrong = 0;
  for (const auto& r : rows) {
    auto by_number = desk->ticket(tom, r.number);
    auto by_id = desk->ticket(tom, r.id);
    auto it = expected.find(r.id);
    if (by_number.ticket.id != r.id || by_id.ticket.number != r.number || it == expected.end()) {
      ++wrong;
      continue;
    }
    const expectation& e = it->second;
    auto notes = std::count_if(by_id.timeline.begin(), by_id.timeline.end(),
                               [](const tc::part& p) { return p.kind == tc::part_kind::note; });
    auto state_history = entries(desk->history(tom, r.id), "state").size();
    if (notes != e.notes || state_history != static_cast<std::size_t>(e.state_changes) ||
        by_id.ticket.version != static_cast<std::uint64_t>(1 + e.notes + e.state_changes))
      ++wrong;
  }
  BOOST_TEST(wrong == 0u);

  // The outbox holds exactly what the committed changes owed, and every
  // entry was delivered exactly once.
  for (int round = 0; round < 1000 && desk->dispatch_notifications(&courier).delivered > 0; ++round) {
  }
  tc::outbox_filter all;
  all.limit = 1000000;
  auto outbox = desk->outbox(all);
  std::size_t created_notes = 0, stage_notes = 0;
  for (const auto& n : outbox) {
    if (n.kind == tc::notification_kind::ticket_created) ++created_notes;
    if (n.kind == tc::notification_kind::status_changed || n.kind == tc::notification_kind::ticket_resolved)
      ++stage_notes;
  }
  BOOST_TEST(created_notes == 2u * static_cast<std::size_t>(customer_created.load()));
  BOOST_TEST(stage_notes == 2u * static_cast<std::size_t>(state_changes.load()));
  BOOST_TEST(outbox.size() == created_notes + stage_notes);
  std::set<tc::uuid> delivered_ids;
  for (const auto& n : courier.delivered) delivered_ids.insert(n.id);
  BOOST_TEST(delivered_ids.size() == courier.delivered.size());  // none twice
  BOOST_TEST(courier.delivered.size() == outbox.size());
  for (const auto& n : outbox)
    if (n.state != tc::delivery_state::delivered) ++wrong;
  BOOST_TEST(wrong == 0u);
  BOOST_TEST_MESSAGE("x2: " << total << " tickets, " << state_changes.load() << " state changes, "
                            << conflicts.load() << " conflicts");
}

// --- Events -------------------------------------------------------------------

// Events reach subscribers only after the change committed and its
// transaction ended; the change is visible from inside the observer.
BOOST_FIXTURE_TEST_CASE(events_after_commit, desk_fixture) {
  auto watching = std::make_shared<watching_storage>(tc::make_memory_store());
  store = watching;
  desk = make_desk(watching, clock);
  struct seen_event {
    tc::event e;
    int open_writes;
    int commits;
    bool visible;
  };
  std::vector<seen_event> seen;
  auto connection = desk->subscribe([&](const tc::event& e) {
    int open = watching->open_writes.load();
    bool visible = false;
    if (open == 0 && (e.kind == tc::event_kind::ticket_created || e.kind == tc::event_kind::state_changed)) {
      auto v = desk->ticket(tom, e.subject);  // would deadlock inside an open write
      visible = e.kind == tc::event_kind::ticket_created || v.ticket.state == json::value_to<std::string>(e.detail.at("to"));
    }
    seen.push_back({e, open, watching->commits.load(), visible});
  });

  int commits = watching->commits.load();
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  BOOST_TEST(watching->commits.load() == commits + 1);
  BOOST_TEST_REQUIRE(!seen.empty());
  BOOST_TEST((seen[0].e.kind == tc::event_kind::ticket_created));
  BOOST_TEST((seen[0].e.subject == t.ticket.id));
  BOOST_TEST(seen[0].e.number == t.ticket.number);
  BOOST_TEST((seen[0].e.actor == tom));

  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  desk->add_link(tom, t.ticket.id, k.ticket.id, tc::link_kind::tracker);
  desk->add_note(tom, k.ticket.id, "note");
  tc::ticket_changes ch;
  ch.priority = "high";
  desk->update_ticket(tom, k.ticket.id, ch);
  seen.clear();
  commits = watching->commits.load();
  desk->set_state(fay, k.ticket.id, "done");
  BOOST_TEST(watching->commits.load() == commits + 1);
  std::vector<tc::uuid> moved;
  for (const auto& s : seen)
    if (s.e.kind == tc::event_kind::state_changed) {
      moved.push_back(s.e.subject);
      BOOST_TEST(s.visible);
    }
  // In the order the changes were made: the tracker, then its customer ticket.
  BOOST_TEST((moved == std::vector<tc::uuid>{k.ticket.id, t.ticket.id}));
  for (const auto& s : seen) {
    BOOST_TEST(s.open_writes == 0);
    BOOST_TEST(s.commits == commits + 1);  // one commit, and it came first
  }
  connection.disconnect();
}

// Events never fire for a failed operation, even when part of its work had
// already been done before it failed.
BOOST_FIXTURE_TEST_CASE(events_never_for_failed_operations, desk_fixture) {
  auto watching = std::make_shared<watching_storage>(tc::make_memory_store());
  store = watching;
  desk = make_desk(watching, clock);
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  auto first = desk->create_ticket(tom, customer_ticket("a"));
  auto second = desk->create_ticket(tom, refund_ticket("b"));  // helpdesk: new -> closed is not allowed
  desk->add_link(tom, first.ticket.id, k.ticket.id, tc::link_kind::tracker);
  desk->add_link(tom, second.ticket.id, k.ticket.id, tc::link_kind::tracker);

  std::vector<tc::event> seen;
  auto connection = desk->subscribe([&](const tc::event& e) { seen.push_back(e); });
  auto before = snapshot(*desk);
  // Fails after the tracker and the first ticket had moved.
  BOOST_TEST((attempt([&] { desk->set_state(tom, k.ticket.id, "done"); }).kind == tc::errc::invalid_transition));
  // Fails validation.
  BOOST_TEST((attempt([&] { desk->create_ticket(tom, ticket_of("legacy", "x")); }).kind == tc::errc::validation_failed));
  // Fails a version check.
  BOOST_TEST((attempt([&] { desk->set_state(tom, first.ticket.id, "resolved", 99); }).kind == tc::errc::conflict));
  // Fails at commit, after everything else succeeded.
  watching->fail_commit = true;
  BOOST_TEST((attempt([&] { desk->create_ticket(tom, customer_ticket("c")); }).kind == tc::errc::storage));
  BOOST_TEST((attempt([&] { desk->add_note(tom, k.ticket.id, "lost"); }).kind == tc::errc::storage));
  watching->fail_commit = false;
  BOOST_TEST(seen.empty());
  BOOST_TEST(snapshot(*desk) == before);
  // A success afterwards is seen.
  desk->add_note(tom, k.ticket.id, "kept");
  BOOST_TEST(!seen.empty());
  connection.disconnect();
}

// An observer that throws does not turn a committed change into a failure.
BOOST_FIXTURE_TEST_CASE(events_observer_failure_does_not_fail_change, desk_fixture) {
  int calls = 0;
  auto connection = desk->subscribe([&](const tc::event&) {
    ++calls;
    throw std::runtime_error("observer bug");
  });
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  BOOST_TEST(calls > 0);
  BOOST_TEST(desk->ticket(tom, t.ticket.id).ticket.title == "Broken login");
  connection.disconnect();
  calls = 0;
  desk->set_state(tom, t.ticket.id, "resolved");
  BOOST_TEST(calls == 0);  // disconnected observers hear nothing
}

// Events name their record by human number too, also for parts and links.
BOOST_FIXTURE_TEST_CASE(events_carry_record_numbers, desk_fixture) {
  auto conv = conversation("a");
  auto t = desk->convert_conversation(tom, conv.conversation.id, customer_ticket("a"));
  std::vector<tc::event> seen;
  auto connection = desk->subscribe([&](const tc::event& e) { seen.push_back(e); });
  desk->add_note(tom, t.ticket.id, "checking");
  auto tracker = desk->create_linked_ticket(tom, t.ticket.id, ticket_of("bug", "Export"));
  connection.disconnect();
  bool note_seen = false, link_seen = false;
  for (const auto& e : seen) {
    if (e.kind == tc::event_kind::part_added && e.subject == t.ticket.id) {
      note_seen = true;
      BOOST_TEST(e.number == t.ticket.number);
    }
    if (e.kind == tc::event_kind::link_added && e.subject == t.ticket.id) {
      link_seen = true;
      BOOST_TEST(e.number == t.ticket.number);
    }
    BOOST_TEST(e.number > 0);
  }
  BOOST_TEST(note_seen);
  BOOST_TEST(link_seen);
  BOOST_TEST(tracker.ticket.number > t.ticket.number);
}
