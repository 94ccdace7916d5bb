// The names of report groups, as JSON and the C ABI spell them: the
// identifiers of their description (BOOST_DESCRIBE_ENUM).
#include "model/enum_names.hpp"

#include <ticketcore/report.hpp>

namespace ticketcore {

const char* to_string(report_group g) noexcept { return detail::enum_name(g); }

std::optional<report_group> parse_report_group(std::string_view text) noexcept {
  return detail::parse_enum<report_group>(text);
}

}  // namespace ticketcore
