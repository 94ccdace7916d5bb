// The SQLite storage adapter: a desk in one file, the embedded default.
#pragma once

#include <ticketcore/export.hpp>
#include <ticketcore/storage.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace ticketcore {

// How durable a commit is (PRAGMA synchronous), see docs/storage.md.
enum class durability {
  full,    // a committed operation survives power loss (the default)
  normal,  // survives a crash of the process; the last commits may be lost on power loss
};

struct TICKETCORE_API sqlite_options {
  // How durable each commit is.
  ticketcore::durability durability = durability::full;
  // The page cache of each connection, in KiB.
  int cache_kib = 16 * 1024;
  // How long a write waits for another process holding the file's write lock.
  std::chrono::milliseconds busy_timeout{5000};
  // A cap on the file's size in bytes (0: none). A write that would pass it
  // fails with error(storage), as a full disk does, and changes nothing.
  std::uint64_t max_file_bytes = 0;
};

// Opens (creating if needed) the desk file at `path`, migrating its schema
// to the current version. Nothing is loaded into memory at open: every read
// is served from the file through its indexes. Thread-safe; several
// processes may share the file, and conflicting writes fail with
// error(conflict) rather than overwrite each other (X1).
// Throws error(storage) naming the path when the file cannot be opened, is
// not a desk file, or comes from a newer version of ticketcore.
TICKETCORE_API std::shared_ptr<storage> open_sqlite_store(const std::string& path, const sqlite_options& options = {});

}  // namespace ticketcore
