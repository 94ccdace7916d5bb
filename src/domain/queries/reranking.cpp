#include "domain/queries/reranking.hpp"

#include "store/keys.hpp"

#include <ticketcore/query.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace ticketcore::detail {
namespace {

constexpr std::size_t page_size = 100;  // tickets read at a time

// The priorities, of either configuration, whose rank differs between them
// (a priority in neither ranks 0 under both: its tickets keep their key).
std::vector<std::string> moved_priorities(const config& before, const config& after) {
  std::vector<std::string> moved;
  for (const auto* c : {&before, &after})
    for (const std::string& p : c->priorities)
      if (before.priority_rank(p) != after.priority_rank(p) && std::find(moved.begin(), moved.end(), p) == moved.end())
        moved.push_back(p);
  return moved;
}

// Pages of tickets of `priorities` in creation order, from the store's index.
// A re-saved ticket keeps its creation time, so the cursor stays valid.
std::size_t rerank_by_query(unit_of_work& uow, std::vector<std::string> priorities) {
  std::size_t saved = 0;
  for (std::size_t from = 0; from < priorities.size(); from += max_query_list_values) {
    ticket_query q;
    const auto first = priorities.begin() + static_cast<std::ptrdiff_t>(from);
    q.priorities.assign(first, first + static_cast<std::ptrdiff_t>(std::min(max_query_list_values, priorities.size() - from)));
    q.order = ticket_order::created;
    q.descending = false;
    std::optional<ticket_position> after;
    for (std::size_t taken = page_size; taken == page_size;) {
      auto page = uow.tx.query_tickets(q, after, page_size);
      for (stored_ticket& t : page) {
        uow.save_bookkeeping(t);
        ++saved;
      }
      taken = page.size();
      if (!page.empty()) after = ticket_position{sort_key_of(page.back(), uow.cfg, q.order), page.back().id};
    }
  }
  return saved;
}

// Every ticket, newest first, keeping those of a moved priority.
std::size_t rerank_by_walk(unit_of_work& uow, const std::vector<std::string>& priorities) {
  std::size_t saved = 0;
  ticket_filter f;
  f.limit = page_size;
  for (std::size_t taken = page_size; taken == page_size;) {
    auto page = uow.tx.find_tickets(f);
    for (stored_ticket& t : page) {
      if (std::find(priorities.begin(), priorities.end(), t.priority) == priorities.end()) continue;
      uow.save_bookkeeping(t);
      ++saved;
    }
    taken = page.size();
    if (!page.empty()) f.before = page.back().id;
  }
  return saved;
}

}  // namespace

std::size_t rerank_priorities(unit_of_work& uow, const config& before, bool indexed) {
  std::vector<std::string> moved = moved_priorities(before, uow.cfg);
  if (moved.empty()) return 0;
  return indexed ? rerank_by_query(uow, std::move(moved)) : rerank_by_walk(uow, moved);
}

}  // namespace ticketcore::detail
