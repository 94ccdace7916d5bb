// The Desk's integrity check (U3).
#include "desk/desk_impl.hpp"

namespace ticketcore {

// One read transaction over the whole desk, as the host: no actor.
std::vector<damaged_record> desk::check() const {
  return impl_->read(op::check, actor::system(),
                     [&](detail::unit_of_work& uow) { return detail::find_damaged(uow.tx); });
}

}  // namespace ticketcore
