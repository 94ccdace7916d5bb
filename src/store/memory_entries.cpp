#include "store/memory_entries.hpp"

#include "store/entries.hpp"

namespace ticketcore::detail {

std::optional<stored_entry> memory_entries::get(const std::string& kind, const std::string& id) const {
  auto it = rows_.find({kind, id});
  if (it == rows_.end()) return std::nullopt;
  return it->second.entry;
}

// Every check comes before the first change, so a refused write leaves
// nothing to undo.
void memory_entries::put(stored_entry e, std::vector<entry_key> keys, undo_log& undo) {
  where at{e.kind, e.id};
  auto it = rows_.find(at);
  check_entry_write(e, it == rows_.end() ? std::nullopt : std::optional(it->second.entry.version));
  for (const entry_key& k : keys) {
    if (!k.unique) continue;
    auto holder = unique_.find({e.kind, k.name, k.value});
    if (holder != unique_.end() && holder->second != e.id) fail_key_taken(e.kind, k);
  }
  std::optional<row> old;
  if (it != rows_.end()) {
    index(it->second, false);
    old = std::move(it->second);
    rows_.erase(it);
  }
  index(rows_.emplace(at, row{std::move(e), std::move(keys)}).first->second, true);
  undo.add([this, at = std::move(at), old = std::move(old)]() mutable {
    auto now = rows_.find(at);
    index(now->second, false);
    rows_.erase(now);
    if (old) index(rows_.emplace(at, std::move(*old)).first->second, true);
  });
}

std::vector<stored_entry> memory_entries::find(const entry_filter& f) const {
  check_entry_filter(f);
  std::vector<stored_entry> out;
  const std::string from = f.after.value_or("");
  auto past_cursor = [&](const std::string& id) { return !f.after || id > *f.after; };
  if (by_key(f)) {
    for (auto it = keys_.lower_bound({f.kind, *f.key_name, *f.key_value, from});
         it != keys_.end() && out.size() < f.limit; ++it) {
      const auto& [kind, name, value, id] = *it;
      if (kind != f.kind || name != *f.key_name || value != *f.key_value) break;
      if (past_cursor(id)) out.push_back(rows_.at({kind, id}).entry);
    }
    return out;
  }
  for (auto it = rows_.lower_bound({f.kind, from}); it != rows_.end() && out.size() < f.limit; ++it) {
    if (it->first.first != f.kind) break;
    if (past_cursor(it->first.second)) out.push_back(it->second.entry);
  }
  return out;
}

void memory_entries::index(const row& r, bool add) {
  const stored_entry& e = r.entry;
  for (const entry_key& k : r.keys) {
    if (add) {
      keys_.emplace(e.kind, k.name, k.value, e.id);
      if (k.unique) unique_.emplace(unique_key{e.kind, k.name, k.value}, e.id);
      continue;
    }
    keys_.erase({e.kind, k.name, k.value, e.id});
    if (auto u = unique_.find({e.kind, k.name, k.value}); k.unique && u != unique_.end() && u->second == e.id)
      unique_.erase(u);
  }
}

}  // namespace ticketcore::detail
