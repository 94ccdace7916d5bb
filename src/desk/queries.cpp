// Ticket queries at the Desk (Q1): cursors, and what a contact may ask.
// The stores evaluate the query; the projection (V5) shapes every row.
#include "desk/desk_impl.hpp"
#include "desk/queries.hpp"
#include "query/limits.hpp"
#include "visibility/projection.hpp"

#include <ticketcore/error.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

namespace ticketcore {
namespace {

constexpr std::size_t max_page = 10000;

// "<order>:<asc|desc>:<key>:<id>", readable so a host can log it, checked
// against the query so a cursor cannot be replayed under another order.
std::string cursor_of(const ticket_query& q, const ticket& last) {
  return std::string(to_string(q.order)) + (q.descending ? ":desc:" : ":asc:") +
         std::to_string(sort_key(last, q.order)) + ":" + to_string(last.id);
}

std::optional<ticket_position> position_of(const ticket_query& q, const std::string& cursor) {
  if (cursor.empty()) return std::nullopt;
  const std::string prefix = std::string(to_string(q.order)) + (q.descending ? ":desc:" : ":asc:");
  auto bad = [&](const std::string& why) {
    return error(errc::invalid_argument, "cursor '" + cursor + "' " + why + "; pass the next_cursor of a page of this query");
  };
  if (cursor.rfind(prefix, 0) != 0) throw bad("belongs to another order (this query sorts by " + prefix + ")");
  const std::size_t colon = cursor.find(':', prefix.size());
  if (colon == std::string::npos) throw bad("is malformed");
  ticket_position p;
  const char* first = cursor.data() + prefix.size();
  const char* last = cursor.data() + colon;
  auto [end, ec] = std::from_chars(first, last, p.key);
  if (ec != std::errc() || end != last) throw bad("has no sort key");
  try {
    p.id = parse_id(std::string_view(cursor).substr(colon + 1), "cursor");
  } catch (const error&) {
    throw bad("has no ticket id");
  }
  return p;
}

// V1, V4: a contact filters and sorts only on what the customer copy of a
// ticket shows; anything else would reveal internal fields by elimination.
void require_customer_fields(const ticket_query& q) {
  std::vector<std::string> internal;
  auto note = [&](bool set, const char* field) {
    if (set) internal.emplace_back(field);
  };
  note(!q.states.empty(), "states");
  note(!q.state_categories.empty(), "state_categories");
  note(!q.priorities.empty(), "priorities");
  note(q.assignee.has_value(), "assignee");
  note(q.team.has_value(), "team");
  note(!q.tags.empty(), "tags");
  note(q.updated_from || q.updated_to, "updated");
  note(q.due_before.has_value(), "due_before");
  note(q.sla_status.has_value(), "sla_status");
  note(q.tracker.has_value(), "tracker");
  note(q.order != ticket_order::created, "order");
  if (internal.empty()) return;
  std::string names;
  for (const auto& n : internal) names += (names.empty() ? "" : ", ") + n;
  throw error(errc::forbidden, "contacts may not query by " + names + ": those fields are internal (V1)", internal);
}

}  // namespace

namespace detail {

std::string cursor_after(const ticket_query& q, const ticket& last) { return cursor_of(q, last); }
std::optional<ticket_position> parse_cursor(const ticket_query& q, const std::string& cursor) {
  return position_of(q, cursor);
}

void validate_query(const config& c, const ticket_query& q) {
  query::check_limits(q);  // U4, before anything reads the lists
  std::vector<std::string> fields;
  std::string message;
  for (const auto& t : q.types)
    if (!c.find_type(t)) fields.emplace_back("types"), message += "unknown ticket type '" + t + "'; ";
  for (const auto& p : q.priorities)
    if (!c.has_priority(p)) fields.emplace_back("priorities"), message += "unknown priority '" + p + "'; ";
  if (!fields.empty()) throw error(errc::validation_failed, message.substr(0, message.size() - 2), fields);
}

}  // namespace detail

namespace {

// The queries whose union is what `who` may see of `q`: all of it for
// staff; for a contact, their own tickets and their company's shared ones
// (V3). Empty when the contact's own filters exclude both.
std::vector<ticket_query> visible_parts(const config& c, const actor& who, ticket_query q) {
  if (!who.is_contact()) return {std::move(q)};
  require_customer_fields(q);
  if (q.category && *q.category != category::customer) return {};
  q.category = category::customer;
  q.public_text_only = true;
  std::vector<ticket_query> parts;
  if (!q.contact || *q.contact == who.id) {
    ticket_query own = q;
    own.contact = who.id;
    parts.push_back(std::move(own));
  }
  const contact* me = c.find_contact(who.id);
  if (me && !me->company.empty() && (!q.company || *q.company == me->company)) {
    ticket_query shared = q;
    shared.shared_with_company = me->company;
    parts.push_back(std::move(shared));
  }
  return parts;
}

std::size_t linked_conversations(detail::unit_of_work& uow, const ticket& t) {
  return t.category == category::tracker ? uow.tx.count_links(t.id, link_kind::tracker, endpoint_kind::conversation) : 0;
}

}  // namespace

ticket_page desk::find_tickets(const actor& who, const ticket_query& q, std::size_t limit,
                               const std::string& cursor) const {
  if (limit == 0 || limit > max_page)
    throw error(errc::invalid_argument, "limit " + std::to_string(limit) + " is outside 1-" + std::to_string(max_page));
  const auto after = position_of(q, cursor);
  return impl_->read(who, [&](detail::unit_of_work& uow) {
    detail::validate_query(uow.cfg, q);
    std::vector<ticketcore::ticket> rows;
    for (const ticket_query& part : visible_parts(uow.cfg, who, q)) {
      auto page = uow.tx.query_tickets(part, after, limit + 1);  // one more says whether a next page exists
      rows.insert(rows.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    }
    // Two parts (a contact's own and shared tickets) merge in order; a
    // ticket in both appears once.
    auto before = [&](const ticketcore::ticket& a, const ticketcore::ticket& b) {
      auto ka = sort_key(a, q.order), kb = sort_key(b, q.order);
      if (ka != kb) return q.descending ? ka > kb : ka < kb;
      return q.descending ? b.id < a.id : a.id < b.id;
    };
    std::sort(rows.begin(), rows.end(), before);
    rows.erase(std::unique(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
               rows.end());
    ticket_page out;
    if (rows.size() > limit) {
      rows.resize(limit);
      out.next_cursor = cursor_of(q, rows.back());
    }
    detail::projection p(uow.cfg, who);
    out.tickets.reserve(rows.size());
    for (const ticketcore::ticket& t : rows) {
      if (!p.can_see(t)) throw error(errc::internal, "a query returned a ticket its reader may not see");
      // A contact's copy shows the time of the last part they may read (V2).
      ticket_view v = p.customer() ? p.view(t, uow.tx.parts_of(t.id), 0) : p.view(t, {}, linked_conversations(uow, t));
      v.timeline.clear();
      out.tickets.push_back(std::move(v));
    }
    return out;
  });
}

std::size_t desk::count_tickets(const actor& who, const ticket_query& q) const {
  return impl_->read(who, [&](detail::unit_of_work& uow) {
    detail::validate_query(uow.cfg, q);
    auto parts = visible_parts(uow.cfg, who, q);
    std::size_t n = 0;
    for (const ticket_query& part : parts) n += uow.tx.count_tickets(part);
    if (parts.size() == 2) {  // a contact's own tickets shared with the company were counted twice
      ticket_query both = parts[0];
      both.shared_with_company = parts[1].shared_with_company;
      n -= uow.tx.count_tickets(both);
    }
    return n;
  });
}

}  // namespace ticketcore
