// Automation rules (A1): triggers, conditions, actions, routing, the bound
// on chains, and rules running inside the unit of work that triggered them.
#define BOOST_TEST_MODULE automation
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

// The scenario desk plus a triage team of three and the given rules.
tc::config rules_config(const char* rules, const char* policies = "[]") {
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["teams"].as_array().push_back({{"id", "triage"}, {"name", "Triage"}});
  for (const char* id : {"xia", "yan", "zoe"})
    doc["teammates"].as_array().push_back({{"id", id}, {"name", id}, {"teams", boost::json::array{"triage"}}});
  doc["rules"] = boost::json::parse(rules);
  doc["sla_policies"] = boost::json::parse(policies);
  return tc::parse_config(boost::json::value(doc));
}

struct rules_desk : desk_fixture {
  std::vector<tc::event> events;
  explicit rules_desk(const char* rules, const char* policies = "[]") {
    desk->configure(rules_config(rules, policies));
    desk->subscribe([this](const tc::event& e) { events.push_back(e); });
  }
  tc::ticket ticket(const tc::uuid& id) { return desk->ticket(tom, id).ticket; }
  tc::uuid create(const std::string& title = "Broken login", const std::string& priority = "normal") {
    auto t = customer_ticket("a", title);
    t.priority = priority;
    return desk->create_ticket(tom, t).ticket.id;
  }
  std::size_t count(tc::event_kind kind) const {
    return std::count_if(events.begin(), events.end(), [&](const tc::event& e) { return e.kind == kind; });
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(A1_a_rule_acts_on_creation_when_its_conditions_hold_and_history_names_it) {
  rules_desk f(R"([{"id": "urgent-to-tom", "trigger": "ticket_created",
    "conditions": {"all": [{"field": "priority", "op": "is", "value": "urgent"}]},
    "actions": [{"action": "assign", "teammate": "tom"}, {"action": "add_tags", "tags": ["vip"]},
                {"action": "add_note", "text": "Urgent: call the customer"}]}])");
  auto urgent = f.create("Down", "urgent");
  auto normal = f.create("Slow", "normal");
  auto t = f.ticket(urgent);
  BOOST_TEST(t.assignee == "tom");
  BOOST_TEST(t.tags.count("vip") == 1u);
  BOOST_TEST(f.ticket(normal).assignee.empty());
  bool by_rule = false;
  for (const auto& h : f.desk->history(f.tom, urgent))
    if (h.field == "assignee") by_rule = h.actor.kind == tc::actor_kind::automation && h.actor.id == "urgent-to-tom";
  BOOST_TEST(by_rule);
  auto timeline = f.desk->ticket(f.tom, urgent).timeline;
  BOOST_TEST(std::any_of(timeline.begin(), timeline.end(), [](const tc::part& p) {
    return p.kind == tc::part_kind::note && p.internal && p.author.id == "urgent-to-tom";
  }));
  // V2: the contact sees neither the note nor who assigned it.
  for (const auto& p : f.desk->ticket(f.ann, urgent).timeline) BOOST_TEST(!p.internal);
}

BOOST_AUTO_TEST_CASE(A1_conditions_all_and_any_with_comparisons) {
  rules_desk f(R"([{"id": "r", "trigger": "ticket_created",
    "conditions": {"all": [{"field": "title", "op": "contains", "value": "LOGIN"},
                           {"field": "priority", "op": "greater_or_equal", "value": "high"},
                           {"field": "assignee", "op": "is_not_set"}],
                   "any": [{"field": "attributes.browser", "op": "in", "value": ["safari", "chrome"]},
                           {"field": "brand", "op": "is", "value": "globex"}]},
    "actions": [{"action": "set_priority", "priority": "urgent"}]}])");
  BOOST_TEST(f.ticket(f.create("Login fails", "high")).priority == "urgent");       // every condition holds
  BOOST_TEST(f.ticket(f.create("Login fails", "normal")).priority == "normal");     // normal < high
  BOOST_TEST(f.ticket(f.create("Export fails", "urgent")).priority == "urgent");    // unchanged anyway
  BOOST_TEST(f.ticket(f.create("Export fails", "high")).priority == "high");        // title does not contain it
  auto firefox = f.customer_ticket("a", "login again");
  firefox.priority = "high";
  firefox.attributes = {{"browser", "firefox"}};
  BOOST_TEST(f.ticket(f.desk->create_ticket(f.tom, firefox).ticket.id).priority == "high");  // no "any" holds
}

BOOST_AUTO_TEST_CASE(A1_round_robin_takes_the_team_in_turn) {
  rules_desk f(R"([{"id": "rr", "trigger": "ticket_created",
    "actions": [{"action": "assign", "team": "triage", "strategy": "round_robin"}]}])");
  std::vector<std::string> order;
  for (int i = 0; i < 7; ++i) order.push_back(f.ticket(f.create()).assignee);
  BOOST_TEST((order == std::vector<std::string>{"xia", "yan", "zoe", "xia", "yan", "zoe", "xia"}));
  BOOST_TEST(f.ticket(f.create()).team == "triage");
}

BOOST_AUTO_TEST_CASE(A1_least_loaded_picks_the_member_with_fewest_open_tickets) {
  rules_desk f(R"([{"id": "ll", "trigger": "ticket_created",
    "conditions": {"all": [{"field": "assignee", "op": "is_not_set"}]},
    "actions": [{"action": "assign", "team": "triage", "strategy": "least_loaded"}]}])");
  auto assigned = [&](const std::string& who) {
    auto t = f.customer_ticket("b");
    t.assignee = who;
    return f.desk->create_ticket(f.tom, t).ticket.id;
  };
  assigned("xia");
  assigned("xia");
  auto resolved = assigned("yan");
  assigned("zoe");
  f.desk->set_state(f.tom, resolved, "resolved");  // resolved tickets do not count
  BOOST_TEST(f.ticket(f.create()).assignee == "yan");  // xia 2, yan 0, zoe 1
  BOOST_TEST(f.ticket(f.create()).assignee == "yan");  // yan 1 ties zoe 1: directory order breaks the tie
  BOOST_TEST(f.ticket(f.create()).assignee == "zoe");  // xia 2, yan 2, zoe 1
}

BOOST_AUTO_TEST_CASE(A1_rules_that_trigger_each_other_stop_at_the_bound) {
  rules_desk f(R"([
    {"id": "ping", "trigger": "state_changed",
     "conditions": {"all": [{"field": "state", "op": "is", "value": "in_progress"}]},
     "actions": [{"action": "set_state", "state": "waiting_on_customer"}]},
    {"id": "pong", "trigger": "state_changed",
     "conditions": {"all": [{"field": "state", "op": "is", "value": "waiting_on_customer"}]},
     "actions": [{"action": "set_state", "state": "in_progress"}]}])");
  auto id = f.create();
  f.desk->set_state(f.tom, id, "in_progress");  // returns: the chain is cut, not endless
  BOOST_TEST(f.count(tc::event_kind::automation_limit) == 1u);
  // Each change triggers both rules (each sees the ticket as the other left
  // it), so the number of runs, not the depth, is what stops this one.
  BOOST_TEST(f.count(tc::event_kind::state_changed) == std::size_t(1 + tc::max_rule_runs));
  bool recorded = false;
  for (const auto& h : f.desk->history(f.tom, id)) recorded |= h.field == "automation.limit";
  BOOST_TEST(recorded);
}

BOOST_AUTO_TEST_CASE(A1_a_rule_that_triggers_itself_stops_at_the_depth_bound) {
  rules_desk f(R"([{"id": "echo", "trigger": "note", "actions": [{"action": "add_note", "text": "echo"}]}])");
  auto id = f.create();
  f.desk->add_note(f.tom, id, "first");
  std::size_t notes = 0;
  for (const auto& p : f.desk->ticket(f.tom, id).timeline) notes += p.kind == tc::part_kind::note;
  BOOST_TEST(notes == std::size_t(1 + tc::max_rule_depth));
  BOOST_TEST(f.count(tc::event_kind::automation_limit) == 1u);
}

BOOST_AUTO_TEST_CASE(A1_an_action_the_ticket_cannot_take_is_skipped_and_said) {
  // The helpdesk lifecycle of refunds has no path from "new" to "closed".
  rules_desk f(R"([{"id": "close-refunds", "trigger": "ticket_created",
    "conditions": {"all": [{"field": "type", "op": "is", "value": "refund"}]},
    "actions": [{"action": "set_state", "state": "closed"}, {"action": "add_tags", "tags": ["refund"]}]}])");
  auto t = f.desk->create_ticket(f.tom, f.refund_ticket("a")).ticket;
  auto now = f.ticket(t.id);
  BOOST_TEST(now.state == "new");
  BOOST_TEST(now.tags.count("refund") == 1u);  // the next action still ran
  BOOST_REQUIRE(f.count(tc::event_kind::automation_failed) == 1u);
}

BOOST_AUTO_TEST_CASE(A1_a_failing_rule_fails_the_change_that_triggered_it_and_nothing_is_kept) {
  rules_desk f(R"([{"id": "bad-severity", "trigger": "ticket_created",
    "actions": [{"action": "set_attribute", "key": "severity", "value": "very"}]}])");
  std::string before = snapshot(*f.desk);
  auto r = attempt([&] { f.create(); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(snapshot(*f.desk) == before);  // P6: one unit of work, rules included
}

BOOST_AUTO_TEST_CASE(A1_a_breached_service_level_triggers_a_rule) {
  rules_desk f(R"([{"id": "escalate", "trigger": "sla_breached",
    "actions": [{"action": "set_priority", "priority": "urgent"},
                {"action": "notify", "teammate": "fay", "text": "Breached: please look"}]}])",
               R"([{"id": "p", "targets": {"resolution": 60}}])");
  auto id = f.create();
  f.desk->tick(t0() + std::chrono::minutes(60));
  BOOST_TEST(f.ticket(id).priority == "urgent");
  tc::outbox_filter to_fay;
  to_fay.audience = tc::audience::teammate;
  to_fay.recipient = "fay";
  auto mail = f.desk->outbox(to_fay);
  BOOST_REQUIRE(mail.size() == 1u);
  BOOST_TEST((mail[0].kind == tc::notification_kind::rule_notice));
  BOOST_TEST(mail[0].payload.at("message").as_string() == "Breached: please look");
}

BOOST_AUTO_TEST_CASE(A1_a_rule_links_to_a_tracker_by_title_once) {
  rules_desk f(R"([{"id": "exports", "trigger": "ticket_created",
    "conditions": {"all": [{"field": "title", "op": "contains", "value": "export"}]},
    "actions": [{"action": "link_tracker", "title": "Export crash", "type": "bug"}]}])");
  auto one = f.create("Export fails");
  auto two = f.create("export is broken");
  auto tracker_of = [&](const tc::uuid& id) { return links_of(*f.desk, id, tc::link_kind::tracker).at(0).to; };
  BOOST_TEST((tracker_of(one) == tracker_of(two)));  // C7: found by title the second time
  BOOST_TEST(f.desk->ticket(f.tom, tracker_of(one)).linked_conversations == 0u);
}

BOOST_AUTO_TEST_CASE(A1_rules_are_validated_with_every_problem_named) {
  auto r = attempt([] {
    rules_config(R"([{"id": "r", "trigger": "whenever",
      "conditions": {"all": [{"field": "mood", "op": "is", "value": "bad"},
                             {"field": "priority", "op": "in", "value": "high"},
                             {"field": "priority", "op": "greater", "value": "asap"}]},
      "actions": [{"action": "assign", "teammate": "nobody"}, {"action": "dance"},
                  {"action": "set_state", "state": "limbo"}, {"action": "link_tracker", "title": "T", "type": "refund"}]},
      {"id": "r", "trigger": "reply", "actions": []}])");
  });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  for (const char* field : {"rules[0].trigger", "rules[0].conditions.all[0].field", "rules[0].conditions.all[1].value",
                            "rules[0].conditions.all[2].value", "rules[0].actions[0].teammate",
                            "rules[0].actions[1].action", "rules[0].actions[2].state", "rules[0].actions[3].type",
                            "rules[1].id", "rules[1].actions"})
    BOOST_TEST(has(r.fields, field), field << " in: " << r.message);
}

BOOST_AUTO_TEST_CASE(A1_C5_a_conversation_rule_sends_a_form_the_contact_can_submit) {
  rules_desk f(R"([{"id": "chat-form", "trigger": "conversation_created",
    "conditions": {"all": [{"field": "channel", "op": "is", "value": "chat"},
                           {"field": "title", "op": "contains", "value": "export"}]},
    "actions": [{"action": "send_form", "type": "bug_report"}, {"action": "add_note", "text": "form sent"}]}])");
  auto conv = f.conversation("a", "My export is broken");
  auto other = f.conversation("a", "Hello there");
  auto seen = f.desk->conversation(f.ann, conv.conversation.id).timeline;
  auto form = std::find_if(seen.begin(), seen.end(), [](const tc::part& p) { return p.kind == tc::part_kind::form; });
  BOOST_REQUIRE(form != seen.end());
  BOOST_TEST(form->author.id == "Acme");  // V2: a rule speaks to contacts as the brand, never by its id
  // V2: the rule's note stays internal.
  for (const auto& p : seen) BOOST_TEST(!p.internal);
  auto staff = f.desk->conversation(f.tom, conv.conversation.id).timeline;
  BOOST_TEST(std::any_of(staff.begin(), staff.end(), [](const tc::part& p) { return p.kind == tc::part_kind::note; }));
  for (const auto& p : f.desk->conversation(f.tom, other.conversation.id).timeline)
    BOOST_TEST((p.kind != tc::part_kind::form));  // its subject does not mention an export
  auto t = f.desk->submit_form(f.ann, conv.conversation.id, form->id, {{"browser", "firefox"}}).ticket;
  BOOST_TEST(t.type == "bug_report");
}

BOOST_AUTO_TEST_CASE(A1_conversation_rules_are_validated_for_their_fields_and_actions) {
  auto r = attempt([] {
    rules_config(R"([{"id": "c", "trigger": "conversation_created",
      "conditions": {"all": [{"field": "priority", "op": "is", "value": "high"}]},
      "actions": [{"action": "set_priority", "priority": "high"}, {"action": "send_form", "type": "bug"}]},
      {"id": "t", "trigger": "ticket_created", "actions": [{"action": "send_form", "type": "bug_report"}]}])");
  });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  for (const char* field : {"rules[0].conditions.all[0].field", "rules[0].actions[0].action", "rules[0].actions[1].type",
                            "rules[1].actions[0].action"})
    BOOST_TEST(has(r.fields, field), field << " in: " << r.message);
}

BOOST_AUTO_TEST_CASE(A1_an_idle_rule_runs_once_per_quiet_period_measured_from_the_last_update) {
  rules_desk f(R"([{"id": "stale", "trigger": "idle", "hours_since_update": 48,
    "conditions": {"all": [{"field": "tags", "op": "not_contains", "value": "stale"}]},
    "actions": [{"action": "add_tags", "tags": ["stale"]}, {"action": "notify", "teammate": "fay", "text": "No news"}]}])");
  using std::chrono::hours;
  auto quiet = f.create("Quiet");
  auto touched = f.create("Touched");
  BOOST_TEST((f.desk->next_due() == t0() + hours(48)));
  f.clock->set(t0() + hours(24));
  tc::ticket_changes ch;
  ch.priority = "high";
  f.desk->update_ticket(f.tom, touched, ch);  // an update starts a new quiet period

  BOOST_TEST(f.desk->tick(t0() + hours(47)) == 0u);
  BOOST_TEST(f.ticket(quiet).tags.count("stale") == 0u);
  BOOST_TEST(f.desk->tick(t0() + hours(48)) == 1u);
  BOOST_TEST(f.ticket(quiet).tags.count("stale") == 1u);
  BOOST_TEST(f.ticket(touched).tags.count("stale") == 0u);
  BOOST_TEST(f.desk->tick(t0() + hours(48)) == 0u);  // once
  bool by_rule = false;
  for (const auto& h : f.desk->history(f.tom, quiet))
    if (h.field == "tags") by_rule = h.actor.kind == tc::actor_kind::automation && h.actor.id == "stale";
  BOOST_TEST(by_rule);

  BOOST_TEST(f.desk->tick(t0() + hours(72)) == 1u);
  BOOST_TEST(f.ticket(touched).tags.count("stale") == 1u);
  // The rule's own change began a new quiet period; its conditions now
  // exclude the ticket, so nobody is told twice.
  f.desk->tick(t0() + hours(200));
  tc::outbox_filter to_fay;
  to_fay.audience = tc::audience::teammate;
  to_fay.recipient = "fay";
  BOOST_TEST(f.desk->outbox(to_fay).size() == 2u);
  BOOST_TEST(!f.desk->next_due().has_value());
}

BOOST_AUTO_TEST_CASE(A1_idle_rules_added_later_apply_to_open_tickets_once_policies_are_reapplied) {
  rules_desk f("[]");
  auto id = f.create();
  tc::config next = rules_config(R"([{"id": "nudge", "trigger": "idle", "hours_since_update": 2,
    "actions": [{"action": "set_priority", "priority": "urgent"}]}])");
  f.desk->configure(next);
  BOOST_TEST(!f.desk->next_due().has_value());  // the ticket has not changed since
  BOOST_TEST(f.desk->apply_sla_policies(f.tom) == 1u);
  BOOST_TEST((f.desk->next_due() == t0() + std::chrono::hours(2)));
  BOOST_TEST((f.ticket(id).updated_at == t0()));  // bookkeeping is no update
  f.desk->tick(t0() + std::chrono::hours(2));
  BOOST_TEST(f.ticket(id).priority == "urgent");
}

BOOST_AUTO_TEST_CASE(A1_idle_rules_say_how_long_to_wait) {
  auto r = attempt([] {
    rules_config(R"([{"id": "a", "trigger": "idle", "actions": [{"action": "add_tags", "tags": ["x"]}]},
      {"id": "b", "trigger": "reply", "hours_since_update": 4, "actions": [{"action": "add_tags", "tags": ["x"]}]},
      {"id": "c", "trigger": "idle", "hours_since_update": -1, "actions": [{"action": "add_tags", "tags": ["x"]}]}])");
  });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  for (const char* field : {"rules[0].hours_since_update", "rules[1].hours_since_update", "rules[2].hours_since_update"})
    BOOST_TEST(has(r.fields, field), field << " in: " << r.message);
}
