// What each stored record's JSON form says beyond its description (the
// BOOST_DESCRIBE_STRUCT beside it, which lists the members in the order
// the form writes them). Each record's exceptions, said once for both ways.
#pragma once

#include "model/json_form.hpp"

#include <ticketcore/notification.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/report.hpp>
#include <ticketcore/storage_types.hpp>

namespace ticketcore::detail {

template <>
struct json_shape<actor> : json_shape_defaults {
  static constexpr bool when_set(std::string_view m) { return m == "id"; }  // the system has none
};

template <>
struct json_shape<ticket> : json_shape_defaults {
  static constexpr bool when_set(std::string_view m) { return m == "rating" || m == "sla"; }
};

// The Desk's bookkeeping is written only while it says something, so
// records without it stay small (and read as they did before it existed).
// The stored form also reads what is beside it: "keys", which the C form
// adds for the backend, and "priority_rank", which records held before the
// keys were handed apart (the rank is a key now, never read back).
template <>
struct json_shape<stored_ticket> : json_shape<ticket> {
  static constexpr bool when_set(std::string_view m) {
    return json_shape<ticket>::when_set(m) || m == "follow_up_raised" || m == "action_required_raised" ||
           m == "idle_rules_run" || m == "idle_due_at" || m == "next_due_at";
  }
  static constexpr bool ignored(std::string_view key) { return key == "keys" || key == "priority_rank"; }
};

template <>
struct json_shape<sla_clock> : json_shape_defaults {
  static constexpr std::string_view key(std::string_view m) { return m == "used" ? "used_ms" : m; }
};

// A part a store hands back may hold the "keys" it was handed beside it.
template <>
struct json_shape<part> : json_shape_defaults {
  static constexpr bool when_set(std::string_view m) { return m == "data" || m == "origin_ticket"; }
  static constexpr bool ignored(std::string_view key) { return key == "keys"; }
};

template <>
struct json_shape<link> : json_shape_defaults {
  static constexpr bool when_set(std::string_view m) { return m == "to" || m == "external"; }  // external links
};

template <>
struct json_shape<history_entry> : json_shape_defaults {
  static constexpr std::string_view key(std::string_view m) {
    return m == "old_value" ? "old" : m == "new_value" ? "new" : m;
  }
  static constexpr bool when_set(std::string_view m) { return m == "cause"; }
};

// Entries written before the audience was stored read with the one their
// kind always had.
template <>
struct json_shape<notification> : json_shape_defaults {
  static constexpr bool may_be_absent(std::string_view m) { return m == "audience"; }
  static void finish(notification& n, const boost::json::object& o) {
    if (!o.contains("audience")) n.audience = audience_of(n.kind);
  }
};

// A query (Q1) says only what it filters on, and always its order. Hosts
// may send null for "no filter".
template <>
struct json_shape<ticket_query> : json_shape_defaults {
  static constexpr bool when_set(std::string_view m) { return m != "order" && m != "descending"; }
  static constexpr bool may_be_absent(std::string_view) { return true; }
  static constexpr bool null_is_absent = true;
};

template <>
struct json_shape<saved_view> : json_shape_defaults {
  static constexpr bool may_be_absent(std::string_view) { return true; }
};

// R1: {from, to, group_by?, time_zone?, category?}.
template <>
struct json_shape<report_request> : json_shape_defaults {
  static constexpr bool may_be_absent(std::string_view m) { return m != "from" && m != "to"; }
  static constexpr bool null_is_absent = true;
};

// An entry filter names a key and a cursor only when it has them.
template <>
struct json_shape<entry_filter> : json_shape_defaults {
  static constexpr bool when_set(std::string_view m) { return m == "key_name" || m == "key_value" || m == "after"; }
};

// The directory's records (docs/directory.md): a host names what it sets;
// the rest reads as empty, null as absent (a missing id is refused by the
// write, naming it; new_contact takes its id from the record). The stored
// record is the same form.
struct json_shape_directory : json_shape_defaults {
  static constexpr bool may_be_absent(std::string_view) { return true; }
  static constexpr bool null_is_absent = true;
};
template <>
struct json_shape<contact> : json_shape_directory {};
template <>
struct json_shape<company> : json_shape_directory {};
template <>
struct json_shape<team> : json_shape_directory {};
template <>
struct json_shape<teammate> : json_shape_directory {};

}  // namespace ticketcore::detail
