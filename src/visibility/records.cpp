// Which records a contact may see (V1, V3), and which links (V2, M1).
#include "visibility/policy.hpp"

namespace ticketcore::detail {

bool visibility::can_see(const ticket& t) const {
  if (!contact()) return true;
  if (t.category != category::customer) return false;  // V3
  if (t.contact == reader_.id) return true;
  if (t.sharing != sharing::company || t.company.empty()) return false;
  const ticketcore::contact* me = people_.find_contact(reader_.id);
  return me && me->company == t.company;
}

bool visibility::can_see(const conversation& c) const { return !contact() || c.contact == reader_.id; }

bool visibility::can_see(const link& l, transaction& tx) const {
  if (!contact()) return true;
  if (l.kind == link_kind::merged_into) {
    auto from = tx.get_ticket(l.from), to = tx.get_ticket(l.to);
    return from && to && can_see(*from) && can_see(*to);
  }
  if (l.kind != link_kind::customer_ticket) return false;
  auto c = tx.get_conversation(l.from);
  auto t = tx.get_ticket(l.to);
  return c && t && can_see(*c) && can_see(*t);
}

}  // namespace ticketcore::detail
