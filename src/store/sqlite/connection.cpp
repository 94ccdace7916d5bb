#include "store/sqlite/connection.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail::sqlite {

statement& statement::bind(int i, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) db_.fail(rc, "binding a value");
  return *this;
}

statement& statement::bind(int i, const std::string& v) {
  if (int rc = sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
    db_.fail(rc, "binding a value");
  return *this;
}

statement& statement::bind(int i, const uuid& v) {
  if (int rc = sqlite3_bind_blob(stmt_, i, v.data, static_cast<int>(v.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
    db_.fail(rc, "binding a value");
  return *this;
}

statement& statement::bind_null(int i) {
  if (int rc = sqlite3_bind_null(stmt_, i); rc != SQLITE_OK) db_.fail(rc, "binding a value");
  return *this;
}

bool statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(rc, sqlite3_sql(stmt_));
}

std::string_view statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}

connection::connection(const std::string& path, int flags) : path_(path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw error(errc::storage, "cannot open desk file '" + path + "': " + why);
  }
  sqlite3_extended_result_codes(db_, 1);
  // SQLite quietly opens a file it may not write read-only; a desk must
  // write (migrations, the outbox), so say so now rather than at first write.
  if ((flags & SQLITE_OPEN_READWRITE) && sqlite3_db_readonly(db_, "main") == 1) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw error(errc::storage, "cannot open desk file '" + path +
                                   "': it is read-only to this process (check its permissions and its directory's)");
  }
}

connection::~connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

statement connection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
        rc != SQLITE_OK)
      fail(rc, "preparing " + sql);
    it = cache_.emplace(sql, stmt).first;
  }
  sqlite3_reset(it->second);
  sqlite3_clear_bindings(it->second);
  return {*this, it->second};
}

void connection::exec(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string why = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw error(errc::storage, "desk file '" + path_ + "': " + why + " (while running " +
                                   std::string(sql).substr(0, 60) + ")");
  }
}

void connection::fail(int rc, std::string_view doing) const {
  std::string why = sqlite3_errmsg(db_);
  int primary = rc & 0xFF;
  std::string hint;
  if (primary == SQLITE_FULL) hint = " (the disk or the file's size limit is full; free space and retry)";
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    hint = " (another process holds the desk file; retry later)";
  else if (primary == SQLITE_READONLY) hint = " (the file or its directory is read-only)";
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) hint = " (the file is damaged or not a desk file)";
  throw error(errc::storage, "desk file '" + path_ + "': " + why + hint + " while " +
                                 std::string(doing.substr(0, 80)));
}

}  // namespace ticketcore::detail::sqlite
