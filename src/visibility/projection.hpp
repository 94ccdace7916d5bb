// The customer projection (V1-V5): the one place that decides what an actor
// may see. Every read path and every contact-facing payload goes through it.
#pragma once

#include <ticketcore/actor.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/records.hpp>
#include <ticketcore/storage.hpp>
#include <ticketcore/views.hpp>

#include <boost/json/object.hpp>

#include <vector>

namespace ticketcore::detail {

class projection {
 public:
  projection(const config& c, const actor& viewer) : config_(c), viewer_(viewer) {}

  bool customer() const noexcept { return viewer_.is_contact(); }

  // V1, V3: a contact sees their own customer tickets and, with company
  // sharing, those of their company; never back-office or tracker tickets.
  bool can_see(const ticket& t) const;
  // A contact sees only their own conversations.
  bool can_see(const conversation& c) const;
  // V2: within a visible record, no internal part; customer messages only
  // from the viewer or the record's own contact.
  bool can_see(const part& p, const std::string& record_contact) const;
  // V2: of links, a contact sees only conversation <-> customer ticket ones,
  // and only when both ends are theirs to see (reads the ends from `tx`).
  bool can_see(const link& l, transaction& tx) const;

  ticket_view view(const ticket& t, const std::vector<part>& timeline, std::size_t linked_conversations) const;
  conversation_view view(const conversation& c, const std::vector<part>& timeline) const;
  inbox_item item(const ticket& t, const std::vector<part>& timeline, std::size_t linked_conversations) const;
  inbox_item item(const conversation& c, const std::vector<part>& timeline) const;

  // The stage a customer ticket shows (L1, L4); {0, ""} for other categories.
  stage stage_of(const ticket& t) const;
  // What a notification about `t` may tell its contact: number, title,
  // stage. Built from the customer view, so nothing internal can leak.
  boost::json::object notification_payload(const ticket& t) const;

  // M1: what the contact of merged ticket `source` may learn of `target`:
  // its number and title if they may see it (V1), nothing otherwise (V3).
  // The same for every viewer: it speaks to the source's contact.
  boost::json::object merge_notice(const ticket& source, const ticket& target) const;
  // M1: whether every contact who may see `target` may also see `source`,
  // so that public parts copied from `source` may stay public on `target`.
  bool shown_to_same_contacts(const ticket& source, const ticket& target) const;

 private:
  // The parts of a record's timeline the viewer sees, authors as shown to them.
  std::vector<part> visible(const std::vector<part>& timeline, const std::string& record_contact,
                            const std::string& record_brand) const;

  const config& config_;
  const actor& viewer_;
};

}  // namespace ticketcore::detail
