// The op table's check (U1): one message for every path into the Desk.
#include <ticketcore/error.hpp>
#include <ticketcore/operations.hpp>

#include <string>

namespace ticketcore {
namespace {

const char* plural(actor_kind k) noexcept {
  switch (k) {
    case actor_kind::teammate:
      return "teammates";
    case actor_kind::contact:
      return "contacts";
    case actor_kind::automation:
      return "automation rules";
    case actor_kind::system:
      return "the system";
  }
  return "unknown actors";
}

}  // namespace

void check_may_run(op o, actor_kind k) {
  if (!may_run(o, k))
    throw error(errc::forbidden, std::string(plural(k)) + " may not run " + std::string(to_string(o)) + " (U1)");
}

}  // namespace ticketcore
