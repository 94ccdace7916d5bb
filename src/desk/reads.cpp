// Reads. Each asks the visibility policy and goes through the projection
// (V5): what a contact may not see answers not_found, exactly as if it did
// not exist (V3).
#include "desk/desk_impl.hpp"
#include "desk/list_cursor.hpp"
#include "domain/queries/queries.hpp"
#include "domain/visibility/views.hpp"
#include "domain/links/linking.hpp"
#include "visibility/projection.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <set>

namespace ticketcore {

using detail::unit_of_work;

ticket_view desk::ticket(const actor& who, const ticket_ref& ref) const {
  return impl_->read(op::ticket, who, [&](unit_of_work& uow) { return detail::make_view(uow, uow.load_ticket(ref)); });
}

conversation_view desk::conversation(const actor& who, const conversation_ref& c) const {
  return impl_->read(op::conversation, who, [&](unit_of_work& uow) { return detail::make_view(uow, uow.load_conversation(c)); });
}

std::vector<link> desk::links(const actor& who, const uuid& id) const {
  return impl_->read(op::links, who, [&](unit_of_work& uow) {
    detail::resolve(uow, id);
    const detail::visibility policy(uow.cfg, who);
    std::vector<link> out;
    for (link& l : uow.tx.links_of(id))
      if (policy.can_see(l, uow.tx)) out.push_back(std::move(l));
    return out;
  });
}

namespace {

// The inbox's ticket filter as a query, so that it is checked and planned
// by the same policy as find_tickets: the same filter gets the same answer.
ticket_query as_query(const inbox_filter& f) {
  ticket_query q;
  q.category = f.category;
  if (f.state_category) q.state_categories = {*f.state_category};
  if (f.type) q.types = {*f.type};
  q.assignee = f.assignee;
  q.brand = f.brand;
  q.contact = f.contact;
  return q;
}

// A part of the plan as the store's inbox filter. A query's
// shared_with_company becomes a company filter; the policy then drops the
// company's private rows.
ticket_filter as_filter(const ticket_query& part) {
  ticket_filter tf;
  tf.category = part.category;
  if (!part.state_categories.empty()) tf.state_category = part.state_categories.front();
  if (!part.types.empty()) tf.type = part.types.front();
  tf.assignee = part.assignee;
  tf.brand = part.brand;
  tf.contact = part.contact;
  tf.company = part.shared_with_company;
  return tf;
}

// Up to `want` inbox rows the actor may see, newest first, older than
// `before` if set.
std::vector<inbox_item> inbox_rows(unit_of_work& uow, const actor& who, const inbox_filter& f,
                                   const std::optional<uuid>& before, std::size_t want) {
  detail::projection p(uow.cfg, who, uow.tx);
  const detail::query_plan plan = detail::plan_query(uow.cfg, who, as_query(f));  // forbidden, like find_tickets
  std::vector<inbox_item> items;
  std::set<uuid> listed;
  // The store's page may hold rows the policy drops (a colleague's private
  // tickets in a company query), so each source pages on until it has
  // `want` rows or runs out (V1).
  auto add_tickets = [&](ticket_filter tf) {
    tf.limit = want;
    tf.before = before;
    std::size_t added = 0;
    while (added < want) {
      std::vector<stored_ticket> page = uow.tx.find_tickets(tf);
      std::optional<uuid> last = page.empty() ? std::nullopt : std::optional(page.back().id);
      // U3: the rows the store could not read stand as markers for staff;
      // a contact's inbox leaves them out, as it cannot tell whose they are.
      const auto damaged = uow.tx.take_damaged();
      for (const damaged_record& d : damaged) {
        if (auto id = detail::damaged_id(d); id && (!last || *id < *last)) last = id;
        if (!p.customer()) items.push_back(detail::damaged_item(d, endpoint_kind::ticket)), ++added;
      }
      for (const ticketcore::ticket& t : page) {  // the last sort and cut keep the newest `want`
        if (!p.policy().can_see(t) || listed.count(t.id)) continue;  // a contact's own shared ticket: listed once
        std::size_t linked = 0;
        if (t.category == category::tracker && !p.customer())
          linked = uow.tx.count_links(t.id, link_kind::tracker, endpoint_kind::conversation);
        items.push_back(p.item(t, uow.tx.parts_of(t.id), linked));
        listed.insert(t.id);
        ++added;
      }
      if (page.size() + damaged.size() < tf.limit || !last) break;
      tf.before = last;
    }
  };
  if (f.tickets)
    for (const ticket_query& part : plan.parts) add_tickets(as_filter(part));
  bool ticket_only_filter = f.category || f.state_category || f.type || f.assignee;
  if (f.conversations && !ticket_only_filter) {
    conversation_filter cf;
    cf.contact = p.customer() ? std::optional<std::string>(who.id) : f.contact;
    cf.brand = f.brand;
    cf.before = before;
    cf.limit = want;
    if (!(p.customer() && f.contact && *f.contact != who.id)) {
      for (const ticketcore::conversation& c : uow.tx.find_conversations(cf))
        if (p.policy().can_see(c)) items.push_back(p.item(c, uow.tx.parts_of(c.id)));
      for (const damaged_record& d : uow.tx.take_damaged())
        if (!p.customer()) items.push_back(detail::damaged_item(d, endpoint_kind::conversation));
    }
  }
  // Newest first across conversations and tickets: ids are time-ordered.
  std::sort(items.begin(), items.end(), [](const inbox_item& a, const inbox_item& b) { return b.id < a.id; });
  if (items.size() > want) items.resize(want);
  return items;
}

}  // namespace

std::vector<inbox_item> desk::inbox(const actor& who, const inbox_filter& f) const {
  return impl_->read(op::inbox, who, [&](unit_of_work& uow) { return inbox_rows(uow, who, f, std::nullopt, f.limit); });
}

inbox_page desk::inbox_page(const actor& who, const inbox_filter& f, const std::string& cursor) const {
  detail::check_page_size("inbox", f.limit);
  const std::optional<uuid> before = detail::position_of("inbox", cursor);
  return impl_->read(op::inbox_page, who, [&](unit_of_work& uow) {
    // One row more than the page tells whether another page follows.
    ticketcore::inbox_page page{inbox_rows(uow, who, f, before, f.limit + 1), {}};
    if (page.rows.size() > f.limit) {
      page.rows.resize(f.limit);
      page.next_cursor = detail::cursor_at("inbox", page.rows.back().id);
    }
    return page;
  });
}

}  // namespace ticketcore
