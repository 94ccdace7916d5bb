// A thin RAII layer over the SQLite C API: a connection with a cache of
// prepared statements, and statements that bind and read columns.
#pragma once

#include <ticketcore/ids.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace ticketcore::detail::sqlite {

class connection;

// A prepared statement borrowed from the connection's cache. Resetting it
// when the borrow ends matters: a statement left mid-result keeps its read
// snapshot open, so the connection would see stale data and could never
// take the write lock.
class statement {
 public:
  statement(connection& db, sqlite3_stmt* s) : db_(db), stmt_(s) {}
  ~statement() { sqlite3_reset(stmt_); }  // a no-op for a moved-from statement
  statement(statement&& other) noexcept : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  statement& bind(int i, std::int64_t v);
  statement& bind(int i, const std::string& v);
  statement& bind(int i, const uuid& v);
  statement& bind_null(int i);
  template <class T>
  statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }

  // Advances; true while a row is available.
  bool step();
  // Runs a statement that returns no rows.
  void run() { while (step()) {} }

  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string_view text(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

  sqlite3_stmt* get() const { return stmt_; }

 private:
  connection& db_;
  sqlite3_stmt* stmt_;
};

class connection {
 public:
  // Opens `path`; error(storage) naming it if SQLite cannot.
  connection(const std::string& path, int flags);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // A cached statement for `sql`, reset and ready to bind.
  statement prepare(const std::string& sql);
  void exec(const char* sql);
  // The number of rows the last statement changed.
  int changes() const { return sqlite3_changes(db_); }

  // Throws error(storage) (or conflict for a lost write lock) describing `rc`.
  [[noreturn]] void fail(int rc, std::string_view doing) const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace ticketcore::detail::sqlite
