#include "store/sqlite/ticket_rows.hpp"

#include "model/json_numbers.hpp"
#include "store/keys.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>
#include <ticketcore/query.hpp>

#include <boost/functional/hash.hpp>
#include <boost/json/parse.hpp>
#include <boost/uuid/uuid_hash.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <variant>
#include <vector>

namespace ticketcore::detail::sqlite {
namespace {

std::int64_t millis(time_point t) { return t.time_since_epoch().count(); }

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
std::array<column_value, 24> column_values(const stored_ticket& t, const key_columns& k, bool with_record) {
  auto maybe = [](const std::optional<std::int64_t>& v) { return v ? column_value(*v) : column_value(); };
  return {column_value(t.id), t.number, t.type, static_cast<std::int64_t>(t.category),
          static_cast<std::int64_t>(t.state_category), t.contact, t.company, t.assignee, t.brand, t.title,
          static_cast<std::int64_t>(t.version),
          with_record ? column_value(serialize_checked(to_stored_json(t), "a ticket to store")) : column_value(),
          maybe(t.next_due_at ? std::optional(millis(*t.next_due_at)) : std::nullopt), t.team, t.state, t.priority,
          k.priority_rank, std::string(to_string(t.channel)), std::string(to_string(t.sharing)),
          millis(t.created_at), millis(t.updated_at), k.sla_status, k.sla_due_at, maybe(k.due_at)};
}

void bind_value(statement& st, int i, const column_value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) st.bind(i, *n);
  else if (const auto* s = std::get_if<std::string>(&v)) st.bind(i, *s);
  else if (const auto* id = std::get_if<uuid>(&v)) st.bind(i, *id);
  else st.bind_null(i);
}

void bind_ticket(statement& st, const stored_ticket& t, const key_columns& k) {
  auto values = column_values(t, k, true);
  for (std::size_t i = 0; i < values.size(); ++i) bind_value(st, static_cast<int>(i + 1), values[i]);
}

// UPDATE of the columns whose value differs from `before` (the record and
// version always do): SQLite rewrites only the indexes on columns it sets,
// and a state change moves 3 of the table's 20 indexes, not all of them.
// The statement text depends on the set of columns, so the connection's
// cache holds one per kind of change.
bool update_changed_columns(connection& db, const stored_ticket& t, const key_columns& k, const ticket_row& before) {
  auto now = column_values(t, k, true), was = column_values(before.record, before.keys, false);
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

// Words joined by spaces: the 'ascii' tokenizer splits them back exactly,
// as they are runs of ASCII letters and digits and of bytes >= 0x80.
std::string joined_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

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
void write_side_rows(connection& db, const ticket& t, const std::vector<std::string>& words) {
  write_tags(db, t, false);
  db.prepare("INSERT INTO ticket_text (rowid, head, public, internal) VALUES (?1, ?2, '', '')")
      .bind(1, t.number)
      .bind(2, joined_words(words))
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

key_columns columns_of(const ticket_keys& k) {
  key_columns c;
  c.priority_rank = k.priority_rank;
  c.sla_status = static_cast<std::int64_t>(k.sla_status);
  if (k.sla_due) c.sla_due_at = millis(*k.sla_due);
  if (k.due_at) c.due_at = millis(*k.due_at);
  return c;
}

key_columns read_key_columns(const statement& st, int first) {
  key_columns c;
  c.priority_rank = st.integer(first);
  c.sla_status = st.integer(first + 1);
  c.sla_due_at = st.integer(first + 2);
  if (!st.is_null(first + 3)) c.due_at = st.integer(first + 3);
  return c;
}

void insert_ticket_row(connection& db, const stored_ticket& t, const ticket_keys& keys) {
  keep_creation_order(db, t);
  auto st = db.prepare(std::string("INSERT INTO tickets (") + columns +
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                       "?19, ?20, ?21, ?22, ?23, ?24)");
  bind_ticket(st, t, columns_of(keys));
  st.run();
  write_side_rows(db, t, keys.words);
}

bool update_ticket_row(connection& db, const stored_ticket& t, const ticket_keys& keys, const ticket_row* before) {
  const key_columns k = columns_of(keys);
  if (before) {
    const stored_ticket& was = before->record;
    if (was.number != t.number || was.created_at != t.created_at) end_creation_order(db);
    if (!update_changed_columns(db, t, k, *before)) return false;
    if (was.tags != t.tags) write_tags(db, t, true);
    if (was.title == t.title && was.description == t.description) return true;  // the same words
    db.prepare("UPDATE ticket_text SET head = ?2 WHERE rowid = ?1")
        .bind(1, t.number)
        .bind(2, joined_words(keys.words))
        .run();
    return true;
  }
  auto st = db.prepare(
      "UPDATE tickets SET number = ?2, type = ?3, category = ?4, state_category = ?5, contact = ?6, company = ?7, "
      "assignee = ?8, brand = ?9, title = ?10, version = ?11, record = ?12, next_due_at = ?13, team = ?14, "
      "state = ?15, priority = ?16, priority_rank = ?17, channel = ?18, sharing = ?19, created_at = ?20, "
      "updated_at = ?21, sla_status = ?22, sla_due_at = ?23, due_at = ?24 WHERE id = ?1 AND version = ?11 - 1");
  auto moved = db.prepare("SELECT 1 FROM tickets WHERE id = ?1 AND (number IS NOT ?2 OR created_at IS NOT ?3)");
  if (moved.bind(1, t.id).bind(2, t.number).bind(3, millis(t.created_at)).step()) end_creation_order(db);
  bind_ticket(st, t, k);
  st.run();
  if (db.changes() == 0) return false;
  // Most updates touch neither tags nor text: compare before rewriting.
  if (tags_of(db, t.id) != joined(t.tags)) write_tags(db, t, true);
  db.prepare("UPDATE ticket_text SET head = ?2 WHERE rowid = ?1 AND head IS NOT ?2")
      .bind(1, t.number)
      .bind(2, joined_words(keys.words))
      .run();
  return true;
}

void index_part_text(connection& db, const uuid& owner, const part_keys& keys) {
  if (keys.audience == text_audience::none || keys.words.empty()) return;
  auto ticket = db.prepare("SELECT number FROM tickets WHERE id = ?1");
  ticket.bind(1, owner);
  if (!ticket.step()) return;  // a conversation's part
  db.prepare(keys.audience == text_audience::public_
                 ? "UPDATE ticket_text SET public = public || ' ' || ?2 WHERE rowid = ?1"
                 : "UPDATE ticket_text SET internal = internal || ' ' || ?2 WHERE rowid = ?1")
      .bind(1, ticket.integer(0))
      .bind(2, joined_words(keys.words))
      .run();
}

void insert_part_row(connection& db, const part& p, const part_keys& keys) {
  db.prepare("INSERT INTO parts (owner, record, audience, words) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, p.owner)
      .bind(2, detail::serialize_checked(to_json(p), "a record to store"))
      .bind(3, static_cast<std::int64_t>(keys.audience))
      .bind(4, joined_words(keys.words))
      .run();
}

bool rewrite_part_row(connection& db, const part& p, const part_keys& keys) {
  auto find = db.prepare("SELECT seq FROM parts WHERE owner = ?1 AND json_extract(record, '$.id') = ?2");
  find.bind(1, p.owner).bind(2, to_string(p.id));
  if (!find.step()) return false;
  db.prepare("UPDATE parts SET record = ?2, audience = ?3, words = ?4 WHERE seq = ?1")
      .bind(1, find.integer(0))
      .bind(2, detail::serialize_checked(to_json(p), "a record to store"))
      .bind(3, static_cast<std::int64_t>(keys.audience))
      .bind(4, joined_words(keys.words))
      .run();
  return true;
}

void reindex_parts_text(connection& db, const uuid& owner) {
  auto ticket = db.prepare("SELECT number FROM tickets WHERE id = ?1");
  ticket.bind(1, owner);
  if (!ticket.step()) return;  // a conversation's parts have no text row
  // As index_part_text appends them: each part's words after a space.
  std::string text[2];
  auto parts = db.prepare("SELECT audience, words FROM parts WHERE owner = ?1 AND audience <> 0 ORDER BY seq");
  parts.bind(1, owner);
  while (parts.step()) {
    if (parts.text(1).empty()) continue;
    const bool internal = parts.integer(0) == static_cast<std::int64_t>(text_audience::internal);
    text[internal ? 1 : 0] += " " + std::string(parts.text(1));
  }
  db.prepare("UPDATE ticket_text SET public = ?2, internal = ?3 WHERE rowid = ?1")
      .bind(1, ticket.integer(0))
      .bind(2, text[0])
      .bind(3, text[1])
      .run();
}

namespace {

std::vector<stored_ticket> every_ticket(connection& db) {
  std::vector<stored_ticket> all;
  auto st = db.prepare("SELECT record FROM tickets /* migration: once */");
  while (st.step()) {
    boost::system::error_code ec;
    auto v = parse_exact(st.text(0), ec);
    if (ec) throw error(errc::storage, "desk file '" + db.path() + "' holds a damaged ticket: " + ec.message());
    all.push_back(stored_ticket_from_json(v));
  }
  return all;
}

// Every part's words into its ticket's text row; the rows exist.
void index_every_part(connection& db, const std::vector<stored_ticket>& tickets) {
  std::unordered_map<uuid, const std::string*, boost::hash<uuid>> contacts;
  for (const stored_ticket& t : tickets) contacts.emplace(t.id, &t.contact);
  auto parts = db.prepare("SELECT record FROM parts ORDER BY seq /* migration: once */");  // streamed: other tables change meanwhile
  while (parts.step()) {
    part p = part_from_json(boost::json::parse(parts.text(0)));
    auto owner = contacts.find(p.owner);
    index_part_text(db, p.owner, part_keys_of(p, owner == contacts.end() ? nullptr : owner->second));
  }
}

}  // namespace

void backfill_query_columns(connection& db) {
  // The file does not hold the configuration: ranks follow the default
  // priorities until the Desk next saves each ticket.
  const config defaults;
  const std::vector<stored_ticket> all = every_ticket(db);
  for (const stored_ticket& t : all) {
    const ticket_keys keys = keys_of(t, defaults);
    auto st = db.prepare(
        "UPDATE tickets SET record = ?12, team = ?14, state = ?15, priority = ?16, priority_rank = ?17, "
        "channel = ?18, sharing = ?19, created_at = ?20, updated_at = ?21, sla_status = ?22, sla_due_at = ?23, "
        "due_at = ?24 WHERE id = ?1");
    bind_ticket(st, t, columns_of(keys));
    st.run();
    write_side_rows(db, t, keys.words);
  }
  db.exec(
      "UPDATE history SET at = CAST(round((julianday(json_extract(record, '$.at')) - 2440587.5) * 86400000.0) "
      "AS INTEGER) /* migration: once */");
  index_every_part(db, all);
}

void refill_text(connection& db) {
  const std::vector<stored_ticket> all = every_ticket(db);
  for (const stored_ticket& t : all)
    db.prepare("INSERT INTO ticket_text (rowid, head, public, internal) VALUES (?1, ?2, '', '')")
        .bind(1, t.number)
        .bind(2, joined_words(words_of(t)))
        .run();
  index_every_part(db, all);
}

void fill_part_keys(connection& db) {
  const std::vector<stored_ticket> all = every_ticket(db);
  std::unordered_map<uuid, const std::string*, boost::hash<uuid>> contacts;
  for (const stored_ticket& t : all) contacts.emplace(t.id, &t.contact);
  auto parts = db.prepare("SELECT seq, record FROM parts ORDER BY seq /* migration: once */");
  while (parts.step()) {
    part p = part_from_json(boost::json::parse(parts.text(1)));
    auto owner = contacts.find(p.owner);
    const part_keys keys = part_keys_of(p, owner == contacts.end() ? nullptr : owner->second);
    db.prepare("UPDATE parts SET audience = ?2, words = ?3 WHERE seq = ?1")
        .bind(1, parts.integer(0))
        .bind(2, static_cast<std::int64_t>(keys.audience))
        .bind(3, joined_words(keys.words))
        .run();
  }
}

}  // namespace ticketcore::detail::sqlite
