#include "domain/notify/listing.hpp"
#include "domain/queries/list_cursor.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore::detail {

std::vector<notification> list_outbox(unit_of_work& uow, const outbox_filter& f) {
  if (f.recipient && !f.audience)
    throw error(errc::invalid_argument, "outbox filter: recipient '" + *f.recipient +
                                            "' needs an audience, 'contact' or 'teammate': a contact and a teammate "
                                            "may share an id");
  auto entries = uow.tx.list_notifications(f);
  // A backend written before the audience filter existed ignores it.
  if (f.audience)
    std::erase_if(entries, [&](const notification& n) { return n.audience != *f.audience; });
  // One that ignores the cursor would repeat the first page forever.
  if (f.after && std::any_of(entries.begin(), entries.end(), [&](const notification& n) { return !(*f.after < n.id); }))
    throw error(errc::not_supported, "the storage backend does not page the outbox: list_notifications ignored 'after'");
  return entries;
}

ticketcore::outbox_page outbox_page_after(unit_of_work& uow, const outbox_filter& f, const std::optional<uuid>& after) {
  outbox_filter ask = f;
  if (after) ask.after = after;
  ask.limit = f.limit + 1;  // one more than the page tells whether another follows
  ticketcore::outbox_page page{list_outbox(uow, ask), {}};
  if (page.notifications.size() > f.limit) {
    page.notifications.resize(f.limit);
    page.next_cursor = cursor_at("outbox", page.notifications.back().id);
  }
  return page;
}

}  // namespace ticketcore::detail
