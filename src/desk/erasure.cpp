// The Desk's erasure of a contact (D2): their data out of the records, then
// their own record, in one transaction.
#include "desk/desk_impl.hpp"
#include "domain/directory/directory_changes.hpp"
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
  if (const ticketcore::contact* stored = uow.directory.find_contact(contact); stored && stored->version > 0) {
    // A stored record: rewritten in this unit of work, its history naming
    // the fields, never their values (docs/directory.md).
    ticketcore::contact kept;
    kept.id = stored->id;
    kept.company = stored->company;  // its tickets remain its company's (V1)
    kept.version = stored->version;
    detail::save_contact(uow, std::move(kept), detail::directory_write::update);
  }
  detail::refuse_damaged(*tx);  // U3: an erasure that met a damaged record fails, naming it
  impl_->erase_contact_record(*tx, contact);  // commits
  return erased;
}

void desk::impl::erase_contact_record(transaction& tx, const std::string& contact) {
  // A contact declared in the configuration: its name and addresses go, its
  // id and company stay (its tickets remain its, V1), and the configuration
  // is stored as its next version in `tx`, replacing the one that held them.
  // Without a change (a stored contact, or erased before) `tx` commits as is.
  config next = *refreshed(tx).settings;
  bool changed = false;
  for (ticketcore::contact& c : next.contacts) {
    if (c.id != contact || (c.name.empty() && c.emails.empty() && c.phone.empty())) continue;
    const std::string id = c.id, company = c.company;
    c = {};
    c.id = id;
    c.company = company;
    changed = true;
  }
  if (changed) reconfigure(tx, std::move(next), false);
  else tx.commit();
}

}  // namespace ticketcore
