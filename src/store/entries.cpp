#include "store/entries.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

void check_entry_write(const stored_entry& e, std::optional<std::uint64_t> stored_version) {
  if (e.kind.empty() || e.id.empty())
    throw error(errc::invalid_argument, "an entry needs a kind and an id (kind '" + e.kind + "', id '" + e.id + "')");
  const std::string name = e.kind + " " + e.id;
  if (e.version == 0) throw error(errc::invalid_argument, name + " has version 0; versions start at 1");
  if (e.version == 1) {
    if (stored_version) throw error(errc::conflict, name + " exists (at version " + std::to_string(*stored_version) +
                                                        "), the write expected none");
    return;
  }
  if (!stored_version) throw error(errc::not_found, name + " does not exist");
  if (*stored_version + 1 != e.version)
    throw error(errc::conflict, name + " is at version " + std::to_string(*stored_version) +
                                    ", the write expected " + std::to_string(e.version - 1));
}

void fail_key_taken(const std::string& kind, const entry_key& key) {
  throw error(errc::conflict, "a " + kind + " already has " + key.name + " " + key.value);
}

void check_entry_filter(const entry_filter& f) {
  if (f.kind.empty()) throw error(errc::invalid_argument, "an entry filter needs a kind");
  if (f.key_name.has_value() != f.key_value.has_value())
    throw error(errc::invalid_argument, "an entry filter names a key by key_name and key_value together");
}

}  // namespace ticketcore::detail
