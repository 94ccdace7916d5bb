// Correcting the company a ticket is filed under (V1, T3, H1).
#include "domain/changes/ticket_changes.hpp"
#include "domain/links/merged.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

ticket set_company(unit_of_work& uow, const ticket_ref& ref, const std::string& company,
                   std::optional<std::uint64_t> expected_version) {
  stored_ticket t = uow.load_ticket(ref, expected_version);
  require_not_merged(uow, t, "be edited");
  if (!company.empty() && !uow.directory.find_company(company))
    throw error(errc::validation_failed,
                "cannot set the company of ticket " + ticket_name(t) + ": unknown company " + quoted(company),
                {"company"});
  if (company == t.company) return t;
  boost::json::array fields{"company"};
  std::string old_company = std::exchange(t.company, company);
  // A ticket shared with its company has no one to share with once it has
  // none: it becomes private rather than shared with nobody (V1).
  const bool unshare = company.empty() && t.sharing == sharing::company;
  if (unshare) {
    t.sharing = sharing::private_;
    fields.emplace_back("sharing");
  }
  uow.save(t);
  uow.record(t.id, "company", boost::json::string(old_company), boost::json::string(company));
  if (unshare) uow.record(t.id, "sharing", to_string(sharing::company), to_string(sharing::private_));
  uow.emit(event_kind::ticket_updated, t.id, t.number, {{"fields", std::move(fields)}});
  return t;
}

}  // namespace ticketcore::detail
