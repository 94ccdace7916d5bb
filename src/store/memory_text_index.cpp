#include "store/memory_text_index.hpp"

#include "query/matching.hpp"

#include <algorithm>

namespace ticketcore::detail {

void memory_text_index::edit(const uuid& ticket, std::string_view text, bool internal, int delta) {
  for (const std::string& w : query::words(text)) {
    postings& p = words_[w];
    counts& c = p[ticket];
    c[internal ? 1 : 0] += static_cast<std::uint32_t>(delta);
    if (c[0] == 0 && c[1] == 0) p.erase(ticket);
    if (p.empty()) words_.erase(w);
  }
}

std::vector<uuid> memory_text_index::find(const std::vector<std::string>& words, bool public_only) const {
  std::vector<const postings*> lists;
  for (const auto& w : words) {
    auto it = words_.find(w);
    if (it == words_.end()) return {};
    lists.push_back(&it->second);
  }
  if (lists.empty()) return {};
  // Walk the rarest word's tickets; look the others up.
  std::sort(lists.begin(), lists.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
  std::vector<uuid> out;
  for (const auto& [id, c] : *lists.front()) {
    if (!holds(c, public_only)) continue;
    bool all = std::all_of(lists.begin() + 1, lists.end(), [&, &id = id](const postings* p) {
      auto it = p->find(id);
      return it != p->end() && holds(it->second, public_only);
    });
    if (all) out.push_back(id);
  }
  return out;
}

}  // namespace ticketcore::detail
