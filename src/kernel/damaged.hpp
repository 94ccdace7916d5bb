// Damaged records at the Desk (U3): what a listing says about the rows the
// store could not read, and the failure of any other operation that met one.
#pragma once

#include <ticketcore/storage.hpp>
#include <ticketcore/views.hpp>

#include <optional>
#include <vector>

namespace ticketcore::detail {

// Throws error(storage) naming the records the store noted as damaged
// since the last take_damaged: an operation that needed them and was not
// a listing that reports them itself. Nothing to do when there are none.
void refuse_damaged(transaction& tx);

// The id of a damaged record, when the store could tell it.
std::optional<uuid> damaged_id(const damaged_record& d);

// The inbox row that stands for a damaged record (staff only).
inbox_item damaged_item(const damaged_record& d, endpoint_kind kind);

// Every record the store cannot read back, walked through the storage
// interface in `tx`, and the backend's own file problems (desk::check).
std::vector<damaged_record> find_damaged(transaction& tx);

}  // namespace ticketcore::detail
