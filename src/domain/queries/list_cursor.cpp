#include "domain/queries/list_cursor.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

std::string cursor_at(std::string_view list, const uuid& last) { return std::string(list) + ":" + to_string(last); }

std::optional<uuid> position_of(std::string_view list, const std::string& cursor) {
  if (cursor.empty()) return std::nullopt;
  const std::string prefix = std::string(list) + ":";
  auto bad = [&](const std::string& why) {
    return error(errc::invalid_argument,
                 "cursor " + quoted(cursor) + " " + why + "; pass the next_cursor of a page of the " + std::string(list));
  };
  if (cursor.rfind(prefix, 0) != 0) throw bad("is not a cursor of the " + std::string(list));
  try {
    return parse_id(std::string_view(cursor).substr(prefix.size()), "cursor");
  } catch (const error&) {
    throw bad("has no id");
  }
}

void check_page_size(std::string_view list, std::size_t limit) {
  if (limit == 0) throw error(errc::invalid_argument, std::string(list) + " filter: limit must be at least 1");
}

}  // namespace ticketcore::detail
