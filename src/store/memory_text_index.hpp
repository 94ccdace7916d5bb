// The in-memory store's full-text index (Q1): for each word, the tickets
// whose text holds it, counted apart for text a contact may read and
// internal text, so edits and rollbacks can take words out again.
#pragma once

#include <ticketcore/ids.hpp>

#include <boost/functional/hash.hpp>
#include <boost/uuid/uuid_hash.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ticketcore::detail {

class memory_text_index {
 public:
  // Adds (delta +1) or takes out (delta -1) the words of `text`.
  void edit(const uuid& ticket, std::string_view text, bool internal, int delta);

  // Tickets holding every one of `words` (in any of their text, or only in
  // public text), in no particular order.
  std::vector<uuid> find(const std::vector<std::string>& words, bool public_only) const;

 private:
  using counts = std::array<std::uint32_t, 2>;  // [0] public, [1] internal
  using postings = std::unordered_map<uuid, counts, boost::hash<uuid>>;
  static bool holds(const counts& c, bool public_only) { return c[0] > 0 || (!public_only && c[1] > 0); }

  std::unordered_map<std::string, postings> words_;
};

}  // namespace ticketcore::detail
