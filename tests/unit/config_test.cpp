// Configuration documents: parse_config and validate_config (T1-T4, L1-L3).
#define BOOST_TEST_MODULE config
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace testing;

namespace {

caught parse_failure(const std::string& text) {
  return attempt([&] { tc::parse_config(std::string_view(text)); });
}

// Whether some field names `key` as its last path element.
bool names_key(const std::vector<std::string>& fields, const std::string& key) {
  return std::any_of(fields.begin(), fields.end(), [&](const std::string& f) {
    return f == key || (f.size() > key.size() && f.compare(f.size() - key.size(), key.size(), key) == 0 &&
                        f[f.size() - key.size() - 1] == '.');
  });
}

std::vector<std::string> keys_of(const tc::lifecycle& l) {
  std::vector<std::string> out;
  for (const auto& s : l.states) out.push_back(s.key);
  return out;
}

// Seed 004: New, Open, Waiting, On Hold, Closed, with the team's own stage labels.
const char* seed004_config = R"({
  "priorities": ["p3", "p2", "p1"],
  "default_priority": "p2",
  "contacts": [{"id": "a", "name": "Ann", "email": "ann@example.test"}],
  "teammates": [{"id": "tom", "name": "Tom", "email": "tom@desk.test"}],
  "lifecycles": [
    {"id": "seed004",
     "stage_labels": ["Received", "Working on it", "Your turn", "Done"],
     "states": [
      {"key": "new", "label": "New", "category": "submitted"},
      {"key": "open", "label": "Open", "category": "in_progress"},
      {"key": "waiting", "label": "Waiting", "category": "waiting_on_customer"},
      {"key": "on_hold", "label": "On Hold", "category": "on_hold"},
      {"key": "closed", "label": "Closed", "category": "resolved"}],
     "transitions": [["new", "open"], ["open", "waiting"], ["waiting", "open"], ["open", "on_hold"],
                     ["on_hold", "open"], ["open", "closed"], ["waiting", "closed"]]}
  ],
  "ticket_types": [
    {"id": "question", "name": "Question", "category": "customer", "lifecycle": "seed004"}
  ]
})";

}  // namespace

// A valid document is read whole: directory, types, attributes, lifecycles.
BOOST_AUTO_TEST_CASE(config_valid_document) {
  tc::config c = tc::parse_config(std::string_view(scenario_config));
  BOOST_TEST((c.priorities == std::vector<std::string>{"low", "normal", "high", "urgent"}));
  BOOST_TEST(c.default_priority == "normal");
  BOOST_TEST(c.brands.size() == 2u);
  BOOST_TEST(c.contacts.size() == 4u);
  BOOST_TEST(c.find_contact("a")->company == "initech");
  BOOST_TEST(c.find_contact("d")->company.empty());
  BOOST_TEST((c.find_teammate("fay")->teams == std::vector<std::string>{"finance"}));
  BOOST_TEST(c.ticket_types.size() == 5u);
  const tc::ticket_type* refund = c.find_type("refund");
  BOOST_REQUIRE(refund);
  BOOST_TEST(refund->name == "Refund request");
  BOOST_TEST(refund->lifecycle == "helpdesk");
  BOOST_TEST(refund->attributes.size() == 8u);
  const tc::attribute_def* amount = refund->find_attribute("amount");
  BOOST_REQUIRE(amount);
  BOOST_TEST((amount->type == tc::attribute_type::decimal));
  BOOST_TEST(amount->required_for_teammates);
  BOOST_TEST(amount->visible_to_customer);
  BOOST_TEST(!amount->editable_by_customer);
  const tc::attribute_def* order_date = refund->find_attribute("order_date");
  BOOST_TEST(order_date->editable_by_customer);
  BOOST_TEST(order_date->visible_to_customer);  // editable implies visible
  const tc::attribute_def* browser = c.find_type("bug_report")->find_attribute("browser");
  BOOST_TEST((browser->options == std::vector<std::string>{"chrome", "firefox", "safari"}));
  BOOST_TEST(browser->required_for_customers);
  BOOST_TEST(c.find_type("legacy")->archived);
  BOOST_TEST((c.find_type("bug")->category == tc::category::tracker));
  BOOST_TEST((c.find_type("process_refund")->category == tc::category::back_office));
  // The helpdesk lifecycle and the three defaults.
  BOOST_TEST(c.lifecycles.size() == 4u);
  BOOST_TEST((keys_of(*c.find_lifecycle("helpdesk")) ==
              std::vector<std::string>{"new", "open", "waiting", "on_hold", "closed"}));
  BOOST_TEST(c.find_lifecycle("helpdesk")->transitions.size() == 8u);
}

// L3: the default lifecycles are present even when the document names none.
BOOST_AUTO_TEST_CASE(config_default_lifecycles_present) {
  tc::config c = tc::parse_config(std::string_view("{}"));
  const tc::lifecycle* customer = c.find_lifecycle("customer");
  const tc::lifecycle* back_office = c.find_lifecycle("back_office");
  const tc::lifecycle* tracker = c.find_lifecycle("tracker");
  BOOST_REQUIRE(customer);
  BOOST_REQUIRE(back_office);
  BOOST_REQUIRE(tracker);
  BOOST_TEST((keys_of(*customer) == std::vector<std::string>{"submitted", "in_progress", "waiting_on_customer", "resolved"}));
  BOOST_TEST((keys_of(*back_office) == std::vector<std::string>{"in_progress", "waiting_on_customer", "resolved"}));
  BOOST_TEST((keys_of(*tracker) == std::vector<std::string>{"open", "in_progress", "done"}));
  BOOST_TEST(customer->transitions.empty());  // any to any
  BOOST_TEST(c.default_priority == "normal");
  // A type without a lifecycle follows its category's default.
  tc::config typed = tc::parse_config(std::string_view(
      R"({"ticket_types": [{"id": "t", "category": "tracker"}, {"id": "b", "category": "back_office"}]})"));
  BOOST_TEST(typed.lifecycle_of(*typed.find_type("t")).id == "tracker");
  BOOST_TEST(typed.lifecycle_of(*typed.find_type("b")).id == "back_office");
}

// L3: a document may replace a default lifecycle; it is not duplicated.
BOOST_AUTO_TEST_CASE(config_document_overrides_default_lifecycle) {
  tc::config c = tc::parse_config(std::string_view(R"({"lifecycles": [{"id": "tracker", "states": [
      {"key": "triage", "category": "submitted"}, {"key": "shipped", "category": "resolved"}]}]})"));
  BOOST_TEST(std::count_if(c.lifecycles.begin(), c.lifecycles.end(),
                           [](const tc::lifecycle& l) { return l.id == "tracker"; }) == 1);
  BOOST_TEST((keys_of(*c.find_lifecycle("tracker")) == std::vector<std::string>{"triage", "shipped"}));
  BOOST_TEST(c.find_lifecycle("tracker")->states[0].label == "triage");  // label defaults to the key
}

// L1, L3: seed 004's lifecycle New/Open/Waiting/On Hold/Closed works end to end.
BOOST_AUTO_TEST_CASE(config_custom_lifecycle_seed004) {
  tc::config c = tc::parse_config(std::string_view(seed004_config));
  const tc::lifecycle* l = c.find_lifecycle("seed004");
  BOOST_REQUIRE(l);
  BOOST_TEST((keys_of(*l) == std::vector<std::string>{"new", "open", "waiting", "on_hold", "closed"}));
  std::vector<std::string> labels;
  for (const auto& s : l->states) labels.push_back(s.label);
  BOOST_TEST((labels == std::vector<std::string>{"New", "Open", "Waiting", "On Hold", "Closed"}));
  BOOST_TEST((l->find("on_hold")->category == tc::state_category::on_hold));
  // Stages default by category when not given: submitted 1, in progress 2, waiting 3, on hold 2, resolved 4.
  std::vector<int> stages;
  for (const auto& s : l->states) stages.push_back(s.stage);
  BOOST_TEST((stages == std::vector<int>{1, 2, 3, 2, 4}));
  BOOST_TEST(l->allows("new", "open"));
  BOOST_TEST(!l->allows("new", "closed"));
  BOOST_TEST(c.default_priority == "p2");

  auto clock = std::make_shared<tc::manual_clock>(t0());
  tc::desk_options o;
  o.clock = clock;
  o.config = c;
  tc::desk d(std::move(o));
  tc::actor tom = tc::actor::teammate("tom");
  tc::actor ann = tc::actor::contact("a");
  tc::new_ticket n;
  n.type = "question";
  n.title = "How do I export?";
  n.contact = "a";
  auto t = d.create_ticket(tom, n);
  BOOST_TEST(t.ticket.state == "new");
  BOOST_TEST(t.state_label == "New");
  BOOST_TEST(t.ticket.priority == "p2");
  BOOST_TEST(d.set_state(tom, t.ticket.id, "open").state_label == "Open");
  BOOST_TEST(d.set_state(tom, t.ticket.id, "on_hold").state_label == "On Hold");
  BOOST_TEST((d.ticket(tom, t.ticket.id).ticket.state_category == tc::state_category::on_hold));
  auto mine = d.ticket(ann, t.ticket.id);
  BOOST_TEST(mine.stage.index == 2);
  BOOST_TEST(mine.stage.label == "Working on it");
  auto refused = attempt([&] { d.set_state(tom, t.ticket.id, "closed"); });  // on_hold -> closed is not listed
  BOOST_TEST((refused.kind == tc::errc::invalid_transition));
  d.set_state(tom, t.ticket.id, "open");
  BOOST_TEST(d.set_state(tom, t.ticket.id, "closed").ticket.state == "closed");
  BOOST_TEST(d.ticket(ann, t.ticket.id).stage.label == "Done");
}

// Invalid JSON is invalid_argument, not validation_failed.
BOOST_AUTO_TEST_CASE(config_invalid_json_is_invalid_argument) {
  for (std::string text : {"{", "", "{\"priorities\": [\"low\",]}", "not json"}) {
    BOOST_TEST_CONTEXT("document '" << text << "'") {
      auto r = parse_failure(text);
      BOOST_TEST(r.thrown);
      BOOST_TEST((r.kind == tc::errc::invalid_argument));
    }
  }
  auto not_object = parse_failure("[1, 2]");
  BOOST_TEST(not_object.thrown);
  BOOST_TEST((not_object.kind == tc::errc::validation_failed));
}

// Every problem is named: three separate problems in reading and in
// cross-checking give three fields.
BOOST_AUTO_TEST_CASE(config_every_problem_named_mixed) {
  auto r = parse_failure(R"({
    "colour": "red",
    "ticket_types": [{"id": "t", "category": "nonsense"}],
    "contacts": [{"id": "x", "name": "X", "company": "nowhere"}]
  })");
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields.size() == 3u);
  BOOST_TEST(names_key(r.fields, "colour"));
  BOOST_TEST(has(r.fields, "ticket_types[0].category"));
  BOOST_TEST(has(r.fields, "contacts[0].company"));
  BOOST_TEST(r.message.find("nonsense") != std::string::npos);
  BOOST_TEST(r.message.find("nowhere") != std::string::npos);
}

// Reading collects every problem, each in the wording every JSON reader of
// the library uses: the path, what was expected, what was found.
BOOST_AUTO_TEST_CASE(config_reading_words_each_problem_with_its_path) {
  auto r = parse_failure(R"({
    "colour": "red",
    "priorities": ["low", 5],
    "brands": [{"id": "b", "name": true}],
    "ticket_types": [{"id": "t", "category": "nonsense"}]
  })");
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  for (const char* field : {"colour", "priorities[1]", "ticket_types[0].category", "brands[0].name"})
    BOOST_TEST(has(r.fields, field), field << " in: " << r.message);
  for (const char* part : {"colour: unknown key", "priorities[1]: expected a string, found the number 5",
                           "brands[0].name: expected a string, found true",
                           "ticket_types[0].category: expected one of customer, back_office or tracker, found the string "
                           "'nonsense'"})
    BOOST_TEST(r.message.find(part) != std::string::npos, part << " in: " << r.message);
}

// Every problem is named: cross-reference problems only.
BOOST_AUTO_TEST_CASE(config_every_problem_named_cross_references) {
  auto r = parse_failure(R"({
    "priorities": ["low", "high"],
    "default_priority": "normal",
    "brands": [{"id": "acme"}, {"id": "acme"}],
    "teams": [{"id": "support"}],
    "teammates": [{"id": "tom", "teams": ["support", "ghosts"]}]
  })");
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields.size() == 3u);
  BOOST_TEST(has(r.fields, "default_priority"));
  BOOST_TEST(has(r.fields, "brands[1].id"));
  BOOST_TEST(has(r.fields, "teammates[0].teams"));
}

// Every problem is named: lifecycles and attribute schemas.
BOOST_AUTO_TEST_CASE(config_every_problem_named_lifecycles_and_attributes) {
  auto r = parse_failure(R"({
    "lifecycles": [{"id": "flow", "states": [
        {"key": "a", "category": "submitted", "stage": 7},
        {"key": "b", "category": "resolved"}],
      "transitions": [["a", "b"], ["a", "zzz"]]}],
    "ticket_types": [
      {"id": "q", "category": "customer", "lifecycle": "flow",
       "attributes": [{"key": "pick", "type": "list"}, {"key": "n", "type": "integer"}]},
      {"id": "w", "category": "customer", "lifecycle": "nope"}]
  })");
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields.size() == 4u);
  BOOST_TEST(has(r.fields, "lifecycles[0].states[0].stage"));
  BOOST_TEST(has(r.fields, "lifecycles[0].transitions[1]"));
  BOOST_TEST(has(r.fields, "ticket_types[0].attributes[0].options"));
  BOOST_TEST(has(r.fields, "ticket_types[1].lifecycle"));
}

// Unknown keys are rejected at every level, each named.
BOOST_AUTO_TEST_CASE(config_unknown_keys_rejected) {
  auto r = parse_failure(R"({
    "priority": "low",
    "lifecycles": [{"id": "l", "initial": "a", "states": [{"key": "a", "category": "submitted", "colour": "red"}]}],
    "ticket_types": [{"id": "t", "category": "customer", "icon": "bug",
                      "attributes": [{"key": "k", "type": "text", "hidden": true}]}],
    "contacts": [{"id": "x", "phone": "555"}],
    "teammates": [{"id": "tom", "role": "admin"}],
    "brands": [{"id": "acme", "logo": "acme.png"}]
  })");
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields.size() == 8u);
  BOOST_TEST(names_key(r.fields, "priority"));
  BOOST_TEST(has(r.fields, "lifecycles[0].initial"));
  BOOST_TEST(has(r.fields, "lifecycles[0].states[0].colour"));
  BOOST_TEST(has(r.fields, "ticket_types[0].icon"));
  BOOST_TEST(has(r.fields, "ticket_types[0].attributes[0].hidden"));
  BOOST_TEST(has(r.fields, "contacts[0].phone"));
  BOOST_TEST(has(r.fields, "teammates[0].role"));
  BOOST_TEST(has(r.fields, "brands[0].logo"));
}

// Values of the wrong JSON type are named too.
BOOST_AUTO_TEST_CASE(config_wrong_value_types_named) {
  auto r = parse_failure(R"({
    "priorities": "low",
    "ticket_types": [{"id": "t", "category": "customer", "archived": "yes",
                      "attributes": [{"key": "k", "type": "colour"}]}]
  })");
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields.size() == 3u);
  BOOST_TEST(names_key(r.fields, "priorities"));
  BOOST_TEST(has(r.fields, "ticket_types[0].archived"));
  BOOST_TEST(has(r.fields, "ticket_types[0].attributes[0].type"));
}

// T2, V3: customer-visible attributes only on customer types; options only on lists.
BOOST_AUTO_TEST_CASE(config_attribute_schema_rules) {
  auto r = parse_failure(R"({"ticket_types": [
    {"id": "bo", "category": "back_office", "attributes": [{"key": "x", "type": "text", "visible_to_customer": true}]},
    {"id": "c", "category": "customer", "attributes": [
      {"key": "n", "type": "integer", "options": ["1"]},
      {"key": "n", "type": "text"}]}]})");
  BOOST_TEST(r.thrown);
  BOOST_TEST(r.fields.size() == 3u);
  BOOST_TEST(has(r.fields, "ticket_types[0].attributes[0]"));
  BOOST_TEST(has(r.fields, "ticket_types[1].attributes[0].options"));
  BOOST_TEST(has(r.fields, "ticket_types[1].attributes[1].key"));
}

// An invalid configuration is rejected whole by the desk: the old one stays.
BOOST_FIXTURE_TEST_CASE(config_desk_rejects_invalid_whole, desk_fixture) {
  auto old_config = desk->configuration();
  tc::config next = *old_config;
  next.brands.push_back({"hooli", "Hooli"});         // a fine change
  next.default_priority = "critical";                // a problem
  next.contacts.push_back({"e", "Eve", {"e@x.test"}, "nowhere"});  // another
  auto r = attempt([&] { desk->configure(next); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(r.fields.size() == 2u);
  BOOST_TEST(has(r.fields, "default_priority"));
  BOOST_TEST(has(r.fields, "contacts[4].company"));
  BOOST_TEST((desk->configuration() == old_config));
  BOOST_TEST(desk->configuration()->find_brand("hooli") == nullptr);
  // The desk constructor validates too.
  tc::desk_options o;
  o.config = next;
  BOOST_CHECK_THROW(tc::desk{std::move(o)}, tc::error);
}
