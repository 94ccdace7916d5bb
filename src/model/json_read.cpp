// Reading stored records back from their JSON form: strictly, through the
// one reader of model/json_form.hpp, so the first missing member, wrong type
// or unknown key is error(invalid_argument) naming its path.
#include "model/record_shapes.hpp"

#include <ticketcore/json.hpp>

namespace ticketcore {

namespace json = boost::json;

actor actor_from_json(const json::value& v) { return detail::read_record_or_throw<actor>(v, "actor"); }
ticket ticket_from_json(const json::value& v) { return detail::read_record_or_throw<ticket>(v, "ticket"); }
stored_ticket stored_ticket_from_json(const json::value& v) {
  return detail::read_record_or_throw<stored_ticket>(v, "ticket");
}
conversation conversation_from_json(const json::value& v) {
  return detail::read_record_or_throw<conversation>(v, "conversation");
}
part part_from_json(const json::value& v) { return detail::read_record_or_throw<part>(v, "part"); }
link link_from_json(const json::value& v) { return detail::read_record_or_throw<link>(v, "link"); }
history_entry history_from_json(const json::value& v) {
  return detail::read_record_or_throw<history_entry>(v, "history");
}
notification notification_from_json(const json::value& v) {
  return detail::read_record_or_throw<notification>(v, "notification");
}

}  // namespace ticketcore
