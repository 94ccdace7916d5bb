// U1 through the C ABI, the path of every C host and of Python: each op of
// the table (operations.hpp) x each actor kind through tc_desk_execute is
// TC_EFORBIDDEN exactly when the table says the kind may not run it. The
// ops come from the table, so a new op without minimal arguments below
// fails here. Only the header's constexpr table is used: the C library
// exports nothing of the C++ API.
#define BOOST_TEST_MODULE capi_operations
#include <ticketcore/operations.hpp>
#include <ticketcore/ticketcore.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>
#include <string>

namespace json = boost::json;
namespace tc = ticketcore;

namespace {

const char* config = R"({
  "companies": [{"id": "initech", "name": "Initech"}],
  "contacts": [{"id": "ann", "name": "Ann", "email": "ann@example.test"}],
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "bug_report", "name": "Bug report", "category": "customer"},
                   {"id": "bug", "name": "Bug", "category": "tracker"}]
})";

const char* missing = "0190a8e4-0000-7000-8000-000000000001";

// Minimal arguments of every op; records they name need not exist.
std::map<std::string, json::value> minimal_args() {
  return {
      {"configure", {{"config", json::parse(config)}}},
      {"configuration", json::object{}},
      {"create_conversation", {{"contact", "ann"}, {"message", "hi"}}},
      {"convert_conversation", {{"conversation", missing}, {"ticket", {{"type", "bug_report"}}}}},
      {"create_ticket", {{"type", "bug_report"}, {"title", "Broken"}, {"contact", "ann"}}},
      {"create_linked_ticket", {{"from", missing}, {"ticket", {{"type", "bug"}, {"title", "Outage"}}}}},
      {"link_tracker_by_title", {{"from", missing}, {"title", "Outage"}, {"type", "bug"}}},
      {"set_state", {{"ticket", missing}, {"state", "resolved"}}},
      {"update_ticket", {{"ticket", missing}, {"changes", json::object{}}}},
      {"merge", {{"source", missing}, {"target", "#1"}}},
      {"rate", {{"ticket", missing}, {"score", 5}}},
      {"reply", {{"target", missing}, {"body", "hello"}}},
      {"add_note", {{"target", missing}, {"body", "note"}}},
      {"add_link", {{"from", missing}, {"to", missing}, {"kind", "related"}}},
      {"add_external_link", {{"tracker", missing}, {"external", {{"kind", "github"}, {"external_id", "1"}}}}},
      {"remove_link", {{"link", missing}}},
      {"links", {{"id", missing}}},
      {"ticket", {{"ticket", missing}}},
      {"conversation", {{"conversation", missing}}},
      {"inbox", json::object{}},
      {"inbox_page", json::object{}},
      {"history", {{"id", missing}}},
      {"outbox", json::object{}},
      {"outbox_page", json::object{}},
      {"dispatch_notifications", json::object{}},
      {"find_tickets", json::object{}},
      {"count_tickets", json::object{}},
      {"views", json::object{}},
      {"save_view", {{"view", {{"id", "mine"}, {"name", "Mine"}}}}},
      {"remove_view", {{"id", "mine"}}},
      {"bulk_update", {{"change", json::object{}}}},
      {"import_tickets", {{"tickets", json::array{}}}},
      {"report", {{"from", "2026-11-23T00:00:00Z"}, {"to", "2026-11-24T00:00:00Z"}}},
      {"send_form", {{"conversation", missing}, {"type", "bug_report"}}},
      {"submit_form", {{"conversation", missing}, {"form", missing}, {"attributes", json::object{}}}},
      {"tick", json::object{}},
      {"next_due", json::object{}},
      {"check", json::object{}},
      {"apply_sla_policies", json::object{}},
      {"version", json::object{}},
  };
}

json::value actor_of(tc::actor_kind k) {
  switch (k) {
    case tc::actor_kind::teammate:
      return {{"kind", "teammate"}, {"id", "tom"}};
    case tc::actor_kind::contact:
      return {{"kind", "contact"}, {"id", "ann"}};
    case tc::actor_kind::automation:
      return {{"kind", "automation"}, {"id", "rule-1"}};
    case tc::actor_kind::system:
      break;
  }
  return {{"kind", "system"}};
}

struct desk_handle {
  tc_desk* desk = nullptr;
  desk_handle() {
    tc_desk_options o;
    tc_desk_options_init(&o, TC_DESK_OPTIONS_VERSION);
    o.config_json = config;
    BOOST_TEST_REQUIRE(tc_desk_open(&desk, &o) == TC_OK, tc_last_error_message());
  }
  ~desk_handle() { tc_desk_close(desk); }
  desk_handle(const desk_handle&) = delete;
  desk_handle& operator=(const desk_handle&) = delete;
};

// tc_desk_execute's status for `request`; the result string is freed.
int execute(tc_desk* desk, const json::object& request) {
  char* out = nullptr;
  const int status = tc_desk_execute(&out, desk, json::serialize(request).c_str());
  tc_string_free(out);
  return status;
}

}  // namespace

BOOST_AUTO_TEST_CASE(u1_every_op_has_minimal_arguments_here) {
  const auto args = minimal_args();
  for (const tc::op_declaration& d : tc::operations)
    BOOST_TEST(args.count(std::string(d.name)) == 1u, "op " << d.name << " has no minimal arguments in this test");
  BOOST_TEST(args.size() == tc::operations.size());
}

BOOST_AUTO_TEST_CASE(u1_execute_answers_forbidden_exactly_as_the_table_says) {
  const auto args = minimal_args();
  for (const tc::op_declaration& d : tc::operations) {
    for (tc::actor_kind k : {tc::actor_kind::contact, tc::actor_kind::teammate, tc::actor_kind::automation,
                             tc::actor_kind::system}) {
      BOOST_TEST_CONTEXT(d.name << " as " << actor_of(k)) {
        desk_handle h;
        const std::string name(d.name);
        const int status = execute(h.desk, {{"op", name}, {"actor", actor_of(k)}, {"args", args.at(name)}});
        const std::string message = tc_last_error_message();
        if (d.who.contains(k)) {
          BOOST_TEST(status != TC_EFORBIDDEN, message);
        } else {
          BOOST_TEST(status == TC_EFORBIDDEN, tc_status_name(status) << ": " << message);
          BOOST_TEST(message.find(name) != std::string::npos, message);
          BOOST_TEST(message.find("(U1)") != std::string::npos, message);
        }
      }
    }
  }
}

// Without an actor, a host call runs as the system; the others need one.
BOOST_AUTO_TEST_CASE(u1_execute_without_an_actor_runs_host_calls_as_the_system) {
  desk_handle h;
  for (const char* name : {"configuration", "outbox", "next_due", "tick", "version"})
    BOOST_TEST(execute(h.desk, {{"op", name}}) == TC_OK, name << ": " << tc_last_error_message());
  BOOST_TEST(execute(h.desk, {{"op", "ticket"}, {"args", {{"ticket", missing}}}}) == TC_EINVALID);
}

// The issue's reproducer: a contact reads every contact's e-mail address
// from the configuration, the outbox's reply bodies, and reconfigures the
// desk. Each is forbidden now, and the configuration is unchanged.
BOOST_AUTO_TEST_CASE(u1_a_contact_may_not_read_or_change_the_configuration_or_the_outbox) {
  desk_handle h;
  const json::value ann = actor_of(tc::actor_kind::contact);
  BOOST_TEST(execute(h.desk, {{"op", "configuration"}, {"actor", ann}}) == TC_EFORBIDDEN);
  BOOST_TEST(std::string(tc_last_error_message()) == "contacts may not run configuration (U1)");
  BOOST_TEST(execute(h.desk, {{"op", "outbox"}, {"actor", ann}}) == TC_EFORBIDDEN);
  json::value moved = json::parse(config);
  moved.at("contacts").as_array()[0].as_object()["company"] = "initech";
  BOOST_TEST(execute(h.desk, {{"op", "configure"}, {"actor", ann}, {"args", {{"config", moved}}}}) == TC_EFORBIDDEN);
  char* out = nullptr;
  BOOST_TEST_REQUIRE(tc_desk_configuration(&out, h.desk) == TC_OK);
  const json::value after = json::parse(out);
  const json::object& first = after.at("contacts").as_array()[0].as_object();
  BOOST_TEST(!(first.contains("company") && first.at("company") == "initech"));
  tc_string_free(out);
}
