// Writing the directory (docs/directory.md): contacts, companies, teammates
// and teams created, changed and upserted one by one, each in the caller's
// unit of work with a version check (X1), a history entry naming the
// fields that changed and an event.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/directory.hpp>

namespace ticketcore::detail {

// How a write meets the stored record of the same id.
enum class directory_write {
  create,  // error(conflict) when it exists
  update,  // error(not_found) when it does not
  upsert,  // either
};

// Checks `record` and stores it; returns it as stored. A non-zero version
// in `record` is the version the caller expects (X1): another one is
// error(conflict). One declared in the configuration is error(conflict).
// Bad input is error(validation_failed) naming the field; an address or a
// domain another record holds is error(conflict) naming it.
contact save_contact(unit_of_work& uow, contact record, directory_write how);
company save_company(unit_of_work& uow, company record, directory_write how);
teammate save_teammate(unit_of_work& uow, teammate record, directory_write how);
team save_team(unit_of_work& uow, team record, directory_write how);

}  // namespace ticketcore::detail
