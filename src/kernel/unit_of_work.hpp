// A unit of work: one storage transaction plus what the change owes after
// it commits (events). Every mutating Desk call builds one, does all its
// work through it - propagation included (P6) - and commits once.
#pragma once

#include "kernel/directory_reader.hpp"
#include "visibility/policy.hpp"

#include <ticketcore/actor.hpp>
#include <ticketcore/config.hpp>
#include <ticketcore/desk.hpp>
#include <ticketcore/events.hpp>
#include <ticketcore/storage.hpp>

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ticketcore::detail {

// What the floors above derive on a ticket before every write: automation
// its idle rules' deadline (A1), then the service level its next due time,
// which includes that deadline (S1, S2). The stores index both. The Desk
// registers them, so the kernel never includes the areas that own them.
struct kernel_hooks {
  using ticket_hook = void (*)(const config&, stored_ticket&);
  std::vector<ticket_hook> before_save;  // run in order
};

struct unit_of_work {
  transaction& tx;
  const config& cfg;
  const actor& who;
  time_point now;
  const kernel_hooks& hooks;
  bool collect_events = true;  // false when nobody subscribed: fan-outs skip building events
  std::vector<event> events;
  // The human numbers of the records this unit of work loaded or wrote, so
  // that an event naming one by id does not read it back from the store.
  std::map<uuid, std::int64_t> numbers;

  // Loads a ticket the actor may see; not_found otherwise (V3: the same
  // answer whether it is missing or hidden). With the Desk's bookkeeping,
  // which a host never gets: hand hosts its ticket part.
  stored_ticket load_ticket(const ticket_ref& ref);
  // The same, then expect_version.
  stored_ticket load_ticket(const ticket_ref& ref, std::optional<std::uint64_t> expected_version);
  conversation load_conversation(const conversation_ref& ref);
  // Reads a record the change reaches whoever the actor is (propagation:
  // P3, P4, P5), remembering its number for the events that name it.
  std::optional<stored_ticket> find_ticket(const uuid& id);
  std::optional<conversation> find_conversation(const uuid& id);
  // Throws conflict when `expected` is set and the record has moved on (X1).
  static void expect_version(const ticket& t, std::optional<std::uint64_t> expected);

  // Stores the new ticket `t` as version 1, with what the hooks derive and
  // the keys the store indexes (keys_of).
  void insert(stored_ticket& t);
  // Writes `t` as its next version, stamped now (X1); an update starts a new
  // quiet period for idle rules (A1).
  void save(stored_ticket& t);
  // Writes the Desk's own bookkeeping on `t` (events raised, idle rules run)
  // as its next version, keeping updated_at: that is no update to the ticket.
  void save_bookkeeping(stored_ticket& t);
  void save(conversation& c);
  void record(const uuid& subject, std::string field, boost::json::value old_value,
              boost::json::value new_value, std::optional<uuid> cause = {});
  // Appends a part to `owner`'s timeline, stamping id, time and the author
  // (the acting actor unless `author` is given), with its keys.
  part post(const uuid& owner, part_kind kind, bool internal, std::string body,
            std::optional<uuid> origin = {}, boost::json::object data = {}, const actor* author = nullptr);
  // Appends `p` as it is (a part a merge copies), with its keys; no event.
  void append_part(part p);
  // Queues an event for after the commit; a `number` of 0 is looked up.
  void emit(event_kind kind, const uuid& subject, std::int64_t number, boost::json::object detail = {});

  // The records this unit of work loaded or wrote, with what a part's keys
  // need of its owner: a ticket's contact as stored now, none for a
  // conversation.
  std::map<uuid, std::optional<std::string>> part_owners{};
  void remember(const ticket& t);
  void remember(const conversation& c);
  // The contact of the ticket `owner`, read if not known; none for a
  // conversation.
  const std::string* owner_contact(const uuid& owner);

  // Every lookup of a person in this unit of work (docs/directory.md).
  directory_reader directory{tx, cfg};
  // The visibility policy for the actor (V1-V5).
  visibility policy() { return visibility(cfg, who, directory); }
};

// Checks the actor names someone in the directory.
void check_actor(people& directory, const actor& who);

std::string ticket_name(const ticket& t);  // "#1042"
std::string describe(const ticket_ref& ref);

}  // namespace ticketcore::detail
