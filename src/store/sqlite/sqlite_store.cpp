// The SQLite adapter: one SQLite transaction per unit of work, records
// stored as JSON beside the indexed columns every Desk lookup uses.
#include "model/json_numbers.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/entry_rows.hpp"
#include "store/sqlite/filtered_select.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/ticket_query_sql.hpp"
#include "store/sqlite/ticket_rows.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>
#include <ticketcore/sqlite_store.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parser.hpp>

#include <boost/functional/hash.hpp>
#include <boost/uuid/uuid_hash.hpp>

#include <cstddef>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ticketcore {
namespace {

using detail::sqlite::connection;
using detail::sqlite::filtered_select;
using detail::sqlite::statement;

std::int64_t millis(time_point t) { return t.time_since_epoch().count(); }

// U3: never a bare Infinity or NaN in the file, where it would fail every
// later read of the record; entry checks make this unreachable.
std::string encode(const boost::json::value& v) { return detail::serialize_checked(v, "a record to store"); }

uuid blob_id(const statement& st, int col) {
  uuid id{};
  const void* bytes = sqlite3_column_blob(st.get(), col);
  if (bytes && sqlite3_column_bytes(st.get(), col) == static_cast<int>(id.size())) std::memcpy(id.data, bytes, id.size());
  return id;
}

// What names a stored row should its record be damaged (U3): the kind, and
// the id and number columns read beside the record, where the table has them.
damaged_record row_name(const statement& st, const char* kind, int id_col, int number_col) {
  damaged_record d{kind, {}, 0, {}};
  if (id_col >= 0) {
    if (sqlite3_column_type(st.get(), id_col) == SQLITE_BLOB) d.id = to_string(blob_id(st, id_col));
    else d.id = std::string(st.text(id_col));
  }
  if (number_col >= 0) d.number = st.integer(number_col);
  return d;
}

// Reads a stored record; nullopt, with `problem` set, when it cannot be read.
template <class Record, class Parse>
std::optional<Record> try_decode(std::string_view text, Parse parse, std::string& problem) {
  boost::system::error_code ec;
  boost::json::value v = detail::parse_exact(text, ec);
  if (ec) {
    problem = "its stored JSON does not parse (" + ec.message() + ")";
    return std::nullopt;
  }
  try {
    return parse(v);
  } catch (const error& e) {
    problem = std::string("its stored JSON is not a valid record (") + e.what() + ")";
    return std::nullopt;
  }
}

[[noreturn]] void fail_damaged(const connection& db, const damaged_record& d) {
  throw error(errc::storage, "desk file '" + db.path() + "' holds a damaged " + describe(d) +
                                 "; desk::check() lists every damaged record");
}

// The record in column 0 of the current row; a damaged one fails, named by
// the columns row_name reads.
template <class Record, class Parse>
Record decode(const connection& db, const statement& st, Parse parse, const char* kind, int id_col = -1,
              int number_col = -1) {
  std::string problem;
  if (auto r = try_decode<Record>(st.text(0), parse, problem)) return std::move(*r);
  damaged_record d = row_name(st, kind, id_col, number_col);
  d.problem = std::move(problem);
  fail_damaged(db, d);
}

class sqlite_store;

class sqlite_transaction final : public transaction {
 public:
  sqlite_transaction(sqlite_store& store, std::unique_ptr<connection> db, access mode);
  ~sqlite_transaction() override;

  void commit() override {
    // After a rewrite (D2), one merge of the whole full-text index drops the
    // segments that still list the old words: their pages are freed, and
    // secure_delete zeroes them. Costs the index, once per erasure.
    if (std::exchange(text_rewritten_, false)) db_->exec("INSERT INTO ticket_text (ticket_text) VALUES ('optimize')");
    db_->exec("COMMIT");
    open_ = false;
  }

  void rollback() override {
    if (!open_) return;
    open_ = false;
    sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

  std::vector<damaged_record> take_damaged() override { return std::exchange(damaged_, {}); }

  std::vector<std::string> integrity_problems() override {
    std::vector<std::string> out;
    auto st = db_->prepare("PRAGMA integrity_check");
    while (st.step())
      if (st.text(0) != "ok") out.emplace_back(st.text(0));
    return out;
  }

  // Increment, then read: no RETURNING, which SQLite runs like a trigger
  // inside a statement savepoint, and every savepoint makes FTS5 flush the
  // text rows written so far in this transaction (an import's ticket each).
  std::int64_t next_number(sequence s) override {
    return bump(s == sequence::ticket ? "ticket" : "conversation");
  }

  std::int64_t next_counter(const std::string& name) override {
    // Beside the ticket and conversation sequences, never clashing.
    auto start = db_->prepare("INSERT OR IGNORE INTO sequences (name, value) VALUES (?1, 0)");
    start.bind(1, "counter:" + name);
    start.run();
    return bump("counter:" + name);
  }

  std::int64_t bump(const std::string& name) {
    auto increment = db_->prepare("UPDATE sequences SET value = value + 1 WHERE name = ?1");
    increment.bind(1, name);
    increment.run();
    auto read = db_->prepare("SELECT value FROM sequences WHERE name = ?1");
    read.bind(1, name);
    if (!read.step()) throw error(errc::storage, "desk file '" + db_->path() + "' lacks the sequence '" + name + "'");
    std::int64_t n = read.integer(0);
    read.run();
    return n;
  }

  std::optional<stored_ticket> get_ticket(const uuid& id) override {
    return one_ticket("id = ?1", id);
  }

  std::optional<stored_ticket> get_ticket_by_number(std::int64_t number) override {
    return one_ticket("number = ?1", number);
  }

  void insert_ticket(const stored_ticket& t, const ticket_keys& keys) override {
    detail::sqlite::insert_ticket_row(*db_, t, keys);
    if (writing_) stored_.insert_or_assign(t.id, detail::sqlite::ticket_row{t, detail::sqlite::columns_of(keys)});
  }

  void update_ticket(const stored_ticket& t, const ticket_keys& keys) override {
    auto known = stored_.find(t.id);
    const detail::sqlite::ticket_row* before = known == stored_.end() ? nullptr : &known->second;
    if (!detail::sqlite::update_ticket_row(*db_, t, keys, before))
      version_failure("tickets", "ticket", t.id, t.version);
    stored_.insert_or_assign(t.id, detail::sqlite::ticket_row{t, detail::sqlite::columns_of(keys)});
  }

  std::vector<stored_ticket> find_tickets(const ticket_filter& f) override {
    filtered_select q("SELECT record, id, number FROM tickets");
    if (f.category) q.equals("category", static_cast<std::int64_t>(*f.category));
    if (f.state_category) q.equals("state_category", static_cast<std::int64_t>(*f.state_category));
    if (f.type) q.equals("type", *f.type);
    if (f.assignee) q.equals("assignee", *f.assignee);
    if (f.brand) q.equals("brand", *f.brand);
    if (f.contact) q.equals("contact", *f.contact);
    if (f.company) q.equals("company", *f.company);
    if (f.title) q.equals("title", *f.title);
    if (f.before) q.where("id", "<", *f.before);
    auto st = q.prepare(*db_, "id DESC", f.limit);
    return listed<stored_ticket>(st, stored_ticket_from_json, "ticket");
  }

  std::vector<stored_ticket> due_tickets(time_point now, std::size_t limit) override {
    auto st = db_->prepare(
        "SELECT record, id, number FROM tickets WHERE next_due_at <= ?1 ORDER BY next_due_at, id LIMIT ?2");  // tickets_by_due
    st.bind(1, millis(now)).bind(2, static_cast<std::int64_t>(limit));
    return listed<stored_ticket>(st, stored_ticket_from_json, "ticket");
  }

  std::vector<stored_ticket> query_tickets(const ticket_query& q, const std::optional<ticket_position>& after,
                                           std::size_t limit) override {
    auto plan = detail::sqlite::choose_text_plan(*db_, q);
    auto st = detail::sqlite::select_tickets(*db_, q, after, limit, plan);
    return listed<stored_ticket>(st, stored_ticket_from_json, "ticket");
  }

  std::size_t count_tickets(const ticket_query& q) override {
    auto st = detail::sqlite::count_tickets(*db_, q);
    return st.step() ? static_cast<std::size_t>(st.integer(0)) : 0;
  }

  void put_view(const saved_view& v) override {
    auto st = db_->prepare("INSERT OR REPLACE INTO saved_views (id, record) VALUES (?1, ?2)");
    st.bind(1, v.id).bind(2, encode(to_json(v))).run();
  }

  void remove_view(const std::string& id) override {
    db_->prepare("DELETE FROM saved_views WHERE id = ?1").bind(1, id).run();
    if (db_->changes() == 0) throw error(errc::not_found, "view '" + id + "' does not exist");
  }

  std::vector<saved_view> list_views() override {
    auto st = db_->prepare("SELECT record, id FROM saved_views ORDER BY id");
    return all<saved_view>(st, saved_view_from_json, "view", 1);
  }

  std::optional<stored_entry> get_entry(const std::string& kind, const std::string& id) override {
    return detail::sqlite::get_entry_row(*db_, kind, id);
  }

  void put_entry(stored_entry e, std::vector<entry_key> keys) override { detail::sqlite::put_entry_row(*db_, e, keys); }

  std::vector<stored_entry> find_entries(const entry_filter& f) override {
    return detail::sqlite::find_entry_rows(*db_, f);
  }

  bool type_in_use(const std::string& type) override {
    auto st = db_->prepare("SELECT 1 FROM tickets WHERE type = ?1 LIMIT 1");
    st.bind(1, type);
    return st.step();
  }

  std::optional<conversation> get_conversation(const uuid& id) override {
    return one<conversation>("SELECT record, id, number FROM conversations WHERE id = ?1", id, conversation_from_json,
                             "conversation");
  }

  std::optional<conversation> get_conversation_by_number(std::int64_t number) override {
    return one<conversation>("SELECT record, id, number FROM conversations WHERE number = ?1", number,
                             conversation_from_json, "conversation");
  }

  void insert_conversation(const conversation& c) override {
    auto st = db_->prepare(
        "INSERT INTO conversations (id, number, contact, brand, version, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    bind_conversation(st, c);
    st.run();
  }

  void update_conversation(const conversation& c) override {
    auto st = db_->prepare(
        "UPDATE conversations SET number = ?2, contact = ?3, brand = ?4, version = ?5, record = ?6 "
        "WHERE id = ?1 AND version = ?5 - 1");
    bind_conversation(st, c);
    st.run();
    if (db_->changes() == 0) version_failure("conversations", "conversation", c.id, c.version);
  }

  std::vector<conversation> find_conversations(const conversation_filter& f) override {
    filtered_select q("SELECT record, id, number FROM conversations");
    if (f.contact) q.equals("contact", *f.contact);
    if (f.brand) q.equals("brand", *f.brand);
    if (f.before) q.where("id", "<", *f.before);
    auto st = q.prepare(*db_, "id DESC", f.limit);
    return listed<conversation>(st, conversation_from_json, "conversation");
  }

  void insert_link(const link& l) override {
    auto st = db_->prepare(
        "INSERT INTO links (id, kind, from_id, from_kind, to_id, to_kind, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, l.id).bind(2, static_cast<std::int64_t>(l.kind)).bind(3, l.from);
    st.bind(4, static_cast<std::int64_t>(l.from_kind));
    if (l.to.is_nil()) st.bind_null(5);
    else st.bind(5, l.to);
    st.bind(6, static_cast<std::int64_t>(l.to_kind)).bind(7, encode(to_json(l)));
    st.run();
  }

  void remove_link(const uuid& id) override {
    auto st = db_->prepare("DELETE FROM links WHERE id = ?1");
    st.bind(1, id).run();
    if (db_->changes() == 0) throw error(errc::not_found, "link " + to_string(id) + " does not exist");
  }

  std::optional<link> get_link(const uuid& id) override {
    return one<link>("SELECT record, id FROM links WHERE id = ?1", id, link_from_json, "link");
  }

  std::vector<link> links_of(const uuid& end, std::optional<link_kind> kind) override {
    // With a kind, both halves seek (end, kind) in links_by_from and
    // links_by_to: `?2 IS NULL OR kind = ?2` would read every link of the
    // end, and a tracker's links of one kind are asked for on every link to
    // it (a merged_into check), which made linking slow with the tracker's size.
    auto st = kind ? db_->prepare("SELECT record, id FROM links WHERE from_id = ?1 AND kind = ?2 UNION "
                                  "SELECT record, id FROM links WHERE to_id = ?1 AND kind = ?2 ORDER BY id")
                   : db_->prepare("SELECT record, id FROM links WHERE from_id = ?1 UNION "
                                  "SELECT record, id FROM links WHERE to_id = ?1 ORDER BY id");
    st.bind(1, end);
    if (kind) st.bind(2, static_cast<std::int64_t>(*kind));
    return all<link>(st, link_from_json, "link", 1);
  }

  std::size_t count_links(const uuid& end, link_kind kind, endpoint_kind other) override {
    auto st = db_->prepare(
        "SELECT (SELECT count(*) FROM links WHERE from_id = ?1 AND kind = ?2 AND to_kind = ?3) + "
        "(SELECT count(*) FROM links WHERE to_id = ?1 AND kind = ?2 AND from_kind = ?3)");
    st.bind(1, end).bind(2, static_cast<std::int64_t>(kind)).bind(3, static_cast<std::int64_t>(other));
    return st.step() ? static_cast<std::size_t>(st.integer(0)) : 0;
  }

  void append_part(part p, part_keys keys) override {
    detail::sqlite::insert_part_row(*db_, p, keys);
    detail::sqlite::index_part_text(*db_, p.owner, keys);
  }

  // The part's row is overwritten and its ticket's text rebuilt; the
  // commit then merges the full-text index, so no segment keeps the old
  // words, and secure_delete zeroes the pages and cells that held them.
  void rewrite_part(part p, part_keys keys) override {
    if (!detail::sqlite::rewrite_part_row(*db_, p, keys))
      throw error(errc::not_found, "part " + to_string(p.id) + " of record " + to_string(p.owner) + " does not exist");
    detail::sqlite::reindex_parts_text(*db_, p.owner);
    text_rewritten_ = true;
  }

  std::vector<part> parts_of(const uuid& owner) override {
    auto st = db_->prepare("SELECT record, owner FROM parts WHERE owner = ?1 ORDER BY seq");
    st.bind(1, owner);
    return all<part>(st, part_from_json, "part of record", 1);
  }

  // Appending an entry drops the checkpoints it would change (R1): those
  // dated after it.
  void append_history(history_entry h) override {
    auto st = db_->prepare("INSERT INTO history (subject, record, at, field) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, h.subject).bind(2, encode(to_json(h))).bind(3, millis(h.at)).bind(4, h.field).run();
    db_->prepare("DELETE FROM report_checkpoints WHERE at > ?1").bind(1, millis(h.at)).run();
  }

  std::vector<history_entry> history_of(const uuid& subject) override {
    auto st = db_->prepare("SELECT record, subject FROM history WHERE subject = ?1 ORDER BY seq");
    st.bind(1, subject);
    return all<history_entry>(st, history_from_json, "history entry of record", 1);
  }

  // One field's entries, matched on the field column (v5): entries of
  // other fields are never read.
  std::vector<history_entry> field_history(const uuid& subject, const std::string& field) override {
    auto st = db_->prepare("SELECT record, subject FROM history WHERE subject = ?1 AND field = ?2 ORDER BY seq");
    st.bind(1, subject).bind(2, field);
    return all<history_entry>(st, history_from_json, "history entry of record", 1);
  }

  // The fields are matched on their column, so entries of other fields are
  // never read; the time range comes from history_by_time, one subject's
  // entries from history_by_subject. For history_members::facts the
  // subject, time and field come from their columns, and of the record only
  // `new` is kept, parsed into a buffer reused from row to row.
  void scan_history(const history_scan& s, const std::function<bool(const history_entry&)>& visit) override {
    const bool facts = s.members == history_members::facts;
    std::string sql = facts ? "SELECT record, subject, at, field FROM history WHERE " : "SELECT record, subject FROM history WHERE ";
    sql += s.subject ? "subject = ?3 AND +at >= ?1 AND +at < ?2" : "at >= ?1 AND at < ?2";
    if (!s.fields.empty()) {
      sql += " AND field IN (";
      for (std::size_t i = 0; i < s.fields.size(); ++i) sql += (i ? ", ?" : "?") + std::to_string(i + 4);
      sql += ")";
    }
    auto st = db_->prepare(sql + " ORDER BY at, seq");
    st.bind(1, millis(s.from)).bind(2, millis(s.to));
    if (s.subject) st.bind(3, *s.subject);
    for (std::size_t i = 0; i < s.fields.size(); ++i) st.bind(static_cast<int>(i + 4), s.fields[i]);
    if (!facts) {
      while (st.step())
        if (!visit(decode<history_entry>(*db_, st, history_from_json, "history entry of record", 1))) return;
      return;
    }
    alignas(std::max_align_t) unsigned char buffer[4096];
    boost::json::monotonic_resource memory(buffer, sizeof buffer);
    boost::json::parser parser;
    while (st.step()) {
      memory.release();  // the last row's values are gone
      parser.reset(&memory);
      boost::system::error_code ec;
      const std::string_view record = st.text(0);
      parser.write(record.data(), record.size(), ec);
      if (ec) {
        damaged_record d = row_name(st, "history entry of record", 1, -1);
        d.problem = "its stored JSON does not parse (" + ec.message() + ")";
        fail_damaged(*db_, d);
      }
      boost::json::value v = parser.release();
      boost::json::value* value = v.is_object() ? v.get_object().if_contains("new") : nullptr;
      history_entry h{uuid{},           blob_id(st, 1),
                      actor{},          time_point(duration(st.integer(2))),
                      std::string(st.text(3)), boost::json::value(),
                      value ? boost::json::value(std::move(*value)) : boost::json::value(), std::nullopt};
      if (!visit(h)) return;
    }
  }

  std::optional<report_checkpoint> latest_checkpoint(const std::string& key, time_point at) override {
    auto st = db_->prepare(
        "SELECT at, data FROM report_checkpoints WHERE key = ?1 AND at <= ?2 ORDER BY at DESC LIMIT 1");
    st.bind(1, key).bind(2, millis(at));
    if (!st.step()) return std::nullopt;
    boost::system::error_code ec;
    report_checkpoint c{key, time_point(duration(st.integer(0))), detail::parse_exact(st.text(1), ec)};
    if (ec) throw error(errc::storage, "desk file '" + db_->path() + "' holds a damaged report checkpoint: " + ec.message());
    return c;
  }

  // Entries get increasing seqs (history is never deleted), so the largest
  // one marks what this transaction sees.
  std::uint64_t history_mark() override {
    auto st = db_->prepare("SELECT max(seq) FROM history");
    return st.step() ? static_cast<std::uint64_t>(st.integer(0)) : 0;
  }

  bool put_checkpoint(const report_checkpoint& c, std::uint64_t mark) override {
    {
      auto late = db_->prepare("SELECT 1 FROM history WHERE seq > ?1 AND +at < ?2 LIMIT 1");  // appended since
      late.bind(1, static_cast<std::int64_t>(mark)).bind(2, millis(c.at));
      if (late.step()) return false;
    }
    auto st = db_->prepare("INSERT OR REPLACE INTO report_checkpoints (key, at, data) VALUES (?1, ?2, ?3)");
    st.bind(1, c.key).bind(2, millis(c.at)).bind(3, encode(c.data)).run();
    return true;
  }

  void enqueue(notification n) override {
    auto st = db_->prepare(
        "INSERT INTO outbox (id, state, next_attempt_at, recipient, ticket, record, audience) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    bind_notification(st, n);
    st.run();
  }

  std::optional<notification> get_notification(const uuid& id) override {
    return one<notification>("SELECT record, id FROM outbox WHERE id = ?1", id, notification_from_json, "notification");
  }

  void update_notification(const notification& n) override {
    auto st = db_->prepare(
        "UPDATE outbox SET state = ?2, next_attempt_at = ?3, recipient = ?4, ticket = ?5, record = ?6, audience = ?7 "
        "WHERE id = ?1");
    bind_notification(st, n);
    st.run();
    if (db_->changes() == 0) throw error(errc::not_found, "notification " + to_string(n.id) + " does not exist");
  }

  std::vector<notification> due_notifications(time_point now, std::size_t limit) override {
    auto st = db_->prepare(
        "SELECT record, id FROM outbox WHERE state = ?1 AND next_attempt_at <= ?2 ORDER BY next_attempt_at, id LIMIT ?3");
    st.bind(1, static_cast<std::int64_t>(delivery_state::pending)).bind(2, millis(now));
    st.bind(3, static_cast<std::int64_t>(limit));
    return all<notification>(st, notification_from_json, "notification", 1);
  }

  std::vector<notification> list_notifications(const outbox_filter& f) override {
    filtered_select q("SELECT record, id FROM outbox");
    if (f.audience) q.equals("audience", static_cast<std::int64_t>(*f.audience));
    if (f.recipient) q.equals("recipient", *f.recipient);
    if (f.ticket) q.equals("ticket", *f.ticket);
    if (f.state) q.equals("state", static_cast<std::int64_t>(*f.state));
    if (f.after) q.where("id", ">", *f.after);  // each index above ends in id: a range, not a scan
    auto st = q.prepare(*db_, "id", f.limit);
    return all<notification>(st, notification_from_json, "notification", 1);
  }

 private:
  // The record that `sql` (SELECT record, id[, number]) finds by `key`;
  // a damaged one fails, named (U3).
  template <class Record, class Key, class Parse>
  std::optional<Record> one(const char* sql, const Key& key, Parse parse, const char* kind) {
    auto st = db_->prepare(sql);
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return decode<Record>(*db_, st, parse, kind, 1, sqlite3_column_count(st.get()) > 2 ? 2 : -1);
  }

  template <class Record, class Parse>
  std::vector<Record> all(statement& st, Parse parse, const char* kind, int id_col = -1, int number_col = -1) {
    std::vector<Record> out;
    while (st.step()) out.push_back(decode<Record>(*db_, st, parse, kind, id_col, number_col));
    return out;
  }

  // A listing (SELECT record, id, number): a damaged row is left out and
  // noted for take_damaged (U3).
  template <class Record, class Parse>
  std::vector<Record> listed(statement& st, Parse parse, const char* kind) {
    std::vector<Record> out;
    while (st.step()) {
      std::string problem;
      if (auto r = try_decode<Record>(st.text(0), parse, problem)) {
        out.push_back(std::move(*r));
        continue;
      }
      damaged_record d = row_name(st, kind, 1, 2);
      d.problem = std::move(problem);
      damaged_.push_back(std::move(d));
    }
    return out;
  }

  void bind_conversation(statement& st, const conversation& c) {
    st.bind(1, c.id).bind(2, c.number).bind(3, c.contact).bind(4, c.brand);
    st.bind(5, static_cast<std::int64_t>(c.version)).bind(6, encode(to_json(c)));
  }

  void bind_notification(statement& st, const notification& n) {
    st.bind(1, n.id).bind(2, static_cast<std::int64_t>(n.state)).bind(3, millis(n.next_attempt_at));
    st.bind(4, n.recipient).bind(5, n.ticket).bind(6, encode(to_json(n)));
    st.bind(7, static_cast<std::int64_t>(n.audience));
  }

  [[noreturn]] void version_failure(const char* table, const char* what, const uuid& id, std::uint64_t version) {
    auto st = db_->prepare(std::string("SELECT version FROM ") + table + " WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) throw error(errc::not_found, std::string(what) + " " + to_string(id) + " does not exist");
    throw error(errc::conflict, std::string(what) + " " + to_string(id) + " is at version " +
                                    std::to_string(st.integer(0)) + ", the write expected " +
                                    std::to_string(version - 1));
  }

  // A write transaction keeps every ticket it reads or writes by id, as
  // stored, with its key columns: nothing else writes the file meanwhile
  // (BEGIN IMMEDIATE), so an update writes only the columns, tags and text
  // that differ from it instead of every column and index (a state change
  // moves three). A damaged one fails, named (U3).
  template <class Key>
  std::optional<stored_ticket> one_ticket(const char* where, const Key& key) {
    auto st = db_->prepare(std::string("SELECT record, id, number, ") + detail::sqlite::key_columns_sql +
                           " FROM tickets WHERE " + where);
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    auto t = decode<stored_ticket>(*db_, st, stored_ticket_from_json, "ticket", 1, 2);
    if (writing_)
      stored_.insert_or_assign(t.id, detail::sqlite::ticket_row{t, detail::sqlite::read_key_columns(st, 3)});
    return t;
  }

  sqlite_store& store_;
  std::unique_ptr<connection> db_;
  std::vector<damaged_record> damaged_;  // noted by listings since take_damaged
  bool writing_ = false;
  std::unordered_map<uuid, detail::sqlite::ticket_row, boost::hash<uuid>> stored_;
  std::unique_lock<std::mutex> writer_;
  bool open_ = true;
  bool text_rewritten_ = false;  // a part was rewritten: merge the full-text index at commit
};

class sqlite_store final : public storage {
 public:
  sqlite_store(std::string path, const sqlite_options& o) : path_(std::move(path)), options_(o) {
    auto db = open_connection();
    detail::sqlite::migrate(*db);  // first, so a file that is not a desk's is refused untouched
    db->exec("PRAGMA journal_mode = WAL");  // persistent: later connections inherit it
    release(std::move(db));
  }

  std::unique_ptr<transaction> begin(access mode) override {
    return std::make_unique<sqlite_transaction>(*this, acquire(), mode);
  }

  std::mutex& writer() { return writer_; }

  void release(std::unique_ptr<connection> db) {
    std::lock_guard lock(pool_mutex_);
    idle_.push_back(std::move(db));
  }

 private:
  std::unique_ptr<connection> acquire() {
    {
      std::lock_guard lock(pool_mutex_);
      if (!idle_.empty()) {
        auto db = std::move(idle_.back());
        idle_.pop_back();
        return db;
      }
    }
    return open_connection();
  }

  std::unique_ptr<connection> open_connection() {
    auto db = std::make_unique<connection>(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_db_readonly(db->handle(), "main") == 1)
      throw error(errc::storage, "desk file '" + path_ + "' is read-only; ticketcore needs to write it");
    sqlite3_busy_timeout(db->handle(), static_cast<int>(options_.busy_timeout.count()));
    db->exec(options_.durability == durability::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db->exec(("PRAGMA cache_size = -" + std::to_string(options_.cache_kib)).c_str());
    db->exec("PRAGMA foreign_keys = ON");
    // Freed pages and cells are overwritten with zeros, so erased data
    // (D2) leaves no bytes behind in the file.
    db->exec("PRAGMA secure_delete = ON");
    if (options_.max_file_bytes > 0) {
      auto page = db->prepare("PRAGMA page_size");
      std::int64_t page_size = page.step() ? page.integer(0) : 4096;
      db->exec(("PRAGMA max_page_count = " + std::to_string(options_.max_file_bytes / page_size)).c_str());
    }
    return db;
  }

  std::string path_;
  sqlite_options options_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<connection>> idle_;
  std::mutex writer_;  // one writer per process; other processes wait on SQLite's lock
};

sqlite_transaction::sqlite_transaction(sqlite_store& store, std::unique_ptr<connection> db, access mode)
    : store_(store), db_(std::move(db)), writing_(mode == access::write) {
  if (mode == access::write) writer_ = std::unique_lock(store.writer());
  try {
    db_->exec(mode == access::write ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (...) {
    open_ = false;
    store_.release(std::move(db_));
    throw;
  }
}

sqlite_transaction::~sqlite_transaction() {
  rollback();
  if (db_) store_.release(std::move(db_));
}

}  // namespace

std::shared_ptr<storage> open_sqlite_store(const std::string& path, const sqlite_options& options) {
  return std::make_shared<sqlite_store>(path, options);
}

}  // namespace ticketcore
