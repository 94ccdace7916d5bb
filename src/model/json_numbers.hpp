// Finding the numbers JSON cannot carry (U3). Boost.JSON reads 1e400 as
// infinity and would write it back as the bare token Infinity, which no
// JSON reader accepts: a value holding one must be refused where it comes
// in and never reach a store.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace ticketcore::detail {

// The path of the first infinite or NaN number in `v` ("attributes.cost",
// "rules[2].actions[0].value"), starting from `path`; nullopt when every
// number is finite.
std::optional<std::string> find_non_finite(const boost::json::value& v, const std::string& path = "");

// boost::json::serialize(v), after checking that the text will be JSON:
// throws error(internal) naming `what` and the path of a non-finite number
// instead of writing a token that would fail every later read.
std::string serialize_checked(const boost::json::value& v, const char* what);

// a == b, except that -0.0 and 0.0 differ: boost::json calls them equal,
// and a change between them would otherwise not be kept (U3).
bool identical(const boost::json::value& a, const boost::json::value& b);

}  // namespace ticketcore::detail
