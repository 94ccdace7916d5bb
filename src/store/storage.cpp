// The defaults of the optional storage methods for which the library has
// its own answer; the others answer not_supported (transaction_defaults.cpp,
// generated from the one list of storage methods).
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

bool transaction::type_in_use(const std::string& type) {
  ticket_filter f;
  f.type = type;
  f.limit = 1;
  return !find_tickets(f).empty();
}

std::vector<history_entry> transaction::field_history(const uuid& subject, const std::string& field) {
  std::vector<history_entry> all = history_of(subject);
  all.erase(std::remove_if(all.begin(), all.end(), [&](const history_entry& h) { return h.field != field; }),
            all.end());
  return all;
}

}  // namespace ticketcore
