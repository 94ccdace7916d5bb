// U1: one op table (operations.hpp) says which actor kinds may run each
// operation, and the Desk asks it at the entry of every call, before it
// reads any argument or record.
#define BOOST_TEST_MODULE operations
#include "fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <fstream>
#include <functional>
#include <map>

using namespace testing;

namespace {

constexpr std::array every_kind{tc::actor_kind::contact, tc::actor_kind::teammate, tc::actor_kind::automation,
                                tc::actor_kind::system};

tc::actor actor_of(tc::actor_kind k) {
  switch (k) {
    case tc::actor_kind::teammate:
      return tc::actor::teammate("tom");
    case tc::actor_kind::contact:
      return tc::actor::contact("a");
    case tc::actor_kind::automation:
      return tc::actor::automation("rule-1");
    case tc::actor_kind::system:
      break;
  }
  return tc::actor::system();
}

using actor_call = std::function<void(tc::desk&, const tc::actor&)>;
using host_call = std::function<void(tc::desk&)>;

// One call of each Desk operation that takes an actor, with minimal
// arguments naming records that need not exist: the table answers first.
// A directory record of a new id, to write.
template <class Record>
Record person() {
  Record r;
  r.id = "new-" + tc::to_string(tc::new_id());
  r.name = "New";
  return r;
}

std::map<tc::op, actor_call> actor_calls() {
  const tc::uuid missing = tc::new_id();
  auto bug_report = [] {
    tc::new_ticket t;
    t.type = "bug_report";
    t.title = "Broken";
    t.contact = "a";
    t.attributes = {{"browser", "safari"}};
    return t;
  };
  auto period = [] {
    tc::report_request r;
    r.from = t0();
    r.to = t0() + std::chrono::hours(24);
    return r;
  };
  return {
      {tc::op::create_conversation,
       [](tc::desk& d, const tc::actor& who) { d.create_conversation(who, {"a", tc::channel::chat, "", "", "hi"}); }},
      {tc::op::convert_conversation,
       [=](tc::desk& d, const tc::actor& who) { d.convert_conversation(who, missing, bug_report()); }},
      {tc::op::create_ticket, [=](tc::desk& d, const tc::actor& who) { d.create_ticket(who, bug_report()); }},
      {tc::op::create_linked_ticket,
       [=](tc::desk& d, const tc::actor& who) { d.create_linked_ticket(who, missing, bug_report()); }},
      {tc::op::link_tracker_by_title,
       [=](tc::desk& d, const tc::actor& who) { d.link_tracker_by_title(who, missing, "Outage", "bug"); }},
      {tc::op::set_state, [=](tc::desk& d, const tc::actor& who) { d.set_state(who, missing, "closed"); }},
      {tc::op::update_ticket, [=](tc::desk& d, const tc::actor& who) { d.update_ticket(who, missing, {}); }},
      {tc::op::set_company, [=](tc::desk& d, const tc::actor& who) { d.set_company(who, missing, "initech"); }},
      {tc::op::create_contact, [](tc::desk& d, const tc::actor& who) { d.create_contact(who, person<tc::contact>()); }},
      {tc::op::update_contact, [](tc::desk& d, const tc::actor& who) { d.update_contact(who, person<tc::contact>()); }},
      {tc::op::upsert_contact, [](tc::desk& d, const tc::actor& who) { d.upsert_contact(who, person<tc::contact>()); }},
      {tc::op::contact, [](tc::desk& d, const tc::actor& who) { d.contact(who, "a"); }},
      {tc::op::contact_by_email, [](tc::desk& d, const tc::actor& who) { d.contact_by_email(who, "ann@initech.test"); }},
      {tc::op::contacts, [](tc::desk& d, const tc::actor& who) { d.contacts(who, {}); }},
      {tc::op::upsert_company, [](tc::desk& d, const tc::actor& who) { d.upsert_company(who, person<tc::company>()); }},
      {tc::op::company, [](tc::desk& d, const tc::actor& who) { d.company(who, "initech"); }},
      {tc::op::companies, [](tc::desk& d, const tc::actor& who) { d.companies(who, {}); }},
      {tc::op::upsert_teammate,
       [](tc::desk& d, const tc::actor& who) { d.upsert_teammate(who, person<tc::teammate>()); }},
      {tc::op::teammate, [](tc::desk& d, const tc::actor& who) { d.teammate(who, "tom"); }},
      {tc::op::teammates, [](tc::desk& d, const tc::actor& who) { d.teammates(who, {}); }},
      {tc::op::upsert_team, [](tc::desk& d, const tc::actor& who) { d.upsert_team(who, person<tc::team>()); }},
      {tc::op::team, [](tc::desk& d, const tc::actor& who) { d.team(who, "support"); }},
      {tc::op::teams, [](tc::desk& d, const tc::actor& who) { d.teams(who, {}); }},
      {tc::op::merge, [=](tc::desk& d, const tc::actor& who) { d.merge(who, missing, std::int64_t{1}); }},
      {tc::op::rate, [=](tc::desk& d, const tc::actor& who) { d.rate(who, missing, 5); }},
      {tc::op::reply, [=](tc::desk& d, const tc::actor& who) { d.reply(who, missing, "hello"); }},
      {tc::op::add_note, [=](tc::desk& d, const tc::actor& who) { d.add_note(who, missing, "note"); }},
      {tc::op::add_link,
       [=](tc::desk& d, const tc::actor& who) { d.add_link(who, missing, tc::new_id(), tc::link_kind::related); }},
      {tc::op::add_external_link,
       [=](tc::desk& d, const tc::actor& who) { d.add_external_link(who, missing, {"github", "1", "u"}); }},
      {tc::op::remove_link, [=](tc::desk& d, const tc::actor& who) { d.remove_link(who, missing); }},
      {tc::op::links, [=](tc::desk& d, const tc::actor& who) { d.links(who, missing); }},
      {tc::op::ticket, [=](tc::desk& d, const tc::actor& who) { d.ticket(who, missing); }},
      {tc::op::conversation, [=](tc::desk& d, const tc::actor& who) { d.conversation(who, missing); }},
      {tc::op::inbox, [](tc::desk& d, const tc::actor& who) { d.inbox(who); }},
      {tc::op::inbox_page, [](tc::desk& d, const tc::actor& who) { d.inbox_page(who); }},
      {tc::op::history, [=](tc::desk& d, const tc::actor& who) { d.history(who, missing); }},
      {tc::op::find_tickets, [](tc::desk& d, const tc::actor& who) { d.find_tickets(who, {}); }},
      {tc::op::count_tickets, [](tc::desk& d, const tc::actor& who) { d.count_tickets(who, {}); }},
      {tc::op::views, [](tc::desk& d, const tc::actor& who) { d.views(who); }},
      {tc::op::save_view, [](tc::desk& d, const tc::actor& who) { d.save_view(who, {"mine", "Mine", "", {}}); }},
      {tc::op::remove_view, [](tc::desk& d, const tc::actor& who) { d.remove_view(who, "missing"); }},
      {tc::op::bulk_update, [](tc::desk& d, const tc::actor& who) { d.bulk_update(who, {}, {}); }},
      {tc::op::import_tickets, [](tc::desk& d, const tc::actor& who) { d.import_tickets(who, {}); }},
      {tc::op::report, [=](tc::desk& d, const tc::actor& who) { d.report(who, period()); }},
      {tc::op::send_form, [=](tc::desk& d, const tc::actor& who) { d.send_form(who, missing, "bug_report"); }},
      {tc::op::submit_form, [=](tc::desk& d, const tc::actor& who) { d.submit_form(who, missing, missing, {}); }},
      {tc::op::apply_sla_policies, [](tc::desk& d, const tc::actor& who) { d.apply_sla_policies(who); }},
  };
}

// The Desk's host calls: they take no actor and run as the system.
std::map<tc::op, host_call> host_calls() {
  return {
      {tc::op::configure, [](tc::desk& d) { d.configure(*d.configuration()); }},
      {tc::op::configure_migrating, [](tc::desk& d) { d.configure_migrating(*d.configuration(), {}); }},
      {tc::op::configuration, [](tc::desk& d) { d.configuration(); }},
      {tc::op::outbox, [](tc::desk& d) { d.outbox(); }},
      {tc::op::outbox_page, [](tc::desk& d) { d.outbox_page(); }},
      {tc::op::dispatch_notifications,
       [](tc::desk& d) {
         testing::recording_notifier n;
         d.dispatch_notifications(&n);
       }},
      {tc::op::tick, [](tc::desk& d) { d.tick(); }},
      {tc::op::next_due, [](tc::desk& d) { d.next_due(); }},
      {tc::op::check, [](tc::desk& d) { d.check(); }},
      {tc::op::erase_contact, [](tc::desk& d) { d.erase_contact("d"); }},
  };
}

// What `call` threw: its kind, or nullopt when it ran.
template <class Call>
std::optional<tc::errc> outcome(Call&& call, std::string* message = nullptr) {
  try {
    call();
    return std::nullopt;
  } catch (const tc::error& e) {
    if (message) *message = e.what();
    return e.kind();
  }
}

}  // namespace

// U1: every op of the table is reachable through the Desk and covered here;
// a new op without a call below fails this test.
BOOST_AUTO_TEST_CASE(u1_every_op_is_covered) {
  const auto with_actor = actor_calls();
  const auto host = host_calls();
  for (const tc::op_declaration& d : tc::operations) {
    BOOST_TEST_CONTEXT(d.name) {
      BOOST_TEST((tc::parse_op(d.name) == std::optional<tc::op>(d.op)));
      BOOST_TEST(tc::to_string(d.op) == d.name);
      const bool covered = with_actor.count(d.op) + host.count(d.op) == 1 || d.op == tc::op::version;
      BOOST_TEST(covered, "op " << d.name << " has no call in operations_test.cpp (version is the C ABI's own)");
    }
  }
  BOOST_TEST(with_actor.size() + host.size() + 1 == tc::operations.size());
  BOOST_TEST(!tc::parse_op("drop_everything").has_value());
}

// U1: every op x every actor kind through the C++ Desk: forbidden exactly
// when the table says the kind may not run it, naming the op and the kind.
BOOST_AUTO_TEST_CASE(u1_desk_answers_forbidden_exactly_as_the_table_says) {
  for (const auto& [o, call] : actor_calls()) {
    for (tc::actor_kind k : every_kind) {
      BOOST_TEST_CONTEXT(tc::to_string(o) << " as " << tc::to_string(k)) {
        desk_fixture f;
        const tc::actor who = actor_of(k);
        std::string message;
        const auto kind = outcome([&] { call(*f.desk, who); }, &message);
        const bool forbidden = kind == tc::errc::forbidden;
        if (tc::may_run(o, k)) {
          BOOST_TEST(!forbidden, message);
        } else {
          BOOST_TEST(forbidden, "answered " << (kind ? tc::to_string(*kind) : "ok") << ": " << message);
          BOOST_TEST(message.find(std::string(tc::to_string(o))) != std::string::npos, message);
          BOOST_TEST(message.find("(U1)") != std::string::npos, message);
        }
      }
    }
  }
  for (const auto& [o, call] : host_calls()) {
    BOOST_TEST_CONTEXT(tc::to_string(o)) {
      BOOST_TEST(tc::may_run(o, tc::actor_kind::system));
      desk_fixture f;
      BOOST_TEST(!outcome([&] { call(*f.desk); }).has_value());
    }
  }
}

// U1: the host-level operations, listed here independently of the table,
// are never open to contacts.
BOOST_AUTO_TEST_CASE(u1_no_host_level_op_is_open_to_contacts) {
  const std::vector<std::string> host_level = {
      "configure",   "configure_migrating", "configuration", "outbox",     "outbox_page", "dispatch_notifications", "tick",     "next_due",
      "import_tickets",
      "report",      "views",         "save_view",  "remove_view",            "bulk_update", "history"};
  const auto calls = actor_calls();
  for (const std::string& name : host_level) {
    BOOST_TEST_CONTEXT(name) {
      const auto o = tc::parse_op(name);
      BOOST_TEST_REQUIRE(o.has_value());
      BOOST_TEST(!tc::may_run(*o, tc::actor_kind::contact));
      if (auto call = calls.find(*o); call != calls.end()) {
        desk_fixture f;
        std::string message;
        BOOST_TEST((outcome([&] { call->second(*f.desk, f.ann); }, &message) == tc::errc::forbidden));
        BOOST_TEST(message == "contacts may not run " + name + " (U1)");
      }
    }
  }
}

// U1, V3: the table answers before any record is read, so a contact learns
// nothing from the answer: the same for their own ticket, someone else's
// and one that does not exist. Nothing changes.
BOOST_FIXTURE_TEST_CASE(u1_answer_does_not_depend_on_what_exists, desk_fixture) {
  const tc::uuid own = desk->create_ticket(tom, customer_ticket("a")).ticket.id;
  const tc::uuid others = desk->create_ticket(tom, customer_ticket("c")).ticket.id;
  const tc::uuid back_office = desk->create_ticket(tom, ticket_of("process_refund", "Refund")).ticket.id;
  const auto before = snapshot(*desk);
  using call = std::function<void(const tc::uuid&)>;
  const std::vector<std::pair<tc::op, call>> calls = {
      {tc::op::set_state, [&](const tc::uuid& id) { desk->set_state(ann, id, "closed"); }},
      {tc::op::update_ticket, [&](const tc::uuid& id) { desk->update_ticket(ann, id, {}); }},
      {tc::op::set_company, [&](const tc::uuid& id) { desk->set_company(ann, id, "umbrella"); }},
      {tc::op::add_note, [&](const tc::uuid& id) { desk->add_note(ann, id, "psst"); }},
      {tc::op::history, [&](const tc::uuid& id) { desk->history(ann, id); }},
      {tc::op::merge, [&](const tc::uuid& id) { desk->merge(ann, own, id); }},
  };
  for (const auto& [o, run] : calls) {
    for (const tc::uuid& id : {own, others, back_office, tc::new_id()}) {
      BOOST_TEST_CONTEXT(tc::to_string(o) << " on " << tc::to_string(id)) {
        std::string message;
        BOOST_TEST((outcome([&] { run(id); }, &message) == tc::errc::forbidden));
        BOOST_TEST(message == "contacts may not run " + std::string(tc::to_string(o)) + " (U1)");
      }
    }
  }
  BOOST_TEST(snapshot(*desk) == before);
}

// U1: docs/c-api.md's table of who may run each op is the table in the source.
BOOST_AUTO_TEST_CASE(u1_the_documented_table_is_the_source_table) {
  std::ifstream doc(std::string(TICKETCORE_DOCS_DIR) + "/c-api.md");
  BOOST_TEST_REQUIRE(doc.good());
  std::string expected = "| op | contact | teammate | automation | system |\n|---|---|---|---|---|\n";
  for (const tc::op_declaration& d : tc::operations) {
    expected += "| `" + std::string(d.name) + "` |";
    for (tc::actor_kind k : every_kind) expected += d.who.contains(k) ? " yes |" : " — |";
    expected += "\n";
  }
  std::string line, table;
  bool inside = false;
  while (std::getline(doc, line)) {
    if (line.starts_with("<!-- end of op table")) inside = false;
    if (inside) table += line + "\n";
    if (line.starts_with("<!-- op table")) inside = true;
  }
  BOOST_TEST(table == expected);
}
