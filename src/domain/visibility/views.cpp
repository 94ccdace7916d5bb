#include "domain/visibility/views.hpp"

#include "visibility/projection.hpp"

namespace ticketcore::detail {

ticket_view make_view(unit_of_work& uow, const ticket& t) {
  projection p(uow.cfg, uow.who, uow.tx, uow.directory);
  std::size_t linked = 0;
  if (t.category == category::tracker && !p.customer())
    linked = uow.tx.count_links(t.id, link_kind::tracker, endpoint_kind::conversation);  // K4
  return p.view(t, uow.tx.parts_of(t.id), linked);
}

conversation_view make_view(unit_of_work& uow, const conversation& c) {
  return projection(uow.cfg, uow.who, uow.tx, uow.directory).view(c, uow.tx.parts_of(c.id));
}

}  // namespace ticketcore::detail
