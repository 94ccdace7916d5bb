// The in-memory store's full-text index (Q1): for each word, the tickets
// whose text holds it, counted apart for text a contact may read and
// internal text, so edits and rollbacks can take words out again. Tickets
// are named by the ordinal the store gives each (see posting_list).
#pragma once

#include "store/posting_list.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ticketcore::detail {

class memory_text_index {
 public:
  // Adds (delta +1) or takes out (delta -1) `words`, as the library split
  // them (ticket_keys, part_keys).
  void edit(ticket_ordinal ticket, const std::vector<std::string>& words, bool internal, int delta);

  // Tickets holding every one of `words` (in any of their text, or only in
  // public text), by ordinal ascending.
  std::vector<ticket_ordinal> find(const std::vector<std::string>& words, bool public_only) const;

 private:
  // Looks words up by string_view: no string built per word.
  struct word_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view w) const noexcept { return std::hash<std::string_view>{}(w); }
  };

  std::unordered_map<std::string, posting_list, word_hash, std::equal_to<>> words_;
};

}  // namespace ticketcore::detail
