#include "store/memory_text_index.hpp"

#include <algorithm>
#include <utility>

namespace ticketcore::detail {

void memory_text_index::edit(ticket_ordinal ticket, const std::vector<std::string>& words, bool internal,
                             int delta) {
  for (const std::string& w : words) {
    auto it = words_.find(std::string_view(w));
    if (it == words_.end()) {
      if (delta <= 0) continue;  // nothing to take out
      it = words_.emplace(w, posting_list{}).first;
    }
    it->second.add(ticket, internal, delta);
    if (it->second.empty()) words_.erase(it);
  }
}

std::vector<ticket_ordinal> memory_text_index::find(const std::vector<std::string>& words, bool public_only) const {
  std::vector<std::pair<std::size_t, const posting_list*>> lists;  // with their sizes
  for (const auto& w : words) {
    auto it = words_.find(std::string_view(w));
    if (it == words_.end()) return {};
    lists.emplace_back(it->second.size(), &it->second);
  }
  if (lists.empty()) return {};
  // Walk the rarest word's tickets; look the others up.
  std::sort(lists.begin(), lists.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ticket_ordinal> out;
  lists.front().second->for_each([&](const posting& p) {
    if (!p.holds(public_only)) return;
    bool all = std::all_of(lists.begin() + 1, lists.end(), [&](const auto& other) {
      const posting* q = other.second->find(p.ticket);
      return q && q->holds(public_only);
    });
    if (all) out.push_back(p.ticket);
  });
  return out;
}

}  // namespace ticketcore::detail
