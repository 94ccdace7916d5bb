// JSON forms of records and views, as the C ABI and bindings carry them.
// Times are ISO 8601 strings, ids canonical UUID strings, enums snake_case.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/damaged.hpp>
#include <ticketcore/directory.hpp>
#include <ticketcore/notification.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/report.hpp>
#include <ticketcore/storage_types.hpp>
#include <ticketcore/views.hpp>

#include <boost/json/value.hpp>

namespace ticketcore {

TICKETCORE_API boost::json::value to_json(const sla_state& s);
TICKETCORE_API boost::json::value to_json(const ticket& t);
TICKETCORE_API boost::json::value to_json(const conversation& c);
TICKETCORE_API boost::json::value to_json(const part& p);
TICKETCORE_API boost::json::value to_json(const link& l);
TICKETCORE_API boost::json::value to_json(const history_entry& h);
TICKETCORE_API boost::json::value to_json(const notification& n);
TICKETCORE_API boost::json::value to_json(const actor& a);
// A contact's view omits the fields they may not see instead of leaving them empty.
TICKETCORE_API boost::json::value to_json(const ticket_view& v);
TICKETCORE_API boost::json::value to_json(const conversation_view& v);
TICKETCORE_API boost::json::value to_json(const inbox_item& i);
TICKETCORE_API boost::json::value to_json(const ticket_query& q);
TICKETCORE_API boost::json::value to_json(const ticket_page& p);
TICKETCORE_API boost::json::value to_json(const damaged_record& d);  // {"kind", "id", "number", "problem"} (U3)
TICKETCORE_API boost::json::value to_json(const saved_view& v);
TICKETCORE_API boost::json::value to_json(const view_count& v);
TICKETCORE_API boost::json::value to_json(const report_request& r);
TICKETCORE_API boost::json::value to_json(const report& r);  // R1, docs/reporting.md
// The directory's records (docs/directory.md), as hosts send and get them
// and as the store keeps them.
TICKETCORE_API boost::json::value to_json(const contact& c);
TICKETCORE_API boost::json::value to_json(const company& c);
TICKETCORE_API boost::json::value to_json(const teammate& t);
TICKETCORE_API boost::json::value to_json(const team& t);

// What a store keeps and is handed (storage_types.hpp, docs/storage.md):
// the stored form of a ticket (its JSON form, then the Desk's bookkeeping),
// which only stores see, and the keys derived beside a ticket and a part.
TICKETCORE_API boost::json::value to_stored_json(const stored_ticket& t);
TICKETCORE_API boost::json::value to_json(const ticket_keys& k);
TICKETCORE_API boost::json::value to_json(const part_keys& k);

// The inverses for stored records, as storage backends read them back.
// Strict: the first missing member, wrong type or unknown key is
// error(invalid_argument) naming its path ("ticket.sla.clocks[0].due_at").
TICKETCORE_API actor actor_from_json(const boost::json::value& v);
TICKETCORE_API ticket ticket_from_json(const boost::json::value& v);
// Also reads what stores held before the bookkeeping moved out of the
// ticket (and skips "keys" and "priority_rank", which are never read back).
TICKETCORE_API stored_ticket stored_ticket_from_json(const boost::json::value& v);
TICKETCORE_API conversation conversation_from_json(const boost::json::value& v);
TICKETCORE_API part part_from_json(const boost::json::value& v);
TICKETCORE_API link link_from_json(const boost::json::value& v);
TICKETCORE_API history_entry history_from_json(const boost::json::value& v);
TICKETCORE_API notification notification_from_json(const boost::json::value& v);
// Strict: an unknown key or a wrong type is invalid_argument naming it.
TICKETCORE_API ticket_query ticket_query_from_json(const boost::json::value& v);
TICKETCORE_API saved_view saved_view_from_json(const boost::json::value& v);
// Strict like a query: {from, to, group_by?, time_zone?, category?}.
TICKETCORE_API report_request report_request_from_json(const boost::json::value& v);
// Strict about keys and types; an absent member reads as empty (a write
// without an id is refused, naming it).
TICKETCORE_API contact contact_from_json(const boost::json::value& v);
TICKETCORE_API company company_from_json(const boost::json::value& v);
TICKETCORE_API teammate teammate_from_json(const boost::json::value& v);
TICKETCORE_API team team_from_json(const boost::json::value& v);

}  // namespace ticketcore
