// Reads. Each goes through the projection (V5): what a contact may not see
// answers not_found, exactly as if it did not exist (V3).
#include "desk/desk_impl.hpp"
#include "desk/views.hpp"
#include "links/linking.hpp"
#include "visibility/projection.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>

namespace ticketcore {

using detail::unit_of_work;

ticket_view desk::ticket(const actor& who, const ticket_ref& ref) const {
  return impl_->read(who, [&](unit_of_work& uow) { return detail::make_view(uow, uow.load_ticket(ref)); });
}

conversation_view desk::conversation(const actor& who, const uuid& id) const {
  return impl_->read(who, [&](unit_of_work& uow) { return detail::make_view(uow, uow.load_conversation(id)); });
}

std::vector<link> desk::links(const actor& who, const uuid& id) const {
  return impl_->read(who, [&](unit_of_work& uow) {
    detail::resolve(uow, id);
    detail::projection p(uow.cfg, who);
    std::vector<link> out;
    for (link& l : uow.tx.links_of(id))
      if (p.can_see(l, uow.tx)) out.push_back(std::move(l));
    return out;
  });
}

std::vector<history_entry> desk::history(const actor& who, const uuid& id) const {
  return impl_->read(who, [&](unit_of_work& uow) {
    detail::resolve(uow, id);
    uow.require_staff("read history");
    return uow.tx.history_of(id);
  });
}

std::vector<inbox_item> desk::inbox(const actor& who, const inbox_filter& f) const {
  return impl_->read(who, [&](unit_of_work& uow) {
    detail::projection p(uow.cfg, who);
    std::vector<inbox_item> items;
    // Up to f.limit rows the actor may see, newest first. The store's page
    // may hold rows the projection drops (a colleague's private tickets in
    // a company query), so it pages on until the limit is filled (V1).
    auto add_tickets = [&](ticket_filter tf, bool skip_own) {
      tf.limit = f.limit;
      std::size_t added = 0;
      while (added < f.limit) {
        std::vector<ticketcore::ticket> page = uow.tx.find_tickets(tf);
        for (const ticketcore::ticket& t : page) {
          if (!p.can_see(t) || (skip_own && t.contact == who.id)) continue;
          std::size_t linked = 0;
          if (t.category == category::tracker && !p.customer())
            linked = uow.tx.count_links(t.id, link_kind::tracker, endpoint_kind::conversation);
          items.push_back(p.item(t, uow.tx.parts_of(t.id), linked));
          if (++added == f.limit) break;
        }
        if (page.size() < tf.limit) break;
        tf.before = page.back().id;
      }
    };
    bool ticket_only_filter = f.category || f.state_category || f.type || f.assignee;
    if (f.tickets) {
      ticket_filter tf;
      tf.category = f.category;
      tf.state_category = p.customer() ? std::nullopt : f.state_category;
      tf.type = f.type;
      tf.assignee = p.customer() ? std::nullopt : f.assignee;
      tf.brand = f.brand;
      if (p.customer()) {
        // V1: their own tickets, and their company's shared ones.
        if ((f.contact && *f.contact != who.id) || (f.category && *f.category != category::customer)) return items;
        tf.category = category::customer;
        tf.contact = who.id;
        add_tickets(tf, false);
        const contact* me = uow.cfg.find_contact(who.id);
        if (me && !me->company.empty()) {
          ticket_filter shared = tf;
          shared.contact.reset();
          shared.company = me->company;
          add_tickets(shared, true);  // own tickets were listed already
        }
      } else {
        tf.contact = f.contact;
        add_tickets(tf, false);
      }
    }
    if (f.conversations && !ticket_only_filter) {
      conversation_filter cf;
      cf.contact = p.customer() ? std::optional<std::string>(who.id) : f.contact;
      cf.brand = f.brand;
      cf.limit = f.limit;
      if (!(p.customer() && f.contact && *f.contact != who.id))
        for (const ticketcore::conversation& c : uow.tx.find_conversations(cf))
          if (p.can_see(c)) items.push_back(p.item(c, uow.tx.parts_of(c.id)));
    }
    // Newest first across conversations and tickets: ids are time-ordered.
    std::sort(items.begin(), items.end(), [](const inbox_item& a, const inbox_item& b) { return b.id < a.id; });
    if (items.size() > f.limit) items.resize(f.limit);
    return items;
  });
}

std::vector<notification> desk::outbox(const outbox_filter& f) const {
  if (f.recipient && !f.audience)
    throw error(errc::invalid_argument, "outbox filter: recipient '" + *f.recipient +
                                            "' needs an audience, 'contact' or 'teammate': a contact and a teammate "
                                            "may share an id");
  auto entries = impl_->read(actor::system(), [&](unit_of_work& uow) { return uow.tx.list_notifications(f); });
  // A backend written before the audience filter existed ignores it.
  if (f.audience)
    std::erase_if(entries, [&](const notification& n) { return n.audience != *f.audience; });
  return entries;
}

}  // namespace ticketcore
