// The Desk's link calls (K1-K9), each in one unit of work.
#include "desk/desk_impl.hpp"
#include "domain/links/linking.hpp"

namespace ticketcore {

using detail::unit_of_work;

link desk::add_link(const actor& who, const uuid& from, const uuid& to, link_kind kind) {
  return impl_->write(op::add_link, who, [&](unit_of_work& uow) { return detail::add_link(uow, from, to, kind); });
}

link desk::add_external_link(const actor& who, const uuid& tracker, const external_ref& ref) {
  return impl_->write(op::add_external_link, who,
                      [&](unit_of_work& uow) { return detail::add_external_link(uow, tracker, ref); });
}

void desk::remove_link(const actor& who, const uuid& link_id) {
  impl_->write(op::remove_link, who, [&](unit_of_work& uow) {
    detail::remove_link(uow, link_id);
    return 0;
  });
}

}  // namespace ticketcore
