// The Desk's queries (Q1): finding and counting tickets, and saved views,
// named queries kept in the desk, listed with counts.
#include "desk/desk_impl.hpp"
#include "domain/queries/queries.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {
namespace {

// A teammate sees the shared views and their own.
bool visible_to(const saved_view& v, const actor& who) { return v.owner.empty() || v.owner == who.id; }

}  // namespace

std::vector<view_count> desk::views(const actor& who) const {
  return impl_->read(op::views, who, [&](detail::unit_of_work& uow) {
    std::vector<view_count> out;
    for (saved_view& v : uow.tx.list_views()) {
      if (!visible_to(v, who)) continue;
      const std::size_t n = uow.tx.count_tickets(v.query);
      out.push_back({std::move(v), n});
    }
    return out;
  });
}

void desk::save_view(const actor& who, const saved_view& v) {
  impl_->write(op::save_view, who, [&](detail::unit_of_work& uow) {
    std::vector<std::string> bad;
    if (v.id.empty()) bad.emplace_back("id");
    if (v.name.empty()) bad.emplace_back("name");
    if (!v.owner.empty() && !uow.cfg.find_teammate(v.owner)) bad.emplace_back("owner");
    if (!bad.empty())
      throw error(errc::validation_failed, "a view needs an id and a name, and its owner must be a teammate", bad);
    if (v.query.public_text_only || v.query.shared_with_company)
      throw error(errc::invalid_argument, "a view's query cannot set public_text_only or shared_with_company");
    detail::validate_query(detail::visibility(uow.cfg, uow.who), uow.cfg, v.query);
    for (const saved_view& old : uow.tx.list_views())
      if (old.id == v.id && !visible_to(old, who)) throw error(errc::not_found, "view " + detail::quoted(v.id) + " not found");
    uow.tx.put_view(v);
    return 0;
  });
}

void desk::remove_view(const actor& who, const std::string& id) {
  impl_->write(op::remove_view, who, [&](detail::unit_of_work& uow) {
    for (const saved_view& old : uow.tx.list_views())
      if (old.id == id && visible_to(old, who)) {
        uow.tx.remove_view(id);
        return 0;
      }
    throw error(errc::not_found, "view " + detail::quoted(id) + " not found");
  });
}

ticket_page desk::find_tickets(const actor& who, const ticket_query& q, std::size_t limit,
                               const std::string& cursor) const {
  check_may_run(op::find_tickets, who.kind);  // U1, before the arguments are read
  detail::check_page_limit(limit);
  const auto after = detail::parse_cursor(q, cursor);
  return impl_->read(op::find_tickets, who,
                     [&](detail::unit_of_work& uow) { return detail::find_tickets(uow, q, limit, after); });
}

std::size_t desk::count_tickets(const actor& who, const ticket_query& q) const {
  return impl_->read(op::count_tickets, who, [&](detail::unit_of_work& uow) { return detail::count_tickets(uow, q); });
}

}  // namespace ticketcore
