// The one visibility policy (V1-V4, U2): the only place that knows what a
// contact may see - which records, which parts of them, which fields and
// attributes, which words - and which filters and sort keys a contact may
// use. Every read path asks it. Teammates, automation and the system see
// everything. Its decisions are made when a record is read, for the
// reader: nothing stored decides them once for everybody (a merge, M1).
#pragma once

#include <ticketcore/actor.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/query.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/storage.hpp>

#include "model/people.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ticketcore::detail {

// The store queries whose union is what a reader may see of a query (Q1):
// the query itself for staff; a contact's own tickets and their company's
// shared ones. Finding and counting both run it, so they always agree.
struct query_plan {
  std::vector<ticket_query> parts;      // empty: nothing can match
  std::optional<ticket_query> overlap;  // the rows in both parts, counted once
};

class visibility {
 public:
  // `directory` answers which company a contact belongs to now (V1).
  visibility(const config& c, const actor& reader, people& directory)
      : config_(c), reader_(reader), people_(directory) {}

  bool contact() const noexcept { return reader_.is_contact(); }

  // Records (V1, V3): a contact sees their own customer tickets and, with
  // company sharing, those of their company; never a back-office or tracker
  // ticket; only their own conversations.
  bool can_see(const ticket& t) const;
  bool can_see(const conversation& c) const;
  // V2: of links, a contact sees conversation <-> customer ticket links and
  // merged_into links (M1), and only when both ends are theirs to see.
  bool can_see(const link& l, transaction& tx) const;

  // Parts (V2, M1): `timeline` as the reader may read it, in order. A
  // contact gets no internal part, customer messages only from themselves or
  // the record's contact, parts copied by a merge only if they may see every
  // ticket the part came from, and a "merged into" event that names the
  // target only if they may see it. `tx` reads those other tickets.
  // Automation and the system show to a contact as the record's brand
  // (`record_brand`), else as "automation" or "system": a rule's id is an
  // internal name (V5).
  std::vector<part> shown(const std::vector<part>& timeline, const std::string& record_contact,
                          const std::string& record_brand, transaction& tx) const;

  // Fields (V2, L4): the copy of `t` a contact gets, built field by field
  // from an allow-list, so a field added to tickets later stays hidden until
  // it is named there. `last_seen` stands in for the update time.
  ticket customer_copy(const ticket& t, time_point last_seen) const;
  // Whether the reader sees attribute `a`'s value.
  bool shows(const attribute_def& a) const { return !contact() || a.visible_to_customer; }

  // Names (U2): the type `id` as the reader may name it, nullptr when it is
  // unknown or hidden (a back-office or tracker type for a contact), so both
  // get the same answer.
  const ticket_type* find_type(std::string_view id) const;
  // U2, V4: why a contact may not set attribute `key` of `type` to `value`,
  // empty when they may. Unknown and hidden keys, other contacts and missing
  // ones answer in the same words. Always empty for staff.
  std::string attribute_write_problem(const ticket_type& type, std::string_view key,
                                      const boost::json::value& value) const;

  // Filters (V1, V4, U2): the plan for `q`. A contact filters and sorts only
  // on the allow-list in filters.cpp; anything else is forbidden, named,
  // whatever it holds. Throws error(forbidden).
  query_plan plan(const ticket_query& q) const;

 private:
  const config& config_;
  const actor& reader_;
  people& people_;
};

}  // namespace ticketcore::detail
