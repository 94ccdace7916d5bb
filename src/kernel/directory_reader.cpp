#include "kernel/directory_reader.hpp"

#include "model/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <algorithm>
#include <cctype>

namespace ticketcore::detail {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

template <class T>
T from_json(const boost::json::value& v);
template <>
contact from_json<contact>(const boost::json::value& v) { return contact_from_json(v); }
template <>
company from_json<company>(const boost::json::value& v) { return company_from_json(v); }
template <>
teammate from_json<teammate>(const boost::json::value& v) { return teammate_from_json(v); }
template <>
team from_json<team>(const boost::json::value& v) { return team_from_json(v); }

// The configuration's section of each kind.
const std::vector<contact>& declared(const config& c, const contact*) { return c.contacts; }
const std::vector<company>& declared(const config& c, const company*) { return c.companies; }
const std::vector<teammate>& declared(const config& c, const teammate*) { return c.teammates; }
const std::vector<team>& declared(const config& c, const team*) { return c.teams; }

// Whether a declared record holds key `name` = `value`, as keys_of derives it.
template <class T>
bool holds(const T& record, const std::string& name, const std::string& value) {
  for (const entry_key& k : keys_of(record))
    if (k.name == name && k.value == value) return true;
  return false;
}

}  // namespace

std::vector<entry_key> keys_of(const contact& c) {
  std::vector<entry_key> keys;
  for (const auto& e : c.emails)
    if (std::string n = normalized_email(e); !n.empty()) keys.push_back({"email", std::move(n), true});
  if (!c.company.empty()) keys.push_back({"company", c.company, false});
  return keys;
}

std::vector<entry_key> keys_of(const company& c) {
  std::vector<entry_key> keys;
  for (const auto& d : c.domains) keys.push_back({"domain", lower(d), true});
  return keys;
}

std::vector<entry_key> keys_of(const teammate& t) {
  std::vector<entry_key> keys;
  if (std::string n = normalized_email(t.email); !n.empty()) keys.push_back({"email", std::move(n), true});
  for (const auto& team : t.teams) keys.push_back({"team", team, false});
  return keys;
}

std::vector<entry_key> keys_of(const team&) { return {}; }

template <>
directory_reader::cache_map<contact>& directory_reader::cache<contact>() { return contacts_; }
template <>
directory_reader::cache_map<company>& directory_reader::cache<company>() { return companies_; }
template <>
directory_reader::cache_map<teammate>& directory_reader::cache<teammate>() { return teammates_; }
template <>
directory_reader::cache_map<team>& directory_reader::cache<team>() { return teams_; }

bool directory_reader::stores_records() {
  if (!entries_) from_store([&] { tx_.find_entries({kind_of<team>(), std::nullopt, std::nullopt, std::nullopt, 1}); });
  return *entries_;
}

bool directory_reader::from_store(const std::function<void()>& read) {
  if (entries_ == false) return false;
  try {
    read();
    entries_ = true;
    return true;
  } catch (const error& e) {
    if (e.kind() != errc::not_supported) throw;
    entries_ = false;  // a store without records by kind: the configuration's people only
    return false;
  }
}

template <class T>
T directory_reader::read(const stored_entry& e) {
  try {
    boost::json::object form = e.record;  // the entry's id and version are not repeated in its record
    form["id"] = e.id;
    form["version"] = e.version;
    return from_json<T>(form);
  } catch (const error& bad) {
    throw error(errc::storage, "the stored " + e.kind + " " + quoted(e.id) + " cannot be read back: " + bad.what());  // U3
  }
}

template <class T>
const T* directory_reader::find(std::string_view id) {
  auto& known = cache<T>();
  if (auto hit = known.find(id); hit != known.end()) return hit->second.get();
  std::unique_ptr<T> found;
  std::optional<stored_entry> e;
  if (!id.empty() && from_store([&] { e = tx_.get_entry(kind_of<T>(), std::string(id)); }) && e)
    found = std::make_unique<T>(read<T>(*e));
  if (!found)
    for (const T& d : declared(cfg_, static_cast<const T*>(nullptr)))
      if (d.id == id) found = std::make_unique<T>(d);
  return known.emplace(std::string(id), std::move(found)).first->second.get();
}

template <class T>
const T* directory_reader::by_key(const std::string& name, const std::string& value) {
  if (value.empty()) return nullptr;
  std::vector<stored_entry> found;
  if (from_store([&] { found = tx_.find_entries({kind_of<T>(), name, value, std::nullopt, 1}); })) {
    if (!found.empty()) {
      T record = read<T>(found.front());
      remember(record);
      return cache<T>()[record.id].get();
    }
  }
  for (const T& d : declared(cfg_, static_cast<const T*>(nullptr)))
    if (holds(d, name, value)) {
      const T* current = find<T>(d.id);  // a stored record of the same id hides it
      return current && current->version == 0 ? current : nullptr;
    }
  return nullptr;
}

const contact* directory_reader::contact_by_email(std::string_view email) {
  return by_key<contact>("email", normalized_email(email));
}

const teammate* directory_reader::teammate_by_email(std::string_view email) {
  return by_key<teammate>("email", normalized_email(email));
}

const company* directory_reader::company_by_domain(std::string_view domain) {
  return by_key<company>("domain", lower(domain));
}

template <class T>
std::vector<T> directory_reader::page(const directory_page_request& r, const std::string& key_name,
                                      const std::string& key_value) {
  std::vector<T> out;
  if (r.limit == 0) return out;
  entry_filter f{kind_of<T>(), std::nullopt, std::nullopt, std::nullopt, r.limit};
  if (!key_value.empty()) f.key_name = key_name, f.key_value = key_value;
  if (!r.after.empty()) f.after = r.after;
  std::vector<stored_entry> stored;
  if (from_store([&] { stored = tx_.find_entries(f); }))
    for (const stored_entry& e : stored) out.push_back(read<T>(e));
  for (const T& d : declared(cfg_, static_cast<const T*>(nullptr))) {
    if (d.id <= r.after || (!key_value.empty() && !holds(d, key_name, key_value))) continue;
    if (const T* current = find<T>(d.id); current && current->version == 0) out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const T& a, const T& b) { return a.id < b.id; });
  if (out.size() > r.limit) out.resize(r.limit);
  return out;
}

std::vector<contact> directory_reader::contacts(const directory_page_request& r) {
  return page<contact>(r, "company", r.company);
}
std::vector<company> directory_reader::companies(const directory_page_request& r) { return page<company>(r, "", ""); }
std::vector<teammate> directory_reader::teammates(const directory_page_request& r) {
  return page<teammate>(r, "team", r.team);
}
std::vector<team> directory_reader::teams(const directory_page_request& r) { return page<team>(r, "", ""); }

void directory_reader::for_each_member(const std::string& team, const std::function<void(const teammate&)>& visit) {
  directory_page_request r;
  r.team = team;
  r.limit = 200;
  for (;;) {
    std::vector<teammate> got = teammates(r);
    for (const teammate& m : got) visit(m);
    if (got.size() < r.limit) return;
    r.after = got.back().id;
  }
}

}  // namespace ticketcore::detail
