#include "domain/queries/saved_views.hpp"
#include "domain/queries/queries.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {
namespace {

// A teammate sees the shared views and their own.
bool visible_to(const saved_view& v, const actor& who) { return v.owner.empty() || v.owner == who.id; }

}  // namespace

std::vector<view_count> views_with_counts(unit_of_work& uow) {
  std::vector<view_count> out;
  for (saved_view& v : uow.tx.list_views()) {
    if (!visible_to(v, uow.who)) continue;
    const std::size_t n = uow.tx.count_tickets(v.query);
    out.push_back({std::move(v), n});
  }
  return out;
}

void save_view(unit_of_work& uow, const saved_view& v) {
  std::vector<std::string> bad;
  if (v.id.empty()) bad.emplace_back("id");
  if (v.name.empty()) bad.emplace_back("name");
  if (!v.owner.empty() && !uow.directory.find_teammate(v.owner)) bad.emplace_back("owner");
  if (!bad.empty())
    throw error(errc::validation_failed, "a view needs an id and a name, and its owner must be a teammate", bad);
  if (v.query.public_text_only || v.query.shared_with_company)
    throw error(errc::invalid_argument, "a view's query cannot set public_text_only or shared_with_company");
  validate_query(uow.policy(), uow.cfg, v.query);
  for (const saved_view& old : uow.tx.list_views())
    if (old.id == v.id && !visible_to(old, uow.who))
      throw error(errc::not_found, "view " + quoted(v.id) + " not found");
  uow.tx.put_view(v);
}

void remove_view(unit_of_work& uow, const std::string& id) {
  for (const saved_view& old : uow.tx.list_views())
    if (old.id == id && visible_to(old, uow.who)) {
      uow.tx.remove_view(id);
      return;
    }
  throw error(errc::not_found, "view " + quoted(id) + " not found");
}

}  // namespace ticketcore::detail
