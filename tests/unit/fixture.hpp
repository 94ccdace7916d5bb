// Shared test setup: the seed-000 directory and types, a desk on a manual
// clock, and a whole-desk snapshot for "a failed operation changes nothing".
#pragma once

#include <ticketcore/ticketcore.hpp>

#include <boost/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tc = ticketcore;

namespace testing {

inline const char* scenario_config = R"({
  "priorities": ["low", "normal", "high", "urgent"],
  "default_priority": "normal",
  "brands": [{"id": "acme", "name": "Acme"}, {"id": "globex", "name": "Globex"}],
  "companies": [{"id": "initech", "name": "Initech"}, {"id": "umbrella", "name": "Umbrella"}],
  "contacts": [
    {"id": "a", "name": "Ann", "email": "ann@initech.test", "company": "initech"},
    {"id": "b", "name": "Bob", "email": "bob@initech.test", "company": "initech"},
    {"id": "c", "name": "Cat", "email": "cat@umbrella.test", "company": "umbrella"},
    {"id": "d", "name": "Dan", "email": "dan@example.test"}
  ],
  "teams": [{"id": "support", "name": "Support"}, {"id": "finance", "name": "Finance"}],
  "teammates": [
    {"id": "tom", "name": "Tom", "email": "tom@desk.test", "teams": ["support"]},
    {"id": "fay", "name": "Fay", "email": "fay@desk.test", "teams": ["finance"]}
  ],
  "lifecycles": [
    {"id": "helpdesk", "states": [
      {"key": "new", "label": "New", "category": "submitted", "stage": 1},
      {"key": "open", "label": "Open", "category": "in_progress", "stage": 2},
      {"key": "waiting", "label": "Waiting", "category": "waiting_on_customer", "stage": 3},
      {"key": "on_hold", "label": "On Hold", "category": "on_hold", "stage": 2},
      {"key": "closed", "label": "Closed", "category": "resolved", "stage": 4}],
     "transitions": [["new", "open"], ["open", "waiting"], ["waiting", "open"], ["open", "on_hold"],
                     ["on_hold", "open"], ["open", "closed"], ["waiting", "closed"], ["closed", "open"]]}
  ],
  "ticket_types": [
    {"id": "bug_report", "name": "Bug report", "category": "customer", "attributes": [
      {"key": "browser", "type": "list", "options": ["chrome", "firefox", "safari"],
       "visible_to_customer": true, "editable_by_customer": true, "required_for_customers": true},
      {"key": "severity", "type": "integer", "visible_to_customer": false},
      {"key": "internal_triage", "type": "text"}]},
    {"id": "refund", "name": "Refund request", "category": "customer", "lifecycle": "helpdesk", "attributes": [
      {"key": "amount", "type": "decimal", "required_for_teammates": true, "visible_to_customer": true},
      {"key": "order_date", "type": "date", "editable_by_customer": true},
      {"key": "approved", "type": "boolean"},
      {"key": "approver", "type": "teammate"},
      {"key": "reasons", "type": "multi_list", "options": ["late", "broken", "wrong"]},
      {"key": "paid_at", "type": "datetime"},
      {"key": "on_behalf", "type": "contact"},
      {"key": "notes", "type": "rich_text"}]},
    {"id": "process_refund", "name": "Process refund", "category": "back_office"},
    {"id": "bug", "name": "Bug", "category": "tracker"},
    {"id": "legacy", "name": "Legacy", "category": "customer", "archived": true}
  ]
})";

inline tc::time_point t0() { return tc::parse_time("2026-11-23T09:00:00Z"); }

// The store every fixture runs on: TICKETCORE_TEST_STORE=sqlite runs the
// whole suite against a fresh desk file (CTest registers each suite for
// both adapters), otherwise the in-memory store. One contract, every adapter.
class scratch_file {
 public:
  scratch_file() {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("ticketcore-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".desk"))
                .string();
  }
  ~scratch_file() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::shared_ptr<tc::storage> make_test_store() {
  const char* which = std::getenv("TICKETCORE_TEST_STORE");
  if (!which || std::string(which) != "sqlite") return tc::make_memory_store();
  auto file = std::make_shared<scratch_file>();
  tc::sqlite_options o;
  o.durability = tc::durability::normal;  // the suite checks behaviour; durability has tests of its own
  auto store = tc::open_sqlite_store(file->path(), o);
  // The file lives exactly as long as the store.
  return std::shared_ptr<tc::storage>(store.get(), [store, file](tc::storage*) mutable {
    store.reset();
    file.reset();
  });
}

// Records every notification it is given; fails on demand.
class recording_notifier : public tc::notifier {
 public:
  std::vector<tc::notification> delivered;
  int fail_next = 0;  // the next N deliveries ask for a retry

  tc::delivery_result deliver(const tc::notification& n) override {
    if (fail_next > 0) {
      --fail_next;
      return tc::delivery_result::retry("mail server busy");
    }
    delivered.push_back(n);
    return tc::delivery_result::ok();
  }
};

struct desk_fixture {
  std::shared_ptr<tc::manual_clock> clock = std::make_shared<tc::manual_clock>(t0());
  std::shared_ptr<tc::storage> store;
  std::unique_ptr<tc::desk> desk;
  tc::actor tom = tc::actor::teammate("tom");
  tc::actor fay = tc::actor::teammate("fay");
  tc::actor ann = tc::actor::contact("a");
  tc::actor bob = tc::actor::contact("b");
  tc::actor cat = tc::actor::contact("c");
  tc::actor dan = tc::actor::contact("d");

  explicit desk_fixture(std::shared_ptr<tc::storage> s = make_test_store()) : store(std::move(s)) {
    tc::desk_options o;
    o.storage = store;
    o.clock = clock;
    o.config = tc::parse_config(std::string_view(scenario_config));
    desk = std::make_unique<tc::desk>(std::move(o));
  }

  tc::conversation_view conversation(const std::string& contact, const std::string& message = "It is broken") {
    return desk->create_conversation(tom, {contact, tc::channel::chat, "acme", "", message});
  }

  tc::new_ticket customer_ticket(const std::string& contact, const std::string& title = "Broken login") {
    tc::new_ticket t;
    t.type = "bug_report";
    t.title = title;
    t.contact = contact;
    t.attributes = {{"browser", "safari"}};
    return t;
  }

  // A refund request on the custom helpdesk lifecycle; amount is required for teammates.
  tc::new_ticket refund_ticket(const std::string& contact) {
    tc::new_ticket t;
    t.type = "refund";
    t.title = "Refund my order";
    t.contact = contact;
    t.attributes = {{"amount", 10}};
    return t;
  }

  tc::new_ticket ticket_of(const std::string& type, const std::string& title) {
    tc::new_ticket t;
    t.type = type;
    t.title = title;
    return t;
  }
};

// Every record the desk holds, as the team sees it, in one JSON text:
// tickets with timelines, links and history; conversations likewise; the
// whole outbox. Two equal snapshots mean nothing changed.
inline std::string snapshot(const tc::desk& d) {
  tc::actor sys = tc::actor::system();
  boost::json::array out;
  tc::inbox_filter all;
  all.limit = 1000000;
  for (const auto& item : d.inbox(sys, all)) {
    boost::json::object o;
    if (item.kind == tc::endpoint_kind::ticket) o["record"] = tc::to_json(d.ticket(sys, item.id));
    else o["record"] = tc::to_json(d.conversation(sys, item.id));
    boost::json::array links, history;
    for (const auto& l : d.links(sys, item.id)) links.push_back(tc::to_json(l));
    for (const auto& h : d.history(sys, item.id)) history.push_back(tc::to_json(h));
    o["links"] = std::move(links);
    o["history"] = std::move(history);
    out.push_back(std::move(o));
  }
  boost::json::array outbox;
  tc::outbox_filter every;
  every.limit = 10000000;
  for (const auto& n : d.outbox(every)) outbox.push_back(tc::to_json(n));
  return boost::json::serialize(boost::json::object{{"records", std::move(out)}, {"outbox", std::move(outbox)}});
}

// What a call threw, for asserting on error kinds, fields and messages.
struct caught {
  bool thrown = false;
  tc::errc kind = tc::errc::ok;
  std::vector<std::string> fields;
  std::string message;
};

template <class F>
caught attempt(F&& f) {
  caught c;
  try {
    f();
  } catch (const tc::error& e) {
    c.thrown = true;
    c.kind = e.kind();
    c.fields = e.fields();
    c.message = e.what();
  }
  return c;
}

inline bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The links of `kind` at `id`, as the team sees them.
inline std::vector<tc::link> links_of(const tc::desk& d, const tc::uuid& id, tc::link_kind kind) {
  std::vector<tc::link> out;
  for (auto& l : d.links(tc::actor::system(), id))
    if (l.kind == kind) out.push_back(l);
  return out;
}

inline bool linked(const tc::desk& d, const tc::uuid& a, const tc::uuid& b, tc::link_kind kind) {
  auto ls = links_of(d, a, kind);
  return std::any_of(ls.begin(), ls.end(), [&](const tc::link& l) { return l.other(a) == b; });
}

inline std::size_t count_kind(const std::vector<tc::notification>& ns, const std::string& contact,
                              tc::notification_kind kind, tc::notify_channel ch = tc::notify_channel::email) {
  std::size_t n = 0;
  for (const auto& x : ns)
    if (x.audience == tc::audience::contact && x.recipient == contact && x.kind == kind && x.channel == ch) ++n;
  return n;
}

}  // namespace testing
