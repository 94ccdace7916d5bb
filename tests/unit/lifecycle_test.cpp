// Lifecycles: L1-L4.
#define BOOST_TEST_MODULE lifecycle
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace testing;
namespace json = boost::json;

namespace {

struct expected_state {
  std::string key, label;
  tc::state_category category;
  int stage;
};

void check_states(const tc::lifecycle& l, const std::vector<expected_state>& want) {
  BOOST_TEST_REQUIRE(l.states.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    BOOST_TEST_CONTEXT("state " << want[i].key) {
      BOOST_TEST(l.states[i].key == want[i].key);
      BOOST_TEST(l.states[i].label == want[i].label);
      BOOST_TEST((l.states[i].category == want[i].category));
      BOOST_TEST(l.states[i].stage == want[i].stage);
    }
  }
}

}  // namespace

// L1: each state has a key, a label, a category and a customer stage; the
// ticket's state category follows its state.
BOOST_FIXTURE_TEST_CASE(l1_states_have_categories_and_stages, desk_fixture) {
  const tc::lifecycle* helpdesk = desk->configuration()->find_lifecycle("helpdesk");
  BOOST_REQUIRE(helpdesk);
  using sc = tc::state_category;
  check_states(*helpdesk, {{"new", "New", sc::submitted, 1},
                           {"open", "Open", sc::in_progress, 2},
                           {"waiting", "Waiting", sc::waiting_on_customer, 3},
                           {"on_hold", "On Hold", sc::on_hold, 2},
                           {"closed", "Closed", sc::resolved, 4}});
  BOOST_TEST((helpdesk->stage_labels == std::vector<std::string>{"Reviewing", "In progress", "Active", "Completed"}));
  BOOST_TEST(helpdesk->stage_label(3) == "Active");

  auto t = desk->create_ticket(tom, refund_ticket("a"));
  BOOST_TEST(t.ticket.state == "new");
  BOOST_TEST((t.ticket.state_category == sc::submitted));
  BOOST_TEST(t.stage.index == 1);
  BOOST_TEST(t.stage.label == "Reviewing");
  std::vector<std::pair<std::string, expected_state>> path = {
      {"open", {"open", "Open", sc::in_progress, 2}},
      {"waiting", {"waiting", "Waiting", sc::waiting_on_customer, 3}},
      {"closed", {"closed", "Closed", sc::resolved, 4}},
  };
  for (const auto& [key, want] : path) {
    auto v = desk->set_state(tom, t.ticket.id, key);
    BOOST_TEST(v.ticket.state == want.key);
    BOOST_TEST(v.state_label == want.label);
    BOOST_TEST((v.ticket.state_category == want.category));
    BOOST_TEST(v.stage.index == want.stage);
    BOOST_TEST(v.stage.label == helpdesk->stage_label(want.stage));
    BOOST_TEST((desk->ticket(tom, t.ticket.id).ticket.state_category == want.category));
  }
  // Back-office and tracker tickets have no customer stage.
  auto bo = desk->create_ticket(tom, ticket_of("process_refund", "R"));
  BOOST_TEST(bo.stage.index == 0);
  BOOST_TEST((bo.ticket.state_category == sc::in_progress));
}

// L2: a transition the lifecycle does not list is invalid_transition and changes nothing.
BOOST_FIXTURE_TEST_CASE(l2_disallowed_transition_changes_nothing, desk_fixture) {
  auto t = desk->create_ticket(tom, refund_ticket("a"));
  std::size_t events = 0;
  auto connection = desk->subscribe([&](const tc::event&) { ++events; });
  for (const char* target : {"closed", "waiting", "on_hold"}) {  // none is listed from "new"
    BOOST_TEST_CONTEXT("new -> " << target) {
      auto before = snapshot(*desk);
      auto r = attempt([&] { desk->set_state(tom, t.ticket.id, target); });
      BOOST_TEST(r.thrown);
      BOOST_TEST((r.kind == tc::errc::invalid_transition));
      BOOST_TEST(r.message.find(target) != std::string::npos);
      BOOST_TEST(snapshot(*desk) == before);
    }
  }
  BOOST_TEST(events == 0u);
  // A listed transition works, then the next disallowed one fails too.
  desk->set_state(tom, t.ticket.id, "open");
  desk->set_state(tom, t.ticket.id, "closed");
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->set_state(tom, t.ticket.id, "waiting"); });  // closed -> waiting is not listed
  BOOST_TEST((r.kind == tc::errc::invalid_transition));
  BOOST_TEST(snapshot(*desk) == before);
  BOOST_TEST(desk->ticket(tom, t.ticket.id).ticket.state == "closed");
  connection.disconnect();
}

// L2: a state outside the lifecycle is invalid_argument, and changes nothing.
BOOST_FIXTURE_TEST_CASE(l2_unknown_state_rejected, desk_fixture) {
  auto t = desk->create_ticket(tom, customer_ticket("a"));
  auto before = snapshot(*desk);
  auto r = attempt([&] { desk->set_state(tom, t.ticket.id, "done"); });  // a tracker state
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(snapshot(*desk) == before);
}

// L2: the default lifecycles allow any state to any other.
BOOST_FIXTURE_TEST_CASE(l2_default_lifecycles_allow_any_to_any, desk_fixture) {
  auto c = desk->create_ticket(tom, customer_ticket("a"));
  auto b = desk->create_ticket(tom, ticket_of("process_refund", "R"));
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  auto config = desk->configuration();
  for (auto [id, type] : {std::pair{c.ticket.id, "bug_report"}, std::pair{b.ticket.id, "process_refund"},
                          std::pair{k.ticket.id, "bug"}}) {
    const tc::lifecycle& l = config->lifecycle_of(*config->find_type(type));
    BOOST_TEST(l.transitions.empty());
    for (const auto& from : l.states)
      for (const auto& to : l.states) {
        if (from.key == to.key) continue;
        BOOST_TEST_CONTEXT(type << ": " << from.key << " -> " << to.key) {
          if (desk->ticket(tom, id).ticket.state != from.key) desk->set_state(tom, id, from.key);
          BOOST_TEST(desk->set_state(tom, id, to.key).ticket.state == to.key);
        }
      }
  }
}

// L2: setting the state a ticket is already in is a no-op, not an error.
BOOST_FIXTURE_TEST_CASE(l2_same_state_is_no_op, desk_fixture) {
  auto t = desk->create_ticket(tom, refund_ticket("a"));
  auto before = snapshot(*desk);
  BOOST_TEST(desk->set_state(tom, t.ticket.id, "new").ticket.state == "new");
  BOOST_TEST(snapshot(*desk) == before);
}

// L3: the default lifecycles and the states new tickets start in.
BOOST_FIXTURE_TEST_CASE(l3_default_lifecycles, desk_fixture) {
  using sc = tc::state_category;
  check_states(tc::default_customer_lifecycle(), {{"submitted", "Submitted", sc::submitted, 1},
                                                  {"in_progress", "In progress", sc::in_progress, 2},
                                                  {"waiting_on_customer", "Waiting on customer", sc::waiting_on_customer, 3},
                                                  {"resolved", "Resolved", sc::resolved, 4}});
  auto back_office = tc::default_back_office_lifecycle();
  BOOST_TEST_REQUIRE(back_office.states.size() == 3u);
  BOOST_TEST(back_office.states[0].label == "In progress");
  BOOST_TEST(back_office.states[1].label == "Waiting on customer");
  BOOST_TEST(back_office.states[2].label == "Resolved");
  BOOST_TEST((back_office.states[2].category == sc::resolved));
  auto tracker = tc::default_tracker_lifecycle();
  BOOST_TEST_REQUIRE(tracker.states.size() == 3u);
  BOOST_TEST(tracker.states[0].label == "Open");
  BOOST_TEST(tracker.states[1].label == "In progress");
  BOOST_TEST(tracker.states[2].label == "Done");
  BOOST_TEST((tracker.states[2].category == sc::resolved));
  BOOST_TEST(tc::default_customer_lifecycle().id == "customer");
  BOOST_TEST(back_office.id == "back_office");
  BOOST_TEST(tracker.id == "tracker");

  auto c = desk->create_ticket(tom, customer_ticket("a"));
  auto b = desk->create_ticket(tom, ticket_of("process_refund", "R"));
  auto k = desk->create_ticket(tom, ticket_of("bug", "Crash"));
  BOOST_TEST(c.ticket.state == "submitted");
  BOOST_TEST(c.state_label == "Submitted");
  BOOST_TEST(b.ticket.state == "in_progress");
  BOOST_TEST(b.state_label == "In progress");
  BOOST_TEST(k.ticket.state == "open");
  BOOST_TEST(k.state_label == "Open");
  BOOST_TEST(desk->set_state(tom, k.ticket.id, "done").state_label == "Done");
}

// L4: a contact sees the stage (index and label), never the state or its label.
BOOST_FIXTURE_TEST_CASE(l4_contact_sees_stage_not_state, desk_fixture) {
  auto t = desk->create_ticket(tom, refund_ticket("a"));
  desk->set_state(tom, t.ticket.id, "open");
  desk->set_state(tom, t.ticket.id, "on_hold");  // stage 2, like "open"

  auto team = desk->ticket(tom, t.ticket.id);
  BOOST_TEST(team.ticket.state == "on_hold");
  BOOST_TEST(team.state_label == "On Hold");
  BOOST_TEST(team.stage.index == 2);

  auto mine = desk->ticket(ann, t.ticket.id);
  BOOST_TEST(mine.customer_view);
  BOOST_TEST(mine.ticket.state.empty());
  BOOST_TEST(mine.state_label.empty());
  BOOST_TEST(mine.stage.index == 2);
  BOOST_TEST(mine.stage.label == "In progress");
  // By number, the same projection.
  BOOST_TEST(desk->ticket(ann, t.ticket.number).ticket.state.empty());

  json::object o = tc::to_json(mine).as_object();
  BOOST_TEST(!o.contains("state"));
  BOOST_TEST(!o.contains("state_label"));
  BOOST_TEST(!o.contains("state_category"));
  BOOST_REQUIRE(o.contains("stage"));
  BOOST_TEST((o.at("stage").at("index") == json::value(2)));
  BOOST_TEST((o.at("stage").at("label") == json::value("In progress")));
  // No internal state name anywhere in what the contact gets, timeline included.
  std::string text = json::serialize(o);
  for (const char* internal : {"on_hold", "On Hold", "\"open\"", "\"Open\""})
    BOOST_TEST(text.find(internal) == std::string::npos, "contact JSON mentions " << internal);
  // The team's JSON does carry them.
  json::object team_json = tc::to_json(team).as_object();
  BOOST_TEST((team_json.at("state") == json::value("on_hold")));
  BOOST_TEST((team_json.at("state_label") == json::value("On Hold")));
}

// L4: a contact's inbox row shows the stage only.
BOOST_FIXTURE_TEST_CASE(l4_contact_inbox_shows_stage_only, desk_fixture) {
  auto t = desk->create_ticket(tom, refund_ticket("a"));
  desk->set_state(tom, t.ticket.id, "open");
  auto rows = desk->inbox(ann);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].state_label.empty());
  BOOST_TEST(!rows[0].state_category.has_value());
  BOOST_TEST(rows[0].stage.index == 2);
  BOOST_TEST(rows[0].stage.label == "In progress");
  json::object o = tc::to_json(rows[0]).as_object();
  BOOST_TEST(!o.contains("state_label"));
  BOOST_TEST(!o.contains("state_category"));
  auto team_rows = desk->inbox(tom);
  BOOST_TEST_REQUIRE(team_rows.size() == 1u);
  BOOST_TEST(team_rows[0].state_label == "Open");
}
