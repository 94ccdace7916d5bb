// Who performs an operation (V5). Every Desk call takes one.
#pragma once

#include <ticketcore/export.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ticketcore {

enum class actor_kind { teammate, contact, automation, system };
BOOST_DESCRIBE_ENUM(actor_kind, teammate, contact, automation, system)

// A teammate or contact id from the directory, a rule id for automation,
// or empty for the system. Contacts see through the customer projection.
struct TICKETCORE_API actor {
  actor_kind kind = actor_kind::system;
  std::string id;

  static actor teammate(std::string id) { return {actor_kind::teammate, std::move(id)}; }
  static actor contact(std::string id) { return {actor_kind::contact, std::move(id)}; }
  static actor automation(std::string rule) { return {actor_kind::automation, std::move(rule)}; }
  static actor system() { return {actor_kind::system, {}}; }

  bool is_contact() const noexcept { return kind == actor_kind::contact; }

  friend bool operator==(const actor&, const actor&) = default;
};
BOOST_DESCRIBE_STRUCT(actor, (), (kind, id))

TICKETCORE_API const char* to_string(actor_kind k) noexcept;
TICKETCORE_API std::optional<actor_kind> parse_actor_kind(std::string_view text) noexcept;

}  // namespace ticketcore
