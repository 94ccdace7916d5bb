// Desk configuration: the directory, ticket types and lifecycles.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/attributes.hpp>
#include <ticketcore/automation.hpp>
#include <ticketcore/calendar.hpp>
#include <ticketcore/directory.hpp>
#include <ticketcore/lifecycle.hpp>
#include <ticketcore/sla.hpp>

#include <boost/describe/enum.hpp>
#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ticketcore {

// The three ticket categories (T1).
enum class category { customer, back_office, tracker };
BOOST_DESCRIBE_ENUM(category, customer, back_office, tracker)

TICKETCORE_API const char* to_string(category c) noexcept;
TICKETCORE_API std::optional<category> parse_category(std::string_view text) noexcept;

enum class channel { email, chat, web_form, phone, api, messenger };
BOOST_DESCRIBE_ENUM(channel, email, chat, web_form, phone, api, messenger)

TICKETCORE_API const char* to_string(channel c) noexcept;
TICKETCORE_API std::optional<channel> parse_channel(std::string_view text) noexcept;

// The directory's records (contact, company, team, teammate) are in
// directory.hpp: the configuration may declare some, as it always could.

struct TICKETCORE_API brand {
  std::string id;
  std::string name;
};

// A named ticket type (T1, T2, T4).
struct TICKETCORE_API ticket_type {
  std::string id;
  std::string name;
  ticketcore::category category = category::customer;
  std::string lifecycle;  // empty: the default for the category
  std::vector<attribute_def> attributes;
  bool archived = false;  // archived types take no new tickets (T4)
  // Trackers only: tracker state key -> state category that linked customer
  // tickets move to (P5). Unlisted states map by their own category.
  std::map<std::string, state_category> propagation;

  const attribute_def* find_attribute(std::string_view key) const noexcept;
};

// Everything a desk is configured with. Build it in C++ or load it from one
// JSON document with parse_config(); desk::configure() validates it whole.
struct TICKETCORE_API config {
  std::vector<std::string> priorities = {"low", "normal", "high", "urgent"};
  std::string default_priority = "normal";
  std::vector<lifecycle> lifecycles;  // the three defaults are always added
  std::vector<ticket_type> ticket_types;
  std::vector<brand> brands;
  std::vector<team> teams;
  std::vector<teammate> teammates;
  std::vector<company> companies;
  std::vector<contact> contacts;
  std::vector<calendar> calendars;       // business hours that policies count in (S1)
  std::vector<sla_policy> sla_policies;  // ordered: the first that matches a ticket applies (S1)
  std::vector<rule> rules;               // automation, in the order they run (A1)
  // The custom attributes of contacts and of companies, typed like a
  // ticket type's (T2); their visibility and required flags are not used.
  std::vector<attribute_def> contact_attributes;
  std::vector<attribute_def> company_attributes;
  // Whether creating a conversation or ticket may create a contact the
  // directory does not hold yet, from the details it carries.
  enum class unknown_contacts { refuse, accept };
  unknown_contacts unknown_senders = unknown_contacts::refuse;

  const ticket_type* find_type(std::string_view id) const noexcept;
  const lifecycle* find_lifecycle(std::string_view id) const noexcept;
  // The lifecycle a type follows: its own, or the default for its category.
  const lifecycle& lifecycle_of(const ticket_type& t) const;
  // The directory entries declared here, and only those: the desk asks its
  // directory (docs/directory.md), which reads the store first.
  const contact* find_contact(std::string_view id) const noexcept;
  const teammate* find_teammate(std::string_view id) const noexcept;
  const team* find_team(std::string_view id) const noexcept;
  const company* find_company(std::string_view id) const noexcept;
  const brand* find_brand(std::string_view id) const noexcept;
  bool has_priority(std::string_view p) const noexcept;
  // Its place in `priorities` (0 = lowest); 0 for an unknown priority.
  int priority_rank(std::string_view p) const noexcept;
  const sla_policy* find_sla_policy(std::string_view id) const noexcept;
  const calendar* find_calendar(std::string_view id) const noexcept;
  // The calendar ready for arithmetic; built by validate_config().
  const business_hours* hours_of(std::string_view calendar_id) const noexcept;

  // Built by validate_config() so lookups of contacts and teammates are O(1)
  // however large the directory. Not part of the document.
  std::unordered_map<std::string, std::size_t> contact_index_;
  std::unordered_map<std::string, std::size_t> teammate_index_;
  std::map<std::string, business_hours, std::less<>> business_hours_;
};

// Reads a configuration document (see docs/configuration.md). Throws
// error(validation_failed) naming every problem found, not just the first.
TICKETCORE_API config parse_config(const boost::json::value& document);
TICKETCORE_API config parse_config(std::string_view json_text);
// The configuration as a document parse_config() reads back to an equal
// configuration, every default written out: what configuration() answers in
// JSON and what a desk stores.
TICKETCORE_API boost::json::value config_document(const config& c);

// What configure_migrating does with the tickets a new configuration would
// strand: each moves to the state or priority named here, in the same
// transaction (docs/configuration.md, "Changes that would strand tickets").
struct TICKETCORE_API configuration_migration {
  // ticket type -> (a state its new lifecycle lacks -> one it has)
  std::map<std::string, std::map<std::string, std::string>> states;
  // a priority the new configuration lacks -> one it has
  std::map<std::string, std::string> priorities;

  friend bool operator==(const configuration_migration&, const configuration_migration&) = default;
};

// Reads {"states": {type: {from: to}}, "priorities": {from: to}}; throws
// error(validation_failed) naming every malformed member.
TICKETCORE_API configuration_migration parse_configuration_migration(const boost::json::value& document);

// Checks cross-references and adds the default lifecycles. Throws
// error(validation_failed) listing every problem. Used by desk::configure().
TICKETCORE_API void validate_config(config& c);

}  // namespace ticketcore
