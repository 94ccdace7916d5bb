// The typical ticket of issue 7's figures: title, description, contact and
// three attributes, on a desk configured for it (bench/create, bench/memory).
#pragma once

#include <ticketcore/ticketcore.hpp>

#include <string>

namespace bench {

inline const char* typical_configuration = R"({
  "contacts": [{"id": "ann", "name": "Ann", "email": "ann@example.test"}],
  "teammates": [{"id": "tom", "name": "Tom"}],
  "ticket_types": [{"id": "question", "name": "Question", "category": "customer", "attributes": [
    {"key": "product", "type": "text", "visible_to_customer": true},
    {"key": "plan", "type": "list", "options": ["free", "team", "enterprise"]},
    {"key": "seats", "type": "integer"}]}]
})";

inline ticketcore::new_ticket typical_ticket(std::size_t i) {
  ticketcore::new_ticket t;
  t.type = "question";
  t.title = "Cannot export report " + std::to_string(i);
  t.description = "When I press Export on the monthly report nothing happens. It worked last week.";
  t.contact = "ann";
  t.attributes = {{"product", "Reports"}, {"plan", "team"}, {"seats", 25}};
  return t;
}

// The record the desk would store for typical_ticket(i), number i + 1: what
// the baselines hold or insert.
inline ticketcore::ticket typical_record(std::size_t i) {
  ticketcore::new_ticket n = typical_ticket(i);
  ticketcore::ticket t;
  t.id = ticketcore::new_id();
  t.number = static_cast<std::int64_t>(i + 1);
  t.type = n.type;
  t.category = ticketcore::category::customer;
  t.title = n.title;
  t.description = n.description;
  t.state = "submitted";
  t.priority = "normal";
  t.contact = n.contact;
  t.attributes = n.attributes;
  t.created_at = t.updated_at = ticketcore::system_clock().now();
  t.version = 1;
  return t;
}

}  // namespace bench
