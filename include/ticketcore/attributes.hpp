// Typed custom attributes declared by a ticket type (T2).
#pragma once

#include <ticketcore/export.hpp>

#include <boost/describe/enum.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore {

enum class attribute_type {
  text, rich_text, integer, decimal, boolean, date, datetime, list, multi_list, contact, teammate
};
BOOST_DESCRIBE_ENUM(attribute_type, text, rich_text, integer, decimal, boolean, date, datetime, list, multi_list, contact,
                    teammate)

TICKETCORE_API const char* to_string(attribute_type t) noexcept;
TICKETCORE_API std::optional<attribute_type> parse_attribute_type(std::string_view text) noexcept;

// One attribute of a type's schema. Values travel as JSON:
// text/rich_text/list: string; integer: int64; decimal: number; boolean: bool;
// date: "YYYY-MM-DD"; datetime: ISO 8601; multi_list: array of option strings;
// contact/teammate: a directory id.
struct TICKETCORE_API attribute_def {
  std::string key;
  std::string label;
  attribute_type type = attribute_type::text;
  std::vector<std::string> options;     // list and multi_list only
  bool required_for_teammates = false;  // enforced when a teammate creates or clears it
  bool required_for_customers = false;  // enforced when a contact submits (C4, C5)
  bool visible_to_customer = false;     // shown in the customer projection (V2)
  bool editable_by_customer = false;    // on the ticket form; implies visible
};

}  // namespace ticketcore
