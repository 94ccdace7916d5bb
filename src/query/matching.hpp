// What a query means for one ticket, shared by the stores that evaluate it
// in memory: field filters, words for full text, and page positions.
#pragma once

#include <ticketcore/query.hpp>
#include <ticketcore/storage_types.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore::detail::query {

// Every filter of `q` but tracker and text, which need the store's links
// and word index; the derived ones (due_before, sla_status) compare the
// ticket's keys.
bool matches_fields(const ticket& t, const ticket_keys& keys, const ticket_query& q);

// The words of `text` as full text sees them: runs of letters and digits
// (bytes of multi-byte UTF-8 count as letters), ASCII folded to lower case.
std::vector<std::string> words(std::string_view text);
// Adds the words of `text` not yet in `out` to its end.
void add_new_words(std::string_view text, std::vector<std::string>& out);

// The same words one at a time, for hot paths: no string per word.
//   word_reader r(text); while (auto w = r.next()) use(*w);
class word_reader {
 public:
  explicit word_reader(std::string_view text) : text_(text) {}
  // The next word, valid until the next call; nullopt after the last.
  std::optional<std::string_view> next();

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  std::string word_;
};

// Whether (key, id) comes after `p` in the order (descending or not).
bool after(std::int64_t key, const uuid& id, const ticket_position& p, bool descending);

}  // namespace ticketcore::detail::query
