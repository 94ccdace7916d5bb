// One typed call: a typed C function's inputs checked and passed to its op's
// entry in the one command table (commands.cpp) as typed arguments, so it
// gets the validation, errors and result of tc_desk_execute() without a JSON
// object of arguments built and read back. The typed functions themselves
// are generated from the op table (typed_ops.cpp).
#pragma once

#include "input.hpp"

#include <ticketcore/desk.hpp>
#include <ticketcore/operations.hpp>
#include <ticketcore/ticketcore.h>

#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <optional>

struct tc_desk {
  std::unique_ptr<ticketcore::desk> desk;
  std::size_t max_input = TC_DEFAULT_MAX_INPUT_BYTES;
};

namespace capi {

// Throws invalid_argument "<what> is NULL" for a null pointer.
void null_check(const void* p, const char* what);

// Writes `v` as JSON text into memory tc_string_free() releases.
void put(char** out, const boost::json::value& v);

class typed_call {
 public:
  // `out` is null for functions without an output (tc_desk_configure, tc_desk_remove_link).
  typed_call(char** out, tc_desk* desk, ticketcore::op op);
  static typed_call with_output(char** out, tc_desk* desk, ticketcore::op op);

  typed_call& actor(const char* actor_json);
  // A string argument, read in place: the caller's text outlives the call.
  typed_call& text(const char* key, const char* value, const char* what);
  // A JSON document argument.
  typed_call& document(const char* key, const char* value, const char* what);
  // The whole argument object from one JSON input; NULL: no arguments
  // unless `required`. Not mixed with the single arguments above.
  typed_call& arguments(const char* value, const char* what, bool required);
  typed_call& value(const char* key, boost::json::value v);

  // `notifier`: dispatch_notifications' lent notifier, or null.
  void run(ticketcore::notifier* notifier = nullptr);

 private:
  typed_arg& add(const char* key);

  char** out_;
  tc_desk* desk_ = nullptr;
  ticketcore::op op_;
  std::optional<ticketcore::actor> actor_;
  std::array<typed_arg, 4> args_;  // the most a typed function passes is 3
  std::size_t count_ = 0;
  boost::json::value whole_;  // an object when arguments() gave them all
};

}  // namespace capi
