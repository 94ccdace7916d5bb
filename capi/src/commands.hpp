// The one command table. tc_desk_execute() looks ops up by name, and every
// typed function runs the same entry with its arguments as typed_arg (read
// through the same reader), so each operation is written once.
#pragma once

#include "input.hpp"

#include <ticketcore/desk.hpp>

#include <boost/json/value.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace capi {

// What a command runs with.
struct call {
  ticketcore::desk& desk;
  const ticketcore::actor* actor;  // set for commands that take one
  reader& args;
  ticketcore::notifier* notifier;  // dispatch_notifications: an override, or null
  const ticketcore::actor& who() const { return *actor; }
};

struct command {
  std::string_view op;
  bool takes_actor;
  boost::json::value (*run)(call&);
};

// Runs `op`. `args` must be an object (or null for none). An op taking an
// actor requires one; the others ignore it. Throws ticketcore::error.
boost::json::value run(ticketcore::desk& desk, std::string_view op, const std::optional<ticketcore::actor>& actor,
                       const boost::json::value& args, ticketcore::notifier* notifier = nullptr);

// The same for a typed function: `args` are the members the op reads, each
// checked by the typed function (text_arg, json_arg). Same validation,
// errors and result as run() with a JSON object of those members.
boost::json::value run(ticketcore::desk& desk, std::string_view op, const std::optional<ticketcore::actor>& actor,
                       std::span<typed_arg> args, ticketcore::notifier* notifier = nullptr);

}  // namespace capi
