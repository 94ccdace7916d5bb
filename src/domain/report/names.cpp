// The names of report groups, as JSON and the C ABI spell them.
#include <ticketcore/report.hpp>

#include <array>

namespace ticketcore {
namespace {

constexpr std::array<const char*, 7> groups{"none", "type", "team", "assignee", "priority", "channel", "brand"};

}  // namespace

const char* to_string(report_group g) noexcept {
  auto i = static_cast<std::size_t>(g);
  return i < groups.size() ? groups[i] : "unknown";
}

std::optional<report_group> parse_report_group(std::string_view text) noexcept {
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (text == groups[i]) return static_cast<report_group>(i);
  return std::nullopt;
}

}  // namespace ticketcore
