// The statements the SQLite store runs and SQLite's plans for them, for the
// tests that every query is served by an index.
#pragma once

#include <sqlite3.h>

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace testing {

// Every statement run on a connection opened between start_tracing() and
// stop_tracing(), keyed by its SQL text, with one example carrying its
// bound values.
inline std::mutex traced_mutex;
inline std::map<std::string, std::string> traced;

namespace trace_detail {

inline int record_statement(unsigned, void*, void* p, void*) {
  auto* st = static_cast<sqlite3_stmt*>(p);
  char* expanded = sqlite3_expanded_sql(st);
  if (expanded) {
    std::lock_guard lock(traced_mutex);
    traced.emplace(sqlite3_sql(st), expanded);
  }
  sqlite3_free(expanded);
  return 0;
}

// SQLite calls this for each connection opened while it is registered.
inline int install_trace(sqlite3* db, char**, const sqlite3_api_routines*) {
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, record_statement, nullptr);
  return SQLITE_OK;
}

}  // namespace trace_detail

inline void start_tracing() {
  traced.clear();
  if (sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(trace_detail::install_trace)) != SQLITE_OK)
    throw std::runtime_error("cannot register the statement recorder");
}

inline void stop_tracing() {
  sqlite3_cancel_auto_extension(reinterpret_cast<void (*)(void)>(trace_detail::install_trace));
}

// The plan's lines for one statement.
inline std::vector<std::string> query_plan(sqlite3* db, const std::string& sql) {
  std::vector<std::string> lines;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr) != SQLITE_OK) return lines;
  while (sqlite3_step(st) == SQLITE_ROW) lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)));
  sqlite3_finalize(st);
  return lines;
}

}  // namespace testing
