#include "store/sqlite/ticket_rows.hpp"

#include "model/json_numbers.hpp"
#include "query/matching.hpp"
#include "visibility/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>
#include <ticketcore/query.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <variant>
#include <vector>

namespace ticketcore::detail::sqlite {
namespace {

std::int64_t millis(time_point t) { return t.time_since_epoch().count(); }

// The earliest date a due_before filter tests: follow-up, action required
// or the next SLA breach.
std::optional<std::int64_t> first_due(const ticket& t) {
  std::optional<time_point> first;
  for (const auto& at : {t.follow_up_at, t.action_required_at, next_sla_due(t.sla)})
    if (at && (!first || *at < *first)) first = at;
  return first ? std::optional(millis(*first)) : std::nullopt;
}

constexpr const char* columns =
    "id, number, type, category, state_category, contact, company, assignee, brand, title, version, record, "
    "next_due_at, team, state, priority, priority_rank, channel, sharing, created_at, updated_at, sla_status, "
    "sla_due_at, due_at";

// The names of the columns above, by parameter number - 1.
constexpr std::array<const char*, 24> column_names = {
    "id",       "number",   "type",          "category",   "state_category", "contact",    "company",    "assignee",
    "brand",    "title",    "version",       "record",     "next_due_at",    "team",       "state",      "priority",
    "priority_rank", "channel", "sharing", "created_at", "updated_at",     "sla_status", "sla_due_at", "due_at"};
constexpr int version_param = 11, record_param = 12;

// A column's value; monostate is NULL.
using column_value = std::variant<std::monostate, std::int64_t, std::string, uuid>;

// What bind_ticket binds, by parameter number - 1. The record (?12) only
// `with_record`: encoding it is the costly part.
std::array<column_value, 24> column_values(const ticket& t, bool with_record) {
  auto maybe = [](const std::optional<std::int64_t>& v) { return v ? column_value(*v) : column_value(); };
  return {column_value(t.id), t.number, t.type, static_cast<std::int64_t>(t.category),
          static_cast<std::int64_t>(t.state_category), t.contact, t.company, t.assignee, t.brand, t.title,
          static_cast<std::int64_t>(t.version),
          with_record ? column_value(serialize_checked(to_json(t), "a ticket to store")) : column_value(),
          maybe(t.next_due_at ? std::optional(millis(*t.next_due_at)) : std::nullopt), t.team, t.state, t.priority,
          std::int64_t{t.priority_rank}, std::string(to_string(t.channel)), std::string(to_string(t.sharing)),
          millis(t.created_at), millis(t.updated_at), static_cast<std::int64_t>(status_of(t.sla)),
          sort_key(t, ticket_order::sla_due), maybe(first_due(t))};
}

void bind_value(statement& st, int i, const column_value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) st.bind(i, *n);
  else if (const auto* s = std::get_if<std::string>(&v)) st.bind(i, *s);
  else if (const auto* id = std::get_if<uuid>(&v)) st.bind(i, *id);
  else st.bind_null(i);
}

void bind_ticket(statement& st, const ticket& t) {
  auto values = column_values(t, true);
  for (std::size_t i = 0; i < values.size(); ++i) bind_value(st, static_cast<int>(i + 1), values[i]);
}

// UPDATE of the columns whose value differs from `before` (the record and
// version always do): SQLite rewrites only the indexes on columns it sets,
// and a state change moves 3 of the table's 20 indexes, not all of them.
// The statement text depends on the set of columns, so the connection's
// cache holds one per kind of change.
bool update_changed_columns(connection& db, const ticket& t, const ticket& before) {
  auto now = column_values(t, true), was = column_values(before, false);
  std::string sql = "UPDATE tickets SET version = ?11, record = ?12";
  std::vector<int> params = {1, version_param, record_param};
  for (std::size_t i = 1; i < now.size(); ++i) {
    const int param = static_cast<int>(i + 1);
    if (param == version_param || param == record_param || now[i] == was[i]) continue;
    sql.append(", ").append(column_names[i]).append(" = ?").append(std::to_string(param));
    params.push_back(param);
  }
  sql += " WHERE id = ?1 AND version = ?11 - 1";
  auto st = db.prepare(sql);
  for (int param : params) bind_value(st, param, now[static_cast<std::size_t>(param - 1)]);
  st.run();
  return db.changes() != 0;
}

std::string head_of(const ticket& t) { return t.title + "\n" + t.description; }

void write_tags(connection& db, const ticket& t, bool replace) {
  if (replace) db.prepare("DELETE FROM ticket_tags WHERE ticket = ?1").bind(1, t.id).run();
  for (const auto& tag : t.tags) db.prepare("INSERT INTO ticket_tags (tag, ticket) VALUES (?1, ?2)").bind(1, tag).bind(2, t.id).run();
}

std::string tags_of(connection& db, const uuid& id) {
  std::string out;
  auto st = db.prepare("SELECT tag FROM ticket_tags WHERE ticket = ?1 ORDER BY tag");
  st.bind(1, id);
  while (st.step()) out.append(st.text(0)).push_back('\n');
  return out;
}

std::string joined(const std::set<std::string>& tags) {
  std::string out;
  for (const auto& tag : tags) out.append(tag).push_back('\n');
  return out;
}

// A new ticket's tags and its full-text row (parts add to it later).
void write_side_rows(connection& db, const ticket& t) {
  write_tags(db, t, false);
  db.prepare("INSERT INTO ticket_text (rowid, head, public, internal) VALUES (?1, ?2, '', '')")
      .bind(1, t.number)
      .bind(2, head_of(t))
      .run();
}

// The fact 'created_in_number_order' (schema v7) ends for good when a
// ticket is not last in both orders, or changes its number or creation
// time. Read first and written only then, never by a trigger: a statement
// that may write through a trigger runs in a statement savepoint, and each
// savepoint makes FTS5 flush the text pending in the transaction (an
// import took 4x as long).
void end_creation_order(connection& db) {
  db.prepare("UPDATE store_facts SET value = 0 WHERE name = 'created_in_number_order'").run();
}

void keep_creation_order(connection& db, const ticket& t) {
  auto st = db.prepare(
      "SELECT 1 FROM store_facts WHERE name = 'created_in_number_order' AND value = 1 AND ("
      "EXISTS (SELECT 1 FROM tickets WHERE number > ?1) OR EXISTS (SELECT 1 FROM tickets WHERE created_at > ?2) "
      "OR EXISTS (SELECT 1 FROM tickets WHERE created_at = ?2 AND id > ?3))");
  st.bind(1, t.number).bind(2, millis(t.created_at)).bind(3, t.id);
  if (st.step()) end_creation_order(db);
}

}  // namespace

void insert_ticket_row(connection& db, const ticket& t) {
  keep_creation_order(db, t);
  auto st = db.prepare(std::string("INSERT INTO tickets (") + columns +
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                       "?19, ?20, ?21, ?22, ?23, ?24)");
  bind_ticket(st, t);
  st.run();
  write_side_rows(db, t);
}

bool update_ticket_row(connection& db, const ticket& t, const ticket* before) {
  if (before) {
    if (before->number != t.number || before->created_at != t.created_at) end_creation_order(db);
    if (!update_changed_columns(db, t, *before)) return false;
    if (before->tags != t.tags) write_tags(db, t, true);
    if (before->title == t.title && before->description == t.description) return true;
    db.prepare("UPDATE ticket_text SET head = ?2 WHERE rowid = ?1").bind(1, t.number).bind(2, head_of(t)).run();
    return true;
  }
  auto st = db.prepare(
      "UPDATE tickets SET number = ?2, type = ?3, category = ?4, state_category = ?5, contact = ?6, company = ?7, "
      "assignee = ?8, brand = ?9, title = ?10, version = ?11, record = ?12, next_due_at = ?13, team = ?14, "
      "state = ?15, priority = ?16, priority_rank = ?17, channel = ?18, sharing = ?19, created_at = ?20, "
      "updated_at = ?21, sla_status = ?22, sla_due_at = ?23, due_at = ?24 WHERE id = ?1 AND version = ?11 - 1");
  auto moved = db.prepare("SELECT 1 FROM tickets WHERE id = ?1 AND (number IS NOT ?2 OR created_at IS NOT ?3)");
  if (moved.bind(1, t.id).bind(2, t.number).bind(3, millis(t.created_at)).step()) end_creation_order(db);
  bind_ticket(st, t);
  st.run();
  if (db.changes() == 0) return false;
  // Most updates touch neither tags nor text: compare before rewriting.
  if (tags_of(db, t.id) != joined(t.tags)) write_tags(db, t, true);
  db.prepare("UPDATE ticket_text SET head = ?2 WHERE rowid = ?1 AND head IS NOT ?2")
      .bind(1, t.number)
      .bind(2, head_of(t))
      .run();
  return true;
}

void index_part_text(connection& db, const part& p) {
  if (p.kind != part_kind::reply && p.kind != part_kind::note && p.kind != part_kind::customer_message) return;
  auto owner = db.prepare("SELECT number, contact FROM tickets WHERE id = ?1");
  owner.bind(1, p.owner);
  if (!owner.step()) return;  // a conversation's part
  const std::int64_t number = owner.integer(0);
  const auto scope = text_scope_of(p, std::string(owner.text(1)));
  if (scope == text_scope::none) return;
  db.prepare(scope == text_scope::public_
                 ? "UPDATE ticket_text SET public = public || char(10) || ?2 WHERE rowid = ?1"
                 : "UPDATE ticket_text SET internal = internal || char(10) || ?2 WHERE rowid = ?1")
      .bind(1, number)
      .bind(2, p.body)
      .run();
}

void backfill_query_columns(connection& db) {
  std::vector<ticket> all;
  {
    auto st = db.prepare("SELECT record FROM tickets /* migration: once */");
    while (st.step()) {
      boost::system::error_code ec;
      auto v = parse_exact(st.text(0), ec);
      if (ec) throw error(errc::storage, "desk file '" + db.path() + "' holds a damaged ticket: " + ec.message());
      all.push_back(ticket_from_json(v));
    }
  }
  // The file does not hold the configuration: ranks follow the default
  // priorities until the Desk next saves each ticket.
  static const std::vector<std::string> defaults = {"low", "normal", "high", "urgent"};
  for (ticket& t : all) {
    auto rank = std::find(defaults.begin(), defaults.end(), t.priority);
    t.priority_rank = rank == defaults.end() ? 0 : static_cast<int>(rank - defaults.begin());
    auto st = db.prepare(
        "UPDATE tickets SET record = ?12, team = ?14, state = ?15, priority = ?16, priority_rank = ?17, "
        "channel = ?18, sharing = ?19, created_at = ?20, updated_at = ?21, sla_status = ?22, sla_due_at = ?23, "
        "due_at = ?24 WHERE id = ?1");
    bind_ticket(st, t);
    st.run();
    write_side_rows(db, t);
  }
  db.exec(
      "UPDATE history SET at = CAST(round((julianday(json_extract(record, '$.at')) - 2440587.5) * 86400000.0) "
      "AS INTEGER) /* migration: once */");
  auto parts = db.prepare("SELECT record FROM parts ORDER BY seq /* migration: once */");  // streamed: other tables change meanwhile
  while (parts.step()) index_part_text(db, part_from_json(boost::json::parse(parts.text(0))));
}

}  // namespace ticketcore::detail::sqlite
