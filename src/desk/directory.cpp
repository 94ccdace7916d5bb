// The Desk's directory (docs/directory.md): contacts, companies, teammates
// and teams written one by one (src/domain/directory/) and read through the
// unit of work's directory reader, each call one unit of work.
#include "desk/desk_impl.hpp"
#include "domain/directory/directory_changes.hpp"

#include "model/text.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {

namespace {

template <class T>
T found(const T* record, const std::string& what, const std::string& id) {
  if (!record) throw error(errc::not_found, what + " " + detail::quoted(id) + " not found");
  return *record;
}

void check_page(const directory_page_request& r) {
  if (r.limit < 1 || r.limit > 10000)
    throw error(errc::invalid_argument, "limit: must be from 1 to 10000, not " + std::to_string(r.limit), {"limit"});
}

}  // namespace

ticketcore::contact desk::create_contact(const actor& who, const ticketcore::contact& c) {
  return impl_->write(op::create_contact, who, [&](detail::unit_of_work& uow) {
    return detail::save_contact(uow, c, detail::directory_write::create);
  });
}

ticketcore::contact desk::update_contact(const actor& who, const ticketcore::contact& c) {
  return impl_->write(op::update_contact, who, [&](detail::unit_of_work& uow) {
    return detail::save_contact(uow, c, detail::directory_write::update);
  });
}

ticketcore::contact desk::upsert_contact(const actor& who, const ticketcore::contact& c) {
  return impl_->write(op::upsert_contact, who, [&](detail::unit_of_work& uow) {
    return detail::save_contact(uow, c, detail::directory_write::upsert);
  });
}

ticketcore::contact desk::contact(const actor& who, const std::string& id) const {
  return impl_->read(op::contact, who, [&](detail::unit_of_work& uow) {
    // V5: a contact reads themselves only; anyone else reads as missing.
    const ticketcore::contact* c = who.is_contact() && id != who.id ? nullptr : uow.directory.find_contact(id);
    return found(c, "contact", id);
  });
}

ticketcore::contact desk::contact_by_email(const actor& who, const std::string& email) const {
  return impl_->read(op::contact_by_email, who, [&](detail::unit_of_work& uow) {
    return found(uow.directory.contact_by_email(email), "contact with e-mail address", email);
  });
}

std::vector<ticketcore::contact> desk::contacts(const actor& who, const directory_page_request& page) const {
  check_page(page);
  return impl_->read(op::contacts, who, [&](detail::unit_of_work& uow) { return uow.directory.contacts(page); });
}

ticketcore::company desk::upsert_company(const actor& who, const ticketcore::company& c) {
  return impl_->write(op::upsert_company, who, [&](detail::unit_of_work& uow) {
    return detail::save_company(uow, c, detail::directory_write::upsert);
  });
}

ticketcore::company desk::company(const actor& who, const std::string& id) const {
  return impl_->read(op::company, who,
                     [&](detail::unit_of_work& uow) { return found(uow.directory.find_company(id), "company", id); });
}

std::vector<ticketcore::company> desk::companies(const actor& who, const directory_page_request& page) const {
  check_page(page);
  return impl_->read(op::companies, who, [&](detail::unit_of_work& uow) { return uow.directory.companies(page); });
}

ticketcore::teammate desk::upsert_teammate(const actor& who, const ticketcore::teammate& t) {
  return impl_->write(op::upsert_teammate, who, [&](detail::unit_of_work& uow) {
    return detail::save_teammate(uow, t, detail::directory_write::upsert);
  });
}

ticketcore::teammate desk::teammate(const actor& who, const std::string& id) const {
  return impl_->read(op::teammate, who,
                     [&](detail::unit_of_work& uow) { return found(uow.directory.find_teammate(id), "teammate", id); });
}

std::vector<ticketcore::teammate> desk::teammates(const actor& who, const directory_page_request& page) const {
  check_page(page);
  return impl_->read(op::teammates, who, [&](detail::unit_of_work& uow) { return uow.directory.teammates(page); });
}

ticketcore::team desk::upsert_team(const actor& who, const ticketcore::team& t) {
  return impl_->write(op::upsert_team, who, [&](detail::unit_of_work& uow) {
    return detail::save_team(uow, t, detail::directory_write::upsert);
  });
}

ticketcore::team desk::team(const actor& who, const std::string& id) const {
  return impl_->read(op::team, who, [&](detail::unit_of_work& uow) { return found(uow.directory.find_team(id), "team", id); });
}

std::vector<ticketcore::team> desk::teams(const actor& who, const directory_page_request& page) const {
  check_page(page);
  return impl_->read(op::teams, who, [&](detail::unit_of_work& uow) { return uow.directory.teams(page); });
}

}  // namespace ticketcore
