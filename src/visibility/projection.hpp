// The customer projection (V5): builds what an actor is shown - views,
// inbox rows, notification payloads - from the decisions of the one
// visibility policy (policy.hpp). Every read path goes through it.
#pragma once

#include "visibility/policy.hpp"

#include <ticketcore/views.hpp>

#include <boost/json/object.hpp>

#include <vector>

namespace ticketcore::detail {

class projection {
 public:
  // `tx` reads what the policy's decisions depend on (a merge's other ticket).
  projection(const config& c, const actor& viewer, transaction& tx, people& directory)
      : config_(c), policy_(c, viewer, directory), tx_(tx), people_(directory) {}

  bool customer() const noexcept { return policy_.contact(); }
  const visibility& policy() const noexcept { return policy_; }

  // Throw error(internal) for a record the viewer may not see: callers load
  // records through the policy first.
  ticket_view view(const ticket& t, const std::vector<part>& timeline, std::size_t linked_conversations) const;
  conversation_view view(const conversation& c, const std::vector<part>& timeline) const;
  inbox_item item(const ticket& t, const std::vector<part>& timeline, std::size_t linked_conversations) const;
  inbox_item item(const conversation& c, const std::vector<part>& timeline) const;

  // The stage a customer ticket shows (L1, L4); {0, ""} for other categories.
  stage stage_of(const ticket& t) const;
  // What a notification about `t` may tell its contact: number, title,
  // stage. Built from the customer view, so nothing internal can leak.
  boost::json::object notification_payload(const ticket& t) const;

  // M1: what the notification to the contact of merged ticket `source` may
  // tell of `target`: its number and title if that contact may see it (V1),
  // nothing otherwise (V3). It speaks to the source's contact, whoever acts.
  boost::json::object merge_notice(const ticket& source, const ticket& target) const;

 private:
  const config& config_;
  visibility policy_;
  transaction& tx_;
  people& people_;
};

}  // namespace ticketcore::detail
