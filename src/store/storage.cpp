#include <ticketcore/storage.hpp>

namespace ticketcore {

std::size_t transaction::count_links(const uuid& end, link_kind kind, endpoint_kind other) {
  std::size_t n = 0;
  for (const auto& l : links_of(end, kind))
    if (l.other_kind(end) == other) ++n;
  return n;
}

}  // namespace ticketcore
