// A storage backend given as a tc_storage_methods table, seen by the desk as
// a ticketcore::storage (<ticketcore/sys/storage.h>).
#pragma once

#include <ticketcore/sys/storage.h>

#include <ticketcore/storage.hpp>

#include <memory>

namespace capi {

// Takes ownership of the table's ctx (destroy() runs once, when the last
// user lets go, also if this throws after the version check). Throws
// status_error(TC_EVERSION) for a bad version (nothing called) and
// invalid_argument when a required method is NULL.
std::shared_ptr<ticketcore::storage> make_c_storage(const tc_storage_methods& table);

}  // namespace capi
