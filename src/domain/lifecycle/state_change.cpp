#include "domain/lifecycle/state_change.hpp"

#include "domain/links/merged.hpp"
#include "domain/report/facts.hpp"
#include "domain/notify/outbox.hpp"
#include "domain/sla/engine.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

const lifecycle& lifecycle_of(const unit_of_work& uow, const ticketcore::ticket& t) {
  const ticket_type* type = uow.cfg.find_type(t.type);
  if (!type) throw error(errc::internal, "ticket " + ticket_name(t) + " has unknown type '" + t.type + "'");
  return uow.cfg.lifecycle_of(*type);
}

namespace {

// P3: an internal event in every linked conversation and customer ticket.
void propagate_back_office(unit_of_work& uow, const ticket& t, const state& target) {
  std::string body = "Back-office ticket " + ticket_name(t) + " \"" + t.title + "\" is now " + target.label;
  for (const link& l : uow.tx.links_of(t.id, link_kind::back_office)) {
    const uuid& other = l.other(t.id);
    uow.post(other, part_kind::event, true, body, t.id, {{"back_office_state", target.key}});
    if (l.other_kind(t.id) == endpoint_kind::conversation) {
      if (auto c = uow.find_conversation(other)) uow.save(*c);
    } else if (auto linked = uow.find_ticket(other)) {
      uow.save(*linked);
    }
  }
}

// P5: linked customer tickets follow the tracker, one notification per
// contact; every linked conversation gets an admin message the contact sees.
void propagate_tracker(unit_of_work& uow, const ticket& tracker, const state& target) {
  const ticket_type* type = uow.cfg.find_type(tracker.type);
  state_category wanted = target.category;
  if (auto it = type->propagation.find(target.key); it != type->propagation.end()) wanted = it->second;

  // The admin message speaks in the default customer stages, never in
  // internal state names or the tracker's title (L4).
  static constexpr int stage_of_category[] = {1, 2, 3, 2, 4};  // on_hold shows as in progress
  std::string message = "Update on the issue you reported: " +
                        default_customer_lifecycle().stage_label(stage_of_category[static_cast<int>(wanted)]);

  std::set<std::string> notified;
  for (const link& l : uow.tx.links_of(tracker.id, link_kind::tracker)) {
    const uuid& other = l.other(tracker.id);
    if (l.other_kind(tracker.id) == endpoint_kind::conversation) {
      if (auto c = uow.find_conversation(other)) {
        uow.post(c->id, part_kind::admin_message, false, message, tracker.id);
        uow.save(*c);
      }
      continue;
    }
    auto linked = uow.find_ticket(other);
    if (!linked || linked->category != category::customer) continue;
    const lifecycle& l2 = lifecycle_of(uow, *linked);
    const state* next = l2.first_of(wanted);
    if (!next || next->key == linked->state) continue;  // no such state, or already there
    if (!l2.allows(linked->state, next->key))
      throw error(errc::invalid_transition, "tracker " + ticket_name(tracker) + " cannot move linked ticket " +
                                                ticket_name(*linked) + ": lifecycle '" + l2.id + "' does not allow " +
                                                linked->state + " -> " + next->key + "; nothing was changed");
    change_state(uow, *linked, *next, tracker.id, &notified);
  }
}

}  // namespace

void change_state(unit_of_work& uow, stored_ticket& t, const state& target, std::optional<uuid> cause,
                  std::set<std::string>* notified, const state* was) {
  const lifecycle& l = lifecycle_of(uow, t);
  const state* from = was ? was : l.find(t.state);
  std::string old = std::exchange(t.state, target.key);
  state_category old_category = std::exchange(t.state_category, target.category);
  const sla_state clocks_before = t.sla;
  sla::state_changed(t, uow.cfg, old_category, uow.now);  // S1: pause, resume, meet, reopen
  uow.save(t);
  uow.record(t.id, "state", boost::json::string(old), boost::json::string(target.key), cause);
  record_resolution(uow, t, old_category);  // R1
  record_sla_met(uow, t, clocks_before);
  if (uow.collect_events)  // the detail is built only for someone who listens: a fan-out makes one per ticket
    uow.emit(event_kind::state_changed, t.id, t.number,
             {{"from", old}, {"to", target.key}, {"category", to_string(target.category)}});
  switch (t.category) {
    case category::customer:
      if (!from || from->stage != target.stage) {
        const std::string& label = l.stage_label(target.stage);
        uow.post(t.id, part_kind::event, false, "Status changed to " + label);
        if (!notified || notified->insert(t.contact).second)  // N2
          notify_contact(uow, t,
                         target.category == state_category::resolved ? notification_kind::ticket_resolved
                                                                      : notification_kind::status_changed);
      }
      break;
    case category::back_office:
      propagate_back_office(uow, t, target);
      break;
    case category::tracker:
      propagate_tracker(uow, t, target);
      break;
  }
}

ticket set_state(unit_of_work& uow, const ticket_ref& ref, const std::string& key,
                 std::optional<std::uint64_t> expected_version) {
  stored_ticket t = uow.load_ticket(ref, expected_version);
  require_not_merged(uow, t, "change state");
  const lifecycle& l = lifecycle_of(uow, t);
  const state* target = l.find(key);
  if (!target) {
    std::string known;
    for (const auto& s : l.states) known += (known.empty() ? "" : ", ") + s.key;
    throw error(errc::invalid_argument,
                "state '" + key + "' is not in lifecycle '" + l.id + "' (states: " + known + ")");
  }
  if (t.state != key) {
    if (!l.allows(t.state, key))
      throw error(errc::invalid_transition, "lifecycle '" + l.id + "' does not allow " + t.state + " -> " + key +
                                                " for ticket " + ticket_name(t));
    change_state(uow, t, *target, std::nullopt);
  }
  return t;
}

}  // namespace ticketcore::detail
