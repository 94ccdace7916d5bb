// The large desk files the SQLite benchmarks read, built once and kept:
// tickets written through the storage contract in transactions of 50,000
// (creation through the Desk, one operation per transaction, is what
// bench/create measures).
#pragma once

#include <ticketcore/ticketcore.hpp>

#include <cstddef>
#include <filesystem>
#include <string>

namespace bench {

// The keys the library hands a store with a ticket, priorities ranked as
// the default configuration ranks them.
inline ticketcore::ticket_keys keys_of(const ticketcore::stored_ticket& k) {
  static const ticketcore::config defaults;
  return ticketcore::keys_of(k, defaults);
}

// Builds `path` unless it exists: n tickets, each given its id, number,
// type "question" and version 1, then handed to `write(transaction, ticket,
// index)`, which fills in the rest and inserts it (with any history). The
// file appears under its name only once complete.
template <class Write>
void build_desk_file(const std::string& path, std::size_t n, Write write) {
  namespace tc = ticketcore;
  if (std::filesystem::exists(path)) return;
  tc::sqlite_options o;
  o.durability = tc::durability::normal;  // a build of large commits need not wait for the disk
  auto store = tc::open_sqlite_store(path + ".partial", o);
  for (std::size_t done = 0; done < n;) {
    auto t = store->begin(tc::access::write);
    for (std::size_t i = 0; i < 50000 && done < n; ++i, ++done) {
      tc::stored_ticket k;
      k.id = tc::new_id();
      k.number = t->next_number(tc::sequence::ticket);
      k.type = "question";
      k.version = 1;
      write(*t, k, done);
    }
    t->commit();
  }
  store.reset();
  std::filesystem::rename(path + ".partial", path);
}

}  // namespace bench
