#include <ticketcore/error.hpp>
#include <ticketcore/storage.hpp>

#include <algorithm>

namespace ticketcore {

std::string describe(const damaged_record& d) {
  std::string out = d.kind;
  if (!d.id.empty()) out += " " + d.id;
  if (d.number > 0) out += " (#" + std::to_string(d.number) + ")";
  return out + ": " + d.problem;
}

std::vector<damaged_record> transaction::take_damaged() { return {}; }

std::vector<std::string> transaction::integrity_problems() { return {}; }

std::size_t transaction::count_links(const uuid& end, link_kind kind, endpoint_kind other) {
  std::size_t n = 0;
  for (const auto& l : links_of(end, kind))
    if (l.other_kind(end) == other) ++n;
  return n;
}

std::int64_t transaction::next_counter(const std::string& name) {
  throw error(errc::not_supported, "this storage backend keeps no named counters, so the counter '" + name +
                                       "' (a round-robin rule's turn) cannot be kept");
}

std::vector<ticket> transaction::due_tickets(time_point, std::size_t) {
  throw error(errc::not_supported,
              "this storage backend keeps no index of tickets by due time, so service-level and due-date events "
              "cannot be raised on it");
}

std::vector<ticket> transaction::query_tickets(const ticket_query&, const std::optional<ticket_position>&, std::size_t) {
  throw error(errc::not_supported, "this storage backend answers no ticket queries (Q1); use the in-memory or SQLite store");
}

std::size_t transaction::count_tickets(const ticket_query&) {
  throw error(errc::not_supported, "this storage backend counts no ticket queries (Q1); use the in-memory or SQLite store");
}

namespace {

[[noreturn]] void no_views() {
  throw error(errc::not_supported, "this storage backend keeps no saved views (Q1); use the in-memory or SQLite store");
}

}  // namespace

void transaction::put_view(const saved_view&) { no_views(); }
void transaction::remove_view(const std::string&) { no_views(); }
std::vector<saved_view> transaction::list_views() { no_views(); }

std::vector<history_entry> transaction::field_history(const uuid& subject, const std::string& field) {
  std::vector<history_entry> all = history_of(subject);
  all.erase(std::remove_if(all.begin(), all.end(), [&](const history_entry& h) { return h.field != field; }),
            all.end());
  return all;
}

void transaction::scan_history(const history_scan&, const std::function<bool(const history_entry&)>&) {
  throw error(errc::not_supported,
              "this storage backend reads no history by time, so reports (R1) cannot be made on it; use the "
              "in-memory or SQLite store");
}

namespace {

[[noreturn]] void no_checkpoints() {
  throw error(errc::not_supported,
              "this storage backend keeps no report checkpoints, so reports (R1) start from the first history entry");
}

}  // namespace

std::optional<report_checkpoint> transaction::latest_checkpoint(const std::string&, time_point) { no_checkpoints(); }
std::uint64_t transaction::history_mark() { no_checkpoints(); }
bool transaction::put_checkpoint(const report_checkpoint&, std::uint64_t) { no_checkpoints(); }

}  // namespace ticketcore
