// The Desk's erasure of a contact (D2): their data out of the records, then
// their own record, in one transaction.
#include "desk/desk_impl.hpp"
#include "domain/erasure/erasure.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {

std::size_t desk::erase_contact(const std::string& contact) {
  check_may_run(op::erase_contact, actor_kind::system);  // a host call (U1)
  auto tx = impl_->storage_->begin(access::write);
  auto current = impl_->refreshed(*tx);
  const actor system = actor::system();
  detail::unit_of_work uow{*tx, *current.settings, system, detail::clock_reading(*impl_->clock_),
                           impl_->hooks_, false, {}, {}};
  const std::size_t erased = detail::erase_contact_data(uow, contact);
  detail::refuse_damaged(*tx);  // U3: an erasure that met a damaged record fails, naming it
  impl_->erase_contact_record(*tx, contact);  // commits
  return erased;
}

void desk::impl::erase_contact_record(transaction& tx, const std::string& contact) {
  // Today the contact is an entry of the configuration: its name and
  // address go, its id and company stay (its tickets remain its, V1), and
  // the configuration is stored as its next version in `tx`, replacing the
  // one that held them. Without a change (erased before) `tx` commits as is.
  config next = *refreshed(tx).settings;
  bool changed = false;
  for (ticketcore::contact& c : next.contacts) {
    if (c.id != contact || (c.name.empty() && c.email.empty())) continue;
    c.name.clear();
    c.email.clear();
    changed = true;
  }
  if (changed) reconfigure(tx, std::move(next), false);
  else tx.commit();
}

}  // namespace ticketcore
