#include "commands.hpp"

#include "model/json_form.hpp"
#include "records.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>
#include <ticketcore/ticketcore.h>
#include <ticketcore/version.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <boost/container/small_vector.hpp>

#include <array>
#include <limits>
#include <vector>

namespace ticketcore {
// The names of note modes, so a bad one is worded like every enum's
// (desk.hpp declares the enum).
BOOST_DESCRIBE_ENUM(note_mode, add, cross_post)
}  // namespace ticketcore

namespace capi {

namespace json = boost::json;
namespace tc = ticketcore;

namespace {

template <class Range>
json::value array_of(const Range& items) {
  json::array a;
  a.reserve(items.size());
  for (const auto& item : items) a.push_back(tc::to_json(item));
  return a;
}

json::value configure(call& c) {
  const json::value& document = c.args.value("config");
  if (!document.is_object()) c.args.expected("config", "an object", document);
  c.args.done();
  c.desk.configure(tc::parse_config(document));
  return json::object{};
}

json::value configure_migrating(call& c) {
  const json::value& document = c.args.value("config");
  if (!document.is_object()) c.args.expected("config", "an object", document);
  const json::value& migration = c.args.value("migration");
  c.args.done();
  c.desk.configure_migrating(tc::parse_config(document), tc::parse_configuration_migration(migration));
  return json::object{};
}

json::value configuration(call& c) {
  c.args.done();
  return to_json(*c.desk.configuration());
}

json::value create_conversation(call& c) {
  return tc::to_json(c.desk.create_conversation(c.who(), new_conversation_from(c.args)));
}

json::value convert_conversation(call& c) {
  tc::conversation_ref conversation = ticket_ref_from(c.args, "conversation");
  reader ticket = c.args.child("ticket");
  tc::new_ticket t = new_ticket_from(ticket);
  c.args.done();
  return tc::to_json(c.desk.convert_conversation(c.who(), conversation, std::move(t)));
}

json::value create_ticket(call& c) { return tc::to_json(c.desk.create_ticket(c.who(), new_ticket_from(c.args))); }

json::value import_tickets(call& c) {
  const json::value& list = c.args.value("tickets");
  if (!list.is_array()) c.args.expected("tickets", "an array of tickets", list);
  c.args.done();
  std::vector<tc::new_ticket> tickets;
  tickets.reserve(list.as_array().size());
  for (std::size_t i = 0; i < list.as_array().size(); ++i) {
    reader r(list.as_array()[i], "import_tickets", "tickets[" + std::to_string(i) + "]");
    tickets.push_back(new_ticket_from(r));
  }
  json::array out;
  for (const auto& t : c.desk.import_tickets(c.who(), std::move(tickets)))
    out.push_back(json::object{{"id", tc::to_string(t.id)}, {"number", t.number}});
  return json::object{{"tickets", std::move(out)}};
}

json::value create_linked_ticket(call& c) {
  tc::uuid from = c.args.id("from");
  reader ticket = c.args.child("ticket");
  tc::new_ticket t = new_ticket_from(ticket);
  c.args.done();
  return tc::to_json(c.desk.create_linked_ticket(c.who(), from, std::move(t)));
}

json::value link_tracker_by_title(call& c) {
  tc::uuid from = c.args.id("from");
  std::string title = c.args.text("title");
  std::string type = c.args.text("type");
  c.args.done();
  return tc::to_json(c.desk.link_tracker_by_title(c.who(), from, title, type));
}

std::optional<std::uint64_t> expected_version(reader& r) {
  auto v = r.optional_integer("expected_version", 0, std::numeric_limits<std::int64_t>::max());
  if (!v || *v == 0) return std::nullopt;  // 0: no check, as in the typed functions
  return static_cast<std::uint64_t>(*v);
}

json::value set_state(call& c) {
  tc::ticket_ref ref = ticket_ref_from(c.args, "ticket");
  std::string state = c.args.text("state");
  auto version = expected_version(c.args);
  c.args.done();
  return tc::to_json(c.desk.set_state(c.who(), ref, state, version));
}

json::value update_ticket(call& c) {
  tc::ticket_ref ref = ticket_ref_from(c.args, "ticket");
  reader changes = c.args.child("changes");
  tc::ticket_changes ch = ticket_changes_from(changes);
  auto version = expected_version(c.args);
  c.args.done();
  return tc::to_json(c.desk.update_ticket(c.who(), ref, ch, version));
}

json::value set_company(call& c) {
  tc::ticket_ref ref = ticket_ref_from(c.args, "ticket");
  std::string company = c.args.text("company");
  auto version = expected_version(c.args);
  c.args.done();
  return tc::to_json(c.desk.set_company(c.who(), ref, company, version));
}

json::value merge(call& c) {
  tc::ticket_ref source = ticket_ref_from(c.args, "source");
  tc::ticket_ref target = ticket_ref_from(c.args, "target");
  auto version = expected_version(c.args);
  c.args.done();
  return tc::to_json(c.desk.merge(c.who(), source, target, version));
}

json::value rate(call& c) {
  tc::ticket_ref ref = ticket_ref_from(c.args, "ticket");
  auto score = c.args.optional_integer("score", std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  if (!score) c.args.fail("score", "missing (expected an integer)");
  std::string comment = c.args.optional_text("comment").value_or("");
  c.args.done();
  return tc::to_json(c.desk.rate(c.who(), ref, static_cast<int>(*score), comment));
}


std::optional<tc::note_mode> parse_note_mode(std::string_view text) noexcept {
  return tc::detail::parse_enum<tc::note_mode>(text);
}

json::value add_note(call& c) {
  tc::uuid target = c.args.id("target");
  std::string body = c.args.text("body");
  tc::note_mode mode = c.args.optional_choice("mode", parse_note_mode).value_or(tc::note_mode::add);
  c.args.done();
  return tc::to_json(c.desk.add_note(c.who(), target, body, mode));
}

json::value add_link(call& c) {
  tc::uuid from = c.args.id("from");
  tc::uuid to = c.args.id("to");
  tc::link_kind kind = c.args.choice("kind", tc::parse_link_kind);
  c.args.done();
  return tc::to_json(c.desk.add_link(c.who(), from, to, kind));
}

json::value add_external_link(call& c) {
  tc::uuid tracker = c.args.id("tracker");
  reader external = c.args.child("external");
  tc::external_ref ref = external_ref_from(external);
  c.args.done();
  return tc::to_json(c.desk.add_external_link(c.who(), tracker, ref));
}





json::value inbox(call& c) { return array_of(c.desk.inbox(c.who(), inbox_filter_from(c.args))); }

json::value inbox_page(call& c) {
  std::string cursor = c.args.optional_text("cursor").value_or("");
  tc::inbox_page page = c.desk.inbox_page(c.who(), inbox_filter_from(c.args), cursor);
  return {{"rows", array_of(page.rows)}, {"next_cursor", page.next_cursor}};
}

tc::ticket_query query_from(call& c, const char* op) {
  if (!c.args.has("query")) return {};
  try {
    return tc::ticket_query_from_json(c.args.value("query"));
  } catch (const tc::error& e) {
    throw tc::error(e.kind(), std::string(op) + ": " + e.what(), e.fields());
  }
}

json::value find_tickets(call& c) {
  tc::ticket_query q = query_from(c, "find_tickets");
  auto limit = c.args.optional_integer("limit", 1, 10000).value_or(50);
  std::string cursor = c.args.optional_text("cursor").value_or("");
  c.args.done();
  return tc::to_json(c.desk.find_tickets(c.who(), q, static_cast<std::size_t>(limit), cursor));
}

json::value count_tickets(call& c) {
  tc::ticket_query q = query_from(c, "count_tickets");
  c.args.done();
  return {{"count", c.desk.count_tickets(c.who(), q)}};
}


// The directory (docs/directory.md): a record read from its object, and a
// page's filter, cursor and limit.
template <class Record, class Save>
json::value save_record(call& c, const char* name, Record (*from_json)(const json::value&), Save save) {
  const json::value& given = c.args.value(name);
  c.args.done();
  return tc::to_json(save(from_json(given)));
}

tc::directory_page_request page_from(call& c, const char* member) {
  tc::directory_page_request r;
  if (member) {
    std::string value = c.args.optional_text(member).value_or("");
    (std::string_view(member) == "company" ? r.company : r.team) = std::move(value);
  }
  r.after = c.args.optional_text("after").value_or("");
  r.limit = static_cast<std::size_t>(c.args.optional_integer("limit", 1, 10000).value_or(50));
  c.args.done();
  return r;
}

json::value create_contact(call& c) {
  return save_record(c, "contact", tc::contact_from_json, [&](const tc::contact& r) { return c.desk.create_contact(c.who(), r); });
}
json::value update_contact(call& c) {
  return save_record(c, "contact", tc::contact_from_json, [&](const tc::contact& r) { return c.desk.update_contact(c.who(), r); });
}
json::value upsert_contact(call& c) {
  return save_record(c, "contact", tc::contact_from_json, [&](const tc::contact& r) { return c.desk.upsert_contact(c.who(), r); });
}
json::value contacts(call& c) { return array_of(c.desk.contacts(c.who(), page_from(c, "company"))); }
json::value upsert_company(call& c) {
  return save_record(c, "company", tc::company_from_json, [&](const tc::company& r) { return c.desk.upsert_company(c.who(), r); });
}
json::value companies(call& c) { return array_of(c.desk.companies(c.who(), page_from(c, nullptr))); }
json::value upsert_teammate(call& c) {
  return save_record(c, "teammate", tc::teammate_from_json, [&](const tc::teammate& r) { return c.desk.upsert_teammate(c.who(), r); });
}
json::value teammates(call& c) { return array_of(c.desk.teammates(c.who(), page_from(c, "team"))); }
json::value upsert_team(call& c) {
  return save_record(c, "team", tc::team_from_json, [&](const tc::team& r) { return c.desk.upsert_team(c.who(), r); });
}
json::value teams(call& c) { return array_of(c.desk.teams(c.who(), page_from(c, nullptr))); }

json::value save_view(call& c) {
  const json::value& view = c.args.value("view");
  c.args.done();
  c.desk.save_view(c.who(), tc::saved_view_from_json(view));
  return json::object{};
}


json::value bulk_update(call& c) {
  tc::ticket_query q = query_from(c, "bulk_update");
  reader change = c.args.child("change");
  tc::bulk_change ch;
  ch.state = change.optional_text("state");
  ch.assignee = change.optional_text("assignee");
  ch.team = change.optional_text("team");
  ch.priority = change.optional_text("priority");
  for (const auto& tag : change.string_set("add_tags")) ch.add_tags.push_back(tag);
  for (const auto& tag : change.string_set("remove_tags")) ch.remove_tags.push_back(tag);
  change.done();
  auto batch = c.args.optional_integer("batch", 0, 1000000).value_or(0);
  std::string cursor = c.args.optional_text("cursor").value_or("");
  c.args.done();
  auto r = c.desk.bulk_update(c.who(), q, ch, static_cast<std::size_t>(batch), cursor);
  return {{"matched", r.matched}, {"changed", r.changed}, {"next_cursor", r.next_cursor}};
}

// R1: the args are the report request, plus `format` ("json" by default,
// or "csv" for {"csv": "..."}).
json::value report(call& c) {
  const std::string format = c.args.optional_text("format").value_or("json");
  if (format != "json" && format != "csv") c.args.expected("format", "\"json\" or \"csv\"", json::string(format));
  json::object request;
  for (const char* key : {"from", "to", "group_by", "time_zone", "category"})
    if (c.args.has(key)) request[key] = c.args.value(key);
  c.args.done();
  tc::report_request r;
  try {
    r = tc::report_request_from_json(request);
  } catch (const tc::error& e) {
    throw tc::error(e.kind(), std::string("report: ") + e.what(), e.fields());
  }
  tc::report out = c.desk.report(c.who(), r);
  if (format == "csv") return {{"csv", tc::to_csv(out)}};
  return tc::to_json(out);
}


json::value outbox(call& c) { return array_of(c.desk.outbox(outbox_filter_from(c.args))); }

json::value outbox_page(call& c) {
  std::string cursor = c.args.optional_text("cursor").value_or("");
  tc::outbox_page page = c.desk.outbox_page(outbox_filter_from(c.args), cursor);
  return {{"notifications", array_of(page.notifications)}, {"next_cursor", page.next_cursor}};
}


json::value dispatch_notifications(call& c) {
  c.args.done();
  return to_json(c.desk.dispatch_notifications(c.notifier));
}


json::value submit_form(call& c) {
  tc::conversation_ref conversation = ticket_ref_from(c.args, "conversation");
  tc::uuid form = c.args.id("form");
  json::object attributes = c.args.object("attributes");
  std::string title = c.args.optional_text("title").value_or("");
  c.args.done();
  return tc::to_json(c.desk.submit_form(c.who(), conversation, form, attributes, title));
}

json::value tick(call& c) {
  auto now = c.args.optional_time("now");  // absent: the desk's clock
  c.args.done();
  return {{"raised", c.desk.tick(now)}};
}

json::value next_due(call& c) {
  c.args.done();
  auto at = c.desk.next_due();
  return {{"next_due", at ? json::value(tc::format_time(*at)) : json::value(nullptr)}};
}

json::value version(call& c) {
  c.args.done();
  return {{"version", tc::version()}, {"abi", TC_ABI_VERSION}};
}

#include "op_commands.inc"

// Every op has exactly one command, at its own place in the op table.
consteval bool one_command_per_op() {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].op != tc::operations[i].op) return false;
  return true;
}
static_assert(one_command_per_op(), "the command table must list every op of operations.hpp once, in its order");

#include "op_args.inc"

static_assert(signatures.size() == tc::operations.size());

consteval bool one_signature_per_op() {
  for (std::size_t i = 0; i < signatures.size(); ++i)
    if (signatures[i].op != tc::operations[i].op) return false;
  return true;
}
static_assert(one_signature_per_op(), "op_args.inc must follow the op table: run bash scripts/generate.sh");

// What an argument of type `t` must be, in the words of every JSON reader's
// errors (model/json_form.hpp).
const char* expected(arg_type t) {
  switch (t) {
    case arg_type::text: return "a string";
    case arg_type::ref: return "a UUID, a number or \"#number\"";
    case arg_type::integer: return "an integer";
    case arg_type::boolean: return "true or false";
    case arg_type::object: return "an object";
    case arg_type::array: return "an array";
    case arg_type::any: break;
  }
  return "a value";
}

bool fits(const json::value& v, arg_type t) {
  switch (t) {
    case arg_type::text: return v.is_string();
    case arg_type::ref: return v.is_string() || v.is_int64() || v.is_uint64();
    case arg_type::integer: return v.is_int64() || v.is_uint64();
    case arg_type::boolean: return v.is_bool();
    case arg_type::object: return v.is_object();
    case arg_type::array: return v.is_array();
    case arg_type::any: return true;
  }
  return false;
}

[[noreturn]] void bad_arg(const op_signature& s, std::string_view key, std::string_view what) {
  throw tc::error(tc::errc::invalid_argument,
                  std::string(tc::to_string(s.op)) + ": " + std::string(key) + ": " + std::string(what));
}

const arg_spec* spec_of(const op_signature& s, std::string_view key) {
  for (const arg_spec& a : s.args)
    if (key == a.key) return &a;
  return nullptr;
}

// The checks every op's arguments get before the op reads them: an unknown
// key, a missing required one, a value of the wrong JSON type. `value(key)`
// gives a member or null when absent. Null counts as absent for an optional
// argument.
template <class Keys, class Lookup>
void check_args(const op_signature& s, const Keys& keys, Lookup value) {
  for (std::string_view key : keys)
    if (!spec_of(s, key)) bad_arg(s, key, "unknown key");
  for (const arg_spec& a : s.args) {
    const json::value* v = value(a.key);
    if (!v || (v->is_null() && !a.required)) {
      if (a.required) bad_arg(s, a.key, "missing (expected " + std::string(expected(a.type)) + ")");
      continue;
    }
    if (!fits(*v, a.type))
      bad_arg(s, a.key, "expected " + std::string(expected(a.type)) + ", found " + tc::detail::found_text(*v));
  }
}

// The command of op `o`, checked to have the actor it needs and to be
// open to it (U1): the first steps of both run paths, before any argument
// is read. A host call without an actor runs as the system.
const command& find_command(tc::op o, const std::optional<tc::actor>& actor) {
  if (signature_of(o).actor == needs_actor && !actor)
    throw tc::error(tc::errc::invalid_argument, std::string(tc::to_string(o)) + ": an actor is required");
  tc::check_may_run(o, actor ? actor->kind : tc::actor_kind::system);
  return table[static_cast<std::size_t>(o)];
}

tc::op parse_op(std::string_view name) {
  const std::optional<tc::op> o = tc::parse_op(name);
  if (o) return *o;
  std::string known;
  for (const tc::op_declaration& d : tc::operations) known += (known.empty() ? "" : ", ") + std::string(d.name);
  throw tc::error(tc::errc::invalid_argument, "unknown op " + quoted(name) + "; known ops: " + known);
}

}  // namespace

const op_signature& signature_of(tc::op o) noexcept { return signatures[static_cast<std::size_t>(o)]; }

json::value run(tc::desk& desk, std::string_view op, const std::optional<tc::actor>& actor, const json::value& args,
                tc::notifier* notifier) {
  return run(desk, parse_op(op), actor, args, notifier);
}

json::value run(tc::desk& desk, tc::op op, const std::optional<tc::actor>& actor, const json::value& args,
                tc::notifier* notifier) {
  const command& found = find_command(op, actor);
  static const json::value none = json::object{};
  const json::value& given = args.is_null() ? none : args;
  reader r(given, std::string(tc::to_string(op)), "");  // throws unless an object
  const json::object& members = given.get_object();
  std::vector<std::string_view> keys;
  keys.reserve(members.size());
  for (const auto& kv : members) keys.push_back(kv.key());
  check_args(signature_of(op), keys, [&](const char* key) { return members.if_contains(key); });
  call c{desk, actor ? &*actor : nullptr, r, notifier};
  return found.run(c);
}

json::value run(tc::desk& desk, tc::op op, const std::optional<tc::actor>& actor, std::span<typed_arg> args,
                tc::notifier* notifier) {
  const command& found = find_command(op, actor);
  boost::container::small_vector<std::string_view, 4> keys;
  for (const typed_arg& a : args) keys.push_back(a.key);
  // A typed function's text is a string already: checked as one without
  // making it a JSON string.
  static const json::value some_text = json::string();
  check_args(signature_of(op), keys, [&](const char* key) -> const json::value* {
    for (typed_arg& a : args)
      if (std::string_view(key) == a.key) return a.is_text ? &some_text : &a.value;
    return nullptr;
  });
  reader r(args, std::string(tc::to_string(op)));
  call c{desk, actor ? &*actor : nullptr, r, notifier};
  return found.run(c);
}

}  // namespace capi
