// Finding the numbers JSON cannot carry (U3). Boost.JSON reads 1e400 as
// infinity and would write it back as the bare token Infinity, which no
// JSON reader accepts: a value holding one must be refused where it comes
// in and never reach a store.
#pragma once

#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

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

// boost::json::parse, except that every double is the one its text
// denotes, correctly rounded (std::from_chars). Boost.JSON 1.81 reads some
// numbers one unit in the last place off, so a decimal written as the
// shortest text that reads back (its serializer) did not read back equal
// through a desk file or the C ABI (U3). Every place that reads JSON text
// into values that are kept or compared uses this.
boost::json::value parse_exact(std::string_view text, boost::system::error_code& ec,
                               const boost::json::parse_options& options = {});

// a == b, except that -0.0 and 0.0 differ: boost::json calls them equal,
// and a change between them would otherwise not be kept (U3).
bool identical(const boost::json::value& a, const boost::json::value& b);

}  // namespace ticketcore::detail
