// The op table (operations.toml) through the C ABI: every op's arguments are
// checked before the op reads them, with one wording for every op (an
// unknown key, a missing required key, a value of the wrong JSON type, each
// naming the op and the key), and the typed functions tc_desk_<op> run the
// same op as tc_desk_execute and as their deprecated first names. The
// arguments come from the generated table (op_args.inc), so a new op is
// covered without a line here.
#define BOOST_TEST_MODULE capi_op_table
#include "commands.hpp"

#include <ticketcore/operations.hpp>
#include <ticketcore/ticketcore.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

namespace capi {
#include "op_args.inc"
}  // namespace capi

namespace json = boost::json;
namespace tc = ticketcore;

namespace {

const char* config = R"({
  "contacts": [{"id": "ann", "name": "Ann", "email": "ann@example.test"}],
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "bug_report", "name": "Bug report", "category": "customer"}]
})";

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

// A value of the argument's type, and one of another type.
json::value fitting(capi::arg_type t) {
  switch (t) {
    case capi::arg_type::text: return "x";
    case capi::arg_type::ref: return "#1";
    case capi::arg_type::integer: return 1;
    case capi::arg_type::boolean: return true;
    case capi::arg_type::object: return json::object{};
    case capi::arg_type::array: return json::array{};
    case capi::arg_type::any: break;
  }
  return json::object{};
}

json::value misfit(capi::arg_type t) {
  if (t == capi::arg_type::text || t == capi::arg_type::array) return 5;
  if (t == capi::arg_type::ref) return json::array{};
  return "x";
}

// An actor the op table lets run `o`.
json::value runner(tc::op o) {
  if (tc::may_run(o, tc::actor_kind::teammate)) return {{"kind", "teammate"}, {"id", "tom"}};
  if (tc::may_run(o, tc::actor_kind::contact)) return {{"kind", "contact"}, {"id", "ann"}};
  return {{"kind", "system"}};
}

// Runs `op` with `args` on a new desk; TC_OK or the status, message in `message`.
int execute(tc::op o, const json::object& args, std::string& message) {
  desk_handle h;
  json::object request{{"op", tc::to_string(o)}, {"actor", runner(o)}, {"args", args}};
  char* out = nullptr;
  const int status = tc_desk_execute(&out, h.desk, json::serialize(request).c_str());
  message = tc_last_error_message();
  tc_string_free(out);
  return status;
}

// Every argument of `s` with a value of its type.
json::object full_args(const capi::op_signature& s) {
  json::object args;
  for (const capi::arg_spec& a : s.args) args[a.key] = fitting(a.type);
  return args;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_argument_table_follows_the_op_table) {
  BOOST_TEST(capi::signatures.size() == tc::operations.size());
  for (std::size_t i = 0; i < capi::signatures.size(); ++i) BOOST_TEST((capi::signatures[i].op == tc::operations[i].op));
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_refused_in_the_same_words_by_every_op) {
  for (const capi::op_signature& s : capi::signatures) {
    const std::string op(tc::to_string(s.op));
    BOOST_TEST_CONTEXT(op) {
      json::object args = full_args(s);
      args["bogus"] = 1;
      std::string message;
      BOOST_TEST(execute(s.op, args, message) == TC_EINVALID);
      BOOST_TEST(message == op + ": bogus: unknown key");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_missing_required_key_is_named_in_the_same_words_by_every_op) {
  for (const capi::op_signature& s : capi::signatures)
    for (const capi::arg_spec& a : s.args) {
      if (!a.required) continue;
      const std::string op(tc::to_string(s.op));
      BOOST_TEST_CONTEXT(op << "." << a.key) {
        json::object args = full_args(s);
        args.erase(a.key);
        std::string message;
        BOOST_TEST(execute(s.op, args, message) == TC_EINVALID);
        BOOST_TEST(message.starts_with(op + ": " + a.key + ": missing (expected "), message);
      }
    }
}

BOOST_AUTO_TEST_CASE(a_value_of_the_wrong_type_is_named_in_the_same_words_by_every_op) {
  for (const capi::op_signature& s : capi::signatures)
    for (const capi::arg_spec& a : s.args) {
      if (a.type == capi::arg_type::any) continue;
      const std::string op(tc::to_string(s.op));
      BOOST_TEST_CONTEXT(op << "." << a.key) {
        json::object args = full_args(s);
        args[a.key] = misfit(a.type);
        std::string message;
        BOOST_TEST(execute(s.op, args, message) == TC_EINVALID);
        BOOST_TEST(message.starts_with(op + ": " + a.key + ": expected "), message);
        BOOST_TEST(message.find(", found ") != std::string::npos, message);
      }
    }
}

// The typed functions, their first names and tc_desk_execute run one op.
BOOST_AUTO_TEST_CASE(a_typed_function_and_its_deprecated_name_run_the_same_op) {
  desk_handle h;
  const char* tom = R"({"kind": "teammate", "id": "tom"})";
  char* ticket = nullptr;
  BOOST_TEST_REQUIRE(tc_desk_create_ticket(&ticket, h.desk, tom, R"({"type": "bug_report", "title": "T", "contact": "ann"})") == TC_OK,
                     tc_last_error_message());
  const std::string id(json::parse(ticket).at("id").as_string());
  tc_string_free(ticket);

  char* note = nullptr;
  BOOST_TEST_REQUIRE(tc_desk_add_note(&note, h.desk, tom, id.c_str(), "new name", "cross_post") == TC_OK,
                     tc_last_error_message());
  BOOST_TEST(json::parse(note).at("body") == "new name");
  tc_string_free(note);
  BOOST_TEST_REQUIRE(tc_note_add(&note, h.desk, tom, id.c_str(), "old name", TC_NOTE_ADD) == TC_OK);
  tc_string_free(note);

  char* by_new = nullptr;
  char* by_old = nullptr;
  char* by_execute = nullptr;
  BOOST_TEST_REQUIRE(tc_desk_ticket(&by_new, h.desk, tom, "1") == TC_OK);
  BOOST_TEST_REQUIRE(tc_ticket_get(&by_old, h.desk, tom, "1") == TC_OK);
  const std::string request = R"({"op": "ticket", "actor": )" + std::string(tom) + R"(, "args": {"ticket": 1}})";
  BOOST_TEST_REQUIRE(tc_desk_execute(&by_execute, h.desk, request.c_str()) == TC_OK);
  BOOST_TEST(std::string(by_new) == by_old);
  BOOST_TEST(std::string(by_new) == by_execute);
  BOOST_TEST(json::parse(by_new).at("timeline").as_array().size() == 2u);
  tc_string_free(by_new);
  tc_string_free(by_old);
  tc_string_free(by_execute);
}

// A typed function's arguments get the op's checks, in the op's words.
BOOST_AUTO_TEST_CASE(a_typed_function_is_checked_like_its_op) {
  desk_handle h;
  const char* tom = R"({"kind": "teammate", "id": "tom"})";
  char* out = reinterpret_cast<char*>(1);
  BOOST_TEST(tc_desk_add_note(&out, h.desk, tom, "0190a8e4-0000-7000-8000-000000000001", "x", "loud") == TC_EINVALID);
  BOOST_TEST(out == nullptr);
  BOOST_TEST(std::string(tc_last_error_message()) == "add_note: mode: expected one of add or cross_post, found the string 'loud'");
  BOOST_TEST(tc_desk_set_state(&out, h.desk, nullptr, "1", "open", 0) == TC_EINVALID);
  BOOST_TEST(std::string(tc_last_error_message()) == "actor_json is NULL");
}
