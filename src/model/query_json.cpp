// The JSON form of a ticket query (Q1), shared by the C `find_tickets` op,
// Python and saved views, from its description. Unknown keys are refused,
// so a typo never widens a query silently.
#include "model/record_shapes.hpp"

#include <ticketcore/json.hpp>

namespace ticketcore {

namespace json = boost::json;

json::value to_json(const ticket_query& q) { return detail::write_record(q); }

ticket_query ticket_query_from_json(const json::value& v) {
  return detail::read_request_or_throw<ticket_query>(v, "query");
}

json::value to_json(const saved_view& v) { return detail::write_record(v); }

json::value to_json(const view_count& v) {
  json::object o = to_json(v.view).as_object();
  o["count"] = v.count;
  return o;
}

saved_view saved_view_from_json(const json::value& v) { return detail::read_request_or_throw<saved_view>(v, "view"); }

}  // namespace ticketcore
