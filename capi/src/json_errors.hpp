// Saying where a JSON argument fails to parse: the path of the field, and
// a lone UTF-16 surrogate named as such instead of a bare "syntax error".
#pragma once

#include <boost/json/parse_options.hpp>

#include <string>
#include <string_view>

namespace capi {

// Why `text` (the argument `what`) is not JSON, naming the field the
// parser stopped in ("args.attributes.note holds a lone UTF-16 surrogate
// \ud800"). Only called once a parse has failed: it parses again, keeping
// the path.
std::string json_failure(std::string_view text, const char* what, const boost::json::parse_options& options);

}  // namespace capi
