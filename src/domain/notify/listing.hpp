// Listing the outbox (N5), oldest first. A contact and a teammate may share
// an id, so a recipient is named only with its audience; and what an older
// backend leaves undone (the audience filter, the cursor) is done here or
// refused, never answered wrongly.
#pragma once

#include "kernel/unit_of_work.hpp"

#include <ticketcore/notification.hpp>

#include <optional>
#include <vector>

namespace ticketcore::detail {

// The outbox entries matching `f`. invalid_argument for a recipient
// without an audience; not_supported when the backend ignored the cursor
// (it would repeat the first page forever).
std::vector<notification> list_outbox(unit_of_work& uow, const outbox_filter& f);

// One page of the outbox: up to f.limit entries after `after` (the
// position of the page's cursor; none: f.after), and the next page's cursor
// when another page follows.
ticketcore::outbox_page outbox_page_after(unit_of_work& uow, const outbox_filter& f, const std::optional<uuid>& after);

}  // namespace ticketcore::detail
