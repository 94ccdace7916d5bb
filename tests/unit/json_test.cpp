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
