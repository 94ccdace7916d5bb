#include "query/matching.hpp"

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace ticketcore {

std::int64_t sort_key(const ticket& t, const ticket_keys& keys, ticket_order order) noexcept {
  switch (order) {
    case ticket_order::created: return t.created_at.time_since_epoch().count();
    case ticket_order::updated: return t.updated_at.time_since_epoch().count();
    case ticket_order::priority: return keys.priority_rank;
    case ticket_order::sla_due:
      return keys.sla_due ? keys.sla_due->time_since_epoch().count() : std::numeric_limits<std::int64_t>::max();
  }
  return 0;
}

}  // namespace ticketcore

namespace ticketcore::detail::query {
namespace {

template <class T>
bool any_of(const std::vector<T>& wanted, const T& value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

bool in_range(time_point t, const std::optional<time_point>& from, const std::optional<time_point>& to) {
  return (!from || t >= *from) && (!to || t < *to);
}

bool letter(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

}  // namespace

bool matches_fields(const ticket& t, const ticket_keys& keys, const ticket_query& q) {
  if (q.category && t.category != *q.category) return false;
  if (!any_of(q.types, t.type) || !any_of(q.states, t.state) || !any_of(q.state_categories, t.state_category) ||
      !any_of(q.priorities, t.priority))
    return false;
  if ((q.assignee && t.assignee != *q.assignee) || (q.team && t.team != *q.team) || (q.brand && t.brand != *q.brand) ||
      (q.contact && t.contact != *q.contact) || (q.company && t.company != *q.company))
    return false;
  if (q.shared_with_company && (t.sharing != sharing::company || t.company != *q.shared_with_company)) return false;
  for (const auto& tag : q.tags)
    if (!t.tags.count(tag)) return false;
  if (q.channel && t.channel != *q.channel) return false;
  if (!in_range(t.created_at, q.created_from, q.created_to) || !in_range(t.updated_at, q.updated_from, q.updated_to))
    return false;
  if (q.due_before && !(keys.due_at && *keys.due_at < *q.due_before)) return false;
  if (q.sla_status && keys.sla_status != *q.sla_status) return false;
  return true;
}

std::optional<std::string_view> word_reader::next() {
  auto is_letter = [&](std::size_t i) { return letter(static_cast<unsigned char>(text_[i])); };
  while (at_ < text_.size() && !is_letter(at_)) ++at_;
  if (at_ == text_.size()) return std::nullopt;
  const std::size_t begin = at_;
  bool upper = false;
  for (; at_ < text_.size() && is_letter(at_); ++at_) upper = upper || (text_[at_] >= 'A' && text_[at_] <= 'Z');
  std::string_view word = text_.substr(begin, at_ - begin);
  if (!upper) return word;  // already folded: no copy
  word_.assign(word);
  for (char& ch : word_)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return std::string_view(word_);
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  word_reader r(text);
  while (auto w = r.next()) out.emplace_back(*w);
  return out;
}

void add_new_words(std::string_view text, std::vector<std::string>& out) {
  std::unordered_set<std::string> seen(out.begin(), out.end());
  word_reader r(text);
  while (auto w = r.next())
    if (seen.emplace(*w).second) out.emplace_back(*w);
}

bool after(std::int64_t key, const uuid& id, const ticket_position& p, bool descending) {
  if (key != p.key) return descending ? key < p.key : key > p.key;
  return descending ? id < p.id : p.id < id;
}

}  // namespace ticketcore::detail::query
