#include "domain/inbox/inbox.hpp"
#include "domain/queries/list_cursor.hpp"
#include "domain/queries/queries.hpp"
#include "kernel/damaged.hpp"
#include "visibility/projection.hpp"

#include <algorithm>
#include <set>

namespace ticketcore::detail {
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

}  // namespace

std::vector<inbox_item> inbox_rows(unit_of_work& uow, const inbox_filter& f, const std::optional<uuid>& before,
                                   std::size_t want) {
  const actor& who = uow.who;
  projection p(uow.cfg, who, uow.tx, uow.directory);
  const query_plan plan = plan_query(uow.cfg, who, as_query(f), uow.directory);  // forbidden, like find_tickets
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
        if (auto id = damaged_id(d); id && (!last || *id < *last)) last = id;
        if (!p.customer()) items.push_back(damaged_item(d, endpoint_kind::ticket)), ++added;
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
        if (!p.customer()) items.push_back(damaged_item(d, endpoint_kind::conversation));
    }
  }
  // Newest first across conversations and tickets: ids are time-ordered.
  std::sort(items.begin(), items.end(), [](const inbox_item& a, const inbox_item& b) { return b.id < a.id; });
  if (items.size() > want) items.resize(want);
  return items;
}

ticketcore::inbox_page inbox_page_after(unit_of_work& uow, const inbox_filter& f, const std::optional<uuid>& before) {
  // One row more than the page tells whether another page follows.
  ticketcore::inbox_page page{inbox_rows(uow, f, before, f.limit + 1), {}};
  if (page.rows.size() > f.limit) {
    page.rows.resize(f.limit);
    page.next_cursor = cursor_at("inbox", page.rows.back().id);
  }
  return page;
}

}  // namespace ticketcore::detail
