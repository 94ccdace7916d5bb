// Reads. Each asks the visibility policy and goes through the projection
// (V5): what a contact may not see answers not_found, exactly as if it did
// not exist (V3).
#include "desk/desk_impl.hpp"
#include "domain/queries/queries.hpp"
#include "domain/visibility/views.hpp"
#include "domain/links/linking.hpp"
#include "model/text.hpp"
#include "visibility/projection.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <set>
#include <string_view>

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

std::vector<history_entry> desk::history(const actor& who, const uuid& id) const {
  return impl_->read(op::history, who, [&](unit_of_work& uow) {
    detail::resolve(uow, id);
    return uow.tx.history_of(id);
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

// "<list>:<id>": a page ends at its last row's id; the next page starts
// after it. Ids are time-ordered and never change, so a cursor stays valid
// while the list grows.
std::string cursor_at(std::string_view list, const uuid& last) { return std::string(list) + ":" + to_string(last); }

std::optional<uuid> position_of(std::string_view list, const std::string& cursor) {
  if (cursor.empty()) return std::nullopt;
  const std::string prefix = std::string(list) + ":";
  auto bad = [&](const std::string& why) {
    return error(errc::invalid_argument,
                 "cursor " + detail::quoted(cursor) + " " + why + "; pass the next_cursor of a page of the " +
                     std::string(list));
  };
  if (cursor.rfind(prefix, 0) != 0) throw bad("is not a cursor of the " + std::string(list));
  try {
    return parse_id(std::string_view(cursor).substr(prefix.size()), "cursor");
  } catch (const error&) {
    throw bad("has no id");
  }
}

void check_page_size(std::string_view list, std::size_t limit) {
  if (limit == 0) throw error(errc::invalid_argument, std::string(list) + " filter: limit must be at least 1");
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
      std::vector<ticketcore::ticket> page = uow.tx.find_tickets(tf);
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
  check_page_size("inbox", f.limit);
  const std::optional<uuid> before = position_of("inbox", cursor);
  return impl_->read(op::inbox_page, who, [&](unit_of_work& uow) {
    // One row more than the page tells whether another page follows.
    ticketcore::inbox_page page{inbox_rows(uow, who, f, before, f.limit + 1), {}};
    if (page.rows.size() > f.limit) {
      page.rows.resize(f.limit);
      page.next_cursor = cursor_at("inbox", page.rows.back().id);
    }
    return page;
  });
}

namespace {

std::vector<notification> outbox_entries(unit_of_work& uow, const outbox_filter& f) {
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

}  // namespace

std::vector<notification> desk::outbox(const outbox_filter& f) const {
  return impl_->read(op::outbox, actor::system(), [&](unit_of_work& uow) { return outbox_entries(uow, f); });
}

outbox_page desk::outbox_page(const outbox_filter& f, const std::string& cursor) const {
  check_page_size("outbox", f.limit);
  outbox_filter ask = f;
  ask.after = position_of("outbox", cursor);
  if (!ask.after) ask.after = f.after;
  ask.limit = f.limit + 1;  // one more than the page tells whether another follows
  return impl_->read(op::outbox_page, actor::system(), [&](unit_of_work& uow) {
    ticketcore::outbox_page page{outbox_entries(uow, ask), {}};
    if (page.notifications.size() > f.limit) {
      page.notifications.resize(f.limit);
      page.next_cursor = cursor_at("outbox", page.notifications.back().id);
    }
    return page;
  });
}

}  // namespace ticketcore
