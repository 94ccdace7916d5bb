#include "domain/directory/directory_changes.hpp"

#include "config/attribute_values.hpp"
#include "model/problems.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <set>

namespace ticketcore::detail {

namespace {

// Events of directory changes carry this as their kind's record.
const char* what_of(const std::string& kind) { return kind.c_str(); }

// The members a write may change, compared one by one: the history entry
// names them (never their values: an erasure then rewrites the record only).
template <class T>
std::vector<std::string> changed_fields(const T& before, const T& after) {
  std::vector<std::string> out;
  boost::json::object a = to_json(before).as_object(), b = to_json(after).as_object();
  for (const auto& kv : b) {
    const std::string key(kv.key());
    if (key == "version" || key == "created_at" || key == "updated_at") continue;
    const boost::json::value* old = a.if_contains(kv.key());
    if (!old || *old != kv.value()) out.push_back(key);
  }
  return out;
}

void check_attributes(unit_of_work& uow, const std::vector<attribute_def>& defs, const boost::json::object& values,
                      const std::string& kind, problems& p) {
  for (const auto& kv : values) {
    const std::string key(kv.key());
    const attribute_def* def = nullptr;
    for (const auto& d : defs)
      if (d.key == key) def = &d;
    if (!def) {
      p.add("attributes." + key, "is not a " + kind + " attribute of the configuration");
      continue;
    }
    if (kv.value().is_null()) continue;
    if (std::string why = attribute_value_problem(uow.directory, *def, kv.value()); !why.empty())
      p.add("attributes." + key, why);
  }
}

// The addresses as stored: trimmed and lower-cased, each once. An invalid
// one is validation_failed naming it.
std::vector<std::string> normalized_emails(const std::vector<std::string>& given, const std::string& field, problems& p) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& e : given) {
    std::string n = normalized_email(e);
    if (n.empty()) p.add(field, "invalid e-mail address " + quoted(e));
    else if (seen.insert(n).second) out.push_back(std::move(n));
  }
  return out;
}

template <class T>
const T* find_any(directory_reader& d, const std::string& id);
template <>
const contact* find_any<contact>(directory_reader& d, const std::string& id) { return d.find_contact(id); }
template <>
const company* find_any<company>(directory_reader& d, const std::string& id) { return d.find_company(id); }
template <>
const teammate* find_any<teammate>(directory_reader& d, const std::string& id) { return d.find_teammate(id); }
template <>
const team* find_any<team>(directory_reader& d, const std::string& id) { return d.find_team(id); }

// Version checks (X1) and the write: history, event, the reader told.
template <class T>
T store(unit_of_work& uow, T record, directory_write how, const std::function<void(T&, const T*)>& stamp) {
  const std::string& kind = kind_of<T>();
  if (record.id.empty()) throw error(errc::validation_failed, kind + ": id is required", {"id"});
  if (!uow.directory.stores_records())
    throw error(errc::not_supported, "this store keeps no records by kind: " + kind + "s live in the configuration");
  const std::uint64_t expected = record.version;
  const T* current = find_any<T>(uow.directory, record.id);
  const std::string name = kind + " " + quoted(record.id);
  if (current && current->version == 0)
    throw error(errc::conflict, name + " is declared in the configuration; change it there");
  if (current && how == directory_write::create) throw error(errc::conflict, name + " already exists");
  if (!current && how == directory_write::update) throw error(errc::not_found, name + " not found");
  if (expected != 0 && (!current || current->version != expected))
    throw error(errc::conflict, name + " is at version " + std::to_string(current ? current->version : 0) +
                                    ", not the expected " + std::to_string(expected) + "; reload and retry");  // X1
  stamp(record, current);
  record.version = current ? current->version + 1 : 1;
  std::vector<std::string> fields = current ? changed_fields(*current, record) : std::vector<std::string>{};
  if (current && fields.empty()) return *current;  // nothing changed: nothing written
  boost::json::object stored = to_json(record).as_object();
  stored.erase("id");
  stored.erase("version");
  uow.tx.put_entry({kind, record.id, record.version, std::move(stored)}, keys_of(record));
  boost::json::array names;
  for (const auto& f : fields) names.emplace_back(f);
  const uuid subject = directory_subject(kind, record.id);
  uow.record(subject, current ? kind + ".updated" : kind + ".created", nullptr,
             boost::json::object{{"id", record.id}, {"version", record.version}, {"fields", std::move(names)}});
  uow.directory.remember(record);
  if (uow.collect_events)
    uow.emit(current ? event_kind::directory_updated : event_kind::directory_created, subject, 0,
             {{"kind", what_of(kind)}, {"id", record.id}, {"version", record.version}});
  return record;
}

}  // namespace

contact save_contact(unit_of_work& uow, contact c, directory_write how) {
  problems p;
  c.emails = normalized_emails(c.emails, "emails", p);
  for (const auto& e : c.emails)
    if (const contact* holder = uow.directory.contact_by_email(e); holder && holder->id != c.id)
      throw error(errc::conflict, "e-mail address " + quoted(e) + " belongs to another contact", {"emails"});
  if (!c.company.empty() && !uow.directory.find_company(c.company))
    p.add("company", "unknown company " + quoted(c.company));
  check_attributes(uow, uow.cfg.contact_attributes, c.attributes, "contact", p);
  p.raise_if_any("cannot save contact " + quoted(c.id));
  return store<contact>(uow, std::move(c), how, [&](contact& r, const contact* before) {
    r.created_at = before ? before->created_at : uow.now;
    r.updated_at = uow.now;
  });
}

company save_company(unit_of_work& uow, company c, directory_write how) {
  problems p;
  std::set<std::string> seen;
  std::vector<std::string> domains;
  for (const auto& d : c.domains) {
    std::string n = normalized_email("x@" + d);
    if (n.empty() || d.empty()) p.add("domains", "invalid domain " + quoted(d));
    else if (seen.insert(n.substr(2)).second) domains.push_back(n.substr(2));
  }
  c.domains = std::move(domains);
  for (const auto& d : c.domains)
    if (const company* holder = uow.directory.company_by_domain(d); holder && holder->id != c.id)
      throw error(errc::conflict, "domain " + quoted(d) + " belongs to another company", {"domains"});
  check_attributes(uow, uow.cfg.company_attributes, c.attributes, "company", p);
  p.raise_if_any("cannot save company " + quoted(c.id));
  return store<company>(uow, std::move(c), how, [](company&, const company*) {});
}

teammate save_teammate(unit_of_work& uow, teammate t, directory_write how) {
  problems p;
  if (!t.email.empty()) {
    std::string n = normalized_email(t.email);
    if (n.empty()) p.add("email", "invalid e-mail address " + quoted(t.email));
    t.email = n;
  }
  for (const auto& team : t.teams)
    if (!uow.directory.find_team(team)) p.add("teams", "unknown team " + quoted(team));
  p.raise_if_any("cannot save teammate " + quoted(t.id));
  if (const teammate* holder = uow.directory.teammate_by_email(t.email); holder && holder->id != t.id)
    throw error(errc::conflict, "e-mail address " + quoted(t.email) + " belongs to another teammate", {"email"});
  return store<teammate>(uow, std::move(t), how, [](teammate&, const teammate*) {});
}

team save_team(unit_of_work& uow, team t, directory_write how) {
  return store<team>(uow, std::move(t), how, [](team&, const team*) {});
}

}  // namespace ticketcore::detail
