// Erasure of a contact's personal data (D2): afterwards nothing of them is
// found by any read, search, listing, the outbox or history, nor in the
// bytes of the desk file; tickets, parts and report figures stay; a failed
// erasure changes nothing.
#define BOOST_TEST_MODULE erasure
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

using namespace testing;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

// What the erased contact leaves in the desk, each value distinctive.
const std::vector<std::string> erased_values = {"Zebediah", "Quarrington", "zeb.quarrington@mailinator.test",
                                                "Xylophone77", "Quetzalcoatl9", "Persimmon42", "555-0199-777"};

// The scenario's configuration with contact z, whose data is erased, and a
// type whose ticket form has a free-text field (T2).
tc::config erasure_config() {
  json::object doc = json::parse(scenario_config).as_object();
  doc["contacts"].as_array().push_back(
      {{"id", "z"}, {"name", "Zebediah Quarrington"}, {"email", "zeb.quarrington@mailinator.test"},
       {"company", "initech"}});
  doc["ticket_types"].as_array().push_back(json::parse(R"({"id": "callback", "name": "Callback",
    "category": "customer", "attributes": [
      {"key": "phone", "type": "text", "editable_by_customer": true},
      {"key": "topic", "type": "list", "options": ["billing", "access"], "editable_by_customer": true}]})"));
  return tc::parse_config(std::string_view(json::serialize(doc)));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The erased values `text` holds, compared without case (full text keeps
// words folded).
std::vector<std::string> found_in(const std::string& text) {
  std::vector<std::string> out;
  const std::string folded = lower(text);
  for (const auto& v : erased_values)
    if (folded.find(lower(v)) != std::string::npos) out.push_back(v);
  return out;
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool on_sqlite() {
  const char* which = std::getenv("TICKETCORE_TEST_STORE");
  return which && std::string(which) == "sqlite";
}

struct erasure_fixture {
  std::shared_ptr<tc::manual_clock> clock = std::make_shared<tc::manual_clock>(t0());
  std::shared_ptr<recording_notifier> notifier = std::make_shared<recording_notifier>();
  scratch_file file;
  std::shared_ptr<tc::storage> store;
  std::unique_ptr<tc::desk> desk;
  tc::actor tom = tc::actor::teammate("tom");
  tc::actor ann = tc::actor::contact("a");
  tc::actor zeb = tc::actor::contact("z");
  tc::uuid conv, ticket, submitted, other;

  explicit erasure_fixture(std::shared_ptr<tc::storage> s = nullptr) {
    if (s) store = std::move(s);
    else if (on_sqlite()) store = tc::open_sqlite_store(file.path());
    else store = tc::make_memory_store();
    open();
    // A conversation the contact opened, turned into their ticket.
    conv = desk->create_conversation(tom, {"z", tc::channel::email, "acme", "", "My code is Xylophone77, help"})
               .conversation.id;
    tc::new_ticket nt;
    nt.type = "bug_report";
    nt.title = "Login broken";
    nt.attributes = {{"browser", "safari"}};
    nt.sharing = tc::sharing::company;
    ticket = desk->convert_conversation(tom, conv, nt).ticket.id;
    desk->dispatch_notifications();  // ticket_created is delivered
    // Long enough to spill onto overflow pages, which an update frees.
    desk->reply(zeb, ticket, "Still broken, my secret is Quetzalcoatl9. " + std::string(20000, '.'));
    desk->reply(tom, ticket, "We are on it");  // N3: pending for z
    desk->add_note(tom, ticket, "Checked the logs");
    // A ticket they submitted themselves (C4), with free text on its form.
    tc::new_ticket own;
    own.type = "callback";
    own.title = "Call me back";
    own.description = "Call me about Persimmon42";
    own.attributes = {{"phone", "555-0199-777"}, {"topic", "billing"}};
    submitted = desk->create_ticket(zeb, own).ticket.id;
    clock->advance(1h);
    desk->set_state(tom, submitted, "resolved");
    // Someone else's ticket, which stays as it is.
    other = desk->create_ticket(tom, [] {
                  tc::new_ticket t;
                  t.type = "bug_report";
                  t.title = "Ann's printer";
                  t.contact = "a";
                  t.attributes = {{"browser", "chrome"}};
                  return t;
                }())
                .ticket.id;
    desk->reply(ann, other, "Printer jammed again");
    clock->advance(1h);
  }

  void open() {
    tc::desk_options o;
    o.storage = store;
    o.clock = clock;
    o.notifier = notifier;
    if (!desk) o.config = erasure_config();
    desk.reset();
    desk = std::make_unique<tc::desk>(std::move(o));
  }

  std::size_t count(const tc::actor& who, const std::string& text) {
    tc::ticket_query q;
    q.text = text;
    return desk->count_tickets(who, q);
  }

  // Every figure the erasure must keep: tickets, parts per record, a
  // report over the whole period.
  std::string figures() {
    json::object out;
    tc::ticket_query all;
    out["tickets"] = desk->count_tickets(tom, all);
    for (const auto& id : {ticket, submitted, other})
      out[tc::to_string(id)] = desk->ticket(tom, id).timeline.size();
    out["conversation"] = desk->conversation(tom, conv).timeline.size();
    tc::report_request r;
    r.from = t0() - 24h;
    r.to = t0() + 24h;
    out["report"] = tc::to_json(desk->report(tom, r));
    return json::serialize(out);
  }
};

// Fails the n-th rewrite of a part: an erasure storage gives up on midway.
class failing_rewrites : public tc::storage_wrapper {
 public:
  failing_rewrites(std::shared_ptr<tc::storage> s, int fail_at) : storage_wrapper(std::move(s)), fail_at_(fail_at) {}

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access) override {
    return std::make_unique<txn>(std::move(t), *this);
  }

 private:
  struct txn : tc::transaction_wrapper {
    txn(std::unique_ptr<tc::transaction> t, failing_rewrites& s) : transaction_wrapper(std::move(t)), s_(s) {}
    void rewrite_part(tc::part p, tc::part_keys keys) override {
      if (++s_.rewrites == s_.fail_at_) throw tc::error(tc::errc::storage, "disk full");
      transaction_wrapper::rewrite_part(std::move(p), std::move(keys));
    }
    failing_rewrites& s_;
  };
  int fail_at_;
  int rewrites = 0;
};

}  // namespace

// D2: nothing of the erased contact is found afterwards by a read, a
// search, a listing, history or the outbox, and every figure stays.
BOOST_FIXTURE_TEST_CASE(d2_nothing_of_an_erased_contact_is_found, erasure_fixture) {
  BOOST_TEST(!found_in(snapshot(*desk)).empty());  // the values are there to find
  BOOST_TEST(count(tom, "quetzalcoatl9") == 1u);
  const std::string before = figures();
  BOOST_TEST(desk->erase_contact("z") == 2u);  // the first message and the reply
  BOOST_TEST(figures() == before);

  // Reads, listings, timelines, links, history, the whole outbox.
  const std::string all = snapshot(*desk);
  BOOST_TEST(found_in(all).empty(), "found: " << json::serialize(json::value_from(found_in(all))));
  BOOST_TEST(found_in(json::serialize(tc::config_document(*desk->configuration()))).empty());
  // Full text, as the team and as a contact of the company.
  for (const auto& v : erased_values) {
    BOOST_TEST(count(tom, v) == 0u, v);
    BOOST_TEST(count(ann, v) == 0u, v);
  }
  BOOST_TEST(count(tom, "printer") == 1u);  // others' words stay searchable
  // The contact keeps their id and company: their tickets are still theirs.
  const tc::contact* z = desk->configuration()->find_contact("z");
  BOOST_REQUIRE(z);
  BOOST_TEST(z->name.empty());
  BOOST_TEST(z->emails.empty());
  BOOST_TEST(z->company == "initech");
  BOOST_TEST(desk->ticket(zeb, ticket).ticket.contact == "z");
  // The parts stay, each body the marker; the other ticket is untouched.
  auto timeline = desk->ticket(tom, ticket).timeline;
  BOOST_TEST(std::count_if(timeline.begin(), timeline.end(), [](const tc::part& p) { return p.body == "[erased]"; }) ==
             1);
  BOOST_TEST(desk->ticket(tom, ticket).ticket.description == "[erased]");  // their first message (C2)
  BOOST_TEST(desk->ticket(tom, other).timeline.back().body == "Printer jammed again");
  // Free text on the form goes; a choice stays.
  auto own = desk->ticket(tom, submitted).ticket;
  BOOST_TEST(json::serialize(own.attributes.at("phone")) == "\"[erased]\"");
  BOOST_TEST(json::serialize(own.attributes.at("topic")) == "\"billing\"");
  BOOST_TEST(own.description == "[erased]");
  // One history entry "erasure" per record touched, naming nothing erased.
  for (const auto& id : {ticket, submitted, conv}) {
    auto h = desk->history(tom, id);
    BOOST_TEST(std::count_if(h.begin(), h.end(), [](const tc::history_entry& e) { return e.field == "erasure"; }) == 1);
  }
  BOOST_TEST(desk->history(tom, other).back().field != "erasure");
  // Nothing is left to send them; what was delivered stays, without payload.
  tc::outbox_filter to_z;
  to_z.audience = tc::audience::contact;
  to_z.recipient = "z";
  auto entries = desk->outbox(to_z);
  BOOST_TEST(!entries.empty());
  bool delivered = false;
  for (const auto& n : entries) {
    BOOST_TEST((n.state != tc::delivery_state::pending));
    BOOST_TEST(n.payload.empty());
    delivered = delivered || n.state == tc::delivery_state::delivered;
  }
  BOOST_TEST(delivered);
  const std::size_t sent = notifier->delivered.size();
  desk->dispatch_notifications();
  for (std::size_t i = sent; i < notifier->delivered.size(); ++i) BOOST_TEST(notifier->delivered[i].recipient != "z");
  // Erasing again finds nothing more to erase and keeps every figure.
  BOOST_TEST(desk->erase_contact("z") == 0u);
  BOOST_TEST(figures() == before);
}

// D2 on a desk file: none of the erased values is anywhere in the file's
// bytes (secure_delete zeroes what held them) nor in its full-text
// vocabulary, after a checkpoint empties the write-ahead log.
BOOST_FIXTURE_TEST_CASE(d2_the_desk_file_keeps_no_bytes_of_an_erased_contact, erasure_fixture) {
  if (!on_sqlite()) return;  // the memory store has no file
  auto checkpoint = [&] {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(file.path().c_str(), &db) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  };
  // The values are in the file itself first, not only in the log.
  checkpoint();
  BOOST_TEST(bytes_of(file.path()).find("Quetzalcoatl9") != std::string::npos);
  desk->erase_contact("z");
  desk.reset();
  store.reset();
  checkpoint();
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(file.path().c_str(), &db) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, ticket_text, 'row')",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
  std::string terms;
  sqlite3_exec(
      db, "SELECT term FROM temp.vocabulary",
      [](void* out, int, char** row, char**) {
        *static_cast<std::string*>(out) += std::string(row[0]) + " ";
        return 0;
      },
      &terms, nullptr);
  sqlite3_close(db);
  BOOST_TEST(terms.find("printer") != std::string::npos);  // the vocabulary is read
  BOOST_TEST(found_in(terms).empty(), terms);
  for (const char* suffix : {"", "-wal"}) {
    const std::string bytes = bytes_of(file.path() + suffix);
    for (const auto& v : erased_values) {
      BOOST_TEST(bytes.find(v) == std::string::npos, v << " in the file" << suffix);
      BOOST_TEST(bytes.find(lower(v)) == std::string::npos, lower(v) << " in the file" << suffix);
    }
  }
}

// A failed erasure changes nothing: an unknown contact, and a store that
// fails halfway through the rewrites.
BOOST_AUTO_TEST_CASE(d2_a_failed_erasure_changes_nothing) {
  erasure_fixture f;
  const std::string before = snapshot(*f.desk);
  auto e = attempt([&] { f.desk->erase_contact("nobody"); });
  BOOST_TEST((e.kind == tc::errc::not_found));
  BOOST_TEST(e.message.find("nobody") != std::string::npos);
  BOOST_TEST(snapshot(*f.desk) == before);

  auto failing = std::make_shared<failing_rewrites>(f.store, 2);
  tc::desk_options o;
  o.storage = failing;
  o.clock = f.clock;
  tc::desk halfway(std::move(o));
  auto storage = attempt([&] { halfway.erase_contact("z"); });
  BOOST_TEST((storage.kind == tc::errc::storage));
  BOOST_TEST(snapshot(halfway) == before);
  BOOST_TEST(halfway.configuration()->find_contact("z")->name == "Zebediah Quarrington");
  BOOST_TEST(f.count(f.tom, "quetzalcoatl9") == 1u);
}

// U1: erasure is the host's; no teammate or contact runs it.
BOOST_FIXTURE_TEST_CASE(u1_erasure_is_a_host_operation, erasure_fixture) {
  BOOST_TEST(tc::may_run(tc::op::erase_contact, tc::actor_kind::system));
  BOOST_TEST(!tc::may_run(tc::op::erase_contact, tc::actor_kind::teammate));
  BOOST_TEST(!tc::may_run(tc::op::erase_contact, tc::actor_kind::contact));
}

// D2 on a contact kept as a stored record (the directory): the record keeps
// its id and company and loses everything else, no lookup by a former
// address finds it, and on SQLite the file keeps none of its values.
BOOST_FIXTURE_TEST_CASE(d2_a_stored_contacts_record_is_erased, erasure_fixture) {
  const std::vector<std::string> values = {"Wilhelmina", "wilhelmina.stored@mailinator.test", "555-0123-987",
                                           "Kumquat314"};
  tc::contact w;
  w.id = "w";
  w.name = "Wilhelmina Stored";
  w.emails = {"wilhelmina.stored@mailinator.test"};
  w.phone = "555-0123-987";
  w.company = "initech";
  desk->upsert_contact(tom, w);
  auto c = desk->create_conversation(tom, {"w", tc::channel::email, "acme", "", "Order Kumquat314 is late"});
  desk->erase_contact("w");
  auto kept = desk->contact(tom, "w");
  BOOST_TEST(kept.name.empty());
  BOOST_TEST(kept.emails.empty());
  BOOST_TEST(kept.phone.empty());
  BOOST_TEST(kept.company == "initech");
  BOOST_TEST((attempt([&] { desk->contact_by_email(tom, "wilhelmina.stored@mailinator.test"); }).kind ==
              tc::errc::not_found));
  BOOST_TEST(count(tom, "Kumquat314") == 0u);
  BOOST_TEST(desk->conversation(tom, c.conversation.id).timeline.front().body == "[erased]");
  if (!on_sqlite()) return;
  desk.reset();
  store.reset();
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(file.path().c_str(), &db) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal"}) {
    const std::string bytes = bytes_of(file.path() + suffix);
    for (const auto& v : values) {
      BOOST_TEST(bytes.find(v) == std::string::npos, v << " in the file" << suffix);
      BOOST_TEST(bytes.find(lower(v)) == std::string::npos, lower(v) << " in the file" << suffix);
    }
  }
}
