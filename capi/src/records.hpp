// JSON forms the C ABI reads (operation inputs) and writes (events, the
// configuration) beyond those in <ticketcore/json.hpp>.
#pragma once

#include "input.hpp"

#include <ticketcore/config.hpp>
#include <ticketcore/desk.hpp>
#include <ticketcore/events.hpp>
#include <ticketcore/storage.hpp>

#include <boost/json/value.hpp>

namespace capi {

// Each reads the keys it knows from `r` and then calls r.done(), so an
// unknown key is an error naming it.
ticketcore::new_conversation new_conversation_from(reader& r);
ticketcore::new_ticket new_ticket_from(reader& r);
ticketcore::ticket_changes ticket_changes_from(reader& r);
ticketcore::inbox_filter inbox_filter_from(reader& r);
ticketcore::outbox_filter outbox_filter_from(reader& r);
ticketcore::external_ref external_ref_from(reader& r);
ticketcore::dispatch_options dispatch_options_from(reader& r);

// A ticket by UUID string, by number (an integer), or by "1042" or "#1042".
ticketcore::ticket_ref ticket_ref_from(reader& r, const char* key);

boost::json::value to_json(const ticketcore::event& e);
boost::json::value to_json(const ticketcore::dispatch_result& d);
// The configuration as a document parse_config() reads back.
boost::json::value to_json(const ticketcore::config& c);

}  // namespace capi
