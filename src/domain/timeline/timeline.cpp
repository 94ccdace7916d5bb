// Replies, notes and ratings: what lands in timelines (N3, P1, P2, P4, P8, V4).
#include "domain/timeline/timeline.hpp"
#include "domain/links/merged.hpp"
#include "domain/report/facts.hpp"
#include "domain/links/linking.hpp"
#include "domain/notify/outbox.hpp"
#include "domain/sla/engine.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore {

using detail::unit_of_work;

namespace {

void require_body(const std::string& body, const char* what) {
  if (body.empty()) throw error(errc::invalid_argument, std::string("an empty ") + what + " cannot be posted");
}

// Where a note on `t` is cross-posted (P1, P2, P4): linked conversations,
// and for a cross-posted back-office note, linked customer tickets too.
std::vector<link> cross_post_targets(unit_of_work& uow, const ticket& t, note_mode mode) {
  std::vector<link> out;
  auto keep = [&](link_kind kind, bool tickets_too) {
    for (const link& l : uow.tx.links_of(t.id, kind))
      if (l.other_kind(t.id) == endpoint_kind::conversation ||
          (tickets_too && l.other_kind(t.id) == endpoint_kind::ticket))
        out.push_back(l);
  };
  switch (t.category) {
    case category::customer: keep(link_kind::customer_ticket, false); break;  // P1
    case category::tracker: keep(link_kind::tracker, false); break;           // P4
    case category::back_office:                                               // P2
      if (mode == note_mode::cross_post) keep(link_kind::back_office, true);
      break;
  }
  return out;
}

}  // namespace

namespace detail {

part add_note(unit_of_work& uow, record_ref& r, const std::string& body, note_mode mode) {
  require_body(body, "note");
  if (r.c) {
    part p = uow.post(r.c->id, part_kind::note, true, body);
    uow.save(*r.c);
    return p;
  }
  stored_ticket& t = *r.t;
  require_not_merged(uow, t, "take notes");
  part p = uow.post(t.id, part_kind::note, true, body);
  uow.save(t);
  for (const link& l : cross_post_targets(uow, t, mode)) {
    const uuid& other = l.other(t.id);
    uow.post(other, part_kind::note, true, body, t.id);  // P8: records its origin
    if (l.other_kind(t.id) == endpoint_kind::conversation) {
      if (auto c = uow.find_conversation(other)) uow.save(*c);
    } else if (auto linked = uow.find_ticket(other)) {
      uow.save(*linked);
    }
  }
  return p;
}

part reply(unit_of_work& uow, const uuid& target, const std::string& body) {
  record_ref r = resolve(uow, target);
  require_body(body, "reply");
  part_kind kind = uow.who.is_contact() ? part_kind::customer_message : part_kind::reply;
  if (r.t) {
    stored_ticket& t = *r.t;
    if (t.category != category::customer)
      throw error(errc::invalid_argument, "ticket " + ticket_name(t) + " is a " + to_string(t.category) +
                                              " ticket: it takes internal notes only, not replies");
    if (uow.who.is_contact() && t.contact != uow.who.id)
      throw error(errc::forbidden, "only the ticket's own contact replies in it (V4)");
    require_not_merged(uow, t, "take replies");
    if (!uow.who.is_contact()) record_first_response(uow, t);  // R1, before this reply is in the timeline
    part p = uow.post(t.id, kind, false, body);
    const sla_state clocks_before = t.sla;
    if (uow.who.is_contact()) sla::contact_wrote(t, uow.cfg, uow.now);  // S1: next response
    else sla::teammate_replied(t, uow.cfg, uow.now);
    record_sla_met(uow, t, clocks_before);
    uow.save(t);
    if (!uow.who.is_contact()) notify_contact(uow, t, notification_kind::reply, {{"body", body}});  // N3
    return p;
  }
  ticketcore::conversation& c = *r.c;
  part p = uow.post(c.id, kind, false, body);
  uow.save(c);
  if (!uow.who.is_contact()) notify_contact(uow, c, notification_kind::reply, {{"body", body}});
  return p;
}

ticket rate(unit_of_work& uow, const ticket_ref& ref, int score, const std::string& comment) {
  stored_ticket t = uow.load_ticket(ref);
  if (!uow.who.is_contact() || t.contact != uow.who.id)
    throw error(errc::forbidden, "only the ticket's own contact rates it (V4)");
  require_not_merged(uow, t, "be rated");
  if (t.state_category != state_category::resolved)
    throw error(errc::invalid_argument, "ticket " + ticket_name(t) + " can be rated once it is resolved");
  if (score < 1 || score > 5)
    throw error(errc::invalid_argument, "a rating is 1 to 5, got " + std::to_string(score));
  boost::json::value old = t.rating ? boost::json::value(t.rating->score) : nullptr;
  t.rating = rating{score, comment, uow.now};
  uow.save(t);
  uow.record(t.id, "rating", old, {{"score", score}, {"comment", comment}});
  uow.emit(event_kind::ticket_updated, t.id, t.number, {{"fields", boost::json::array{"rating"}}});
  return t;
}

}  // namespace detail

}  // namespace ticketcore
