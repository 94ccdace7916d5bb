// Visibility, the security core: V1-V5, tried adversarially. Every hidden
// text in these tests carries the marker "SECRET", so a contact's view is
// serialised and searched for it: a leak through any field shows.
#define BOOST_TEST_MODULE visibility
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace testing;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

std::string text(const tc::ticket_view& v) { return json::serialize(tc::to_json(v)); }
std::string text(const tc::conversation_view& v) { return json::serialize(tc::to_json(v)); }
std::string text(const tc::inbox_item& i) { return json::serialize(tc::to_json(i)); }
std::string text(const tc::link& l) { return json::serialize(tc::to_json(l)); }

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

bool has_body(const std::vector<tc::part>& timeline, const std::string& body) {
  for (const auto& p : timeline)
    if (p.body == body) return true;
  return false;
}

bool any_body_contains(const std::vector<tc::part>& timeline, const std::string& needle) {
  for (const auto& p : timeline)
    if (contains(p.body, needle)) return true;
  return false;
}

// V2: nothing internal in a contact's timeline, and no origin ticket.
void check_public_timeline(const std::vector<tc::part>& timeline) {
  for (const auto& p : timeline) {
    BOOST_TEST(!p.internal);
    BOOST_TEST((p.kind != tc::part_kind::note));
    BOOST_TEST(!p.origin_ticket.has_value());
    BOOST_TEST(!contains(p.body, "SECRET"));
  }
}

std::set<tc::uuid> ids(const std::vector<tc::inbox_item>& items) {
  std::set<tc::uuid> out;
  for (const auto& i : items) out.insert(i.id);
  return out;
}

tc::inbox_filter everything() {
  tc::inbox_filter f;
  f.limit = 100000;
  return f;
}

// Replaces every occurrence of `what` in `s` by "<ref>".
std::string neutral(std::string s, const std::string& what) {
  for (auto at = s.find(what); !what.empty() && at != std::string::npos; at = s.find(what, at))
    s.replace(at, what.size(), "<ref>");
  return s;
}

// V3: asking for a hidden record answers exactly as asking for a missing one,
// with the same message once the reference itself is taken out: not_found,
// never forbidden because of the record. An operation closed to contacts
// answers the op table's forbidden (U1) before it reads any record, the
// same for both. `call` runs the operation on the reference given.
template <class Ref>
void same_as_missing(const std::string& what, const std::function<void(const Ref&)>& call, const Ref& hidden,
                     const std::string& hidden_text, const Ref& missing, const std::string& missing_text) {
  BOOST_TEST_CONTEXT(what) {
    auto h = attempt([&] { call(hidden); });
    auto m = attempt([&] { call(missing); });
    BOOST_TEST(h.thrown);
    const bool closed = h.message.ends_with("(U1)");
    const tc::errc expected = closed ? tc::errc::forbidden : tc::errc::not_found;
    BOOST_TEST((h.kind == expected), "hidden record answered " << tc::to_string(h.kind) << ": " << h.message);
    BOOST_TEST((m.kind == expected));
    BOOST_TEST(neutral(h.message, hidden_text) == neutral(m.message, missing_text));
  }
}

}  // namespace

// Contacts a and b work at initech, c at umbrella, d has no company.
struct sharing_fixture : desk_fixture {
  tc::uuid a_private, a_shared, b_private, b_shared, c_shared, d_own, bo_for_a, tracker_for_a;
  tc::uuid conv_a, conv_b;

  tc::uuid make(const std::string& contact, const std::string& title, tc::sharing s) {
    auto nt = customer_ticket(contact, title);
    nt.sharing = s;
    return desk->create_ticket(tom, nt).ticket.id;
  }

  sharing_fixture() {
    a_private = make("a", "A private", tc::sharing::private_);
    a_shared = make("a", "A shared", tc::sharing::company);
    b_private = make("b", "B private", tc::sharing::private_);
    b_shared = make("b", "B shared", tc::sharing::company);
    c_shared = make("c", "C shared", tc::sharing::company);
    d_own = make("d", "D own", tc::sharing::private_);
    // Adversarial: internal tickets that name a contact and company sharing.
    auto bo = ticket_of("process_refund", "SECRET refund for A");
    bo.contact = "a";
    bo.sharing = tc::sharing::company;
    bo_for_a = desk->create_ticket(tom, bo).ticket.id;
    auto tr = ticket_of("bug", "SECRET tracker for A");
    tr.contact = "a";
    tr.sharing = tc::sharing::company;
    tracker_for_a = desk->create_ticket(tom, tr).ticket.id;
    conv_a = conversation("a", "hello from a").conversation.id;
    conv_b = conversation("b", "hello from b").conversation.id;
  }

  std::set<tc::uuid> inbox_of(const tc::actor& who) { return ids(desk->inbox(who, everything())); }
};

// V1: each contact's inbox is exactly their own customer tickets and
// conversations plus their company's shared tickets.
BOOST_FIXTURE_TEST_CASE(v1_inbox_is_own_plus_company_shared, sharing_fixture) {
  BOOST_TEST((inbox_of(ann) == std::set<tc::uuid>{a_private, a_shared, b_shared, conv_a}));
  BOOST_TEST((inbox_of(bob) == std::set<tc::uuid>{b_private, b_shared, a_shared, conv_b}));
  BOOST_TEST((inbox_of(cat) == std::set<tc::uuid>{c_shared}));
  BOOST_TEST((inbox_of(dan) == std::set<tc::uuid>{d_own}));
  // Each row once, even the contact's own shared ticket.
  BOOST_TEST(desk->inbox(ann, everything()).size() == 4u);
}

// V1: ticket() by id and by number follows the same rule.
BOOST_FIXTURE_TEST_CASE(v1_ticket_reads_follow_sharing, sharing_fixture) {
  struct expectation {
    tc::actor who;
    tc::uuid id;
    bool visible;
  };
  std::vector<expectation> cases = {
      {ann, a_private, true}, {ann, a_shared, true}, {ann, b_shared, true},  {ann, b_private, false},
      {ann, c_shared, false}, {ann, d_own, false},   {bob, a_shared, true},  {bob, a_private, false},
      {cat, a_shared, false}, {cat, c_shared, true}, {dan, a_shared, false}, {dan, c_shared, false},
      {dan, d_own, true},     {cat, d_own, false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("contact " << c.who.id << " ticket " << tc::to_string(c.id)) {
      auto number = desk->ticket(tom, c.id).ticket.number;
      auto by_id = attempt([&] { desk->ticket(c.who, c.id); });
      auto by_number = attempt([&] { desk->ticket(c.who, number); });
      if (c.visible) {
        BOOST_TEST(!by_id.thrown);
        BOOST_TEST(!by_number.thrown);
        BOOST_TEST(desk->ticket(c.who, c.id).customer_view);
      } else {
        BOOST_TEST((by_id.kind == tc::errc::not_found));
        BOOST_TEST((by_number.kind == tc::errc::not_found));
      }
    }
  }
}

// V1: sharing can be withdrawn and given; visibility follows at once.
BOOST_FIXTURE_TEST_CASE(v1_sharing_change_follows, sharing_fixture) {
  tc::ticket_changes unshare;
  unshare.sharing = tc::sharing::private_;
  desk->update_ticket(tom, b_shared, unshare);
  BOOST_TEST((attempt([&] { desk->ticket(ann, b_shared); }).kind == tc::errc::not_found));
  BOOST_TEST(!inbox_of(ann).count(b_shared));
  BOOST_TEST(inbox_of(bob).count(b_shared));  // still the owner's

  tc::ticket_changes share;
  share.sharing = tc::sharing::company;
  desk->update_ticket(tom, b_private, share);
  BOOST_TEST(!attempt([&] { desk->ticket(ann, b_private); }).thrown);
  BOOST_TEST(inbox_of(ann).count(b_private));
  BOOST_TEST(!inbox_of(cat).count(b_private));  // another company
}

// V1: a contact without a company never sees shared tickets, even of
// another contact without a company; sharing=company needs a company.
BOOST_FIXTURE_TEST_CASE(v1_no_company_no_sharing, sharing_fixture) {
  auto nt = customer_ticket("d", "D tries to share");
  nt.sharing = tc::sharing::company;
  auto r = attempt([&] { desk->create_ticket(tom, nt); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "sharing"));
  auto own = attempt([&] { desk->create_ticket(dan, nt); });
  BOOST_TEST((own.kind == tc::errc::validation_failed));
}

// V1: a colleague sees a company-shared ticket, but not the conversation it
// came from, nor the link to it, nor that conversation's messages.
BOOST_FIXTURE_TEST_CASE(v1_shared_ticket_keeps_colleague_conversation_private, desk_fixture) {
  auto conv = conversation("a", "PRIVATE-to-a first message");
  auto nt = customer_ticket("a", "Shared export bug");
  nt.sharing = tc::sharing::company;
  nt.description = "the description is shared";
  auto tk = desk->convert_conversation(tom, conv.conversation.id, nt);
  desk->reply(tom, conv.conversation.id, "PRIVATE-to-a conversation reply");
  desk->reply(ann, tk.ticket.id, "Ann's message on the shared ticket");
  desk->reply(tom, tk.ticket.id, "Reply on the shared ticket");

  auto seen = desk->ticket(bob, tk.ticket.id);
  BOOST_TEST(seen.customer_view);
  BOOST_TEST(has_body(seen.timeline, "Ann's message on the shared ticket"));  // the ticket's own contact wrote it
  BOOST_TEST(has_body(seen.timeline, "Reply on the shared ticket"));
  BOOST_TEST(!contains(text(seen), "PRIVATE-to-a"));
  check_public_timeline(seen.timeline);
  BOOST_TEST((attempt([&] { desk->conversation(bob, conv.conversation.id); }).kind == tc::errc::not_found));
  BOOST_TEST(desk->links(bob, tk.ticket.id).empty());  // the link would name a's conversation
  BOOST_TEST(desk->links(ann, tk.ticket.id).size() == 1u);
  BOOST_TEST(!ids(desk->inbox(bob, everything())).count(conv.conversation.id));
  for (const auto& row : desk->inbox(bob, everything())) BOOST_TEST(!contains(text(row), "PRIVATE-to-a"));
  // The umbrella contact sees none of it.
  BOOST_TEST((attempt([&] { desk->ticket(cat, tk.ticket.id); }).kind == tc::errc::not_found));
  BOOST_TEST((attempt([&] { desk->links(cat, tk.ticket.id); }).kind == tc::errc::not_found));
}

// A customer ticket of contact a with everything internal a ticket can
// carry: internal fields and attributes, notes, a back-office ticket with a
// cross-posted note and a state change, a tracker with a note, an external
// reference and a state change, a related ticket, and a closing note.
struct rich_fixture : desk_fixture {
  tc::uuid conv, tk, bo, tracker, related;
  tc::time_point before_last_notes;

  rich_fixture() {
    conv = conversation("a", "PUBLIC first message").conversation.id;
    auto nt = customer_ticket("a", "PUBLIC export broken");
    nt.description = "PUBLIC description";
    nt.priority = "urgent";
    nt.assignee = "tom";
    nt.team = "support";
    nt.owner = "fay";
    nt.tags = {"SECRET-tag"};
    nt.follow_up_at = t0() + 24h;
    nt.action_required_at = t0() + 48h;
    nt.attributes = {{"browser", "safari"}, {"severity", 3}, {"internal_triage", "SECRET-triage"}};
    tk = desk->convert_conversation(tom, conv, nt).ticket.id;
    clock->advance(1min);
    desk->reply(tom, tk, "PUBLIC reply on ticket");
    desk->reply(tom, conv, "PUBLIC reply in conversation");
    desk->reply(ann, tk, "PUBLIC own message on ticket");
    desk->add_note(tom, tk, "SECRET-note-on-ticket");  // P1: also into conv
    desk->add_note(tom, conv, "SECRET-note-on-conversation");
    auto b = ticket_of("process_refund", "SECRET-bo-title");
    b.description = "SECRET-bo-description";
    bo = desk->create_linked_ticket(fay, conv, b).ticket.id;  // conv and tk
    desk->add_note(fay, bo, "SECRET-bo-note", tc::note_mode::cross_post);
    desk->set_state(fay, bo, "resolved");  // P3: internal event with the title
    auto t = ticket_of("bug", "SECRET-tracker-title");
    t.description = "SECRET-tracker-description";
    tracker = desk->create_linked_ticket(tom, tk, t).ticket.id;  // tk and conv
    desk->add_note(tom, tracker, "SECRET-tracker-note");         // P4
    desk->add_external_link(tom, tracker, {"feedback", "SECRET-ext-id", "https://example.test/SECRET"});
    desk->set_state(tom, tracker, "in_progress");  // P5: public event, admin message
    related = desk->create_ticket(tom, customer_ticket("a", "PUBLIC related")).ticket.id;
    desk->add_link(tom, tk, related, tc::link_kind::related);
    before_last_notes = clock->now();
    clock->advance(1h);
    desk->add_note(tom, tk, "SECRET-last-note-on-ticket");
    desk->add_note(tom, conv, "SECRET-last-note-on-conversation");
  }
};

// V2: the contact's ticket view holds number, title, description, visible
// attributes, stage and public parts; every hidden field is empty in C++
// and absent from the JSON.
BOOST_FIXTURE_TEST_CASE(v2_contact_ticket_view_hides_everything_internal, rich_fixture) {
  auto staff = desk->ticket(tom, tk);
  // The scene really holds the secrets (so the checks below can fail).
  BOOST_TEST(contains(text(staff), "SECRET-triage"));
  BOOST_TEST(contains(text(staff), "SECRET-note-on-ticket"));
  BOOST_TEST(contains(text(staff), "SECRET-bo-note"));
  BOOST_TEST(contains(text(staff), "SECRET-bo-title"));  // the P3 event

  auto v = desk->ticket(ann, tk);
  BOOST_TEST(v.customer_view);
  BOOST_TEST(v.ticket.title == "PUBLIC export broken");
  BOOST_TEST(v.ticket.description == "PUBLIC description");
  BOOST_TEST(v.ticket.number == staff.ticket.number);
  BOOST_TEST(v.stage.index == 2);
  BOOST_TEST(v.stage.label == "In progress");
  BOOST_TEST(has_body(v.timeline, "PUBLIC reply on ticket"));
  BOOST_TEST(has_body(v.timeline, "PUBLIC own message on ticket"));
  BOOST_TEST(has_body(v.timeline, "Status changed to In progress"));  // public event of P5
  BOOST_TEST(!has_body(v.timeline, "PUBLIC reply in conversation"));
  check_public_timeline(v.timeline);
  BOOST_TEST(v.timeline.size() == 3u);

  // Hidden fields are empty...
  const tc::ticket& t = v.ticket;
  BOOST_TEST(t.state.empty());
  BOOST_TEST((t.state_category == tc::state_category::submitted));
  BOOST_TEST(t.priority.empty());
  BOOST_TEST(t.assignee.empty());
  BOOST_TEST(t.team.empty());
  BOOST_TEST(t.owner.empty());
  BOOST_TEST(t.tags.empty());
  BOOST_TEST(!t.follow_up_at.has_value());
  BOOST_TEST(!t.action_required_at.has_value());
  BOOST_TEST(t.version == 0u);
  BOOST_TEST(v.state_label.empty());
  BOOST_TEST(v.linked_conversations == 0u);
  BOOST_TEST((t.attributes == json::object{{"browser", "safari"}}));
  // ...while the team's view has them.
  BOOST_TEST(staff.ticket.state == "in_progress");
  BOOST_TEST(staff.ticket.priority == "urgent");
  BOOST_TEST(staff.ticket.attributes.size() == 3u);

  // ...and absent from the JSON, as is every secret.
  json::object o = tc::to_json(v).as_object();
  for (const char* key : {"state", "state_category", "priority", "assignee", "team", "owner", "tags", "follow_up_at",
                          "action_required_at", "version", "state_label", "linked_conversations"})
    BOOST_TEST(!o.contains(key), "contact JSON carries '" << key << "'");
  json::object s = tc::to_json(staff).as_object();
  for (const char* key : {"state", "priority", "assignee", "tags", "version", "state_label"})
    BOOST_TEST(s.contains(key));
  BOOST_TEST(o.at("attributes").as_object().size() == 1u);
  std::string all = text(v);
  BOOST_TEST(!contains(all, "SECRET"), all);
  BOOST_TEST(!contains(all, "origin_ticket"));
  BOOST_TEST(!contains(all, "\"internal\":true"));
  BOOST_TEST(!contains(all, "urgent"));
  BOOST_TEST(!contains(all, tc::to_string(tracker)));
  BOOST_TEST(!contains(all, tc::to_string(bo)));
  BOOST_TEST(!contains(all, tc::to_string(related)));
}

// V2: the conversation view: no notes, no conversion event, no cross-posted
// parts; the P5 admin message is public but carries no origin ticket.
BOOST_FIXTURE_TEST_CASE(v2_contact_conversation_view_hides_everything_internal, rich_fixture) {
  auto staff = desk->conversation(tom, conv);
  BOOST_TEST(has_body(staff.timeline, "SECRET-tracker-note"));    // P4 reached it
  BOOST_TEST(has_body(staff.timeline, "SECRET-bo-note"));         // P2
  BOOST_TEST(has_body(staff.timeline, "SECRET-note-on-ticket"));  // P1
  bool staff_sees_origin = false;
  for (const auto& p : staff.timeline)
    if (p.kind == tc::part_kind::admin_message) staff_sees_origin = p.origin_ticket.has_value();
  BOOST_TEST(staff_sees_origin);

  auto v = desk->conversation(ann, conv);
  BOOST_TEST(v.customer_view);
  BOOST_TEST(has_body(v.timeline, "PUBLIC first message"));
  BOOST_TEST(has_body(v.timeline, "PUBLIC reply in conversation"));
  BOOST_TEST(any_body_contains(v.timeline, "Update on the issue you reported"));
  check_public_timeline(v.timeline);
  BOOST_TEST(v.timeline.size() == 3u);
  BOOST_TEST(v.conversation.version == 0u);
  json::object o = tc::to_json(v).as_object();
  BOOST_TEST(!o.contains("version"));
  std::string all = text(v);
  BOOST_TEST(!contains(all, "SECRET"), all);
  BOOST_TEST(!contains(all, "Converted to customer ticket"));
  BOOST_TEST(!contains(all, "origin_ticket"));
  BOOST_TEST(!contains(all, tc::to_string(tracker)));
  BOOST_TEST(!contains(all, tc::to_string(bo)));
}

// V2: of links, a contact sees only the conversation <-> ticket link.
BOOST_FIXTURE_TEST_CASE(v2_contact_links_hide_back_office_tracker_related, rich_fixture) {
  std::set<tc::link_kind> staff_kinds;
  for (const auto& l : desk->links(tom, tk)) staff_kinds.insert(l.kind);
  BOOST_TEST(staff_kinds.count(tc::link_kind::tracker));
  BOOST_TEST(staff_kinds.count(tc::link_kind::back_office));
  BOOST_TEST(staff_kinds.count(tc::link_kind::related));

  for (const tc::uuid& id : {tk, conv}) {
    auto ls = desk->links(ann, id);
    BOOST_TEST(ls.size() == 1u);
    for (const auto& l : ls) {
      BOOST_TEST((l.kind == tc::link_kind::customer_ticket));
      BOOST_TEST((l.from == conv));
      BOOST_TEST((l.to == tk));
      BOOST_TEST(!contains(text(l), "SECRET"));
    }
  }
  // The related ticket is a's own, yet the related link stays internal.
  BOOST_TEST(desk->links(ann, related).empty());
  BOOST_TEST(desk->links(tom, related).size() == 1u);
}

// V2: internal activity does not move what the contact sees: updated_at is
// the time of their last visible part, and no version is shown.
BOOST_FIXTURE_TEST_CASE(v2_internal_activity_does_not_show_in_times, rich_fixture) {
  BOOST_TEST((desk->ticket(tom, tk).ticket.updated_at == clock->now()));
  BOOST_TEST((desk->ticket(ann, tk).ticket.updated_at <= before_last_notes));
  BOOST_TEST((desk->conversation(ann, conv).conversation.updated_at <= before_last_notes));
  for (const auto& row : desk->inbox(ann, everything())) BOOST_TEST((row.updated_at <= before_last_notes));
}

// V2: inbox rows carry no label, state, assignee or internal excerpt.
BOOST_FIXTURE_TEST_CASE(v2_contact_inbox_rows_hide_internal, rich_fixture) {
  std::map<tc::uuid, tc::inbox_item> staff;
  for (const auto& row : desk->inbox(tom, everything())) staff[row.id] = row;
  BOOST_TEST(contains(staff.at(tk).last_update, "SECRET-last-note-on-ticket"));
  BOOST_TEST(contains(staff.at(conv).last_update, "SECRET-last-note-on-conversation"));

  auto rows = desk->inbox(ann, everything());
  BOOST_TEST((ids(rows) == std::set<tc::uuid>{conv, tk, related}));
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(text(row)) {
      BOOST_TEST(row.label.empty());
      BOOST_TEST(row.state_label.empty());
      BOOST_TEST(!row.state_category.has_value());
      BOOST_TEST(row.assignee.empty());
      BOOST_TEST(row.linked_conversations == 0u);
      BOOST_TEST(!contains(text(row), "SECRET"));
      json::object o = tc::to_json(row).as_object();
      BOOST_TEST(!o.contains("state_label"));
      BOOST_TEST(!o.contains("assignee"));
      BOOST_TEST(!o.contains("state_category"));
    }
  }
  // Filters a contact might try in order to see more are refused, as
  // find_tickets refuses them: the same filter gets the same answer (V1).
  tc::inbox_filter f = everything();
  f.assignee = "tom";
  tc::ticket_query q;
  q.assignee = "tom";
  BOOST_TEST((attempt([&] { desk->inbox(ann, f); }).kind == tc::errc::forbidden));
  BOOST_TEST((attempt([&] { desk->find_tickets(ann, q); }).kind == tc::errc::forbidden));
  f = everything();
  f.state_category = tc::state_category::in_progress;
  BOOST_TEST((attempt([&] { desk->inbox(ann, f); }).kind == tc::errc::forbidden));
}

// V3: hidden tickets and conversations answer not_found - exactly like
// missing ones - through every path that takes a reference.
BOOST_FIXTURE_TEST_CASE(v3_hidden_records_answer_not_found_everywhere, rich_fixture) {
  auto conv_b = conversation("b", "B's own conversation").conversation.id;
  auto b_private = desk->create_ticket(tom, customer_ticket("b", "B private")).ticket.id;
  auto missing = tc::new_id();
  const std::string missing_text = tc::to_string(missing);
  auto own_ticket = tk;
  auto own_conv = conv;
  std::map<std::string, tc::uuid> hidden_tickets = {
      {"back-office", bo}, {"tracker", tracker}, {"b private", b_private}};
  auto before = snapshot(*desk);

  for (const auto& [name, id] : hidden_tickets) {
    BOOST_TEST_CONTEXT(name) {
      const std::string hid = tc::to_string(id);
      using uuid_call = std::function<void(const tc::uuid&)>;
      std::vector<std::pair<std::string, uuid_call>> calls = {
          {"ticket", [&](const tc::uuid& x) { desk->ticket(ann, x); }},
          {"conversation", [&](const tc::uuid& x) { desk->conversation(ann, x); }},
          {"links", [&](const tc::uuid& x) { desk->links(ann, x); }},
          {"history", [&](const tc::uuid& x) { desk->history(ann, x); }},
          {"reply", [&](const tc::uuid& x) { desk->reply(ann, x, "hello?"); }},
          {"add_note", [&](const tc::uuid& x) { desk->add_note(ann, x, "note"); }},
          {"add_note cross_post",
           [&](const tc::uuid& x) { desk->add_note(ann, x, "note", tc::note_mode::cross_post); }},
          {"set_state", [&](const tc::uuid& x) { desk->set_state(ann, x, "done"); }},
          {"update_ticket",
           [&](const tc::uuid& x) {
             tc::ticket_changes ch;
             ch.title = "mine now";
             desk->update_ticket(ann, x, ch);
           }},
          {"rate", [&](const tc::uuid& x) { desk->rate(ann, x, 5); }},
          {"add_link to", [&](const tc::uuid& x) { desk->add_link(ann, own_conv, x, tc::link_kind::tracker); }},
          {"add_link from", [&](const tc::uuid& x) { desk->add_link(ann, x, own_ticket, tc::link_kind::related); }},
          {"add_external_link",
           [&](const tc::uuid& x) {
             desk->add_external_link(ann, x, {"post", "1", "u"});
           }},
          {"create_linked_ticket",
           [&](const tc::uuid& x) { desk->create_linked_ticket(ann, x, ticket_of("process_refund", "x")); }},
          {"link_tracker_by_title", [&](const tc::uuid& x) { desk->link_tracker_by_title(ann, x, "t", "bug"); }},
          {"convert_conversation",
           [&](const tc::uuid& x) { desk->convert_conversation(ann, x, customer_ticket("a")); }},
      };
      for (const auto& [what, call] : calls) same_as_missing<tc::uuid>(what, call, id, hid, missing, missing_text);

      // By number, too.
      auto number = desk->ticket(tom, id).ticket.number;
      std::int64_t no_such = 999999;
      using number_call = std::function<void(const std::int64_t&)>;
      std::vector<std::pair<std::string, number_call>> by_number = {
          {"ticket #", [&](const std::int64_t& n) { desk->ticket(ann, n); }},
          {"set_state #", [&](const std::int64_t& n) { desk->set_state(ann, n, "resolved"); }},
          {"rate #", [&](const std::int64_t& n) { desk->rate(ann, n, 1); }},
          {"update_ticket #", [&](const std::int64_t& n) { desk->update_ticket(ann, n, {}); }},
      };
      for (const auto& [what, call] : by_number)
        same_as_missing<std::int64_t>(what, call, number, "#" + std::to_string(number), no_such,
                                      "#" + std::to_string(no_such));
    }
  }
  // Another contact's conversation.
  for (const auto& [what, call] : std::vector<std::pair<std::string, std::function<void(const tc::uuid&)>>>{
           {"conversation", [&](const tc::uuid& x) { desk->conversation(ann, x); }},
           {"links", [&](const tc::uuid& x) { desk->links(ann, x); }},
           {"reply", [&](const tc::uuid& x) { desk->reply(ann, x, "hi"); }},
           {"convert", [&](const tc::uuid& x) { desk->convert_conversation(ann, x, customer_ticket("b")); }},
           {"history", [&](const tc::uuid& x) { desk->history(ann, x); }}})
    same_as_missing<tc::uuid>("b's conversation " + what, call, conv_b, tc::to_string(conv_b), missing, missing_text);

  BOOST_TEST(snapshot(*desk) == before);  // nothing changed by any attempt
}

// V3: trackers and back-office tickets never appear in a contact's inbox,
// whatever the filter, even when they name the contact.
BOOST_FIXTURE_TEST_CASE(v3_inbox_never_lists_internal_categories, sharing_fixture) {
  for (const auto& who : {ann, bob, cat, dan}) {
    for (auto cat_filter : {tc::category::back_office, tc::category::tracker}) {
      tc::inbox_filter f = everything();
      f.category = cat_filter;
      BOOST_TEST(desk->inbox(who, f).empty());
    }
    // U2: their types are unknown to a contact, as in find_tickets.
    tc::inbox_filter by_type = everything();
    by_type.type = "bug";
    BOOST_TEST((attempt([&] { desk->inbox(who, by_type); }).kind == tc::errc::validation_failed));
    by_type.type = "process_refund";
    BOOST_TEST((attempt([&] { desk->inbox(who, by_type); }).kind == tc::errc::validation_failed));
    // Another contact: only what find_tickets answers, their shared tickets.
    tc::inbox_filter other = everything();
    other.contact = who.id == "a" ? "b" : "a";
    tc::ticket_query same;
    same.contact = other.contact;
    std::set<tc::uuid> listed, found;
    for (const auto& row : desk->inbox(who, other)) listed.insert(row.id);
    for (const auto& v : desk->find_tickets(who, same, 1000).tickets) found.insert(v.ticket.id);
    BOOST_TEST((listed == found));
    BOOST_TEST(!listed.count(bo_for_a));
    BOOST_TEST(!listed.count(tracker_for_a));
    for (const auto& row : desk->inbox(who, everything())) {
      BOOST_TEST((row.category != tc::category::back_office && row.category != tc::category::tracker));
      BOOST_TEST(!contains(text(row), "SECRET"));
      BOOST_TEST((row.id != bo_for_a && row.id != tracker_for_a));
    }
  }
  // The team sees them (the filter does work).
  tc::inbox_filter f = everything();
  f.category = tc::category::tracker;
  BOOST_TEST(desk->inbox(tom, f).size() == 1u);
}

// V3, N4: internal tickets never notify contacts, even when they name one.
BOOST_FIXTURE_TEST_CASE(v3_internal_tickets_never_notify_contacts, sharing_fixture) {
  desk->add_note(tom, bo_for_a, "SECRET note", tc::note_mode::cross_post);
  desk->set_state(tom, bo_for_a, "waiting_on_customer");
  desk->set_state(tom, bo_for_a, "resolved");
  desk->add_note(tom, tracker_for_a, "SECRET tracker note");
  desk->set_state(tom, tracker_for_a, "done");
  tc::ticket_changes ch;
  ch.title = "SECRET renamed";
  desk->update_ticket(tom, bo_for_a, ch);
  for (const tc::uuid& id : {bo_for_a, tracker_for_a}) {
    tc::outbox_filter f;
    f.ticket = id;
    BOOST_TEST(desk->outbox(f).empty());
  }
  auto reply = attempt([&] { desk->reply(tom, bo_for_a, "SECRET reply"); });
  BOOST_TEST((reply.kind == tc::errc::invalid_argument));  // internal tickets take notes only
  for (const auto& n : desk->outbox()) {
    BOOST_TEST((n.ticket != bo_for_a && n.ticket != tracker_for_a));
    BOOST_TEST(!contains(json::serialize(n.payload), "SECRET"));
  }
}

// V4: what a contact may do.
BOOST_FIXTURE_TEST_CASE(v4_contact_allowed_actions, desk_fixture) {
  auto conv = desk->create_conversation(ann, {"", tc::channel::web_form, "acme", "", "I need help"});
  BOOST_TEST(conv.customer_view);
  BOOST_TEST(conv.conversation.contact == "a");
  auto nt = customer_ticket("", "Submitted by Ann");
  auto mine = desk->create_ticket(ann, nt);
  BOOST_TEST(mine.customer_view);
  BOOST_TEST(mine.ticket.contact == "a");
  BOOST_TEST(mine.ticket.company == "initech");
  BOOST_TEST(mine.ticket.state.empty());  // the result is projected too (V5)
  auto in_conv = desk->reply(ann, conv.conversation.id, "More detail in the conversation");
  BOOST_TEST((in_conv.kind == tc::part_kind::customer_message));
  BOOST_TEST(!in_conv.internal);
  auto in_ticket = desk->reply(ann, mine.ticket.id, "More detail on the ticket");
  BOOST_TEST((in_ticket.kind == tc::part_kind::customer_message));
  BOOST_TEST(has_body(desk->ticket(ann, mine.ticket.id).timeline, "More detail on the ticket"));
  // Rating: only once resolved.
  auto early = attempt([&] { desk->rate(ann, mine.ticket.id, 5); });
  BOOST_TEST((early.kind == tc::errc::invalid_argument));
  desk->set_state(tom, mine.ticket.id, "resolved");
  auto rated = desk->rate(ann, mine.ticket.id, 4, "quick");
  BOOST_TEST(rated.customer_view);
  BOOST_TEST(rated.ticket.rating.has_value());
  BOOST_TEST(rated.ticket.rating->score == 4);
}

// V4: everything else is forbidden when the contact can see the record,
// and changes nothing.
BOOST_FIXTURE_TEST_CASE(v4_contact_forbidden_on_visible_records, desk_fixture) {
  auto conv = conversation("a", "Help");
  auto nt = customer_ticket("a", "Shared by Ann");
  nt.sharing = tc::sharing::company;
  auto tk = desk->convert_conversation(tom, conv.conversation.id, nt);
  auto lone_conv = conversation("a", "Another").conversation.id;
  auto standalone = desk->create_ticket(tom, customer_ticket("a", "Standalone")).ticket.id;
  desk->create_ticket(tom, ticket_of("bug", "SECRET tracker"));  // found by title below
  desk->set_state(tom, tk.ticket.id, "resolved");
  tc::uuid link_id = desk->links(ann, tk.ticket.id).at(0).id;
  const tc::uuid c = conv.conversation.id, t = tk.ticket.id;
  auto before = snapshot(*desk);
  std::size_t events = 0;
  auto connection = desk->subscribe([&](const tc::event&) { ++events; });

  std::vector<std::pair<std::string, std::function<void()>>> forbidden = {
      {"set_state own", [&] { desk->set_state(ann, t, "in_progress"); }},
      {"update own",
       [&] {
         tc::ticket_changes ch;
         ch.priority = "urgent";
         desk->update_ticket(ann, t, ch);
       }},
      {"update own customer-editable attribute",
       [&] {
         tc::ticket_changes ch;
         ch.attributes = {{"browser", "chrome"}};
         desk->update_ticket(ann, t, ch);
       }},
      {"note on own ticket", [&] { desk->add_note(ann, t, "n"); }},
      {"note on own conversation", [&] { desk->add_note(ann, c, "n"); }},
      {"history of own ticket", [&] { desk->history(ann, t); }},
      {"history of own conversation", [&] { desk->history(ann, c); }},
      {"convert own conversation", [&] { desk->convert_conversation(ann, lone_conv, customer_ticket("a")); }},
      {"back-office from own conversation",
       [&] { desk->create_linked_ticket(ann, c, ticket_of("process_refund", "x")); }},
      {"tracker from own ticket", [&] { desk->create_linked_ticket(ann, t, ticket_of("bug", "x")); }},
      {"tracker by existing title", [&] { desk->link_tracker_by_title(ann, c, "SECRET tracker", "bug"); }},
      {"tracker by new title", [&] { desk->link_tracker_by_title(ann, c, "Brand new", "bug"); }},
      {"link own records", [&] { desk->add_link(ann, lone_conv, standalone, tc::link_kind::customer_ticket); }},
      {"relate own tickets", [&] { desk->add_link(ann, t, standalone, tc::link_kind::related); }},
      {"external link on own ticket",
       [&] {
         desk->add_external_link(ann, t, {"post", "1", "u"});
       }},
      {"remove own link", [&] { desk->remove_link(ann, link_id); }},
      {"remove a missing link", [&] { desk->remove_link(ann, tc::new_id()); }},
      {"colleague replies in shared ticket", [&] { desk->reply(bob, t, "me too"); }},
      {"colleague rates shared ticket", [&] { desk->rate(bob, t, 1); }},
      {"colleague sets state of shared ticket", [&] { desk->set_state(bob, t, "submitted"); }},
      {"submit for another contact", [&] { desk->create_ticket(ann, customer_ticket("b")); }},
      {"submit under another company",
       [&] {
         auto x = customer_ticket("a");
         x.company = "umbrella";
         desk->create_ticket(ann, x);
       }},
      {"submit with priority",
       [&] {
         auto x = customer_ticket("a");
         x.priority = "urgent";
         desk->create_ticket(ann, x);
       }},
      {"submit with assignee",
       [&] {
         auto x = customer_ticket("a");
         x.assignee = "tom";
         desk->create_ticket(ann, x);
       }},
      {"submit with tags",
       [&] {
         auto x = customer_ticket("a");
         x.tags = {"vip"};
         desk->create_ticket(ann, x);
       }},
      {"conversation for another contact",
       [&] {
         desk->create_conversation(ann, {"b", tc::channel::chat, "", "", "hi"});
       }},
  };
  for (const auto& [what, call] : forbidden) {
    BOOST_TEST_CONTEXT(what) {
      auto r = attempt(call);
      BOOST_TEST(r.thrown);
      BOOST_TEST((r.kind == tc::errc::forbidden), "answered " << tc::to_string(r.kind) << ": " << r.message);
    }
  }
  // U2: a back-office or tracker type is unknown to a contact, exactly like
  // a type that does not exist (existence_probe_test compares the answers).
  for (const char* type : {"process_refund", "bug"}) {
    auto r = attempt([&] { desk->create_ticket(ann, ticket_of(type, "x")); });
    BOOST_TEST((r.kind == tc::errc::validation_failed), type);
    BOOST_TEST(has(r.fields, "type"), type);
  }
  // Attributes the contact may not edit are named, not silently dropped.
  auto x = customer_ticket("a");
  x.attributes = {{"browser", "safari"}, {"internal_triage", "mine"}};
  auto r = attempt([&] { desk->create_ticket(ann, x); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "attributes.internal_triage"));

  connection.disconnect();
  BOOST_TEST(events == 0u);
  BOOST_TEST(snapshot(*desk) == before);
}

// V4: actions on records the contact cannot see are not_found, not
// forbidden; set_state is closed to contacts altogether (U1), whatever the
// ticket.
BOOST_FIXTURE_TEST_CASE(v4_contact_actions_on_invisible_records_not_found, sharing_fixture) {
  desk->set_state(tom, b_private, "resolved");
  auto before = snapshot(*desk);
  std::vector<std::pair<std::string, std::function<void()>>> calls = {
      {"reply in b's private ticket", [&] { desk->reply(ann, b_private, "x"); }},
      {"rate b's resolved private ticket", [&] { desk->rate(ann, b_private, 5); }},
      {"reply in b's conversation", [&] { desk->reply(ann, conv_b, "x"); }},
      {"reply in umbrella's shared ticket", [&] { desk->reply(ann, c_shared, "x"); }},
      {"reply in back-office naming a", [&] { desk->reply(ann, bo_for_a, "x"); }},
      {"rate back-office naming a", [&] { desk->rate(ann, bo_for_a, 5); }},
  };
  for (const auto& [what, call] : calls) {
    BOOST_TEST_CONTEXT(what) {
      auto r = attempt(call);
      BOOST_TEST((r.kind == tc::errc::not_found), "answered " << tc::to_string(r.kind));
    }
  }
  auto tracker = attempt([&] { desk->set_state(ann, tracker_for_a, "done"); });
  BOOST_TEST((tracker.kind == tc::errc::forbidden));
  BOOST_TEST(tracker.message == "contacts may not run set_state (U1)");
  BOOST_TEST(snapshot(*desk) == before);
}

// A configuration whose internal names are themselves secrets: a customer
// lifecycle and a tracker lifecycle with SECRET state labels, a customer type
// with a hidden attribute.
struct secretive_fixture : desk_fixture {
  secretive_fixture() {
    tc::config c = tc::parse_config(std::string_view(scenario_config));
    tc::lifecycle l;
    l.id = "secretive";
    l.states = {{"s_new", "SECRET-STATE-new", tc::state_category::submitted, 1},
                {"s_work", "SECRET-STATE-work", tc::state_category::in_progress, 2},
                {"s_wait", "SECRET-STATE-wait", tc::state_category::waiting_on_customer, 3},
                {"s_done", "SECRET-STATE-done", tc::state_category::resolved, 4}};
    l.stage_labels = {"Received", "Working", "Your turn", "Finished"};
    c.lifecycles.push_back(l);
    tc::lifecycle t;
    t.id = "secret_tracker_flow";
    t.states = {{"t_open", "SECRET-TSTATE-open", tc::state_category::submitted, 1},
                {"t_work", "SECRET-TSTATE-work", tc::state_category::in_progress, 2},
                {"t_done", "SECRET-TSTATE-done", tc::state_category::resolved, 4}};
    c.lifecycles.push_back(t);
    tc::ticket_type ct;
    ct.id = "secret_case";
    ct.name = "Case";
    ct.category = tc::category::customer;
    ct.lifecycle = "secretive";
    tc::attribute_def hidden;
    hidden.key = "diagnosis";
    hidden.type = tc::attribute_type::text;
    tc::attribute_def shown;
    shown.key = "summary";
    shown.type = tc::attribute_type::text;
    shown.visible_to_customer = true;
    ct.attributes = {hidden, shown};
    c.ticket_types.push_back(ct);
    tc::ticket_type tt;
    tt.id = "secret_bug";
    tt.name = "Incident";
    tt.category = tc::category::tracker;
    tt.lifecycle = "secret_tracker_flow";
    c.ticket_types.push_back(tt);
    desk->configure(c);
  }

  tc::new_ticket secret_case(const std::string& contact) {
    tc::new_ticket t;
    t.type = "secret_case";
    t.title = "Case of " + contact;
    t.contact = contact;
    t.priority = "urgent";
    t.assignee = "fay";
    t.tags = {"SECRET-tag"};
    t.attributes = {{"diagnosis", "SECRET-diagnosis"}, {"summary", "toner smudge"}};
    return t;
  }
};

// V5: notification payloads hold only what the contact sees anyway: the
// number, title, stage and reply text, never state names, internal
// attributes, notes, assignees or tracker data.
BOOST_FIXTURE_TEST_CASE(v5_notification_payloads_hold_nothing_internal, secretive_fixture) {
  auto conv_a = conversation("a", "My printer is on fire");
  auto case_a = desk->convert_conversation(tom, conv_a.conversation.id, secret_case("a")).ticket.id;
  auto case_b = desk->create_ticket(tom, secret_case("b")).ticket.id;
  auto own = desk->create_ticket(cat, customer_ticket("", "Cat's own"));  // N1 for a contact's own submission
  auto tr = ticket_of("secret_bug", "SECRET-tracker-title");
  tr.description = "SECRET-tracker-description";
  auto tracker = desk->create_linked_ticket(tom, conv_a.conversation.id, tr).ticket.id;
  desk->add_link(tom, case_b, tracker, tc::link_kind::tracker);
  auto bo = desk->create_linked_ticket(fay, case_a, ticket_of("process_refund", "SECRET-bo-title")).ticket.id;
  desk->add_note(fay, bo, "SECRET-bo-note", tc::note_mode::cross_post);
  desk->set_state(fay, bo, "resolved");
  desk->add_note(tom, case_a, "SECRET-note");
  desk->add_note(tom, tracker, "SECRET-tracker-note");
  desk->reply(tom, case_a, "We are on it");
  desk->reply(tom, conv_a.conversation.id, "Also here");
  tc::ticket_changes ch;
  ch.attributes = {{"diagnosis", "SECRET-diagnosis-2"}};
  ch.assignee = "tom";
  desk->update_ticket(tom, case_a, ch);
  desk->set_state(tom, case_a, "s_wait");   // N2, stage 3
  desk->set_state(tom, tracker, "t_work");  // P5: both cases to s_work
  desk->set_state(tom, tracker, "t_done");  // P5: both cases to s_done (resolved)
  desk->set_state(tom, own.ticket.id, "in_progress");

  const std::set<std::string> allowed_keys = {"ticket_number",       "title",  "stage", "stage_label", "body",
                                              "conversation_number", "subject"};
  std::map<std::string, std::set<tc::uuid>> contacts_records = {
      {"a", {case_a, conv_a.conversation.id}}, {"b", {case_b}}, {"c", {own.ticket.id}}};
  std::set<tc::notification_kind> kinds;
  auto all = desk->outbox();
  BOOST_TEST(all.size() >= 10u);
  for (const auto& n : all) {
    std::string payload = json::serialize(n.payload);
    BOOST_TEST_CONTEXT(tc::to_string(n.kind) << " to " << n.recipient << ": " << payload) {
      kinds.insert(n.kind);
      BOOST_TEST(!contains(payload, "SECRET"));
      BOOST_TEST(!contains(payload, "urgent"));
      BOOST_TEST(!contains(payload, "s_wait"));
      BOOST_TEST(!contains(payload, "s_done"));
      BOOST_TEST(!contains(payload, "toner"));  // even customer-visible attributes stay out
      for (const auto& kv : n.payload) BOOST_TEST(allowed_keys.count(std::string(kv.key())), kv.key());
      BOOST_TEST(contacts_records.count(n.recipient));
      BOOST_TEST(contacts_records[n.recipient].count(n.ticket), "notification about a record not the recipient's");
      BOOST_TEST((n.ticket != tracker && n.ticket != bo));
      BOOST_TEST(!contains(json::serialize(tc::to_json(n)), "SECRET"));
    }
  }
  for (auto k : {tc::notification_kind::ticket_created, tc::notification_kind::status_changed,
                 tc::notification_kind::ticket_resolved, tc::notification_kind::reply})
    BOOST_TEST(kinds.count(k), "no " << tc::to_string(k) << " notification was produced");

  // The stage labels of the case's own lifecycle are what the contact reads.
  bool finished = false;
  for (const auto& n : all)
    if (n.ticket == case_b && n.kind == tc::notification_kind::ticket_resolved)
      finished = n.payload.at("stage_label").as_string() == "Finished" && n.payload.at("stage").as_int64() == 4;
  BOOST_TEST(finished);

  // The P5 admin message names neither the tracker nor its states.
  auto v = desk->conversation(ann, conv_a.conversation.id);
  BOOST_TEST(any_body_contains(v.timeline, "Update on the issue you reported"));
  BOOST_TEST(!contains(text(v), "SECRET"), text(v));
  BOOST_TEST(!contains(text(desk->ticket(bob, case_b)), "SECRET"));
  BOOST_TEST(!contains(text(desk->ticket(ann, case_a)), "SECRET"));
}

// V5: every actor goes through the projection; only contacts get the
// customer view. Automation and the system see what the team sees.
BOOST_FIXTURE_TEST_CASE(v5_one_projection_for_every_actor, rich_fixture) {
  for (const auto& who : {tom, tc::actor::automation("rule-1"), tc::actor::system()}) {
    auto v = desk->ticket(who, tk);
    BOOST_TEST(!v.customer_view);
    BOOST_TEST(contains(text(v), "SECRET-triage"));
    BOOST_TEST(desk->links(who, tk).size() == 4u);  // customer_ticket, back_office, tracker, related
  }
  BOOST_TEST(desk->ticket(ann, tk).customer_view);
  BOOST_TEST(desk->conversation(ann, conv).customer_view);
  // Unknown actors are refused before anything is read.
  auto stranger = attempt([&] { desk->ticket(tc::actor::contact("mallory"), tk); });
  BOOST_TEST((stranger.kind == tc::errc::invalid_argument));
  auto impostor = attempt([&] { desk->ticket(tc::actor::teammate("a"), tk); });  // a contact id as teammate
  BOOST_TEST((impostor.kind == tc::errc::invalid_argument));
}

// V1: the inbox limit counts rows the contact may see; a colleague's
// private tickets, newer than a shared one, do not push it out of the page.
BOOST_FIXTURE_TEST_CASE(v1_inbox_limit_counts_visible_rows_only, desk_fixture) {
  auto nt = customer_ticket("b", "B shared, older");
  nt.sharing = tc::sharing::company;
  auto shared = desk->create_ticket(tom, nt).ticket.id;
  for (int i = 0; i < 60; ++i) desk->create_ticket(tom, customer_ticket("b", "B private " + std::to_string(i)));
  auto own = desk->create_ticket(tom, customer_ticket("a", "A own")).ticket.id;
  auto rows = desk->inbox(ann);  // the default limit, 50
  BOOST_TEST((ids(rows) == std::set<tc::uuid>{shared, own}));
  tc::inbox_filter two;
  two.limit = 2;
  BOOST_TEST((ids(desk->inbox(ann, two)) == std::set<tc::uuid>{shared, own}));
  tc::inbox_filter one;
  one.limit = 1;
  BOOST_TEST((ids(desk->inbox(ann, one)) == std::set<tc::uuid>{own}));  // the newest
}
