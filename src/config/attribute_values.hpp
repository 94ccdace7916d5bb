// Validation of custom attribute values against a type's schema (T2, V4).
#pragma once

#include <ticketcore/actor.hpp>
#include <ticketcore/config.hpp>

#include "model/people.hpp"

#include <boost/json/object.hpp>

namespace ticketcore::detail {

// Merges `incoming`, written by `writer`, into `current` after checking
// every key: unknown keys, wrong types, options not in the list, unknown
// contacts or teammates, what the visibility policy keeps from a contact
// (V4, U2), and (when `creating`) missing required values. A null value
// clears an attribute. Throws error(validation_failed) naming every
// offending key; `current` is then unchanged.
// `directory` says which contacts and teammates exist.
void apply_attributes(const config& c, people& directory, const ticket_type& type,
                      const boost::json::object& incoming, boost::json::object& current, const actor& writer,
                      bool creating);

// The problem with value `v` of attribute `a`, empty when there is none
// (T2): what apply_attributes checks of each value, also for the
// attributes of contacts and companies.
std::string attribute_value_problem(people& directory, const attribute_def& a, const boost::json::value& v);

}  // namespace ticketcore::detail
