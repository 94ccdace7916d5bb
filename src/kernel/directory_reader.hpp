// The one place the desk looks people up (docs/directory.md): over a unit
// of work's transaction, the store first (records by kind), then the
// configuration's sections, each answer kept for the unit of work. Opening
// a desk reads none of it; listings page through the store.
#pragma once

#include "model/people.hpp"

#include <ticketcore/config.hpp>
#include <ticketcore/storage.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ticketcore::detail {

// The kinds and lookup keys the directory hands the store. Contacts: "email"
// (each address normalized, unique) and "company"; companies: "domain"
// (lower-cased, unique); teammates: "email" (unique) and "team".
std::vector<entry_key> keys_of(const contact& c);
std::vector<entry_key> keys_of(const company& c);
std::vector<entry_key> keys_of(const teammate& t);
std::vector<entry_key> keys_of(const team& t);
// The kind a record is stored under: "contact", "company", "teammate", "team".
template <class T>
inline const std::string& kind_of() {
  static const std::string name = std::is_same_v<T, contact>   ? "contact"
                                  : std::is_same_v<T, company> ? "company"
                                  : std::is_same_v<T, teammate> ? "teammate"
                                                                : "team";
  return name;
}

class directory_reader final : public people {
 public:
  directory_reader(transaction& tx, const config& c) : tx_(tx), cfg_(c) {}

  const contact* find_contact(std::string_view id) override { return find<contact>(id); }
  const teammate* find_teammate(std::string_view id) override { return find<teammate>(id); }
  const company* find_company(std::string_view id) override { return find<company>(id); }
  const team* find_team(std::string_view id) override { return find<team>(id); }

  // By a key: the contact or teammate holding an address (normalized
  // here), the company holding a domain. nullptr when none does.
  const contact* contact_by_email(std::string_view email);
  const teammate* teammate_by_email(std::string_view email);
  const company* company_by_domain(std::string_view domain);

  // A page in ascending order of id: stored records and the configuration's
  // merged, a stored one hiding a declared one of the same id.
  std::vector<contact> contacts(const directory_page_request& r);
  std::vector<company> companies(const directory_page_request& r);
  std::vector<teammate> teammates(const directory_page_request& r);
  std::vector<team> teams(const directory_page_request& r);

  // Calls `visit` with every teammate of `team` in order of id, a page at a
  // time (A1, the outbox): never the whole directory at once.
  void for_each_member(const std::string& team, const std::function<void(const teammate&)>& visit);

  // Whether the store keeps records by kind; false: only the
  // configuration's people exist, and none can be written.
  bool stores_records();

  // After a write in this unit of work: later lookups answer `record`.
  template <class T>
  void remember(const T& record) {
    cache<T>()[record.id] = std::make_unique<T>(record);
  }

 private:
  template <class T>
  using cache_map = std::map<std::string, std::unique_ptr<T>, std::less<>>;
  template <class T>
  cache_map<T>& cache();
  template <class T>
  const T* find(std::string_view id);
  template <class T>
  const T* by_key(const std::string& name, const std::string& value);
  template <class T>
  std::vector<T> page(const directory_page_request& r, const std::string& key_name, const std::string& key_value);
  template <class T>
  T read(const stored_entry& e);
  // Runs a read of records by kind; false when the store keeps none.
  bool from_store(const std::function<void()>& read);

  transaction& tx_;
  const config& cfg_;
  std::optional<bool> entries_;  // known once the store answered
  cache_map<contact> contacts_;
  cache_map<company> companies_;
  cache_map<teammate> teammates_;
  cache_map<team> teams_;
};

}  // namespace ticketcore::detail
