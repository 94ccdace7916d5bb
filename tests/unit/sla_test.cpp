// Service levels and due dates (S1, S2), counted in calendar time here;
// business hours on calendars are checked in calendar_test and below in
// S1_business_hours_*. Time only moves when the test moves the manual clock.
#define BOOST_TEST_MODULE sla
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;
using std::chrono::minutes;

namespace {

// The scenario desk plus service-level policies, in order.
tc::config sla_config(const char* policies) {
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["sla_policies"] = boost::json::parse(policies);
  return tc::parse_config(boost::json::value(doc));
}

const char* standard_policies = R"([
  {"id": "urgent", "conditions": {"priorities": ["urgent"]},
   "targets": {"first_response": 15, "resolution": 60}},
  {"id": "trackers", "conditions": {"categories": ["tracker"]}, "targets": {"resolution": 1440}},
  {"id": "standard", "conditions": {"categories": ["customer"]},
   "targets": {"first_response": 60, "next_response": 30, "resolution": 100}}
])";

struct sla_desk : desk_fixture {
  std::vector<tc::event> events;
  explicit sla_desk(const char* policies = standard_policies) {
    desk->configure(sla_config(policies));
    desk->subscribe([this](const tc::event& e) { events.push_back(e); });
  }
  tc::time_point at(int m) const { return t0() + minutes(m); }
  void move_to(int m) { clock->set(at(m)); }
  tc::ticket ticket(const tc::uuid& id) { return desk->ticket(tom, id).ticket; }
  // The ticket as the store keeps it, with the Desk's bookkeeping.
  tc::stored_ticket stored(const tc::uuid& id) { return *store->begin(tc::access::read)->get_ticket(id); }
  const tc::sla_clock& clock_of(const tc::uuid& id, tc::sla_target target) {
    static tc::ticket kept;
    kept = ticket(id);
    const tc::sla_clock* c = kept.sla.find(target);
    BOOST_REQUIRE(c != nullptr);
    return *c;
  }
  std::size_t count(tc::event_kind kind) const {
    return std::count_if(events.begin(), events.end(), [&](const tc::event& e) { return e.kind == kind; });
  }
  tc::uuid assigned_ticket(const std::string& priority = "normal") {
    auto t = customer_ticket("a");
    t.priority = priority;
    t.assignee = "tom";
    return desk->create_ticket(tom, t).ticket.id;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(S1_the_first_policy_that_matches_applies_and_is_recorded) {
  sla_desk f;
  auto urgent = f.assigned_ticket("urgent");
  auto normal = f.assigned_ticket("normal");
  auto tracker = f.desk->create_ticket(f.tom, f.ticket_of("bug", "Crash")).ticket.id;
  auto back_office = f.desk->create_ticket(f.tom, f.ticket_of("process_refund", "Pay back")).ticket.id;
  BOOST_TEST(f.ticket(urgent).sla.policy == "urgent");
  BOOST_TEST(f.ticket(normal).sla.policy == "standard");
  BOOST_TEST(f.ticket(tracker).sla.policy == "trackers");
  BOOST_TEST(f.ticket(back_office).sla.policy.empty());  // no policy covers it
  BOOST_TEST(!f.stored(back_office).next_due_at.has_value());
  // Only customer tickets take replies, so a tracker tracks resolution only.
  BOOST_TEST(f.ticket(tracker).sla.clocks.size() == 1u);
  BOOST_TEST((f.clock_of(urgent, tc::sla_target::first_response).due_at == f.at(15)));
  BOOST_TEST((f.clock_of(urgent, tc::sla_target::resolution).due_at == f.at(60)));
  BOOST_TEST((f.stored(normal).next_due_at == f.at(45)));  // 75% of the first response target
}

BOOST_AUTO_TEST_CASE(S1_a_teammate_reply_meets_the_first_response_target) {
  sla_desk f;
  auto id = f.assigned_ticket();
  f.move_to(30);
  f.desk->reply(f.tom, id, "On it");
  const auto& first = f.clock_of(id, tc::sla_target::first_response);
  BOOST_TEST((first.met_at == f.at(30)));
  BOOST_TEST(!first.running_since.has_value());
  BOOST_TEST(f.desk->tick(f.at(75)) == 1u);  // only resolution at risk (75 of 100 minutes); first response was met
  BOOST_TEST(f.count(tc::event_kind::sla_at_risk) == 1u);
  BOOST_TEST(f.events.back().detail.at("target").as_string() == "resolution");
}

BOOST_AUTO_TEST_CASE(S1_at_risk_then_breached_each_once_with_history_and_teammate_notification) {
  sla_desk f;
  auto id = f.assigned_ticket();
  f.desk->reply(f.tom, id, "On it");  // first response met; resolution: 100 minutes, at risk at 75
  BOOST_TEST((f.desk->next_due() == f.at(75)));
  BOOST_TEST(f.desk->tick(f.at(74)) == 0u);
  BOOST_TEST(f.desk->tick(f.at(75)) == 1u);
  BOOST_TEST(f.desk->tick(f.at(80)) == 0u);  // raised once
  BOOST_TEST((f.desk->next_due() == f.at(100)));
  BOOST_TEST(f.desk->tick(f.at(100)) == 1u);
  BOOST_TEST(f.desk->tick(f.at(500)) == 0u);
  BOOST_TEST(!f.desk->next_due().has_value());
  BOOST_TEST(f.count(tc::event_kind::sla_at_risk) == 1u);
  BOOST_TEST(f.count(tc::event_kind::sla_breached) == 1u);
  const auto& r = f.clock_of(id, tc::sla_target::resolution);
  BOOST_TEST(r.at_risk);
  BOOST_TEST(r.breached);
  std::vector<std::string> sla_history;
  for (const auto& h : f.desk->history(f.tom, id))
    if (h.field == "sla.resolution") sla_history.push_back(std::string(h.new_value.at("event").as_string()));
  BOOST_TEST((sla_history == std::vector<std::string>{"at_risk", "breached"}));
  tc::outbox_filter to_tom;
  to_tom.audience = tc::audience::teammate;
  to_tom.recipient = "tom";
  to_tom.audience = tc::audience::teammate;
  auto mail = f.desk->outbox(to_tom);
  BOOST_REQUIRE(mail.size() == 2u);
  BOOST_TEST((mail[0].audience == tc::audience::teammate));
  BOOST_TEST((mail[0].kind == tc::notification_kind::sla_at_risk));
  BOOST_TEST((mail[1].kind == tc::notification_kind::sla_breached));
  BOOST_TEST(mail[0].idempotency_key != mail[1].idempotency_key);
}

// Issue item 10: the at-risk payload once carried the at-risk instant as
// due_at. Both events, and their notifications, now carry the deadline.
BOOST_AUTO_TEST_CASE(S1_at_risk_payload_carries_the_deadline_as_due_at) {
  sla_desk f;
  auto id = f.assigned_ticket();
  f.desk->reply(f.tom, id, "On it");  // resolution: due at 100, at risk at 75
  f.desk->tick(f.at(80));
  f.desk->tick(f.at(100));
  std::vector<const tc::event*> sla_events;
  for (const auto& e : f.events)
    if (e.kind == tc::event_kind::sla_at_risk || e.kind == tc::event_kind::sla_breached) sla_events.push_back(&e);
  BOOST_REQUIRE(sla_events.size() == 2u);
  const auto& risk = sla_events[0]->detail;
  BOOST_TEST(risk.at("due_at").as_string() == tc::format_time(f.at(100)));
  BOOST_TEST(risk.at("at_risk_at").as_string() == tc::format_time(f.at(75)));
  BOOST_TEST(sla_events[1]->detail.at("due_at").as_string() == tc::format_time(f.at(100)));
  tc::outbox_filter to_tom;
  to_tom.recipient = "tom";
  to_tom.audience = tc::audience::teammate;
  auto mail = f.desk->outbox(to_tom);
  BOOST_REQUIRE(mail.size() == 2u);
  BOOST_TEST(mail[0].payload.at("due_at").as_string() == tc::format_time(f.at(100)));
  BOOST_TEST(mail[0].payload.at("at_risk_at").as_string() == tc::format_time(f.at(75)));
}

BOOST_AUTO_TEST_CASE(S1_unassigned_tickets_notify_their_team) {
  sla_desk f;
  auto t = f.customer_ticket("a");
  t.team = "support";
  auto id = f.desk->create_ticket(f.tom, t).ticket.id;
  f.desk->tick(f.at(45));  // first response at risk
  tc::outbox_filter team_mail;
  team_mail.ticket = id;
  std::vector<std::string> recipients;
  for (const auto& n : f.desk->outbox(team_mail))
    if (n.audience == tc::audience::teammate) recipients.push_back(n.recipient);
  BOOST_TEST((recipients == std::vector<std::string>{"tom"}));  // the support team's only member
}

BOOST_AUTO_TEST_CASE(S1_the_clock_pauses_while_waiting_on_the_customer) {
  sla_desk f;
  auto id = f.assigned_ticket();
  f.desk->reply(f.tom, id, "Which browser?");
  f.move_to(20);
  f.desk->set_state(f.tom, id, "waiting_on_customer");
  BOOST_TEST(!f.clock_of(id, tc::sla_target::resolution).running_since.has_value());
  BOOST_TEST(f.desk->tick(f.at(500)) == 0u);  // nothing runs out while paused
  f.move_to(120);
  f.desk->set_state(f.tom, id, "in_progress");
  const auto& r = f.clock_of(id, tc::sla_target::resolution);
  BOOST_TEST((r.used == minutes(20)));
  BOOST_TEST((r.due_at == f.at(120 + 80)));
  BOOST_TEST((r.at_risk_at == f.at(120 + 55)));
}

BOOST_AUTO_TEST_CASE(S1_a_reopened_ticket_starts_a_new_resolution_cycle) {
  sla_desk f;
  auto id = f.assigned_ticket();
  f.move_to(30);
  f.desk->set_state(f.tom, id, "resolved");
  BOOST_TEST((f.clock_of(id, tc::sla_target::resolution).met_at == f.at(30)));
  BOOST_TEST((f.clock_of(id, tc::sla_target::first_response).met_at == f.at(30)));  // resolving answers too
  BOOST_TEST(!f.desk->next_due().has_value());
  f.move_to(200);
  f.desk->set_state(f.tom, id, "in_progress");
  const auto& r = f.clock_of(id, tc::sla_target::resolution);
  BOOST_TEST(r.cycle == 2);
  BOOST_TEST(!r.met_at.has_value());
  BOOST_TEST((r.used == minutes(0)));
  BOOST_TEST((r.due_at == f.at(300)));
  BOOST_TEST(f.desk->tick(f.at(300)) == 2u);  // at risk and breached in the new cycle
}

BOOST_AUTO_TEST_CASE(S1_next_response_counts_from_the_first_unanswered_contact_message) {
  sla_desk f;
  auto id = f.assigned_ticket();
  f.move_to(10);
  f.desk->reply(f.tom, id, "Hello");
  f.move_to(50);
  f.desk->reply(f.ann, id, "Still broken");
  BOOST_TEST((f.clock_of(id, tc::sla_target::next_response).due_at == f.at(80)));
  f.move_to(60);
  f.desk->reply(f.ann, id, "Any news?");  // the clock keeps counting from the first message
  BOOST_TEST((f.clock_of(id, tc::sla_target::next_response).due_at == f.at(80)));
  f.move_to(70);
  f.desk->reply(f.tom, id, "Fixed");
  const auto& next = f.clock_of(id, tc::sla_target::next_response);
  BOOST_TEST((next.met_at == f.at(70)));
  BOOST_TEST(next.cycle == 1);
  f.move_to(90);
  f.desk->reply(f.ann, id, "Thanks, one more thing");
  BOOST_TEST(f.clock_of(id, tc::sla_target::next_response).cycle == 2);
}

BOOST_AUTO_TEST_CASE(S1_a_policy_change_recomputes_open_tickets_from_their_history) {
  sla_desk f;
  auto id = f.assigned_ticket();
  auto done = f.assigned_ticket();
  f.move_to(10);
  f.desk->set_state(f.tom, id, "waiting_on_customer");
  f.desk->set_state(f.tom, done, "resolved");
  f.move_to(40);
  f.desk->set_state(f.tom, id, "in_progress");  // 30 minutes paused
  BOOST_TEST((f.clock_of(id, tc::sla_target::resolution).due_at == f.at(130)));
  f.desk->configure(sla_config(R"([{"id": "relaxed", "targets": {"resolution": 300}}])"));
  std::string resolved_before = boost::json::serialize(tc::to_json(f.ticket(done)));
  BOOST_TEST(f.desk->apply_sla_policies(f.tom) == 1u);  // resolved tickets keep their record
  auto t = f.ticket(id);
  BOOST_TEST(t.sla.policy == "relaxed");
  BOOST_TEST((t.sla.find(tc::sla_target::resolution)->due_at == f.at(330)));  // 300 counted, 30 paused
  BOOST_TEST(t.sla.find(tc::sla_target::first_response) == nullptr);
  BOOST_TEST(boost::json::serialize(tc::to_json(f.ticket(done))) == resolved_before);
  bool recorded = false;
  for (const auto& h : f.desk->history(f.tom, id))
    recorded |= h.field == "sla.policy" && h.new_value == "relaxed";
  BOOST_TEST(recorded);
  BOOST_TEST(f.desk->apply_sla_policies(f.tom) == 0u);  // applying again changes nothing
}

BOOST_AUTO_TEST_CASE(S1_a_priority_change_moves_the_ticket_to_the_policy_that_matches_now) {
  sla_desk f;
  auto id = f.assigned_ticket("normal");
  f.move_to(5);
  tc::ticket_changes c;
  c.priority = "urgent";
  f.desk->update_ticket(f.tom, id, c);
  auto t = f.ticket(id);
  BOOST_TEST(t.sla.policy == "urgent");
  BOOST_TEST((t.sla.find(tc::sla_target::resolution)->due_at == f.at(60)));  // from creation, not from the change
}

BOOST_AUTO_TEST_CASE(S2_follow_up_and_action_required_dates_raise_due_events_once) {
  sla_desk f("[]");
  auto id = f.assigned_ticket();
  tc::ticket_changes c;
  c.follow_up_at = f.at(30);
  c.action_required_at = f.at(90);
  f.desk->update_ticket(f.tom, id, c);
  BOOST_TEST((f.desk->next_due() == f.at(30)));
  BOOST_TEST(f.desk->tick(f.at(30)) == 1u);
  BOOST_TEST(f.desk->tick(f.at(60)) == 0u);
  BOOST_TEST(f.desk->tick(f.at(90)) == 1u);
  BOOST_TEST(f.count(tc::event_kind::due_date_reached) == 2u);
  BOOST_TEST(f.events.back().detail.at("field").as_string() == "action_required_at");
  // A moved date is raised again when it comes.
  tc::ticket_changes later;
  later.follow_up_at = f.at(200);
  f.desk->update_ticket(f.tom, id, later);
  BOOST_TEST(f.desk->tick(f.at(199)) == 0u);
  BOOST_TEST(f.desk->tick(f.at(200)) == 1u);
  tc::outbox_filter to_tom;
  to_tom.audience = tc::audience::teammate;
  to_tom.recipient = "tom";
  to_tom.audience = tc::audience::teammate;
  BOOST_TEST(f.desk->outbox(to_tom).size() == 3u);
}

// The Desk's bookkeeping (events raised, idle rules run, the next due
// time) is the store's, never a host's: a teammate sees the service level
// but none of it, in the record or its JSON.
BOOST_AUTO_TEST_CASE(S2_A1_no_host_sees_the_desks_bookkeeping) {
  sla_desk f;
  tc::config c = sla_config(standard_policies);
  tc::rule idle;
  idle.id = "nudge";
  idle.trigger = tc::rule_trigger::idle;
  idle.idle_after = std::chrono::minutes(20);
  tc::rule_action tell;
  tell.kind = tc::rule_action_kind::notify;
  tell.text = "Quiet for 20 minutes";
  idle.actions.push_back(tell);  // tells, changes nothing: the quiet period goes on
  c.rules.push_back(idle);
  f.desk->configure(c);
  auto id = f.assigned_ticket();
  tc::ticket_changes due;
  due.follow_up_at = f.at(30);
  f.desk->update_ticket(f.tom, id, due);
  f.desk->tick(f.at(50));  // the follow-up and the idle rule are raised: bookkeeping set
  const tc::stored_ticket kept = f.stored(id);
  BOOST_TEST(kept.follow_up_raised);
  BOOST_TEST(kept.idle_rules_run.count("nudge") == 1u);
  BOOST_TEST(kept.next_due_at.has_value());
  std::string json = boost::json::serialize(tc::to_json(f.desk->ticket(f.tom, id)));
  BOOST_TEST(json.find("\"sla\"") != std::string::npos);  // a teammate sees the service level
  for (const char* bookkeeping :
       {"follow_up_raised", "action_required_raised", "idle_rules_run", "idle_due_at", "next_due_at", "priority_rank",
        "\"keys\""})
    BOOST_TEST(json.find(bookkeeping) == std::string::npos, bookkeeping);
}

BOOST_AUTO_TEST_CASE(V2_contacts_never_see_service_levels) {
  sla_desk f;
  auto id = f.assigned_ticket();
  tc::ticket_changes c;
  c.follow_up_at = f.at(30);
  f.desk->update_ticket(f.tom, id, c);
  f.desk->tick(f.at(50));
  auto seen = f.desk->ticket(f.ann, id);
  BOOST_TEST(seen.ticket.sla.policy.empty());
  BOOST_TEST(seen.ticket.sla.clocks.empty());
  std::string json = boost::json::serialize(tc::to_json(seen));
  for (const char* secret : {"sla", "next_due_at", "follow_up", "standard"})
    BOOST_TEST(json.find(secret) == std::string::npos, secret);
  // No contact is told of service levels or due dates.
  tc::outbox_filter to_ann;
  to_ann.audience = tc::audience::contact;
  to_ann.recipient = "a";
  to_ann.audience = tc::audience::contact;
  for (const auto& n : f.desk->outbox(to_ann)) {
    BOOST_TEST((n.audience == tc::audience::contact));
    BOOST_TEST((n.kind != tc::notification_kind::sla_at_risk && n.kind != tc::notification_kind::follow_up_due));
  }
}

BOOST_AUTO_TEST_CASE(S1_policies_are_validated_with_every_problem_named) {
  auto r = attempt([] {
    sla_config(R"([{"id": "p", "conditions": {"priorities": ["asap"], "types": ["nope"], "channels": ["fax"]},
                    "targets": {"first_response": 0, "eventually": 5}, "at_risk_share": 1.5},
                   {"id": "p", "targets": {}}])");
  });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  for (const char* field : {"sla_policies[0].conditions.priorities", "sla_policies[0].conditions.types",
                            "sla_policies[0].conditions.channels", "sla_policies[0].targets.first_response",
                            "sla_policies[0].targets.eventually", "sla_policies[0].at_risk_share",
                            "sla_policies[1].id", "sla_policies[1].targets"})
    BOOST_TEST(has(r.fields, field), field << " in: " << r.message);
}

namespace {

// Berlin office hours with a lunch break, Monday to Friday; 8 business hours
// to resolve; at risk after 6.
const char* office_calendar(const char* holidays) {
  static std::string text;
  text = std::string(R"({"id": "berlin", "time_zone": "Europe/Berlin", "holidays": )") + holidays + R"(, "periods": [)";
  const char* days[] = {"monday", "tuesday", "wednesday", "thursday", "friday"};
  for (const char* d : days) {
    text += std::string(R"({"weekday": ")") + d + R"(", "start": "09:00", "end": "12:00"},)";
    text += std::string(R"({"weekday": ")") + d + R"(", "start": "13:00", "end": "17:00"},)";
  }
  text.back() = ']';
  text += "}";
  return text.c_str();
}

tc::config office_config(const char* holidays = "[]") {
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["calendars"] = boost::json::array{boost::json::parse(office_calendar(holidays))};
  doc["sla_policies"] = boost::json::parse(
      R"([{"id": "office", "calendar": "berlin", "targets": {"resolution": 480}}])");
  return tc::parse_config(boost::json::value(doc));
}

tc::ticket created_at(desk_fixture& f, const char* utc) {
  f.clock->set(tc::parse_time(utc));
  return f.desk->create_ticket(f.tom, f.customer_ticket("a")).ticket;
}

}  // namespace

BOOST_AUTO_TEST_CASE(S1_business_hours_skip_the_lunch_break_and_the_weekend) {
  desk_fixture f;
  f.desk->configure(office_config());
  // Friday 16:00 in Berlin: 1 hour on Friday, then Monday 09-12 and 13-17.
  auto t = created_at(f, "2026-11-20T15:00:00Z");
  const tc::sla_clock* r = t.sla.find(tc::sla_target::resolution);
  BOOST_REQUIRE(r != nullptr);
  BOOST_TEST(tc::format_time(*r->due_at) == "2026-11-23T16:00:00.000Z");      // Monday 17:00 Berlin
  BOOST_TEST(tc::format_time(*r->at_risk_at) == "2026-11-23T14:00:00.000Z");  // 6 h: Monday 15:00
}

BOOST_AUTO_TEST_CASE(S1_business_hours_skip_a_holiday) {
  desk_fixture f;
  f.desk->configure(office_config(R"(["2026-11-23"])"));
  auto t = created_at(f, "2026-11-20T15:00:00Z");
  BOOST_TEST(tc::format_time(*t.sla.find(tc::sla_target::resolution)->due_at) ==
             "2026-11-24T16:00:00.000Z");  // the Monday is a holiday: Tuesday 17:00
}

BOOST_AUTO_TEST_CASE(S1_business_hours_follow_daylight_saving_time) {
  desk_fixture f;
  f.desk->configure(office_config());
  // Friday 2026-03-27 16:00 CET (UTC+1); clocks go forward on Sunday, so
  // Monday 17:00 is CEST (UTC+2): 15:00 UTC, not 16:00.
  auto t = created_at(f, "2026-03-27T15:00:00Z");
  BOOST_TEST(tc::format_time(*t.sla.find(tc::sla_target::resolution)->due_at) == "2026-03-30T15:00:00.000Z");
}

BOOST_AUTO_TEST_CASE(S1_a_pause_outside_business_hours_costs_nothing) {
  desk_fixture f;
  f.desk->configure(office_config());
  auto t = created_at(f, "2026-11-20T15:00:00Z");  // Friday 16:00 Berlin
  f.clock->set(tc::parse_time("2026-11-20T15:30:00Z"));
  f.desk->set_state(f.tom, t.id, "waiting_on_customer");  // 30 business minutes used
  f.clock->set(tc::parse_time("2026-11-23T10:00:00Z"));    // Monday 11:00 Berlin
  auto back = f.desk->set_state(f.tom, t.id, "in_progress").ticket;
  const tc::sla_clock* r = back.sla.find(tc::sla_target::resolution);
  BOOST_TEST((r->used == std::chrono::minutes(30)));
  // 7.5 h left from Monday 11:00: 11-12 (1 h), 13-17 (4 h), Tuesday 09:00-11:30 (2.5 h).
  BOOST_TEST(tc::format_time(*r->due_at) == "2026-11-24T10:30:00.000Z");
}

BOOST_AUTO_TEST_CASE(S1_calendars_are_validated_with_every_problem_named) {
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["calendars"] = boost::json::parse(R"([{"id": "x", "time_zone": "Mars/Olympus",
      "periods": [{"weekday": "funday", "start": "9am", "end": "17:00"}], "holidays": ["2026-02-30"]}])");
  doc["sla_policies"] = boost::json::parse(R"([{"id": "p", "calendar": "nowhere", "targets": {"resolution": 60}}])");
  auto r = attempt([&] { tc::parse_config(boost::json::value(doc)); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  for (const char* field : {"calendars[0].periods[0].weekday", "calendars[0].periods[0].start",
                            "sla_policies[0].calendar"})
    BOOST_TEST(has(r.fields, field), field << " in: " << r.message);
}
