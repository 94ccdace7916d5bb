// The cursors of the lists that page by record id: the inbox (newest
// first) and the outbox (oldest first). A cursor is "<list>:<id>", the id
// of the last row of a page; ids are time-ordered and never change, so a
// cursor stays valid while the list grows.
#pragma once

#include <ticketcore/ids.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ticketcore::detail {

std::string cursor_at(std::string_view list, const uuid& last);
// The id a cursor of `list` names; nullopt for "" (the first page).
// invalid_argument for a cursor of another list or none at all.
std::optional<uuid> position_of(std::string_view list, const std::string& cursor);
// invalid_argument for a page of no rows.
void check_page_size(std::string_view list, std::size_t limit);

}  // namespace ticketcore::detail
