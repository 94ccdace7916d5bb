// A SELECT whose WHERE clause names only the filters that are set. The
// one-statement form "(?1 IS NULL OR col = ?1)" reads well but defeats the
// query planner: it cannot pick an index for a condition that may be void,
// so it would scan the table (tests/unit: every_statement_is_served_by_an_index).
// Each combination of filters is its own cached statement; there are few.
#pragma once

#include "store/sqlite/connection.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ticketcore::detail::sqlite {

class filtered_select {
 public:
  // `head` is "SELECT ... FROM table".
  explicit filtered_select(std::string head) : sql_(std::move(head) + " WHERE 1") {}

  template <class Value>
  filtered_select& where(const char* column, const char* op, Value value) {
    sql_ += std::string(" AND ") + column + " " + op + " ?" + std::to_string(binds_.size() + 1);
    binds_.emplace_back([v = std::move(value)](statement& s, int i) { s.bind(i, v); });
    return *this;
  }
  template <class Value>
  filtered_select& equals(const char* column, Value value) {
    return where(column, "=", std::move(value));
  }

  // The statement with `order` ("id DESC") and a bound limit, ready to step.
  statement prepare(connection& db, const char* order, std::size_t limit) {
    int next = static_cast<int>(binds_.size()) + 1;
    auto st = db.prepare(sql_ + " ORDER BY " + order + " LIMIT ?" + std::to_string(next));
    for (std::size_t i = 0; i < binds_.size(); ++i) binds_[i](st, static_cast<int>(i + 1));
    st.bind(next, static_cast<std::int64_t>(limit));
    return st;
  }

 private:
  std::string sql_;
  std::vector<std::function<void(statement&, int)>> binds_;
};

}  // namespace ticketcore::detail::sqlite
