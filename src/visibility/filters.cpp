// Which filters and sort keys a contact may use (V1, V4, U2), and the one
// plan that finding and counting both run (Q1).
#include "visibility/policy.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

namespace ticketcore::detail {
namespace {

// The allow-list: what a contact may filter and sort on, all of it shown on
// the customer copy of a ticket. Copied field by field, so a filter added
// to ticket_query later stays closed to contacts until it is named here.
ticket_query open_to_contacts(const ticket_query& q) {
  ticket_query open;
  open.category = q.category;
  open.types = q.types;
  open.brand = q.brand;
  open.contact = q.contact;
  open.company = q.company;
  open.channel = q.channel;
  open.created_from = q.created_from;
  open.created_to = q.created_to;
  open.text = q.text;
  open.public_text_only = q.public_text_only;
  open.shared_with_company = q.shared_with_company;
  if (q.order == ticket_order::created) open.order = q.order;
  open.descending = q.descending;
  return open;
}

// V1, V4, U2: anything off the allow-list is forbidden, named by its query
// key, whatever value it holds - so the answer says nothing about what
// exists.
void require_open_filters(const ticket_query& q) {
  const ticket_query open = open_to_contacts(q);
  if (open == q) return;
  const boost::json::object asked = to_json(q).as_object(), allowed = to_json(open).as_object();
  std::vector<std::string> closed;
  for (const auto& kv : asked) {
    const boost::json::value* same = allowed.if_contains(kv.key());
    if (!same || *same != kv.value()) closed.emplace_back(kv.key());
  }
  if (closed.empty()) closed.emplace_back("a field");  // one the JSON form does not carry
  std::string names;
  for (const auto& n : closed) names += (names.empty() ? "" : ", ") + n;
  throw error(errc::forbidden, "contacts may not query by " + names + "; they filter by category, types, brand, "
                               "contact, company, channel, created range, text and shared_with_company, and sort "
                               "by created (V1)", closed);
}

}  // namespace

query_plan visibility::plan(const ticket_query& q) const {
  if (!contact()) return {{q}, std::nullopt};
  require_open_filters(q);
  query_plan plan;
  if (q.category && *q.category != category::customer) return plan;  // V3
  ticket_query base = q;
  base.category = category::customer;
  base.public_text_only = true;
  // Their own tickets; a shared_with_company filter stays on them, so it
  // narrows the contact's restriction and never replaces it.
  if (!q.contact || *q.contact == reader_.id) {
    ticket_query own = base;
    own.contact = reader_.id;
    plan.parts.push_back(std::move(own));
  }
  // Their company's shared tickets, unless the filter names another company.
  const ticketcore::contact* me = people_.find_contact(reader_.id);
  if (me && !me->company.empty() && (!q.shared_with_company || *q.shared_with_company == me->company)) {
    ticket_query shared = base;
    shared.shared_with_company = me->company;
    plan.parts.push_back(std::move(shared));
  }
  if (plan.parts.size() == 2) {
    plan.overlap = plan.parts[0];
    plan.overlap->shared_with_company = me->company;
  }
  return plan;
}

}  // namespace ticketcore::detail
