// Every operation of the Desk, declared once (U1): its name and the actor
// kinds that may run it. The Desk checks this table at the entry of every
// call, the C ABI's command table (so tc_desk_execute, the typed C functions
// and Python) is built from it, and hosts may ask it too. An operation's
// arguments and result are meant to join its row later.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/actor.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ticketcore {

// A set of actor kinds.
class TICKETCORE_API actor_set {
 public:
  constexpr actor_set() = default;
  constexpr explicit actor_set(actor_kind k) noexcept : bits_(bit(k)) {}
  constexpr actor_set operator|(actor_set other) const noexcept { return actor_set(bits_ | other.bits_); }
  constexpr bool contains(actor_kind k) const noexcept { return (bits_ & bit(k)) != 0; }
  friend constexpr bool operator==(actor_set, actor_set) = default;

 private:
  constexpr explicit actor_set(std::uint8_t bits) noexcept : bits_(bits) {}
  static constexpr std::uint8_t bit(actor_kind k) noexcept {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(k));
  }
  std::uint8_t bits_ = 0;
};

// Who runs what. `host` operations run the desk itself: the C++ calls take
// no actor and run as the system; they are never open to contacts (U1).
namespace may_run_as {
inline constexpr actor_set contact{actor_kind::contact};
inline constexpr actor_set host{actor_kind::system};
inline constexpr actor_set staff = actor_set(actor_kind::teammate) | actor_set(actor_kind::automation) | host;
inline constexpr actor_set anyone = staff | contact;
}  // namespace may_run_as

// X(name, who): one row per operation, `who` one of may_run_as. Finer
// checks stay with the operation: a contact replies only in their own
// ticket (V4), sees only what the projection shows (V1-V3).
#define TICKETCORE_OPERATIONS(X)       \
  X(configure, host)                   \
  X(configuration, host)               \
  X(create_conversation, anyone)       \
  X(convert_conversation, staff)       \
  X(create_ticket, anyone)             \
  X(create_linked_ticket, staff)       \
  X(link_tracker_by_title, staff)      \
  X(set_state, staff)                  \
  X(update_ticket, staff)              \
  X(merge, staff)                      \
  X(rate, contact)                     \
  X(reply, anyone)                     \
  X(add_note, staff)                   \
  X(add_link, staff)                   \
  X(add_external_link, staff)          \
  X(remove_link, staff)                \
  X(links, anyone)                     \
  X(ticket, anyone)                    \
  X(conversation, anyone)              \
  X(inbox, anyone)                     \
  X(history, staff)                    \
  X(outbox, host)                      \
  X(dispatch_notifications, host)      \
  X(check, host)                       \
  X(find_tickets, anyone)              \
  X(count_tickets, anyone)             \
  X(views, staff)                      \
  X(save_view, staff)                  \
  X(remove_view, staff)                \
  X(bulk_update, staff)                \
  X(import_tickets, staff)             \
  X(report, staff)                     \
  X(send_form, staff)                  \
  X(submit_form, contact)              \
  X(tick, host)                        \
  X(next_due, host)                    \
  X(apply_sla_policies, staff)         \
  X(version, anyone)

enum class op : std::uint8_t {
#define TICKETCORE_OP_ENUMERATOR(name, who) name,
  TICKETCORE_OPERATIONS(TICKETCORE_OP_ENUMERATOR)
#undef TICKETCORE_OP_ENUMERATOR
};

struct TICKETCORE_API op_declaration {
  ticketcore::op op;
  std::string_view name;
  actor_set who;
};

// Every operation, in the order of the list above (op's values).
inline constexpr std::array operations{
#define TICKETCORE_OP_DECLARATION(name, who) op_declaration{op::name, #name, may_run_as::who},
    TICKETCORE_OPERATIONS(TICKETCORE_OP_DECLARATION)
#undef TICKETCORE_OP_DECLARATION
};

constexpr const op_declaration& declaration_of(op o) noexcept { return operations[static_cast<std::size_t>(o)]; }
constexpr std::string_view to_string(op o) noexcept { return declaration_of(o).name; }
constexpr bool may_run(op o, actor_kind k) noexcept { return declaration_of(o).who.contains(k); }

constexpr std::optional<op> parse_op(std::string_view name) noexcept {
  for (const op_declaration& d : operations)
    if (d.name == name) return d.op;
  return std::nullopt;
}

// U1: throws error(forbidden), e.g. "contacts may not run configure (U1)",
// unless actors of kind `k` may run `o`.
TICKETCORE_API void check_may_run(op o, actor_kind k);

}  // namespace ticketcore
