#include "domain/queries/reranking.hpp"

#include "domain/queries/ticket_walk.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace ticketcore::detail {
namespace {

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

}  // namespace

std::size_t rerank_priorities(unit_of_work& uow, const config& before, bool indexed) {
  ticket_query q;
  q.priorities = moved_priorities(before, uow.cfg);
  if (q.priorities.empty()) return 0;
  std::size_t saved = 0;
  each_ticket(uow, q, indexed, [&](stored_ticket& t) {
    uow.save_bookkeeping(t);
    ++saved;
    return true;
  });
  return saved;
}

}  // namespace ticketcore::detail
