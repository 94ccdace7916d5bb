// Records survive the JSON round trip that storage backends and the C ABI rely on.
#define BOOST_TEST_MODULE json
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

template <class Record, class Parse>
void round_trips(const Record& r, Parse parse) {
  auto first = boost::json::serialize(tc::to_json(r));
  auto again = boost::json::serialize(tc::to_json(parse(tc::to_json(r))));
  BOOST_TEST(first == again);
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(records_round_trip, desk_fixture) {
  auto conv = conversation("a");
  auto t = desk->convert_conversation(tom, conv.conversation.id, customer_ticket("a"));
  desk->update_ticket(tom, t.ticket.id, [] {
    tc::ticket_changes c;
    c.add_tags = {"vip", "billing"};
    c.follow_up_at = t0() + std::chrono::hours(24);
    return c;
  }());
  auto tracker = desk->create_linked_ticket(tom, t.ticket.id, ticket_of("bug", "Export"));
  desk->add_external_link(tom, tracker.ticket.id, {"feedback", "post-17", "https://example.test/p/17"});
  desk->add_note(tom, tracker.ticket.id, "cause found");
  desk->set_state(tom, tracker.ticket.id, "done");
  desk->rate(ann, t.ticket.id, 5, "quick");

  auto view = desk->ticket(tom, t.ticket.id);
  round_trips(view.ticket, tc::ticket_from_json);
  round_trips(desk->conversation(tom, conv.conversation.id).conversation, tc::conversation_from_json);
  for (const auto& p : desk->conversation(tom, conv.conversation.id).timeline) round_trips(p, tc::part_from_json);
  for (const auto& l : desk->links(tom, tracker.ticket.id)) round_trips(l, tc::link_from_json);
  for (const auto& h : desk->history(tom, t.ticket.id)) round_trips(h, tc::history_from_json);
  for (const auto& n : desk->outbox()) round_trips(n, tc::notification_from_json);
  BOOST_TEST(view.ticket.rating.has_value());
  BOOST_TEST(view.ticket.tags.size() == 2u);
}

BOOST_AUTO_TEST_CASE(bad_records_name_the_field) {
  auto r = attempt([] { tc::ticket_from_json(boost::json::parse(R"({"id": "nope"})")); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(r.message.find("ticket.id") != std::string::npos);
  auto p = attempt([] { tc::part_from_json(boost::json::parse("[1, 2]")); });
  BOOST_TEST((p.kind == tc::errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(ids_read_back_from_their_text_and_bad_text_is_named) {
  for (int i = 0; i < 100; ++i) {
    const tc::uuid id = tc::new_id();
    BOOST_TEST(tc::parse_id(tc::to_string(id)) == id);
  }
  const tc::uuid id = tc::parse_id("0192D3C4-5B6A-7C8D-9E0F-A1B2C3D4E5F6");
  BOOST_TEST(tc::to_string(id) == "0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6");
  for (const char* bad : {"0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f",  "0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5fg",
                          "0192d3c45-b6a-7c8d-9e0f-a1b2c3d4e5f6", "{0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5}",
                          "0192d3c4+5b6a-7c8d-9e0f-a1b2c3d4e5f6", ""}) {
    try {
      tc::parse_id(bad, "ticket");
      BOOST_FAIL("accepted " << bad);
    } catch (const tc::error& e) {
      BOOST_TEST((e.kind() == tc::errc::invalid_argument));
      BOOST_TEST(std::string(e.what()).rfind("ticket", 0) == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(times_format_as_fixed_width_utc_and_read_back) {
  BOOST_TEST(tc::format_time(tc::parse_time("2026-11-23T09:30:05.042Z")) == "2026-11-23T09:30:05.042Z");
  BOOST_TEST(tc::format_time(tc::time_point{}) == "1970-01-01T00:00:00.000Z");
  BOOST_TEST(tc::format_time(tc::time_point{std::chrono::milliseconds(-1)}) == "1969-12-31T23:59:59.999Z");
  BOOST_TEST(tc::format_time(tc::parse_time("2000-02-29T23:59:59.999Z")) == "2000-02-29T23:59:59.999Z");
  // Every millisecond of a leap day and across years reads back to itself.
  for (std::int64_t ms = 951782400000; ms < 951868800000; ms += 86399999 / 97) {
    const tc::time_point t{std::chrono::milliseconds(ms)};
    BOOST_TEST((tc::parse_time(tc::format_time(t)) == t), tc::format_time(t));
  }
}

namespace {

tc::time_point at(const char* text) { return tc::parse_time(text); }

// A ticket with every member set, the Desk's bookkeeping included.
tc::stored_ticket full_ticket() {
  tc::stored_ticket t;
  t.id = tc::parse_id("0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6");
  t.number = 7;
  t.type = "question";
  t.title = "T";
  t.description = "D";
  t.state = "open";
  t.state_category = tc::state_category::in_progress;
  t.priority = "high";
  t.contact = "ann";
  t.company = "acme";
  t.brand = "b";
  t.assignee = "tom";
  t.team = "t1";
  t.owner = "tom";
  t.tags = {"b", "a"};
  t.channel = tc::channel::email;
  t.created_at = at("2026-11-23T09:00:00Z");
  t.updated_at = at("2026-11-23T10:00:00Z");
  t.action_required_at = at("2026-11-24T09:00:00Z");
  t.attributes = {{"x", 1}};
  t.rating = tc::rating{5, "ok", at("2026-11-23T11:00:00Z")};
  tc::sla_clock clock;
  clock.used = std::chrono::minutes(1);
  clock.running_since = t.created_at;
  clock.breached = true;
  t.sla = {"p", {clock}};
  t.follow_up_raised = true;
  t.idle_rules_run = {"r1"};
  t.next_due_at = at("2026-11-25T09:00:00Z");
  t.version = 3;
  return t;
}

}  // namespace

// The forms derived from the records' descriptions are byte for byte the
// forms stores hold: member order, bookkeeping written only when set,
// "private" for sharing::private_, "used_ms", "old" and "new".
BOOST_AUTO_TEST_CASE(record_forms_are_byte_for_byte_the_stored_forms) {
  const std::string ticket =
      R"({"id":"0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6","number":7,"type":"question","category":"customer",)"
      R"("title":"T","description":"D","state":"open","state_category":"in_progress","priority":"high",)"
      R"("contact":"ann","company":"acme","brand":"b","sharing":"private","assignee":"tom","team":"t1",)"
      R"("owner":"tom","tags":["a","b"],"channel":"email","created_at":"2026-11-23T09:00:00.000Z",)"
      R"("updated_at":"2026-11-23T10:00:00.000Z","follow_up_at":null,"action_required_at":"2026-11-24T09:00:00.000Z",)"
      R"("attributes":{"x":1},"version":3,"rating":{"score":5,"comment":"ok","at":"2026-11-23T11:00:00.000Z"},)"
      R"("sla":{"policy":"p","clocks":[{"target":"resolution","cycle":1,"used_ms":60000,)"
      R"("running_since":"2026-11-23T09:00:00.000Z","at_risk_at":null,"due_at":null,"met_at":null,)"
      R"("at_risk":false,"breached":true}]},"follow_up_raised":true,"idle_rules_run":["r1"],)"
      R"("next_due_at":"2026-11-25T09:00:00.000Z"})";
  BOOST_TEST(boost::json::serialize(tc::to_stored_json(full_ticket())) == ticket);
  BOOST_TEST(boost::json::serialize(tc::to_stored_json(tc::stored_ticket_from_json(boost::json::parse(ticket)))) ==
             ticket);
  // What hosts get is the ticket part: the bookkeeping is not in it.
  const std::string host = boost::json::serialize(tc::to_json(static_cast<const tc::ticket&>(full_ticket())));
  BOOST_TEST(host == ticket.substr(0, ticket.find(R"(,"follow_up_raised")")) + "}");

  // Without bookkeeping, none of its keys.
  tc::stored_ticket plain = full_ticket();
  plain.rating.reset();
  plain.sla = {};
  plain.follow_up_raised = false;
  plain.idle_rules_run.clear();
  plain.next_due_at.reset();
  const std::string plain_text = boost::json::serialize(tc::to_stored_json(plain));
  BOOST_TEST(plain_text.ends_with(R"("attributes":{"x":1},"version":3})"));

  // Stored forms of before the split read: the rank a store held at the top
  // level, and the keys a C backend kept beside the record, are skipped.
  boost::json::object older = boost::json::parse(ticket).as_object();
  older["priority_rank"] = 2;
  older["keys"] = tc::to_json(tc::keys_of(full_ticket(), tc::config{}));
  BOOST_TEST(boost::json::serialize(tc::to_stored_json(tc::stored_ticket_from_json(older))) == ticket);
  // A host's ticket has no such keys: the host form's reader refuses them.
  BOOST_TEST((attempt([&] { tc::ticket_from_json(older); }).kind == tc::errc::invalid_argument));

  tc::link external;
  external.id = plain.id;
  external.kind = tc::link_kind::external;
  external.from = plain.id;
  external.to_kind = tc::endpoint_kind::external;
  external.external = tc::external_ref{"feedback", "post-17", "https://example.test/p/17"};
  external.created_by = tc::actor::teammate("tom");
  external.created_at = plain.created_at;
  BOOST_TEST(boost::json::serialize(tc::to_json(external)) ==
             R"({"id":"0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6","kind":"external",)"
             R"("from":"0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6","from_kind":"ticket","to_kind":"external",)"
             R"("created_by":{"kind":"teammate","id":"tom"},"created_at":"2026-11-23T09:00:00.000Z",)"
             R"("external":{"kind":"feedback","external_id":"post-17","url":"https://example.test/p/17"}})");

  tc::history_entry h;
  h.id = plain.id;
  h.subject = plain.id;
  h.at = plain.created_at;
  h.field = "state";
  h.old_value = "new";
  h.new_value = nullptr;
  BOOST_TEST(boost::json::serialize(tc::to_json(h)) ==
             R"({"id":"0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6","subject":"0192d3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6",)"
             R"("actor":{"kind":"system"},"at":"2026-11-23T09:00:00.000Z","field":"state","old":"new","new":null})");
}

// The one strict reader: every member is checked, and each problem names
// its path, what was expected and what was found.
BOOST_AUTO_TEST_CASE(record_reads_name_the_path_of_each_problem) {
  const boost::json::object good = tc::to_json(static_cast<const tc::ticket&>(full_ticket())).as_object();
  auto read = [](boost::json::object o) { return attempt([&] { tc::ticket_from_json(o); }); };

  boost::json::object unknown = good;
  unknown["colour"] = "red";
  auto r = read(unknown);
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(r.message == "ticket.colour: unknown key");
  BOOST_TEST((r.fields == std::vector<std::string>{"ticket.colour"}));

  boost::json::object missing = good;
  missing.erase("title");
  BOOST_TEST(read(missing).message == "ticket.title: missing (expected a string)");

  boost::json::object wrong = good;
  wrong["sla"].as_object()["clocks"].as_array()[0].as_object()["due_at"] = 5;
  BOOST_TEST(read(wrong).message ==
             "ticket.sla.clocks[0].due_at: expected an ISO 8601 time like 2026-11-24T09:00:00Z, found the number 5");

  boost::json::object bad_enum = good;
  bad_enum["sharing"] = "public";
  BOOST_TEST(read(bad_enum).message == "ticket.sharing: expected one of private or company, found the string 'public'");

  boost::json::object too_big = good;
  too_big["rating"].as_object()["score"] = 1LL << 40;
  BOOST_TEST(read(too_big).message.starts_with("ticket.rating.score: expected an integer from -2147483648 to 2147483647"));

  // Notifications written before the audience was stored read with the one
  // their kind always had.
  tc::notification n;
  n.kind = tc::notification_kind::sla_breached;
  n.audience = tc::audience::teammate;
  boost::json::object old = tc::to_json(n).as_object();
  old.erase("audience");
  BOOST_TEST((tc::notification_from_json(old).audience == tc::audience::teammate));
}

BOOST_AUTO_TEST_CASE(enum_names_come_from_their_descriptions) {
  BOOST_TEST(tc::to_string(tc::sharing::private_) == std::string("private"));
  BOOST_TEST((tc::parse_sharing("private") == tc::sharing::private_));
  BOOST_TEST(!tc::parse_sharing("private_").has_value());
  BOOST_TEST(tc::to_string(tc::link_kind::merged_into) == std::string("merged_into"));
  BOOST_TEST(tc::to_string(static_cast<tc::link_kind>(99)) == std::string("unknown"));
  for (auto k : {tc::notification_kind::ticket_created, tc::notification_kind::ticket_merged})
    BOOST_TEST((tc::parse_notification_kind(tc::to_string(k)) == k));
}
