#include "store/sqlite/ticket_query_sql.hpp"

#include "query/matching.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <set>
#include <vector>

namespace ticketcore::detail::sqlite {
namespace {

const char* key_column(ticket_order o) {
  switch (o) {
    case ticket_order::created: return "created_at";
    case ticket_order::updated: return "updated_at";
    case ticket_order::priority: return "priority_rank";
    case ticket_order::sla_due: return "sla_due_at";
  }
  return "created_at";
}

// FTS5 query syntax for "every word": each word quoted, so no input is
// read as an operator. Contacts search only the head and public columns.
std::string match_expression(const ticket_query& q) {
  std::string words;
  for (const auto& w : query::words(q.text)) {
    if (!words.empty()) words += " AND ";
    words += '"' + w + '"';  // words hold no quotes: they are letters and digits
  }
  return q.public_text_only ? "{head public} : (" + words + ")" : words;
}

// Whether q's text holds a word: punctuation alone matches nothing.
bool has_words(const ticket_query& q) { return !query::words(q.text).empty(); }

class builder {
 public:
  // Each ?# in `condition` takes the next of `values`.
  template <class... Values>
  void where(const std::string& condition, Values... values) {
    sql_ += " AND " + condition;
    (bind_next(std::move(values)), ...);
  }
  template <class T>
  void any_of(const char* column, const std::vector<T>& values) {
    if (values.empty()) return;
    boost::json::array list;
    for (const auto& v : values) {
      if constexpr (std::is_enum_v<T>) list.emplace_back(static_cast<std::int64_t>(v));
      else list.emplace_back(v);
    }
    where(std::string(column) + " IN (SELECT value FROM json_each(?#))", boost::json::serialize(list));
  }
  void raw(const std::string& condition) { sql_ += " AND " + condition; }
  // Keyset paging: rows after (key, id) in the order.
  void after(const ticket_query& q, const ticket_position& p) {
    const int key = static_cast<int>(binds_.size()) + 1;
    sql_ += std::string(" AND (") + key_column(q.order) + ", id) " + (q.descending ? "<" : ">") + " (?" +
            std::to_string(key) + ", ?" + std::to_string(key + 1) + ")";
    binds_.emplace_back([k = p.key](statement& s, int i) { s.bind(i, k); });
    binds_.emplace_back([id = p.id](statement& s, int i) { s.bind(i, id); });
  }
  // The statement for `head` + WHERE + `tail`, with every value bound.
  statement prepare(connection& db, const std::string& head, const std::string& tail) const {
    auto st = db.prepare(head + " WHERE 1" + sql_ + tail);
    for (std::size_t i = 0; i < binds_.size(); ++i) binds_[i](st, static_cast<int>(i + 1));
    return st;
  }

  std::string sql_;
  std::vector<std::function<void(statement&, int)>> binds_;

 private:
  template <class Value>
  void bind_next(Value value) {
    sql_.replace(sql_.find("?#"), 2, "?" + std::to_string(binds_.size() + 1));
    binds_.emplace_back([v = std::move(value)](statement& s, int i) { s.bind(i, v); });
  }
};

// Whether `categories` are exactly the open ones (all but resolved): written
// as the condition of the tickets_open_by_* partial indexes, so SQLite can
// walk one of them in the query's order.
bool every_open_category(const std::vector<state_category>& categories) {
  std::set<state_category> set(categories.begin(), categories.end());
  return set.size() == 4 && !set.count(state_category::resolved);
}

builder where_clause(const ticket_query& q, text_plan plan) {
  builder b;
  if (q.category) b.where("category = ?#", static_cast<std::int64_t>(*q.category));
  b.any_of("type", q.types);
  b.any_of("state", q.states);
  static_assert(static_cast<int>(state_category::resolved) == 4, "the open indexes say state_category < 4");
  if (every_open_category(q.state_categories)) b.raw("state_category < 4");
  else b.any_of("state_category", q.state_categories);
  b.any_of("priority", q.priorities);
  if (q.assignee) b.where("assignee = ?#", *q.assignee);
  if (q.team) b.where("team = ?#", *q.team);
  if (q.brand) b.where("brand = ?#", *q.brand);
  if (q.contact) b.where("contact = ?#", *q.contact);
  if (q.company) b.where("company = ?#", *q.company);
  if (q.shared_with_company) {
    b.where("company = ?#", *q.shared_with_company);
    b.raw("sharing = 'company'");
  }
  for (const auto& tag : q.tags) b.where("id IN (SELECT ticket FROM ticket_tags WHERE tag = ?#)", tag);
  if (q.channel) b.where("channel = ?#", std::string(to_string(*q.channel)));
  auto millis = [](time_point t) { return t.time_since_epoch().count(); };
  if (q.created_from) b.where("created_at >= ?#", millis(*q.created_from));
  if (q.created_to) b.where("created_at < ?#", millis(*q.created_to));
  if (q.updated_from) b.where("updated_at >= ?#", millis(*q.updated_from));
  if (q.updated_to) b.where("updated_at < ?#", millis(*q.updated_to));
  if (q.due_before) b.where("due_at < ?#", millis(*q.due_before));
  if (q.sla_status) b.where("sla_status = ?#", static_cast<std::int64_t>(*q.sla_status));
  if (q.tracker) {
    const std::string kind = std::to_string(static_cast<int>(link_kind::tracker));
    b.where("id IN (SELECT from_id FROM links WHERE to_id = ?# AND kind = " + kind +
                " UNION ALL SELECT to_id FROM links WHERE from_id = ?# AND kind = " + kind + ")",
            *q.tracker, *q.tracker);
  }
  if (q.text.empty()) return b;
  if (!has_words(q)) {  // FTS5 refuses an empty expression; as in memory, nothing matches
    b.raw("0");
    return b;
  }
  switch (plan) {
    case text_plan::matches_first:
      b.where("number IN (SELECT rowid FROM ticket_text WHERE ticket_text MATCH ?#)", match_expression(q));
      break;
    case text_plan::order_walk:  // `+` keeps SQLite from looking tickets up by number: it walks the order
      b.where("+number IN (SELECT rowid FROM ticket_text WHERE ticket_text MATCH ?#)", match_expression(q));
      break;
    case text_plan::text_order: b.where("ticket_text MATCH ?#", match_expression(q)); break;
  }
  return b;
}

// The query's filters without its text.
builder filters_only(const ticket_query& q) {
  ticket_query rest = q;
  rest.text.clear();
  return where_clause(rest, text_plan::matches_first);
}

// The text's condition alone, on ticket_text.
builder text_matches(const ticket_query& q) {
  builder b;
  b.where("ticket_text MATCH ?#", match_expression(q));
  return b;
}

// How many rows `select_one` + WHERE <the builder's conditions>
// gives, counting no further than `bound`: cheap however many there are.
std::int64_t count_up_to(connection& db, const builder& b, const std::string& select_one, std::int64_t bound) {
  auto st = b.prepare(db, "SELECT count(*) FROM (" + select_one, " LIMIT " + std::to_string(bound) + ")");
  return st.step() ? st.integer(0) : 0;
}

bool created_in_number_order(connection& db) {
  auto st = db.prepare("SELECT value FROM store_facts WHERE name = 'created_in_number_order'");
  return st.step() && st.integer(0) != 0;
}

// text_order pages: ticket_text's rowid is the ticket's number, so the
// position (created_at, id) becomes the number of the first ticket at or
// past it in creation order. A position between tickets still bounds
// exactly; none past it leaves the walk open at that end.
void after_by_number(builder& b, const ticket_query& q, const ticket_position& p) {
  const char* past = q.descending
                         ? "ticket_text.rowid < coalesce((SELECT number FROM tickets WHERE (created_at, id) >= "
                           "(?#, ?#) ORDER BY created_at, id LIMIT 1), 9223372036854775807)"
                         : "ticket_text.rowid > coalesce((SELECT number FROM tickets WHERE (created_at, id) <= "
                           "(?#, ?#) ORDER BY created_at DESC, id DESC LIMIT 1), -9223372036854775807 - 1)";
  b.where(past, p.key, p.id);
}

std::string order_by(const ticket_query& q, text_plan plan) {
  const char* dir = q.descending ? " DESC" : "";
  if (plan == text_plan::text_order && !q.text.empty()) return std::string(" ORDER BY ticket_text.rowid") + dir;
  return std::string(" ORDER BY ") + key_column(q.order) + dir + ", id" + dir;
}

std::string limit_clause(const builder& b) { return " LIMIT ?" + std::to_string(b.binds_.size() + 1); }

builder paged(const ticket_query& q, const std::optional<ticket_position>& after, text_plan plan) {
  builder b = where_clause(q, plan);
  if (after && plan == text_plan::text_order && !q.text.empty()) after_by_number(b, q, *after);
  else if (after) b.after(q, *after);
  return b;
}

// The index of q's order (schema.cpp), of the open tickets when q takes them.
std::string order_index(const ticket_query& q) {
  return std::string(every_open_category(q.state_categories) ? "tickets_open_by_" : "tickets_by_") +
         to_string(q.order);
}

// The record, then its id and number, which name it should it be damaged (U3).
std::string select_head(const ticket_query& q, text_plan plan) {
  if (q.text.empty()) return "SELECT record, id, number FROM tickets";
  switch (plan) {
    case text_plan::text_order:
      return "SELECT tickets.record, tickets.id, tickets.number FROM ticket_text CROSS JOIN tickets ON "
             "tickets.number = ticket_text.rowid";
    case text_plan::order_walk:  // no filter is selective (choose_text_plan counted): SQLite cannot know
      return "SELECT record, id, number FROM tickets INDEXED BY " + order_index(q);
    case text_plan::matches_first: break;
  }
  return "SELECT record, id, number FROM tickets";
}

// Past this many, matches are "many" and a filter's rows are not selective
// (bench/query_page: looking up and sorting 4,000 matches among 1,000,000
// tickets takes about as long as walking an order's index past them).
constexpr std::int64_t many = 4000;

}  // namespace

text_plan choose_text_plan(connection& db, const ticket_query& q) {
  if (!has_words(q)) return text_plan::matches_first;
  // A selective filter beside the text: SQLite walks that filter's index.
  const builder filters = filters_only(q);
  if (!filters.sql_.empty() && count_up_to(db, filters, "SELECT 1 FROM tickets", many) < many)
    return text_plan::matches_first;
  if (q.order == ticket_order::created && created_in_number_order(db)) return text_plan::text_order;
  if (count_up_to(db, text_matches(q), "SELECT 1 FROM ticket_text", many) < many) return text_plan::matches_first;
  return text_plan::order_walk;
}

statement select_tickets(connection& db, const ticket_query& q, const std::optional<ticket_position>& after,
                         std::size_t limit, text_plan plan) {
  builder b = paged(q, after, plan);
  const int limit_at = static_cast<int>(b.binds_.size()) + 1;
  auto st = b.prepare(db, select_head(q, plan), order_by(q, plan) + limit_clause(b));
  st.bind(limit_at, static_cast<std::int64_t>(limit));
  return st;
}

statement count_tickets(connection& db, const ticket_query& q) {
  if (has_words(q) && filters_only(q).sql_.empty())  // every ticket has one text row, nothing else has
    return text_matches(q).prepare(db, "SELECT count(*) FROM ticket_text", "");
  return where_clause(q, text_plan::matches_first).prepare(db, "SELECT count(*) FROM tickets", "");
}

}  // namespace ticketcore::detail::sqlite
