#include "store/posting_list.hpp"

#include <algorithm>
#include <iterator>

namespace ticketcore::detail {
namespace {

bool last_below(const std::vector<posting>& block, ticket_ordinal t) { return block.back().ticket < t; }
bool below(const posting& p, ticket_ordinal t) { return p.ticket < t; }

}  // namespace

std::vector<posting_list::block>::iterator posting_list::block_for(ticket_ordinal ticket) {
  return std::lower_bound(blocks_.begin(), blocks_.end(), ticket, last_below);
}

std::vector<posting_list::block>::const_iterator posting_list::block_for(ticket_ordinal ticket) const {
  return std::lower_bound(blocks_.begin(), blocks_.end(), ticket, last_below);
}

void posting_list::add(ticket_ordinal ticket, bool internal, int delta) {
  if (blocks_.empty() || blocks_.back().back().ticket < ticket) {  // past every posting: a new ticket
    if (delta <= 0) return;
    if (blocks_.empty() || blocks_.back().size() >= block_size) blocks_.emplace_back();
    blocks_.back().push_back({ticket, {}});
    blocks_.back().back().counts[internal ? 1 : 0] = static_cast<std::uint32_t>(delta);
    return;
  }
  // Most edits are of the newest ticket (the one being created): its block is the last.
  auto b = blocks_.back().front().ticket <= ticket ? std::prev(blocks_.end()) : block_for(ticket);
  auto p = std::lower_bound(b->begin(), b->end(), ticket, below);
  if (p == b->end() || p->ticket != ticket) {
    if (delta <= 0) return;  // nothing to take out
    p = b->insert(p, {ticket, {}});
  }
  p->counts[internal ? 1 : 0] += static_cast<std::uint32_t>(delta);
  if (p->counts[0] == 0 && p->counts[1] == 0) {
    b->erase(p);
    if (b->empty()) blocks_.erase(b);
  } else if (b->size() > block_size) {  // split in two halves
    auto half = std::next(b->begin(), static_cast<std::ptrdiff_t>(b->size() / 2));
    block upper(half, b->end());
    b->erase(half, b->end());
    blocks_.insert(std::next(b), std::move(upper));
  }
}

const posting* posting_list::find(ticket_ordinal ticket) const {
  auto b = block_for(ticket);
  if (b == blocks_.end()) return nullptr;
  auto p = std::lower_bound(b->begin(), b->end(), ticket, below);
  return p != b->end() && p->ticket == ticket ? &*p : nullptr;
}

std::size_t posting_list::size() const {
  std::size_t n = 0;
  for (const auto& b : blocks_) n += b.size();
  return n;
}

}  // namespace ticketcore::detail
