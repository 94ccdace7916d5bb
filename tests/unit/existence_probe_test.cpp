// Existence probing (U2): for every question a contact can ask, the answer
// about something that exists but is hidden from them equals the answer
// about something that does not exist - the same error kind, the same
// fields and the same message once the probed name is taken out.
#define BOOST_TEST_MODULE existence_probe
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <functional>

using namespace testing;

namespace {

// The scenario desk, plus customer-editable attributes that name people.
std::string probe_config() {
  boost::json::object c = boost::json::parse(scenario_config).as_object();
  for (auto& t : c["ticket_types"].as_array()) {
    if (t.at("id") != "bug_report") continue;
    auto& attributes = t.as_object()["attributes"].as_array();
    attributes.push_back({{"key", "colleague"}, {"type", "contact"}, {"editable_by_customer", true},
                          {"visible_to_customer", true}});
    attributes.push_back({{"key", "favourite_agent"}, {"type", "teammate"}, {"editable_by_customer", true},
                          {"visible_to_customer", true}});
  }
  return boost::json::serialize(c);
}

struct probe_desk : desk_fixture {
  probe_desk() : desk_fixture(make_test_store()) {
    tc::desk_options o;
    o.storage = store;
    o.clock = clock;
    o.config = tc::parse_config(probe_config());
    desk = std::make_unique<tc::desk>(std::move(o));
  }
};

// What a contact learns from one call: the error, or what it returned.
struct answer {
  tc::errc kind = tc::errc::ok;
  std::vector<std::string> fields;
  std::string message;
};

// `text` with every whole-word `name` replaced, so "b" leaves "bug" alone.
std::string without(std::string text, const std::string& name) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    if ((at > 0 && word(text[at - 1])) || (end < text.size() && word(text[end]))) continue;
    text.replace(at, name.size(), "<probed>");
  }
  return text;
}

answer ask(const std::function<std::string()>& call, const std::string& name) {
  answer a;
  try {
    a.message = without(call(), name);
  } catch (const tc::error& e) {
    a.kind = e.kind();
    for (const auto& f : e.fields()) a.fields.push_back(without(f, name));
    a.message = without(e.what(), name);
  }
  return a;
}

struct probe {
  std::string what, hidden, missing;
  std::function<std::string(const std::string&)> call;  // the contact's call, given the probed name
};

void check_same_answers(const std::vector<probe>& probes) {
  for (const auto& p : probes) {
    answer hidden = ask([&] { return p.call(p.hidden); }, p.hidden);
    answer missing = ask([&] { return p.call(p.missing); }, p.missing);
    BOOST_TEST((hidden.kind == missing.kind), p.what << ": " << hidden.message << " | " << missing.message);
    BOOST_TEST(hidden.fields == missing.fields, p.what);
    BOOST_TEST(hidden.message == missing.message, p.what);
  }
}

std::string rows(const tc::ticket_page& page) { return "rows " + std::to_string(page.tickets.size()); }

}  // namespace

BOOST_AUTO_TEST_CASE(U2_a_contact_gets_the_same_answer_for_hidden_and_missing) {
  probe_desk f;
  auto bobs = f.desk->create_ticket(f.tom, f.customer_ticket("b", "Bob's private one")).ticket;
  f.desk->create_ticket(f.tom, f.ticket_of("process_refund", "Refund run"));
  f.desk->create_ticket(f.tom, f.ticket_of("bug", "Crash on login"));
  auto bobs_conversation = f.conversation("b").conversation;
  const std::string before = snapshot(*f.desk);

  auto submit = [&](const std::string& type, boost::json::object attributes) {
    tc::new_ticket t = f.customer_ticket("a", "Probe");
    t.type = type;
    t.attributes = std::move(attributes);
    return boost::json::serialize(tc::to_json(f.desk->create_ticket(f.ann, t)));
  };
  auto with = [&](const std::string& key, boost::json::value v) {
    boost::json::object a{{"browser", "safari"}};
    a[key] = std::move(v);
    return a;
  };
  auto query_types = [&](const std::string& type) {
    tc::ticket_query q;
    q.types = {type};
    return q;
  };
  check_same_answers({
      // Types: a back-office or tracker type is as unknown as a type that is not there.
      {"submit a back-office type", "process_refund", "no_such_type", [&](auto& n) { return submit(n, {}); }},
      {"submit a tracker type", "bug", "no_such_type", [&](auto& n) { return submit(n, {}); }},
      {"find by a back-office type", "process_refund", "no_such_type",
       [&](auto& n) { return rows(f.desk->find_tickets(f.ann, query_types(n))); }},
      {"count by a tracker type", "bug", "no_such_type",
       [&](auto& n) { return std::to_string(f.desk->count_tickets(f.ann, query_types(n))); }},
      {"inbox by a back-office type", "process_refund", "no_such_type",
       [&](auto& n) {
         tc::inbox_filter in;
         in.type = n;
         return std::to_string(f.desk->inbox(f.ann, in).size());
       }},
      // Attributes: an internal attribute is as unknown as one that is not there.
      {"set an internal attribute", "severity", "no_such_key", [&](auto& n) { return submit("bug_report", with(n, 3)); }},
      {"set a hidden text attribute", "internal_triage", "no_such_key",
       [&](auto& n) { return submit("bug_report", with(n, "x")); }},
      // Directory entries: naming another contact or a teammate tells nothing.
      {"name another contact", "b", "nobody", [&](auto& n) { return submit("bug_report", with("colleague", boost::json::string(n))); }},
      {"name a teammate", "tom", "nobody", [&](auto& n) { return submit("bug_report", with("favourite_agent", boost::json::string(n))); }},
      // Records: a colleague's private ticket is as missing as no ticket.
      {"read a colleague's private ticket", "#" + std::to_string(bobs.number), "#999999",
       [&](auto& n) { return boost::json::serialize(tc::to_json(f.desk->ticket(f.ann, static_cast<std::int64_t>(std::stoll(n.substr(1)))))); }},
      // A conversation by number, on every op a contact may name one with.
      {"read another contact's conversation by number", "#" + std::to_string(bobs_conversation.number), "#999999",
       [&](auto& n) { return boost::json::serialize(tc::to_json(f.desk->conversation(f.ann, static_cast<std::int64_t>(std::stoll(n.substr(1)))))); }},
      {"submit a form in another contact's conversation by number", "#" + std::to_string(bobs_conversation.number),
       "#999999",
       [&](auto& n) {
         return boost::json::serialize(
             tc::to_json(f.desk->submit_form(f.ann, std::int64_t{std::stoll(n.substr(1))}, tc::new_id(), {})));
       }},
      {"inbox page by a back-office type", "process_refund", "no_such_type",
       [&](auto& n) {
         tc::inbox_filter in;
         in.type = n;
         return std::to_string(f.desk->inbox_page(f.ann, in).rows.size());
       }},
      // Query filters: closed fields answer alike, whatever the value names.
      {"filter by assignee", "tom", "nobody",
       [&](auto& n) {
         tc::ticket_query q;
         q.assignee = n;
         return rows(f.desk->find_tickets(f.ann, q));
       }},
      {"filter by another contact", "b", "nobody",
       [&](auto& n) {
         tc::ticket_query q;
         q.contact = n;
         return rows(f.desk->find_tickets(f.ann, q)) + " count " + std::to_string(f.desk->count_tickets(f.ann, q));
       }},
  });
  BOOST_TEST(snapshot(*f.desk) == before);  // no probe changed anything
}

// U2, V4: a contact names only themselves in a contact attribute; the team
// may name anyone.
BOOST_AUTO_TEST_CASE(U2_V4_a_contact_attribute_from_a_contact_names_only_them) {
  probe_desk f;
  auto t = f.customer_ticket("a", "Mine");
  t.attributes = {{"browser", "safari"}, {"colleague", "a"}};
  BOOST_TEST(f.desk->create_ticket(f.ann, t).ticket.attributes.at("colleague") == "a");
  t.attributes = {{"browser", "safari"}, {"colleague", "b"}};
  BOOST_TEST(f.desk->create_ticket(f.tom, t).ticket.attributes.at("colleague") == "b");
  auto refused = attempt([&] { f.desk->create_ticket(f.ann, t); });
  BOOST_TEST((refused.kind == tc::errc::validation_failed));
  BOOST_TEST(has(refused.fields, "attributes.colleague"));
}
