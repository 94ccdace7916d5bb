#include "store/sqlite/entry_rows.hpp"

#include "model/json_numbers.hpp"
#include "store/entries.hpp"

#include <ticketcore/error.hpp>

#include <cstdint>

namespace ticketcore::detail::sqlite {
namespace {

// The entry of the current row: record, kind, id, version. A record that
// does not read back as an object fails naming the entry (U3).
stored_entry entry_of(const connection& db, const statement& st) {
  stored_entry e{std::string(st.text(1)), std::string(st.text(2)), static_cast<std::uint64_t>(st.integer(3)), {}};
  boost::system::error_code ec;
  boost::json::value record = parse_exact(st.text(0), ec);
  if (ec || !record.is_object())
    throw error(errc::storage, "desk file '" + db.path() + "' holds a damaged " + e.kind + " " + e.id + ": " +
                                   (ec ? "its stored JSON does not parse (" + ec.message() + ")"
                                       : std::string("its stored record is not a JSON object")));
  e.record = std::move(record.get_object());
  return e;
}

std::vector<stored_entry> entries_of(const connection& db, statement& st) {
  std::vector<stored_entry> out;
  while (st.step()) out.push_back(entry_of(db, st));
  return out;
}

std::optional<std::uint64_t> stored_version(connection& db, const stored_entry& e) {
  auto st = db.prepare("SELECT version FROM entries WHERE kind = ?1 AND id = ?2");
  st.bind(1, e.kind).bind(2, e.id);
  if (!st.step()) return std::nullopt;
  return static_cast<std::uint64_t>(st.integer(0));
}

// The entry other than `e` holding a unique key: read from the unique index.
bool taken_by_another(connection& db, const stored_entry& e, const entry_key& k) {
  auto st = db.prepare("SELECT id FROM entry_keys WHERE kind = ?1 AND name = ?2 AND value = ?3 AND uniq AND id != ?4");
  st.bind(1, e.kind).bind(2, k.name).bind(3, k.value).bind(4, e.id);
  return st.step();
}

}  // namespace

std::optional<stored_entry> get_entry_row(connection& db, const std::string& kind, const std::string& id) {
  auto st = db.prepare("SELECT record, kind, id, version FROM entries WHERE kind = ?1 AND id = ?2");
  st.bind(1, kind).bind(2, id);
  if (!st.step()) return std::nullopt;
  return entry_of(db, st);
}

// Every check reads before the first write, so a refused put changes
// nothing. The write lock is held from BEGIN IMMEDIATE, so no other
// connection takes a key between the check and the write; the unique
// index stands behind the check all the same.
void put_entry_row(connection& db, const stored_entry& e, const std::vector<entry_key>& keys) {
  check_entry_write(e, stored_version(db, e));
  for (const entry_key& k : keys)
    if (k.unique && taken_by_another(db, e, k)) fail_key_taken(e.kind, k);
  const std::string record = serialize_checked(e.record, "a record to store");
  if (e.version == 1) {
    auto st = db.prepare("INSERT INTO entries (kind, id, version, record) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, e.kind).bind(2, e.id).bind(3, static_cast<std::int64_t>(e.version)).bind(4, record).run();
  } else {
    auto st = db.prepare("UPDATE entries SET version = ?3, record = ?4 WHERE kind = ?1 AND id = ?2");
    st.bind(1, e.kind).bind(2, e.id).bind(3, static_cast<std::int64_t>(e.version)).bind(4, record).run();
    db.prepare("DELETE FROM entry_keys WHERE kind = ?1 AND id = ?2").bind(1, e.kind).bind(2, e.id).run();
  }
  for (const entry_key& k : keys) {
    // A key given twice is one row; given unique and not, it is unique.
    auto st = db.prepare(
        "INSERT INTO entry_keys (kind, name, value, id, uniq) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (kind, name, value, id) DO UPDATE SET uniq = max(uniq, excluded.uniq)");
    st.bind(1, e.kind).bind(2, k.name).bind(3, k.value).bind(4, e.id).bind(5, std::int64_t{k.unique}).run();
  }
}

// With a cursor, a range on the id that the index seeks to (a statement of
// its own, not "?3 IS NULL OR ..."), so a page costs the page however many
// entries come before it.
std::vector<stored_entry> find_entry_rows(connection& db, const entry_filter& f) {
  check_entry_filter(f);
  const auto limit = static_cast<std::int64_t>(f.limit);
  if (by_key(f)) {
    // Down the key's index (the primary key of entry_keys), never the kind.
    std::string sql = "SELECT e.record, e.kind, e.id, e.version FROM entry_keys k "
                      "JOIN entries e ON e.kind = k.kind AND e.id = k.id "
                      "WHERE k.kind = ?1 AND k.name = ?2 AND k.value = ?3";
    if (f.after) sql += " AND k.id > ?5";
    auto st = db.prepare(sql + " ORDER BY k.id LIMIT ?4");
    st.bind(1, f.kind).bind(2, *f.key_name).bind(3, *f.key_value).bind(4, limit);
    if (f.after) st.bind(5, *f.after);
    return entries_of(db, st);
  }
  std::string sql = "SELECT record, kind, id, version FROM entries WHERE kind = ?1";
  if (f.after) sql += " AND id > ?3";
  auto st = db.prepare(sql + " ORDER BY id LIMIT ?2");
  st.bind(1, f.kind).bind(2, limit);
  if (f.after) st.bind(3, *f.after);
  return entries_of(db, st);
}

}  // namespace ticketcore::detail::sqlite
