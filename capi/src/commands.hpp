// The one command table. tc_desk_execute() looks ops up by name, and every
// typed function runs the same entry with its arguments as typed_arg (read
// through the same reader), so each operation is written once. Each op's
// arguments come from the op table (operations.toml, op_args.inc): every
// call is checked against them first, with one wording for every op.
#pragma once

#include "input.hpp"

#include <ticketcore/desk.hpp>
#include <ticketcore/operations.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
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

// Whether an op needs an actor. Host calls (configure, outbox, ...) and
// version run as the system unless one is given; the others act for someone.
enum command_actor : bool { optional_actor = false, needs_actor = true };

// The JSON an argument must be: text is a string, ref a string or an
// integer (a ticket number), any is not checked.
enum class arg_type : std::uint8_t { text, ref, integer, boolean, object, array, any };

struct arg_spec {
  const char* key;
  arg_type type;
  bool required;
};

// An op's actor rule and arguments, as the op table declares them.
struct op_signature {
  ticketcore::op op;
  command_actor actor;
  std::span<const arg_spec> args;
};

// The signature of `o`, from the op table.
const op_signature& signature_of(ticketcore::op o) noexcept;

// One op's entry: its arguments read, the Desk called. The op table
// (operations.hpp) says who may run it and what it takes.
struct command {
  ticketcore::op op;
  boost::json::value (*run)(call&);
};

// Runs `op`. `args` must be an object (or null for none). An op acting
// for someone requires an actor; the others run as the system without one.
// Either way the op table decides first whether the actor may run it (U1).
// Throws ticketcore::error.
boost::json::value run(ticketcore::desk& desk, std::string_view op, const std::optional<ticketcore::actor>& actor,
                       const boost::json::value& args, ticketcore::notifier* notifier = nullptr);

// The same for a typed function: `args` are the members the op reads, each
// checked by the typed function (text_arg, json_arg). Same validation,
// errors and result as run() with a JSON object of those members.
boost::json::value run(ticketcore::desk& desk, ticketcore::op op, const std::optional<ticketcore::actor>& actor,
                       std::span<typed_arg> args, ticketcore::notifier* notifier = nullptr);
boost::json::value run(ticketcore::desk& desk, ticketcore::op op, const std::optional<ticketcore::actor>& actor,
                       const boost::json::value& args, ticketcore::notifier* notifier = nullptr);

}  // namespace capi
