#include "store/evaluator.hpp"

#include "query/matching.hpp"
#include "store/keys.hpp"

#include <ticketcore/storage_wrapper.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ticketcore::detail {
namespace {

// Rows per call of the listings a scan walks.
constexpr std::size_t scan_page = 500;

// Calls `f` with every ticket `narrow` selects, newest first, by pages of
// find_tickets. A page that comes back empty ends the walk.
template <class F>
void each_ticket(transaction& tx, ticket_filter narrow, F f) {
  narrow.limit = scan_page;
  for (;;) {
    std::vector<stored_ticket> page = tx.find_tickets(narrow);
    if (page.empty()) return;
    for (const stored_ticket& t : page) f(t);
    narrow.before = page.back().id;
  }
}

// Whether every word is in the ticket's text (public text only, if asked):
// its keys' words and its parts' keys, derived as at every write.
bool has_words(transaction& tx, const ticket& t, const ticket_keys& keys, const std::vector<std::string>& wanted,
               bool public_only) {
  std::unordered_set<std::string> found(keys.words.begin(), keys.words.end());
  for (const part& p : tx.parts_of(t.id)) {
    part_keys k = part_keys_of(p, &t.contact);
    if (k.audience == text_audience::public_ || (k.audience == text_audience::internal && !public_only))
      found.insert(std::make_move_iterator(k.words.begin()), std::make_move_iterator(k.words.end()));
  }
  return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return found.count(w) > 0; });
}

class evaluating_transaction final : public transaction_wrapper {
 public:
  evaluating_transaction(std::unique_ptr<transaction> target, storage_capabilities has,
                         std::shared_ptr<const config> cfg)
      : transaction_wrapper(std::move(target)), has_(has), cfg_(std::move(cfg)) {}

  std::vector<stored_ticket> query_tickets(const ticket_query& q, const std::optional<ticket_position>& after,
                                           std::size_t limit) override {
    if (has_.queries) return target().query_tickets(q, after, limit);
    using row = std::pair<ticket_position, stored_ticket>;
    std::vector<row> rows;
    each_match(q, [&](const stored_ticket& t, const ticket_keys& keys) {
      ticket_position p{sort_key(t, keys, q.order), t.id};
      if (!after || query::after(p.key, p.id, *after, q.descending)) rows.emplace_back(p, t);
    });
    auto first = [&](const row& a, const row& b) { return query::after(b.first.key, b.first.id, a.first, q.descending); };
    const std::size_t n = std::min(limit, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n), rows.end(), first);
    std::vector<stored_ticket> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(std::move(rows[i].second));
    return out;
  }

  std::size_t count_tickets(const ticket_query& q) override {
    if (has_.queries) return target().count_tickets(q);
    std::size_t n = 0;
    each_match(q, [&](const stored_ticket&, const ticket_keys&) { ++n; });
    return n;
  }

  // Every entry of the period from the history log (or one subject's
  // history), sorted by time; entries of one instant keep the order they
  // were appended in.
  void scan_history(const history_scan& s, const std::function<bool(const history_entry&)>& visit) override {
    if (has_.history_by_time) return target().scan_history(s, visit);
    std::vector<history_entry> entries;
    auto wanted = [&](const history_entry& h) {
      if (h.at < s.from || h.at >= s.to) return false;
      if (s.subject && h.subject != *s.subject) return false;
      return s.fields.empty() || std::find(s.fields.begin(), s.fields.end(), h.field) != s.fields.end();
    };
    if (s.subject) {
      for (history_entry& h : target().history_of(*s.subject))
        if (wanted(h)) entries.push_back(std::move(h));
    } else {
      for (std::uint64_t read = 0;;) {
        std::vector<history_entry> page = target().history_in_order(read, scan_page);
        if (page.empty()) break;
        read += page.size();
        for (history_entry& h : page)
          if (wanted(h)) entries.push_back(std::move(h));
      }
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const history_entry& a, const history_entry& b) { return a.at < b.at; });
    for (const history_entry& h : entries)
      if (!visit(h)) return;
  }

 private:
  // Calls `f` with every ticket matching `q`: candidates from find_tickets,
  // narrowed by the filters it knows, then every filter of the query.
  template <class F>
  void each_match(const ticket_query& q, F f) {
    std::optional<std::set<uuid>> linked;
    if (q.tracker) {
      linked.emplace();
      for (const link& l : target().links_of(*q.tracker, link_kind::tracker)) linked->insert(l.other(*q.tracker));
    }
    const std::vector<std::string> words = query::words(q.text);
    if (!q.text.empty() && words.empty()) return;  // punctuation alone matches nothing, as on every store
    ticket_filter narrow;
    narrow.category = q.category;
    narrow.contact = q.contact;
    narrow.company = q.company ? q.company : q.shared_with_company;
    narrow.assignee = q.assignee;
    narrow.brand = q.brand;
    each_ticket(target(), narrow, [&](const stored_ticket& t) {
      if (linked && !linked->count(t.id)) return;
      const ticket_keys keys = keys_of(t, *cfg_);
      if (!query::matches_fields(t, keys, q)) return;
      if (!words.empty() && !has_words(target(), t, keys, words, q.public_text_only)) return;
      f(t, keys);
    });
  }

  storage_capabilities has_;
  std::shared_ptr<const config> cfg_;  // the configuration the keys are derived under
};

class evaluating_storage final : public storage_wrapper {
 public:
  evaluating_storage(std::shared_ptr<storage> target, storage_capabilities has, configuration_source cfg)
      : storage_wrapper(std::move(target)), has_(has), cfg_(std::move(cfg)) {}

  storage_capabilities capabilities() const override { return {}; }

 protected:
  std::unique_ptr<transaction> wrap(std::unique_ptr<transaction> t, access) override {
    return std::make_unique<evaluating_transaction>(std::move(t), has_, cfg_());
  }

 private:
  storage_capabilities has_;
  configuration_source cfg_;
};

}  // namespace

std::shared_ptr<storage> with_evaluator(std::shared_ptr<storage> target, configuration_source cfg) {
  const storage_capabilities has = target->capabilities();
  if (has.queries && has.history_by_time) return target;
  return std::make_shared<evaluating_storage>(std::move(target), has, std::move(cfg));
}

}  // namespace ticketcore::detail
