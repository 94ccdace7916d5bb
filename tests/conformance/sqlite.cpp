// The storage contract against the SQLite store, on its durable default
// settings, each case on a fresh desk file that lives as long as the store.
#define BOOST_TEST_MODULE storage_conformance_sqlite
#include <boost/test/unit_test.hpp>

#include "storage_conformance.hpp"

#include <ticketcore/sqlite_store.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

std::shared_ptr<ticketcore::storage> conformance::make_store() {
  static std::atomic<int> counter{0};
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("ticketcore-conformance-" + std::to_string(::getpid()) + "-" +
                             std::to_string(counter++) + ".desk"))
                               .string();
  auto store = ticketcore::open_sqlite_store(path);
  return std::shared_ptr<ticketcore::storage>(store.get(), [store, path](ticketcore::storage*) mutable {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  });
}
