// Ticket queries at the Desk (Q1): cursors and checks. What a contact may
// ask and see is the visibility policy's plan; the stores evaluate it and
// the projection (V5) shapes every row.
#include "domain/queries/queries.hpp"
#include "query/limits.hpp"
#include "store/keys.hpp"
#include "visibility/projection.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

namespace ticketcore {
namespace {

constexpr std::size_t max_page = 10000;

// "<order>:<asc|desc>:<key>:<id>", readable so a host can log it, checked
// against the query so a cursor cannot be replayed under another order.
std::string cursor_of(const config& c, const ticket_query& q, const stored_ticket& last) {
  return std::string(to_string(q.order)) + (q.descending ? ":desc:" : ":asc:") +
         std::to_string(detail::sort_key_of(last, c, q.order)) + ":" + to_string(last.id);
}

std::optional<ticket_position> position_of(const ticket_query& q, const std::string& cursor) {
  if (cursor.empty()) return std::nullopt;
  const std::string prefix = std::string(to_string(q.order)) + (q.descending ? ":desc:" : ":asc:");
  auto bad = [&](const std::string& why) {
    return error(errc::invalid_argument, "cursor " + detail::quoted(cursor) + " " + why + "; pass the next_cursor of a page of this query");
  };
  if (cursor.rfind(prefix, 0) != 0) throw bad("belongs to another order (this query sorts by " + prefix + ")");
  const std::size_t colon = cursor.find(':', prefix.size());
  if (colon == std::string::npos) throw bad("is malformed");
  ticket_position p;
  const char* first = cursor.data() + prefix.size();
  const char* last = cursor.data() + colon;
  auto [end, ec] = std::from_chars(first, last, p.key);
  if (ec != std::errc() || end != last) throw bad("has no sort key");
  try {
    p.id = parse_id(std::string_view(cursor).substr(colon + 1), "cursor");
  } catch (const error&) {
    throw bad("has no ticket id");
  }
  return p;
}

}  // namespace

namespace detail {

std::string cursor_after(const config& c, const ticket_query& q, const stored_ticket& last) {
  return cursor_of(c, q, last);
}
std::optional<ticket_position> parse_cursor(const ticket_query& q, const std::string& cursor) {
  return position_of(q, cursor);
}

void validate_query(const visibility& policy, const config& c, const ticket_query& q) {
  query::check_limits(q);  // U4, before anything reads the lists
  std::vector<std::string> fields;
  std::string message;
  for (const auto& t : q.types)  // U2: a type hidden from a contact reads as unknown
    if (!policy.find_type(t)) fields.emplace_back("types"), message += "unknown ticket type " + detail::quoted(t) + "; ";
  for (const auto& p : q.priorities)
    if (!c.has_priority(p)) fields.emplace_back("priorities"), message += "unknown priority " + detail::quoted(p) + "; ";
  if (!fields.empty()) throw error(errc::validation_failed, message.substr(0, message.size() - 2), fields);
}

query_plan plan_query(const config& c, const actor& who, const ticket_query& q, people& directory) {
  const visibility policy(c, who, directory);
  query_plan plan = policy.plan(q);  // first: a closed filter is forbidden whatever it names (U2)
  validate_query(policy, c, q);
  return plan;
}

}  // namespace detail

namespace {

// Up to `want` readable rows of `q` after `after`, and the damaged rows
// met on the way (U3). The store leaves damaged rows out of a page, so
// when it had to, the page is asked for again with room for them: the
// rows after a damaged one are neither skipped nor cut short.
std::pair<std::vector<stored_ticket>, std::vector<damaged_record>> readable_rows(
    transaction& tx, const ticket_query& q, const std::optional<ticket_position>& after, std::size_t want) {
  for (std::size_t ask = want;;) {
    auto rows = tx.query_tickets(q, after, ask);
    auto damaged = tx.take_damaged();
    if (rows.size() >= want || rows.size() + damaged.size() < ask) return {std::move(rows), std::move(damaged)};
    ask += damaged.size();
  }
}

std::size_t linked_conversations(detail::unit_of_work& uow, const ticket& t) {
  return t.category == category::tracker ? uow.tx.count_links(t.id, link_kind::tracker, endpoint_kind::conversation) : 0;
}

}  // namespace

namespace detail {

void check_page_limit(std::size_t limit) {
  if (limit == 0 || limit > max_page)
    throw error(errc::invalid_argument, "limit " + std::to_string(limit) + " is outside 1-" + std::to_string(max_page));
}

ticket_page find_tickets(unit_of_work& uow, const ticket_query& q, std::size_t limit,
                         const std::optional<ticket_position>& after) {
  std::vector<stored_ticket> rows;
  ticket_page out;
  for (const ticket_query& part : plan_query(uow.cfg, uow.who, q, uow.directory).parts) {
    auto [page, damaged] = readable_rows(uow.tx, part, after, limit + 1);  // one more says whether a next page exists
    rows.insert(rows.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    if (!uow.who.is_contact()) out.damaged = std::move(damaged);  // U3; a contact's page leaks nothing
  }
  // Two parts (a contact's own and shared tickets) merge in order; a
  // ticket in both appears once.
  auto before = [&](const stored_ticket& a, const stored_ticket& b) {
    auto ka = sort_key_of(a, uow.cfg, q.order), kb = sort_key_of(b, uow.cfg, q.order);
    if (ka != kb) return q.descending ? ka > kb : ka < kb;
    return q.descending ? b.id < a.id : a.id < b.id;
  };
  std::sort(rows.begin(), rows.end(), before);
  rows.erase(std::unique(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
             rows.end());
  if (rows.size() > limit) {
    rows.resize(limit);
    out.next_cursor = cursor_of(uow.cfg, q, rows.back());
  }
  projection p(uow.cfg, uow.who, uow.tx, uow.directory);
  out.tickets.reserve(rows.size());
  for (const ticketcore::ticket& t : rows) {
    if (!p.policy().can_see(t)) throw error(errc::internal, "a query returned a ticket its reader may not see");
    // A contact's copy shows the time of the last part they may read (V2).
    ticket_view v = p.customer() ? p.view(t, uow.tx.parts_of(t.id), 0) : p.view(t, {}, linked_conversations(uow, t));
    v.timeline.clear();
    out.tickets.push_back(std::move(v));
  }
  return out;
}

std::size_t count_tickets(unit_of_work& uow, const ticket_query& q) {
  const query_plan plan = plan_query(uow.cfg, uow.who, q, uow.directory);  // the plan find_tickets runs
  std::size_t n = 0;
  for (const ticket_query& part : plan.parts) n += uow.tx.count_tickets(part);
  if (plan.overlap) n -= uow.tx.count_tickets(*plan.overlap);  // in both parts, found once
  return n;
}

}  // namespace detail

}  // namespace ticketcore
