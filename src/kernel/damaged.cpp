#include "kernel/damaged.hpp"

#include <ticketcore/error.hpp>

#include <cstdint>
#include <limits>

namespace ticketcore::detail {

void refuse_damaged(transaction& tx) {
  auto damaged = tx.take_damaged();
  if (damaged.empty()) return;
  std::string names;
  for (const auto& d : damaged) names += (names.empty() ? "" : "; ") + describe(d);
  throw error(errc::storage, "the store holds damaged records this operation needs: " + names +
                                 " (desk::check() lists every damaged record)");
}

std::optional<uuid> damaged_id(const damaged_record& d) {
  try {
    return parse_id(d.id, "id");
  } catch (const error&) {
    return std::nullopt;
  }
}

inbox_item damaged_item(const damaged_record& d, endpoint_kind kind) {
  inbox_item i;
  i.kind = kind;
  i.id = damaged_id(d).value_or(uuid{});
  i.number = d.number;
  i.damaged = d.problem;
  return i;
}

// Walks every record through the storage interface in one read
// transaction: tickets and conversations page by id (a damaged row is
// noted by the listing and its id carries the cursor on), then each one's
// parts, history and links, which fail as a whole when one is damaged.
std::vector<damaged_record> find_damaged(transaction& tx) {
  std::vector<damaged_record> out;
  auto guarded = [&](const std::string& kind, const std::string& id, std::int64_t number, auto&& read) {
    try {
      read();
    } catch (const error& e) {
      if (e.kind() == errc::not_supported) return;  // an optional capability the backend lacks holds nothing
      if (e.kind() != errc::storage) throw;
      out.push_back({kind, id, number, e.what()});
    }
  };
  auto walk_owned = [&](const uuid& id, std::int64_t number, const char* kind) {
    const std::string name = to_string(id);
    guarded(std::string("parts of ") + kind, name, number, [&] { tx.parts_of(id); });
    guarded(std::string("history of ") + kind, name, number, [&] { tx.history_of(id); });
    guarded(std::string("links of ") + kind, name, number, [&] { tx.links_of(id); });
  };
  // Pages newest first; `list` returns the readable rows and the store notes the rest.
  auto walk = [&](auto&& list, auto&& id_of, const char* kind) {
    std::optional<uuid> before;
    constexpr std::size_t batch = 500;
    for (;;) {
      auto rows = list(before, batch);
      auto damaged = tx.take_damaged();
      std::optional<uuid> last;
      auto lower = [&](const uuid& id) {
        if (!last || id < *last) last = id;
      };
      for (const auto& r : rows) {
        lower(id_of(r));
        walk_owned(id_of(r), r.number, kind);
      }
      for (auto& d : damaged) {
        if (auto id = detail::damaged_id(d)) lower(*id);
        out.push_back(std::move(d));
      }
      if (rows.size() + damaged.size() < batch || !last || (before && !(*last < *before))) break;
      before = last;
    }
  };
  walk([&](std::optional<uuid> before, std::size_t n) {
    ticket_filter f;
    f.before = before;
    f.limit = n;
    return tx.find_tickets(f);
  }, [](const ticketcore::ticket& t) { return t.id; }, "ticket");
  walk([&](std::optional<uuid> before, std::size_t n) {
    conversation_filter f;
    f.before = before;
    f.limit = n;
    return tx.find_conversations(f);
  }, [](const ticketcore::conversation& c) { return c.id; }, "conversation");
  guarded("saved views", "", 0, [&] { tx.list_views(); });
  outbox_filter everything;
  everything.limit = std::numeric_limits<std::int64_t>::max();
  guarded("outbox", "", 0, [&] { tx.list_notifications(everything); });
  for (auto& problem : tx.integrity_problems()) out.push_back({"file", "", 0, std::move(problem)});
  return out;
}

}  // namespace ticketcore::detail
