// The directory as stored records (docs/directory.md), on SQLite: contact
// upserts, lookups by e-mail among N contacts, and a ticket created for a
// new contact in one call. Baselines, measured in the same run: a plain
// SQLite table of contacts as JSON with a unique e-mail index, written one
// row per transaction, read through one prepared statement; for the ticket,
// a contact row and a ticket row inserted in one transaction. Both sides
// at synchronous = NORMAL.
//
// Usage: directory [contacts=2000] [lookups=2000] [tickets=500] [dir=/tmp]
//        (contacts=1000000 for the figure docs/performance.md records)
#include "harness.hpp"
#include "typical_ticket.hpp"

#include <ticketcore/ticketcore.hpp>

#include <boost/json/serialize.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

namespace tc = ticketcore;

namespace {

void remove_file(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

tc::contact contact_of(std::size_t i) {
  tc::contact c;
  c.id = "customer-" + std::to_string(i);
  c.name = "Customer " + std::to_string(i);
  c.emails = {"customer" + std::to_string(i) + "@example.test"};
  c.locale = "en-GB";
  return c;
}

class raw_table {
 public:
  explicit raw_table(const std::string& path) {
    remove_file(path);
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    exec("CREATE TABLE contacts (id TEXT PRIMARY KEY, email TEXT UNIQUE, record TEXT NOT NULL)");
    exec("CREATE TABLE tickets (id TEXT PRIMARY KEY, record TEXT NOT NULL)");
    prepare("INSERT OR REPLACE INTO contacts (id, email, record) VALUES (?, ?, ?)", &upsert_);
    prepare("SELECT record FROM contacts WHERE email = ?", &by_email_);
    prepare("INSERT INTO tickets (id, record) VALUES (?, ?)", &ticket_);
  }
  ~raw_table() {
    for (sqlite3_stmt* s : {upsert_, by_email_, ticket_}) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  void exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
  }
  void upsert(const tc::contact& c) {
    const std::string record = boost::json::serialize(tc::to_json(c));
    sqlite3_bind_text(upsert_, 1, c.id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(upsert_, 2, c.emails.front().c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(upsert_, 3, record.c_str(), -1, SQLITE_TRANSIENT);
    step(upsert_);
  }
  bool find(const std::string& email) {
    sqlite3_bind_text(by_email_, 1, email.c_str(), -1, SQLITE_TRANSIENT);
    bool found = sqlite3_step(by_email_) == SQLITE_ROW;
    if (found) (void)sqlite3_column_text(by_email_, 0);
    sqlite3_reset(by_email_);
    return found;
  }
  void ticket(const tc::ticket& t) {
    const std::string id = tc::to_string(t.id), record = boost::json::serialize(tc::to_json(t));
    sqlite3_bind_text(ticket_, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ticket_, 2, record.c_str(), -1, SQLITE_TRANSIENT);
    step(ticket_);
  }

 private:
  void prepare(const char* sql, sqlite3_stmt** s) {
    if (sqlite3_prepare_v2(db_, sql, -1, s, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
  }
  void step(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    sqlite3_reset(s);
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* upsert_ = nullptr;
  sqlite3_stmt* by_email_ = nullptr;
  sqlite3_stmt* ticket_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
  const std::size_t contacts = argc > 1 ? std::stoul(argv[1]) : 2000;
  const std::size_t lookups = argc > 2 ? std::stoul(argv[2]) : 2000;
  const std::size_t tickets = argc > 3 ? std::stoul(argv[3]) : 500;
  const std::string dir = argc > 4 ? argv[4] : "/tmp";
  const std::string path = dir + "/bench-directory.desk", raw_path = dir + "/bench-directory-raw.db";
  remove_file(path);
  tc::sqlite_options so;
  so.durability = tc::durability::normal;
  tc::desk_options o;
  o.storage = tc::open_sqlite_store(path, so);
  tc::config cfg = tc::parse_config(std::string_view(bench::typical_configuration));
  cfg.unknown_senders = tc::config::unknown_contacts::accept;
  o.config = cfg;
  tc::desk desk(std::move(o));
  raw_table raw(raw_path);
  const auto tom = tc::actor::teammate("tom");

  double desk_s = bench::timed([&] {
    for (std::size_t i = 0; i < contacts; ++i) desk.upsert_contact(tom, contact_of(i));
  });
  double raw_s = bench::timed([&] {
    for (std::size_t i = 0; i < contacts; ++i) {
      raw.exec("BEGIN IMMEDIATE");
      raw.upsert(contact_of(i));
      raw.exec("COMMIT");
    }
  });
  bench::figure("contact_upsert_per_s", double(contacts) / desk_s, "ops/s", double(contacts) / raw_s);

  std::mt19937_64 random(17);
  std::vector<std::string> wanted;
  for (std::size_t i = 0; i < lookups; ++i)
    wanted.push_back("Customer" + std::to_string(random() % contacts) + "@Example.test");  // normalized by the desk
  desk_s = bench::timed([&] {
    for (const auto& e : wanted) (void)desk.contact_by_email(tom, e);
  });
  for (auto& e : wanted) e = tc::normalized_email(e);
  raw_s = bench::timed([&] {
    for (const auto& e : wanted)
      if (!raw.find(e)) throw std::runtime_error("missing " + e);
  });
  bench::figure("lookup_by_email_among_" + std::to_string(contacts) + "_per_s", double(lookups) / desk_s, "ops/s",
                double(lookups) / raw_s);

  desk_s = bench::timed([&] {
    for (std::size_t i = 0; i < tickets; ++i) {
      tc::new_ticket t = bench::typical_ticket(i);
      t.new_contact = contact_of(contacts + i);
      t.contact = t.new_contact->id;
      desk.create_ticket(tom, std::move(t));
    }
  });
  raw_s = bench::timed([&] {
    for (std::size_t i = 0; i < tickets; ++i) {
      raw.exec("BEGIN IMMEDIATE");
      tc::contact c = contact_of(contacts + tickets + i);
      raw.upsert(c);
      raw.ticket(bench::typical_record(i));
      raw.exec("COMMIT");
    }
  });
  bench::figure("ticket_for_new_contact_per_s", double(tickets) / desk_s, "ops/s", double(tickets) / raw_s);
  remove_file(path);
  remove_file(raw_path);
}
