// Records by kind in memory (storage.hpp, get_entry, put_entry,
// find_entries): the entries by (kind, id), their keys by (kind, name,
// value, id), and the unique keys by (kind, name, value). std::string
// compares as bytes, so every map is in the byte order the contract asks
// for. A write records its undo in the transaction's log.
#pragma once

#include "store/undo_log.hpp"

#include <ticketcore/storage_types.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace ticketcore::detail {

class memory_entries {
 public:
  std::optional<stored_entry> get(const std::string& kind, const std::string& id) const;
  void put(stored_entry e, std::vector<entry_key> keys, undo_log& undo);
  std::vector<stored_entry> find(const entry_filter& f) const;

 private:
  struct row {
    stored_entry entry;
    std::vector<entry_key> keys;
  };
  using where = std::pair<std::string, std::string>;                                   // kind, id
  using key_row = std::tuple<std::string, std::string, std::string, std::string>;      // kind, name, value, id
  using unique_key = std::tuple<std::string, std::string, std::string>;                // kind, name, value

  void index(const row& r, bool add);

  std::map<where, row> rows_;
  std::set<key_row> keys_;
  std::map<unique_key, std::string> unique_;  // -> the id holding it
};

}  // namespace ticketcore::detail
