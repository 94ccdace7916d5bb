// What reads return: records as the actor may see them (V1-V5, C8).
//
// Every view is made by the one projection in src/visibility. For a contact,
// fields they may not see are empty: state, priority, assignee, team, owner,
// tags, follow-up and action-required dates, attributes not visible to the
// customer, and the version (0); updated_at is the time of the last part the
// contact can see, so internal activity does not show. The timeline holds
// only public parts, without their origin ticket.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/damaged.hpp>
#include <ticketcore/lifecycle.hpp>
#include <ticketcore/records.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ticketcore {

// The customer-facing progress of a customer ticket (L1, L4).
struct TICKETCORE_API stage {
  int index = 0;  // 1-4; 0 for back-office and tracker tickets
  std::string label;
};

struct TICKETCORE_API ticket_view {
  ticketcore::ticket ticket;
  bool customer_view = false;  // made for a contact
  std::string type_name;
  std::string state_label;  // internal; empty for contacts (L4)
  ticketcore::stage stage;
  std::size_t linked_conversations = 0;  // trackers (K4); 0 for contacts
  std::vector<part> timeline;
};

struct TICKETCORE_API conversation_view {
  ticketcore::conversation conversation;
  bool customer_view = false;
  std::vector<part> timeline;
};

// One row of the inbox (C8): conversations and the three categories apart.
struct TICKETCORE_API inbox_item {
  endpoint_kind kind = endpoint_kind::ticket;  // conversation or ticket
  std::optional<ticketcore::category> category;  // tickets only
  std::string label;  // "Internal" for back-office and tracker tickets
  uuid id{};
  std::int64_t number = 0;
  std::string title;
  std::string state_label;  // internal; empty for contacts
  std::optional<ticketcore::state_category> state_category;  // empty for contacts
  ticketcore::stage stage;
  std::string last_update;  // the last note or update the actor may see
  time_point updated_at{};
  std::size_t linked_conversations = 0;  // trackers
  std::string assignee;
  std::string brand;
  std::string contact;
  // Non-empty when the stored record cannot be read (U3): what is wrong
  // with it. Such a marker sets only kind, id, number and this; contacts
  // never get one (their inbox leaves the record out).
  std::string damaged;
};

// Filters of the inbox. Setting any ticket-only filter (category, state
// category, type, assignee) leaves conversations out.
struct TICKETCORE_API inbox_filter {
  bool conversations = true;
  bool tickets = true;
  std::optional<ticketcore::category> category;
  std::optional<ticketcore::state_category> state_category;
  std::optional<std::string> type;
  std::optional<std::string> assignee;  // "" selects unassigned
  std::optional<std::string> brand;
  std::optional<std::string> contact;
  std::size_t limit = 50;
};

// One page of the inbox (C8): its rows, newest first, and the cursor of
// the next page, empty after the last.
struct TICKETCORE_API inbox_page {
  std::vector<inbox_item> rows;
  std::string next_cursor;
};

// One page of a ticket query (Q1): each ticket as desk::ticket() shows it
// to the actor (a contact gets the customer view) but without its timeline,
// which a list does not need; and the cursor of the next page, empty after
// the last. `damaged` names the matching tickets the store could not read
// (U3), which the page leaves out; always empty for contacts.
struct TICKETCORE_API ticket_page {
  std::vector<ticket_view> tickets;
  std::string next_cursor;
  std::vector<damaged_record> damaged;
};

}  // namespace ticketcore
