// Queries over tickets (Q1): one model for the Desk, the C `find_tickets`
// op and Python. Filters combine with AND; a list filter matches any of its
// values, except tags, which must all be present.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/records.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore {

// What a page is sorted by; ties are broken by id, so the order is total.
//   created, updated  the ticket's times
//   priority          the configured order of priorities (urgent above low)
//   sla_due           the next SLA breach time (next_sla_due); tickets with
//                     none come after every ticket that has one
enum class ticket_order { created, updated, priority, sla_due };
BOOST_DESCRIBE_ENUM(ticket_order, created, updated, priority, sla_due)
TICKETCORE_API const char* to_string(ticket_order o) noexcept;
TICKETCORE_API std::optional<ticket_order> parse_ticket_order(std::string_view text) noexcept;

struct TICKETCORE_API ticket_query {
  std::optional<ticketcore::category> category;
  std::vector<std::string> types;
  std::vector<std::string> states;  // state keys
  std::vector<state_category> state_categories;
  std::vector<std::string> priorities;
  std::optional<std::string> assignee;  // "" selects unassigned tickets
  std::optional<std::string> team;      // "" selects tickets without a team
  std::optional<std::string> brand;
  std::optional<std::string> contact;
  std::optional<std::string> company;
  std::vector<std::string> tags;  // every one
  std::optional<ticketcore::channel> channel;
  // Half-open ranges [from, to).
  std::optional<time_point> created_from, created_to;
  std::optional<time_point> updated_from, updated_to;
  // Follow-up or action-required date, or SLA breach time, before this.
  std::optional<time_point> due_before;
  std::optional<ticketcore::sla_status> sla_status;
  std::optional<uuid> tracker;  // linked to this tracker (K2)
  // Full text over title, description, replies and notes: every word must
  // occur (words are letters and digits; case does not matter). A contact's
  // search never matches internal text (V1).
  std::string text;
  bool public_text_only = false;  // search only what the ticket's contact may read; set for contacts
  // Tickets shared with this company (sharing::company), whoever their
  // contact: with `contact`, how a contact's own view is put together (V3).
  std::optional<std::string> shared_with_company;

  ticket_order order = ticket_order::created;
  bool descending = true;

  friend bool operator==(const ticket_query&, const ticket_query&) = default;
};
BOOST_DESCRIBE_STRUCT(ticket_query, (), (category, types, states, state_categories, priorities, assignee, team, brand,
                                         contact, company, tags, channel, created_from, created_to, updated_from,
                                         updated_to, due_before, sla_status, tracker, text, public_text_only,
                                         shared_with_company, order, descending))

// U4: the work of one query is bounded, for every actor. Past a limit the
// query is invalid_argument naming the field (docs/queries.md, "Limits").
//   text            at most 4,096 bytes, 32 words, each word 64 bytes
//   tags            at most 32 (each is one more index probe per ticket)
//   other lists     types, states, state_categories, priorities: 100 each
inline constexpr std::size_t max_search_text_bytes = 4096;
inline constexpr std::size_t max_search_words = 32;
inline constexpr std::size_t max_search_word_bytes = 64;
inline constexpr std::size_t max_query_tags = 32;
inline constexpr std::size_t max_query_list_values = 100;

// Where a page ends, as the store sees it: the last row's sort key and id.
// Keys: milliseconds since the epoch for times, the priority's rank, and
// for sla_due INT64_MAX when the ticket has none.
struct TICKETCORE_API ticket_position {
  std::int64_t key = 0;
  uuid id{};
};

// A saved view (Q1): a named query kept in the desk, shown with its count
// like an inbox sidebar. A view with an owner is that teammate's own; one
// without is shared by the team.
struct TICKETCORE_API saved_view {
  std::string id;
  std::string name;
  std::string owner;
  ticket_query query;
};
BOOST_DESCRIBE_STRUCT(saved_view, (), (id, name, owner, query))

struct TICKETCORE_API view_count {
  saved_view view;
  std::size_t count = 0;
};

}  // namespace ticketcore
