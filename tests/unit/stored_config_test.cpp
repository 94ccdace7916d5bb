// The configuration lives in the desk: stored as the entry of kind
// "configuration", id "desk", versioned; a desk opens without one given;
// configure() stores the next version in its own transaction; a desk
// sharing the store picks a newer version up at its next write; a store
// without records by kind takes the configuration from the host as before.
#define BOOST_TEST_MODULE stored_config
#include <boost/test/unit_test.hpp>

#include <map>

#include "fixture.hpp"

using namespace testing;

namespace {

namespace json = boost::json;

json::value document_of(const tc::desk& d) { return tc::config_document(*d.configuration()); }

// A desk on `store` with `config` given, or none.
std::unique_ptr<tc::desk> open_desk(std::shared_ptr<tc::storage> store, std::shared_ptr<tc::clock> clock,
                                    std::optional<tc::config> config = std::nullopt) {
  tc::desk_options o;
  o.storage = std::move(store);
  o.clock = std::move(clock);
  o.config = std::move(config);
  return std::make_unique<tc::desk>(std::move(o));
}

tc::config scenario() { return tc::parse_config(std::string_view(scenario_config)); }

// The scenario with one more priority and ticket type.
tc::config extended() {
  auto c = scenario();
  c.priorities.push_back("critical");
  tc::ticket_type t;
  t.id = "question";
  t.name = "Question";
  t.category = tc::category::back_office;
  c.ticket_types.push_back(t);
  return c;
}

std::optional<tc::stored_entry> stored(tc::storage& s) {
  auto tx = s.begin(tc::access::read);
  return tx->get_entry("configuration", "desk");
}

// Fails every commit while armed.
class failing_commits : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;
  bool armed = false;

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access) override {
    return std::make_unique<failing>(std::move(t), *this);
  }

 private:
  struct failing : tc::transaction_wrapper {
    failing(std::unique_ptr<tc::transaction> t, failing_commits& s) : transaction_wrapper(std::move(t)), s_(s) {}
    void commit() override {
      if (s_.armed) throw tc::error(tc::errc::storage, "injected commit failure");
      transaction_wrapper::commit();
    }
    failing_commits& s_;
  };
};

// A backend from before records by kind: get_entry and put_entry answer
// not_supported, as the defaults do.
class without_entries : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access) override {
    return std::make_unique<older>(std::move(t));
  }

 private:
  struct older : tc::transaction_wrapper {
    using transaction_wrapper::transaction_wrapper;
    std::optional<tc::stored_entry> get_entry(const std::string& k, const std::string& i) override {
      return tc::transaction::get_entry(k, i);
    }
    void put_entry(tc::stored_entry e, std::vector<tc::entry_key> keys) override {
      tc::transaction::put_entry(std::move(e), std::move(keys));
    }
  };
};

// Counts the entries read by id, to see what a write reads.
class counting_reads : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;
  std::map<std::string, int> reads;

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access) override {
    return std::make_unique<counting>(std::move(t), *this);
  }

 private:
  struct counting : tc::transaction_wrapper {
    counting(std::unique_ptr<tc::transaction> t, counting_reads& s) : transaction_wrapper(std::move(t)), s_(s) {}
    std::optional<tc::stored_entry> get_entry(const std::string& k, const std::string& i) override {
      ++s_.reads[k + "/" + i];
      return transaction_wrapper::get_entry(k, i);
    }
    counting_reads& s_;
  };
};

// Every section the writer has, each member set away from its default, in
// the writer's own form.
const char* every_field = R"({
  "priorities": ["p1", "p2", "p3"],
  "default_priority": "p2",
  "brands": [{"id": "acme", "name": "Acme"}],
  "teams": [{"id": "support", "name": "Support"}],
  "teammates": [{"id": "tom", "name": "Tom", "email": "tom@desk.test", "teams": ["support"]}],
  "companies": [{"id": "initech", "name": "Initech"}],
  "contacts": [{"id": "a", "name": "Ann", "email": "ann@initech.test", "company": "initech"},
               {"id": "d", "name": "Dan", "email": "dan@example.test"}],
  "lifecycles": [{"id": "flow", "states": [
      {"key": "new", "label": "New", "category": "submitted", "stage": 1},
      {"key": "busy", "label": "Busy", "category": "in_progress", "stage": 3},
      {"key": "done", "label": "Done", "category": "resolved", "stage": 4}],
    "transitions": [["new", "busy"], ["busy", "done"]], "stage_labels": ["A", "B", "C", "D"]}],
  "ticket_types": [
    {"id": "bug_report", "name": "Bug report", "category": "customer", "lifecycle": "flow", "archived": false,
     "attributes": [{"key": "browser", "label": "Browser", "type": "list", "options": ["chrome", "safari"],
                     "required_for_teammates": true, "required_for_customers": true,
                     "visible_to_customer": true, "editable_by_customer": true}]},
    {"id": "bug", "name": "Bug", "category": "tracker", "lifecycle": "", "archived": true, "attributes": [],
     "propagation": {"done": "in_progress"}}],
  "calendars": [{"id": "office", "time_zone": "Europe/Berlin",
                 "periods": [{"weekday": "monday", "start": "09:00", "end": "17:30"},
                             {"weekday": "sunday", "start": "00:00", "end": "24:00"}],
                 "holidays": ["2026-12-25"]}],
  "sla_policies": [{"id": "gold", "name": "Gold",
                    "conditions": {"types": ["bug_report"], "categories": ["customer"], "priorities": ["p3"],
                                   "brands": ["acme"], "channels": ["email"], "tags": ["vip"]},
                    "targets": {"first_response": 30, "next_response": 60, "resolution": 480},
                    "calendar": "office", "pause_in": ["waiting_on_customer", "on_hold"], "at_risk_share": 0.75}],
  "rules": [
    {"id": "triage", "name": "Triage", "enabled": false, "trigger": "ticket_created",
     "conditions": {"all": [{"field": "priority", "op": "greater_or_equal", "value": "p2"}],
                    "any": [{"field": "tags", "op": "contains", "value": "vip"},
                            {"field": "attributes.browser", "op": "is_set", "value": null}]},
     "actions": [{"action": "assign", "team": "support", "strategy": "round_robin"},
                 {"action": "assign", "teammate": "tom"},
                 {"action": "set_priority", "priority": "p3"},
                 {"action": "add_tags", "tags": ["a", "b"]},
                 {"action": "set_state", "state": "busy"},
                 {"action": "set_attribute", "key": "browser", "value": "chrome"},
                 {"action": "link_tracker", "title": "Outage", "type": "bug"},
                 {"action": "notify", "teammate": "tom", "text": "Look"}]},
    {"id": "nudge", "name": "nudge", "enabled": true, "trigger": "idle",
     "conditions": {"all": [], "any": []},
     "actions": [{"action": "assign", "team": "support", "strategy": "least_loaded"}],
     "hours_since_update": 1.5}]
})";

}  // namespace

// The stored form is the document configuration() gives: read back, it is
// the same configuration, every section and member included.
BOOST_AUTO_TEST_CASE(the_configuration_document_reads_back_exactly) {
  json::value given = json::parse(every_field);
  json::value written = tc::config_document(tc::parse_config(given));
  for (const char* section : {"priorities", "default_priority", "brands", "teams", "teammates", "companies",
                              "contacts", "ticket_types", "calendars", "sla_policies", "rules"})
    BOOST_TEST(written.at(section) == given.at(section), section << ": " << json::serialize(written.at(section)));
  BOOST_TEST(written.at("lifecycles").at(0) == given.at("lifecycles").at(0));  // then the three defaults
  BOOST_TEST(tc::config_document(tc::parse_config(written)) == written);
}

// Opened once with the configuration, the desk opens again without it and
// runs the same types and numbers.
BOOST_AUTO_TEST_CASE(a_desk_reopens_without_configuration) {
  auto store = make_test_store();
  auto clock = std::make_shared<tc::manual_clock>(t0());
  auto first = open_desk(store, clock, scenario());
  BOOST_TEST(first->configuration_version().version == 1u);
  BOOST_TEST((first->configuration_version().changed_at == t0()));
  tc::new_ticket t;
  t.type = "refund";
  t.title = "Refund";
  t.contact = "a";
  t.attributes = {{"amount", 10}};
  auto made = first->create_ticket(tc::actor::teammate("tom"), t);
  first.reset();

  auto again = open_desk(store, clock);
  BOOST_TEST(document_of(*again) == tc::config_document(scenario()));
  BOOST_TEST(again->configuration_version().version == 1u);
  BOOST_TEST(again->ticket(tc::actor::teammate("tom"), made.ticket.number).state_label == "New");
  auto next = again->create_ticket(tc::actor::teammate("tom"), t);
  BOOST_TEST(next.ticket.number == made.ticket.number + 1);
}

// Nothing stored and none given: the empty default, and nothing is written
// until a configuration is given.
BOOST_AUTO_TEST_CASE(an_empty_desk_stores_nothing_until_configured) {
  auto store = make_test_store();
  auto clock = std::make_shared<tc::manual_clock>(t0());
  auto d = open_desk(store, clock);
  BOOST_TEST(d->configuration_version().version == 0u);
  BOOST_TEST(!d->configuration_version().changed_at);
  BOOST_TEST(d->configuration()->ticket_types.empty());
  BOOST_TEST(!stored(*store));
  clock->advance(std::chrono::minutes(5));
  d->configure(scenario());
  BOOST_TEST(d->configuration_version().version == 1u);
  BOOST_TEST(stored(*store)->version == 1u);
}

// configure() stores the next version; a desk opened later runs it. A
// configuration equal to the stored one, given at open or to configure(),
// writes nothing.
BOOST_AUTO_TEST_CASE(configure_stores_the_next_version) {
  auto store = make_test_store();
  auto clock = std::make_shared<tc::manual_clock>(t0());
  auto d = open_desk(store, clock, scenario());
  clock->advance(std::chrono::hours(1));
  d->configure(extended());
  BOOST_TEST(d->configuration_version().version == 2u);
  BOOST_TEST((d->configuration_version().changed_at == t0() + std::chrono::hours(1)));
  d->configure(extended());
  BOOST_TEST(d->configuration_version().version == 2u);
  d.reset();

  auto reopened = open_desk(store, clock);
  BOOST_TEST(reopened->configuration_version().version == 2u);
  BOOST_TEST(reopened->configuration()->find_type("question") != nullptr);
  BOOST_TEST(reopened->configuration()->priority_rank("critical") == 4);
  reopened.reset();
  auto given_equal = open_desk(store, clock, extended());
  BOOST_TEST(given_equal->configuration_version().version == 2u);
  BOOST_TEST(stored(*store)->version == 2u);
}

// A host that gives its configuration at every open: a different one is
// what configure() does, checked against the records and stored as the next
// version; one that strands tickets is refused and nothing is written.
BOOST_AUTO_TEST_CASE(a_different_configuration_at_open_is_a_configure) {
  auto store = make_test_store();
  auto clock = std::make_shared<tc::manual_clock>(t0());
  desk_fixture f(store);
  f.desk->create_ticket(f.tom, f.customer_ticket("a"));
  f.desk.reset();

  auto without_bug_report = scenario();
  std::erase_if(without_bug_report.ticket_types, [](const tc::ticket_type& t) { return t.id == "bug_report"; });
  auto refused = attempt([&] { open_desk(store, clock, without_bug_report); });
  BOOST_TEST(refused.thrown);
  BOOST_TEST((refused.kind == tc::errc::validation_failed));
  BOOST_TEST(stored(*store)->version == 1u);

  auto d = open_desk(store, clock, extended());
  BOOST_TEST(d->configuration_version().version == 2u);
  BOOST_TEST(stored(*store)->version == 2u);
}

// A configure whose transaction fails changes nothing: not the desk's
// configuration, not the stored one.
BOOST_AUTO_TEST_CASE(a_failed_configure_stores_nothing) {
  auto faulty = std::make_shared<failing_commits>(make_test_store());
  auto clock = std::make_shared<tc::manual_clock>(t0());
  auto d = open_desk(faulty, clock, scenario());
  faulty->armed = true;
  auto r = attempt([&] { d->configure(extended()); });
  faulty->armed = false;
  BOOST_TEST((r.kind == tc::errc::storage));
  BOOST_TEST(d->configuration_version().version == 1u);
  BOOST_TEST(d->configuration()->find_type("question") == nullptr);
  BOOST_TEST(stored(*faulty)->version == 1u);
  BOOST_TEST(open_desk(faulty, clock)->configuration()->find_type("question") == nullptr);
}

// Two desks on one store (two app servers on one file): what one stores,
// the other runs from its next write on; its reads until then use the
// version it has.
BOOST_AUTO_TEST_CASE(another_desk_picks_up_a_new_version_at_its_next_write) {
  auto clock = std::make_shared<tc::manual_clock>(t0());
  auto one = make_test_store();
  std::shared_ptr<tc::storage> two = one;
  std::shared_ptr<scratch_file> file;
  if (const char* which = std::getenv("TICKETCORE_TEST_STORE"); which && std::string(which) == "sqlite") {
    file = std::make_shared<scratch_file>();  // two connections to one file, as two processes would have
    one = tc::open_sqlite_store(file->path());
    two = tc::open_sqlite_store(file->path());
  }
  auto a = open_desk(one, clock, scenario());
  auto b = open_desk(two, clock);
  BOOST_TEST(b->configuration_version().version == 1u);
  a->configure(extended());
  BOOST_TEST(b->configuration_version().version == 1u);  // no write yet

  tc::new_ticket q;
  q.type = "question";
  q.title = "How?";
  q.priority = "critical";
  auto made = b->create_ticket(tc::actor::teammate("tom"), q);
  BOOST_TEST(made.ticket.type == "question");
  BOOST_TEST(b->configuration_version().version == 2u);
  BOOST_TEST(b->configuration()->find_type("question") != nullptr);
}

// A store without records by kind keeps no configuration: the host gives it
// at every open, as before, and configure() changes the running desk only.
BOOST_AUTO_TEST_CASE(a_store_without_records_by_kind_takes_it_from_the_host) {
  auto inner = make_test_store();
  auto older = std::make_shared<without_entries>(inner);
  auto clock = std::make_shared<tc::manual_clock>(t0());
  auto d = open_desk(older, clock, scenario());
  BOOST_TEST(d->configuration_version().version == 0u);
  tc::new_ticket t;
  t.type = "process_refund";
  t.title = "Pay back";
  d->create_ticket(tc::actor::teammate("tom"), t);
  d->configure(extended());
  BOOST_TEST(d->configuration()->find_type("question") != nullptr);
  BOOST_TEST(d->configuration_version().version == 0u);
  BOOST_TEST(!stored(*inner));
  d.reset();
  BOOST_TEST(open_desk(older, clock)->configuration()->ticket_types.empty());  // as before: empty when none given
}

// A write reads the small stamp to learn the stored version, and the
// document only when that version moved: a desk's writes do not parse the
// whole configuration each time.
BOOST_AUTO_TEST_CASE(a_write_reads_the_stamp_and_the_document_only_when_it_moved) {
  auto clock = std::make_shared<tc::manual_clock>(t0());
  auto inner = make_test_store();
  auto counted = std::make_shared<counting_reads>(inner);
  auto a = open_desk(counted, clock, scenario());
  auto b = open_desk(inner, clock);
  counted->reads.clear();

  tc::new_ticket t;
  t.type = "process_refund";
  t.title = "Pay back";
  a->create_ticket(tc::actor::teammate("tom"), t);
  BOOST_TEST(counted->reads["configuration/stamp"] == 1);
  BOOST_TEST(counted->reads["configuration/desk"] == 0);

  b->configure(extended());
  a->create_ticket(tc::actor::teammate("tom"), t);
  BOOST_TEST(counted->reads["configuration/stamp"] == 2);
  BOOST_TEST(counted->reads["configuration/desk"] == 1);
  BOOST_TEST(a->configuration_version().version == 2u);
}
