// Identity (V5): contacts and teammates are separate namespaces, so every
// recipient and author says which it is; and the authors a contact is shown
// never name anything internal (V2): a rule speaks as the record's brand.
#define BOOST_TEST_MODULE identity
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

using namespace testing;

namespace {

// The scenario desk plus contact "sam" and teammate "sam" (two people), and
// rules whose ids must never reach a contact.
tc::config shared_id_config() {
  boost::json::object doc = boost::json::parse(scenario_config).as_object();
  doc["contacts"].as_array().push_back({{"id", "sam"}, {"name", "Sam Customer"}, {"email", "sam@client.test"}});
  doc["teammates"].as_array().push_back(
      {{"id", "sam"}, {"name", "Sam Agent"}, {"email", "sam@desk.test"}, {"teams", boost::json::array{"support"}}});
  doc["rules"] = boost::json::parse(R"([
    {"id": "zq-escalate-17", "trigger": "ticket_created",
     "actions": [{"action": "set_state", "state": "in_progress"},
                 {"action": "notify", "teammate": "sam", "text": "VIP customer: internal handling"}]},
    {"id": "zq-chat-form-17", "trigger": "conversation_created",
     "actions": [{"action": "send_form", "type": "bug_report"}]}])");
  return tc::parse_config(boost::json::value(doc));
}

struct shared_id_desk : desk_fixture {
  tc::actor sam_contact = tc::actor::contact("sam");
  tc::actor sam_teammate = tc::actor::teammate("sam");
  shared_id_desk() { desk->configure(shared_id_config()); }

  // A customer ticket of contact sam assigned to teammate sam.
  tc::uuid ticket_for_sam(const std::string& brand = "acme") {
    auto t = customer_ticket("sam", "Cannot log in");
    t.assignee = "sam";
    t.brand = brand;
    return desk->create_ticket(tom, t).ticket.id;
  }

  std::vector<tc::notification> outbox_of(tc::audience a, const std::string& id) {
    tc::outbox_filter f;
    f.audience = a;
    f.recipient = id;
    return desk->outbox(f);
  }
};

bool all_of_audience(const std::vector<tc::notification>& ns, tc::audience a) {
  return std::all_of(ns.begin(), ns.end(), [&](const tc::notification& n) { return n.audience == a; });
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(V5_N5_a_contact_and_a_teammate_sharing_an_id_have_separate_outboxes, shared_id_desk) {
  ticket_for_sam();
  auto to_contact = outbox_of(tc::audience::contact, "sam");
  auto to_teammate = outbox_of(tc::audience::teammate, "sam");
  // The contact is told of the creation (N1) and the rule's state change
  // (N2), on both channels; the teammate gets the rule's notice alone.
  BOOST_TEST(to_contact.size() == 4u);
  BOOST_TEST(all_of_audience(to_contact, tc::audience::contact));
  for (const auto& n : to_contact) {
    BOOST_TEST((n.kind != tc::notification_kind::rule_notice));
    BOOST_TEST(boost::json::serialize(n.payload).find("internal handling") == std::string::npos);
  }
  BOOST_REQUIRE(to_teammate.size() == 1u);
  BOOST_TEST((to_teammate[0].kind == tc::notification_kind::rule_notice));
  BOOST_TEST(all_of_audience(to_teammate, tc::audience::teammate));
  // The recipient's kind travels with it, in the JSON the C ABI and the
  // notifier see, and in the idempotency key hosts dedupe on.
  BOOST_TEST(tc::to_json(to_teammate[0]).at("audience").as_string() == "teammate");
  BOOST_TEST(tc::to_json(to_contact[0]).at("audience").as_string() == "contact");
  BOOST_TEST(to_teammate[0].idempotency_key.ends_with("/teammate:sam"), to_teammate[0].idempotency_key);
  for (const auto& n : to_contact) BOOST_TEST(n.idempotency_key.ends_with("/contact:sam"), n.idempotency_key);
}

BOOST_FIXTURE_TEST_CASE(V5_N5_an_outbox_recipient_without_its_audience_is_refused, shared_id_desk) {
  ticket_for_sam();
  tc::outbox_filter f;
  f.recipient = "sam";
  auto r = attempt([&] { desk->outbox(f); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(r.message.find("audience") != std::string::npos, r.message);
  f.recipient.reset();
  f.audience = tc::audience::teammate;  // an audience alone is a fine filter
  BOOST_TEST(desk->outbox(f).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(V5_N5_dispatch_hands_the_notifier_each_recipient_with_its_kind, shared_id_desk) {
  ticket_for_sam();
  recording_notifier n;
  desk->dispatch_notifications(&n);
  std::size_t teammate_mail = 0;
  for (const auto& d : n.delivered) {
    BOOST_TEST(d.recipient == "sam");
    if (d.audience == tc::audience::teammate) ++teammate_mail;
    else BOOST_TEST((d.kind != tc::notification_kind::rule_notice));
  }
  BOOST_TEST(n.delivered.size() == 5u);
  BOOST_TEST(teammate_mail == 1u);
}

// Entries written before the audience was stored read back with the one
// their kind always had: teammates hear of rules, service levels and due dates.
BOOST_AUTO_TEST_CASE(V5_N5_entries_stored_without_an_audience_get_the_one_their_kind_had) {
  tc::notification n;
  n.id = tc::new_id();
  n.recipient = "sam";
  n.ticket = tc::new_id();
  n.idempotency_key = "k";
  for (auto kind : {tc::notification_kind::sla_breached, tc::notification_kind::rule_notice,
                    tc::notification_kind::follow_up_due, tc::notification_kind::ticket_created,
                    tc::notification_kind::reply, tc::notification_kind::ticket_merged}) {
    n.kind = kind;
    boost::json::object old = tc::to_json(n).as_object();
    old.erase("audience");
    const bool for_teammates = kind == tc::notification_kind::sla_breached ||
                               kind == tc::notification_kind::rule_notice ||
                               kind == tc::notification_kind::follow_up_due;
    BOOST_TEST_CONTEXT(tc::to_string(kind)) {
      BOOST_TEST((tc::notification_from_json(old).audience ==
                  (for_teammates ? tc::audience::teammate : tc::audience::contact)));
    }
  }
}

// V2, V5: a contact never learns a rule's id. Automation and the system
// speak as the record's brand, else as "automation" or "system"; teammates
// still see who acted.
BOOST_FIXTURE_TEST_CASE(V2_V5_a_rule_shows_to_contacts_as_the_brand_and_its_id_never_reaches_them, shared_id_desk) {
  auto branded = ticket_for_sam("acme");
  auto unbranded = ticket_for_sam("");
  auto conv = desk->create_conversation(tom, {"sam", tc::channel::chat, "acme", "", "Hello"});
  desk->set_state(tc::actor::system(), branded, "resolved");
  desk->set_state(tc::actor::system(), unbranded, "resolved");

  auto author_of = [](const std::vector<tc::part>& timeline, tc::part_kind kind, tc::actor_kind by) {
    for (const auto& p : timeline)
      if (p.kind == kind && p.author.kind == by) return p.author.id;
    return std::string("(none)");
  };
  auto seen = desk->ticket(sam_contact, branded).timeline;
  BOOST_TEST(author_of(seen, tc::part_kind::event, tc::actor_kind::automation) == "Acme");
  BOOST_TEST(author_of(seen, tc::part_kind::event, tc::actor_kind::system) == "Acme");
  seen = desk->ticket(sam_contact, unbranded).timeline;
  BOOST_TEST(author_of(seen, tc::part_kind::event, tc::actor_kind::automation) == "automation");
  BOOST_TEST(author_of(seen, tc::part_kind::event, tc::actor_kind::system) == "system");
  seen = desk->conversation(sam_contact, conv.conversation.id).timeline;
  BOOST_TEST(author_of(seen, tc::part_kind::form, tc::actor_kind::automation) == "Acme");
  // The team sees who acted.
  auto staff = desk->ticket(tom, branded).timeline;
  BOOST_TEST(author_of(staff, tc::part_kind::event, tc::actor_kind::automation) == "zq-escalate-17");
  BOOST_TEST(author_of(desk->conversation(tom, conv.conversation.id).timeline, tc::part_kind::form,
                       tc::actor_kind::automation) == "zq-chat-form-17");

  // Nothing the contact can read names a rule: views, inbox, notifications.
  std::string told;
  for (const auto& id : {branded, unbranded}) told += boost::json::serialize(tc::to_json(desk->ticket(sam_contact, id)));
  told += boost::json::serialize(tc::to_json(desk->conversation(sam_contact, conv.conversation.id)));
  tc::inbox_filter everything;
  everything.limit = 1000;
  for (const auto& item : desk->inbox(sam_contact, everything)) told += boost::json::serialize(tc::to_json(item));
  for (const auto& n : outbox_of(tc::audience::contact, "sam")) told += boost::json::serialize(tc::to_json(n));
  BOOST_TEST(told.find("zq-") == std::string::npos, told);
  BOOST_TEST(told.find("Acme") != std::string::npos);  // the check reads what a contact reads
}

// V2, V5: a customer message shows only when a contact wrote it; a teammate
// who shares the contact's id is someone else. (The Desk makes a teammate's
// words a reply; this one is written to the store directly, as a host's
// import or a damaged record might.)
BOOST_FIXTURE_TEST_CASE(V2_V5_a_customer_message_shows_to_its_contact_by_kind_and_id, shared_id_desk) {
  auto id = ticket_for_sam();
  desk->reply(sam_contact, id, "Any news?");
  tc::part forged;
  forged.id = tc::new_id();
  forged.owner = id;
  forged.kind = tc::part_kind::customer_message;
  forged.internal = false;
  forged.author = sam_teammate;
  forged.body = "Sam Agent's xylophone words";
  forged.created_at = clock->now();
  {
    auto w = store->begin(tc::access::write);
    auto owner = w->get_ticket(forged.owner);
    w->append_part(forged, tc::part_keys_of(forged, owner ? &owner->contact : nullptr));
    w->commit();
  }
  std::size_t messages = 0;
  for (const auto& p : desk->ticket(sam_contact, id).timeline)
    if (p.kind == tc::part_kind::customer_message) {
      ++messages;
      BOOST_TEST((p.author == sam_contact));
    }
  BOOST_TEST(messages == 1u);
  // Nor does a contact's search find the teammate's words (V1).
  tc::ticket_query q;
  q.text = "xylophone";
  BOOST_TEST(desk->find_tickets(sam_contact, q).tickets.empty());
  BOOST_TEST(desk->find_tickets(tom, q).tickets.size() == 1u);
}
