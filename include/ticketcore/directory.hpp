// The directory: contacts and companies (the customers), teammates and
// teams (the support side). Ids are the host's own keys. A person is either
// a record the desk stores (version 1 and up, changed one by one through
// the directory operations) or declared in the configuration (version 0,
// read-only there); a lookup reads the store first (docs/directory.md).
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/ids.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore {

// Every member has an initializer, so a host may name the first few in
// braces ({"ann", "Ann", {"ann@example.com"}}) without a warning.
struct TICKETCORE_API company {
  std::string id{};
  std::string name{};
  std::vector<std::string> domains{};  // e-mail domains, each held by one company
  boost::json::object attributes{};    // typed by the configuration's company_attributes
  std::uint64_t version = 0;         // 0: declared in the configuration (X1)
};
BOOST_DESCRIBE_STRUCT(company, (), (id, name, domains, attributes, version))

struct TICKETCORE_API contact {
  std::string id{};
  std::string name{};
  std::vector<std::string> emails{};  // the first is the primary address; each held by one contact
  std::string company{};              // empty if none
  std::string phone{};
  std::string locale{};     // e.g. "fr-CA"
  std::string time_zone{};  // an IANA name, e.g. "Europe/Paris"
  boost::json::object attributes{};  // typed by the configuration's contact_attributes
  std::uint64_t version = 0;       // 0: declared in the configuration (X1)
  time_point created_at{};
  time_point updated_at{};

  // The primary address, empty when there is none.
  const std::string& email() const noexcept;
};
BOOST_DESCRIBE_STRUCT(contact, (),
                      (id, name, emails, company, phone, locale, time_zone, attributes, version, created_at, updated_at))

struct TICKETCORE_API team {
  std::string id{};
  std::string name{};
  std::uint64_t version = 0;  // 0: declared in the configuration (X1)
};
BOOST_DESCRIBE_STRUCT(team, (), (id, name, version))

struct TICKETCORE_API teammate {
  std::string id{};
  std::string name{};
  std::string email{};
  std::vector<std::string> teams{};
  bool away = false;          // round robin and least loaded pass over them (A1)
  std::uint64_t version = 0;  // 0: declared in the configuration (X1)
};
BOOST_DESCRIBE_STRUCT(teammate, (), (id, name, email, teams, away, version))

// A page of a directory listing, in ascending order of id. `after` is the
// cursor: the id of the last record seen. `company` (contacts) and `team`
// (teammates) narrow it to the members of one.
struct TICKETCORE_API directory_page_request {
  std::string company{};
  std::string team{};
  std::string after{};
  std::size_t limit = 50;
};

// An e-mail address as the directory compares it: trimmed and lower-cased.
// Empty when `text` is not an address (one @, something either side, no
// spaces).
TICKETCORE_API std::string normalized_email(std::string_view text);

// The subject of the history entries and events of the directory record
// `id` of `kind` ("contact", "company", "teammate", "team"): a UUID made
// from the two, the same in every process.
TICKETCORE_API uuid directory_subject(std::string_view kind, std::string_view id);

}  // namespace ticketcore
