#include "domain/links/merged.hpp"

#include "visibility/policy.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

std::optional<uuid> merged_into(transaction& tx, const uuid& id) {
  for (const link& l : tx.links_of(id, link_kind::merged_into))
    if (l.from == id) return l.to;
  return std::nullopt;
}

void require_not_merged(unit_of_work& uow, const ticket& t, const std::string& what) {
  auto into = merged_into(uow.tx, t.id);
  if (!into) return;
  auto target = uow.tx.get_ticket(*into);
  std::string where = target && uow.policy().can_see(*target)
                          ? ticket_name(*target) + "; work on " + ticket_name(*target) + " instead"
                          : "another ticket";  // V3: a contact learns nothing of a ticket they cannot see
  throw error(errc::invalid_argument, "ticket " + ticket_name(t) + " was merged into " + where + ", and a merged "
                                      "ticket cannot " + what + " (M1)");
}

}  // namespace ticketcore::detail
