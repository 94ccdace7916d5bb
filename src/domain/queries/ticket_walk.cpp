#include "domain/queries/ticket_walk.hpp"

#include "store/keys.hpp"

#include <algorithm>
#include <optional>

namespace ticketcore::detail {
namespace {

constexpr std::size_t page_size = 100;  // tickets read at a time

bool among(const std::vector<std::string>& wanted, const std::string& value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

// One query per slice of the priorities, as a query's lists are bounded
// (U4). A re-saved ticket keeps its creation time, so the cursor stays
// valid; one that leaves the selection is behind it already.
bool by_query(unit_of_work& uow, ticket_query q, const std::function<bool(stored_ticket&)>& visit) {
  q.order = ticket_order::created;
  q.descending = false;
  std::optional<ticket_position> after;
  for (std::size_t taken = page_size; taken == page_size;) {
    auto page = uow.tx.query_tickets(q, after, page_size);
    taken = page.size();
    if (!page.empty()) after = ticket_position{sort_key_of(page.back(), uow.cfg, q.order), page.back().id};
    for (stored_ticket& t : page)
      if (!visit(t)) return false;
  }
  return true;
}

}  // namespace

void each_ticket(unit_of_work& uow, const ticket_query& q, bool indexed,
                 const std::function<bool(stored_ticket&)>& visit) {
  ticket_query selection;
  selection.types = q.types;
  selection.states = q.states;
  if (indexed) {
    if (q.priorities.empty()) {
      by_query(uow, selection, visit);
      return;
    }
    for (std::size_t from = 0; from < q.priorities.size(); from += max_query_list_values) {
      const auto first = q.priorities.begin() + static_cast<std::ptrdiff_t>(from);
      const auto count = static_cast<std::ptrdiff_t>(std::min(max_query_list_values, q.priorities.size() - from));
      selection.priorities.assign(first, first + count);
      if (!by_query(uow, selection, visit)) return;
    }
    return;
  }
  ticket_filter f;
  if (q.types.size() == 1) f.type = q.types.front();
  f.limit = page_size;
  for (std::size_t taken = page_size; taken == page_size;) {
    auto page = uow.tx.find_tickets(f);
    taken = page.size();
    if (!page.empty()) f.before = page.back().id;
    for (stored_ticket& t : page)
      if (among(q.types, t.type) && among(q.states, t.state) && among(q.priorities, t.priority) && !visit(t)) return;
  }
}

}  // namespace ticketcore::detail
