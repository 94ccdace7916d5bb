// Ticket forms (C5, V4): sent in a conversation, filled in once by its
// contact, creating and linking the customer ticket in one unit of work.
#define BOOST_TEST_MODULE forms
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

struct form_desk : desk_fixture {
  tc::conversation_view conv = conversation("a", "My export is broken");
  tc::part form = desk->send_form(tom, conv.conversation.id, "bug_report");
};

}  // namespace

BOOST_AUTO_TEST_CASE(C5_a_submitted_form_creates_the_linked_customer_ticket) {
  form_desk f;
  auto v = f.desk->submit_form(f.ann, f.conv.conversation.id, f.form.id, {{"browser", "firefox"}});
  BOOST_TEST(v.customer_view);  // the contact gets their own view back
  auto t = f.desk->ticket(f.tom, v.ticket.id).ticket;
  BOOST_TEST(t.type == "bug_report");
  BOOST_TEST(t.contact == "a");
  BOOST_TEST(t.title == "My export is broken");  // the conversation's subject
  BOOST_TEST(t.attributes.at("browser").as_string() == "firefox");
  BOOST_TEST(linked(*f.desk, f.conv.conversation.id, t.id, tc::link_kind::customer_ticket));
  tc::outbox_filter to_ann;
  to_ann.audience = tc::audience::contact;
  to_ann.recipient = "a";
  to_ann.ticket = t.id;
  BOOST_TEST(f.desk->outbox(to_ann).size() == 2u);  // N1: created, by email and messenger
}

BOOST_AUTO_TEST_CASE(V4_the_contact_sees_only_the_customer_editable_fields) {
  form_desk f;
  auto seen = f.desk->conversation(f.ann, f.conv.conversation.id);
  auto form = std::find_if(seen.timeline.begin(), seen.timeline.end(),
                           [](const tc::part& p) { return p.kind == tc::part_kind::form; });
  BOOST_REQUIRE(form != seen.timeline.end());
  const auto& fields = form->data.at("fields").as_array();
  BOOST_REQUIRE(fields.size() == 1u);  // browser; never severity or internal_triage
  BOOST_TEST(fields[0].at("key").as_string() == "browser");
  BOOST_TEST(fields[0].at("required").as_bool());
  std::string text = boost::json::serialize(tc::to_json(seen));
  for (const char* hidden : {"severity", "internal_triage"}) BOOST_TEST(text.find(hidden) == std::string::npos, hidden);
}

BOOST_AUTO_TEST_CASE(C5_a_form_is_submitted_once) {
  form_desk f;
  f.desk->submit_form(f.ann, f.conv.conversation.id, f.form.id, {{"browser", "safari"}});
  std::string before = snapshot(*f.desk);
  auto r = attempt([&] { f.desk->submit_form(f.ann, f.conv.conversation.id, f.form.id, {{"browser", "chrome"}}); });
  BOOST_TEST(r.thrown);
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(r.message.find("already submitted") != std::string::npos, r.message);
  BOOST_TEST(snapshot(*f.desk) == before);
  // ... and no second form goes to a conversation that has its ticket (K1).
  BOOST_TEST((attempt([&] { f.desk->send_form(f.tom, f.conv.conversation.id, "bug_report"); }).kind ==
              tc::errc::link_limit));
}

BOOST_AUTO_TEST_CASE(V4_bad_submissions_are_named_and_change_nothing) {
  form_desk f;
  std::string before = snapshot(*f.desk);
  auto missing = attempt([&] { f.desk->submit_form(f.ann, f.conv.conversation.id, f.form.id, {}); });
  BOOST_TEST((missing.kind == tc::errc::validation_failed));
  BOOST_TEST(has(missing.fields, "attributes.browser"), missing.message);
  auto internal = attempt([&] {
    f.desk->submit_form(f.ann, f.conv.conversation.id, f.form.id, {{"browser", "safari"}, {"severity", 1}});
  });
  BOOST_TEST(internal.thrown);  // severity is not the contact's to set
  BOOST_TEST((internal.kind == tc::errc::forbidden || internal.kind == tc::errc::validation_failed));
  auto teammate = attempt([&] { f.desk->submit_form(f.tom, f.conv.conversation.id, f.form.id, {{"browser", "safari"}}); });
  BOOST_TEST((teammate.kind == tc::errc::forbidden));
  auto stranger = attempt([&] { f.desk->submit_form(f.bob, f.conv.conversation.id, f.form.id, {{"browser", "safari"}}); });
  BOOST_TEST((stranger.kind == tc::errc::not_found));  // V3: Bob cannot see Ann's conversation
  auto unknown = attempt([&] { f.desk->submit_form(f.ann, f.conv.conversation.id, tc::new_id(), {{"browser", "safari"}}); });
  BOOST_TEST((unknown.kind == tc::errc::not_found));
  BOOST_TEST(snapshot(*f.desk) == before);
}

BOOST_AUTO_TEST_CASE(C5_only_staff_send_forms_for_customer_types) {
  desk_fixture f;
  auto conv = f.conversation("a");
  BOOST_TEST((attempt([&] { f.desk->send_form(f.ann, conv.conversation.id, "bug_report"); }).kind == tc::errc::forbidden));
  BOOST_TEST((attempt([&] { f.desk->send_form(f.tom, conv.conversation.id, "bug"); }).kind == tc::errc::invalid_argument));
  BOOST_TEST((attempt([&] { f.desk->send_form(f.tom, conv.conversation.id, "legacy"); }).kind == tc::errc::invalid_argument));
  BOOST_TEST((attempt([&] { f.desk->send_form(f.tom, conv.conversation.id, "nope"); }).kind == tc::errc::validation_failed));
}
