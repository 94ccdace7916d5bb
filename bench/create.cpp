// Ticket creation through the Desk, one operation per transaction, in
// memory and on SQLite (durable setting), and a bulk import into SQLite.
// Baselines, measured in the same run: the same ticket records inserted
// into a std::unordered_map, and into a plain SQLite table through one
// prepared statement, one transaction per row (creation) or per batch
// (import), in the same durability mode.
//
// Usage: create [memory=200000] [sqlite=2000] [import=1000000] [dir=/tmp]
#include "harness.hpp"
#include "typical_ticket.hpp"

#include <ticketcore/ticketcore.hpp>

#include <boost/container_hash/hash.hpp>
#include <boost/json/serialize.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace tc = ticketcore;

namespace {

std::unique_ptr<tc::desk> open_desk(std::shared_ptr<tc::storage> store) {
  tc::desk_options o;
  o.storage = std::move(store);
  o.config = tc::parse_config(std::string_view(bench::typical_configuration));
  return std::make_unique<tc::desk>(std::move(o));
}

// A plain SQLite table holding each record as JSON, keyed like the desk's.
class raw_table {
 public:
  raw_table(const std::string& path, bool full) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    exec("PRAGMA journal_mode = WAL");
    exec(full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    exec("CREATE TABLE tickets (id TEXT PRIMARY KEY, number INTEGER UNIQUE NOT NULL, record TEXT NOT NULL)");
    sqlite3_prepare_v2(db_, "INSERT INTO tickets (id, number, record) VALUES (?, ?, ?)", -1, &insert_, nullptr);
  }
  ~raw_table() {
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }
  void exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
  }
  void insert(const tc::ticket& t) {
    const std::string id = tc::to_string(t.id), record = boost::json::serialize(tc::to_json(t));
    sqlite3_bind_text(insert_, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert_, 2, t.number);
    sqlite3_bind_text(insert_, 3, record.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(insert_) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    sqlite3_reset(insert_);
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
};

void remove_desk_file(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

void creation_in_memory(std::size_t n) {
  auto desk = open_desk(tc::make_memory_store());
  const auto tom = tc::actor::teammate("tom");
  std::vector<tc::new_ticket> input;
  for (std::size_t i = 0; i < n; ++i) input.push_back(bench::typical_ticket(i));
  double desk_s = bench::timed([&] {
    for (auto& t : input) desk->create_ticket(tom, std::move(t));
  });
  std::vector<tc::ticket> records;
  for (std::size_t i = 0; i < n; ++i) records.push_back(bench::typical_record(i));
  std::unordered_map<tc::uuid, tc::ticket, boost::hash<tc::uuid>> raw;
  double raw_s = bench::timed([&] {
    for (auto& t : records) raw.emplace(t.id, std::move(t));
  });
  bench::figure("create_memory_per_s", double(n) / desk_s, "ops/s", double(n) / raw_s);
}

void creation_on_sqlite(std::size_t n, const std::string& dir) {
  const std::string path = dir + "/bench-create.desk", raw_path = dir + "/bench-create-raw.db";
  remove_desk_file(path);
  auto desk = open_desk(tc::open_sqlite_store(path));  // durability::full, the default
  const auto tom = tc::actor::teammate("tom");
  double desk_s = bench::timed([&] {
    for (std::size_t i = 0; i < n; ++i) desk->create_ticket(tom, bench::typical_ticket(i));
  });
  raw_table raw(raw_path, true);
  std::vector<tc::ticket> records;
  for (std::size_t i = 0; i < n; ++i) records.push_back(bench::typical_record(i));
  double raw_s = bench::timed([&] {
    for (const auto& t : records) {
      raw.exec("BEGIN IMMEDIATE");
      raw.insert(t);
      raw.exec("COMMIT");
    }
  });
  bench::figure("create_sqlite_full_per_s", double(n) / desk_s, "ops/s", double(n) / raw_s);
  desk.reset();
  remove_desk_file(path);
  remove_desk_file(raw_path);
}

void import_on_sqlite(std::size_t n, const std::string& dir) {
  constexpr std::size_t batch = 10000;
  const std::string path = dir + "/bench-import.desk", raw_path = dir + "/bench-import-raw.db";
  remove_desk_file(path);
  auto desk = open_desk(tc::open_sqlite_store(path));
  const auto tom = tc::actor::teammate("tom");
  double desk_s = bench::timed([&] {
    for (std::size_t done = 0; done < n;) {
      std::vector<tc::new_ticket> tickets;
      for (std::size_t i = 0; i < batch && done < n; ++i, ++done) tickets.push_back(bench::typical_ticket(done));
      desk->import_tickets(tom, std::move(tickets));
    }
  });
  raw_table raw(raw_path, true);
  double raw_s = bench::timed([&] {
    for (std::size_t done = 0; done < n;) {
      raw.exec("BEGIN IMMEDIATE");
      for (std::size_t i = 0; i < batch && done < n; ++i, ++done) raw.insert(bench::typical_record(done));
      raw.exec("COMMIT");
    }
  });
  bench::figure("import_sqlite_" + std::to_string(n) + "_per_s", double(n) / desk_s, "tickets/s", double(n) / raw_s);
  desk.reset();
  remove_desk_file(path);
  remove_desk_file(raw_path);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t memory = argc > 1 ? std::stoul(argv[1]) : 200000;
  std::size_t sqlite = argc > 2 ? std::stoul(argv[2]) : 2000;
  std::size_t import = argc > 3 ? std::stoul(argv[3]) : 1000000;
  std::string dir = argc > 4 ? argv[4] : "/tmp";
  creation_in_memory(memory);
  creation_on_sqlite(sqlite, dir);
  import_on_sqlite(import, dir);
}
