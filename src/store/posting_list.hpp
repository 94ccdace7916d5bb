// One word's postings in the in-memory word index (Q1): the tickets whose
// text holds the word, by ordinal ascending, each with how often the word
// is in its public and in its internal text. Tickets are named by the
// ordinal the store gives each in turn, so a posting takes 12 bytes and a
// new ticket (the largest ordinal yet) appends. Postings sit in blocks of at
// most block_size, so an old ticket's edit moves at most one block.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ticketcore::detail {

using ticket_ordinal = std::uint32_t;

struct posting {
  ticket_ordinal ticket;
  std::array<std::uint32_t, 2> counts;  // [0] public, [1] internal

  bool holds(bool public_only) const { return counts[0] > 0 || (!public_only && counts[1] > 0); }
};

class posting_list {
 public:
  // Adds `delta` to the public or internal count of `ticket`, adding its
  // posting, or dropping it when both counts reach zero.
  void add(ticket_ordinal ticket, bool internal, int delta);

  // The posting of `ticket`, or null.
  const posting* find(ticket_ordinal ticket) const;

  std::size_t size() const;
  bool empty() const { return blocks_.empty(); }

  // Calls `f` with every posting, by ordinal ascending.
  template <class F>
  void for_each(F f) const {
    for (const auto& block : blocks_)
      for (const posting& p : block) f(p);
  }

 private:
  static constexpr std::size_t block_size = 256;
  using block = std::vector<posting>;  // never empty, ordinals ascending

  // The block whose ordinals reach `ticket` (the first whose last one is not below it), or end.
  std::vector<block>::iterator block_for(ticket_ordinal ticket);
  std::vector<block>::const_iterator block_for(ticket_ordinal ticket) const;

  std::vector<block> blocks_;
};

}  // namespace ticketcore::detail
