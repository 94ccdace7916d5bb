// What the C adapter (storage_transaction.cpp, generated) is made of: the
// copied table, one to_c overload per argument type, one reader per result
// type, and the transaction's hand-written part (commit, rollback, damaged
// rows, fallbacks). Written once per type: a new method of an existing type
// needs nothing here.
#pragma once

#include <ticketcore/sys/storage.h>

#include <ticketcore/error.hpp>
#include <ticketcore/storage.hpp>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace capi {

namespace tc = ticketcore;

// The copied table; destroy() runs when the store and its last
// transaction are gone.
struct table {
  tc_storage_methods m{};
  table() = default;
  table(const table&) = delete;
  table& operator=(const table&) = delete;
  ~table() {
    if (m.destroy) m.destroy(m.ctx);
  }
};

// A buffer the backend allocated with tc_alloc().
struct owned_text {
  char* text = nullptr;
  owned_text() = default;
  owned_text(const owned_text&) = delete;
  owned_text& operator=(const owned_text&) = delete;
  ~owned_text() { std::free(text); }
};

// Throws what a backend's failure `status` means, with its message `why`.
[[noreturn]] void fail(const char* method, int status, const std::string& why);
// What a backend reported with tc_storage_error during `c` (a callback scope).
std::string reported_during(const std::function<void()>& c);

// Calls one backend method; a failure throws with the backend's message.
template <class Call>
void call(const char* method, Call&& c) {
  int status = TC_OK;
  std::string why = reported_during([&] { status = c(); });
  if (status != TC_OK) fail(method, status, why);
}

// ---- Arguments: C values that live as long as the call ----

struct c_text {
  std::string text;
  const char* get() const { return text.c_str(); }
};

struct c_maybe_text {  // NULL when absent
  std::optional<std::string> text;
  const char* get() const { return text ? text->c_str() : nullptr; }
};

template <class T>
struct c_value {
  T value;
  T get() const { return value; }
};

c_text to_c(const tc::uuid& id);
c_text to_c(const std::string& s);
c_text to_c(tc::sequence s);
c_text to_c(tc::link_kind k);
c_text to_c(tc::endpoint_kind k);
c_maybe_text to_c(std::optional<tc::link_kind> k);
c_text to_c(tc::time_point t);
inline c_value<std::int64_t> to_c(std::int64_t n) { return {n}; }
template <class T>
  requires std::is_unsigned_v<T>
c_value<std::uint64_t> to_c(T n) {
  return {static_cast<std::uint64_t>(n)};
}
// Records as their JSON form (docs/c-api.md, "JSON forms"); a ticket as its
// stored form and a part with their keys, in the forms of the table's
// version (docs/storage.md, "Stored forms and keys").
c_text to_c(const tc::stored_ticket& r, const tc::ticket_keys& keys, std::uint32_t version);
c_text to_c(const tc::part& r, const tc::part_keys& keys, std::uint32_t version);
c_text to_c(const tc::conversation& r);
c_text to_c(const tc::link& r);
c_text to_c(const tc::history_entry& r);
c_text to_c(const tc::notification& r);
c_text to_c(const tc::saved_view& r);
c_text to_c(const tc::report_checkpoint& r);  // {"key", "at", "data"}
c_text to_c(const tc::stored_entry& r);        // {"kind", "id", "version", "record"}
c_text to_c(const std::vector<tc::entry_key>& keys);  // [{"name", "value", "unique"}]
// Filters as the JSON objects of <ticketcore/sys/storage_methods.h>.
c_text to_c(const tc::ticket_filter& f);
c_text to_c(const tc::conversation_filter& f);
c_text to_c(const tc::outbox_filter& f);
c_text to_c(const tc::ticket_query& q, std::uint32_t version);  // with "words" from version 5
c_text to_c(const tc::history_scan& s);
c_text to_c(const tc::entry_filter& f);
// A query cursor, in the form of its order's key; NULL for the first page.
c_maybe_text to_c(const std::optional<tc::ticket_position>& after, tc::ticket_order order);

// Hands a history visitor to a backend: step() runs inside the backend's
// call, where nothing may be thrown through C frames, so a failure is kept
// and thrown once the call returns.
class visit_bridge {
 public:
  explicit visit_bridge(const std::function<bool(const tc::history_entry&)>& visit) : visit_(visit) {}
  tc_storage_visit thunk() const { return &visit_bridge::step; }
  template <class Call>
  void run(Call&& c) {
    try {
      c();
    } catch (...) {
      if (!failure_) throw;
    }
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  static int step(void* arg, const char* entry);
  const std::function<bool(const tc::history_entry&)>& visit_;
  std::exception_ptr failure_;
};

// ---- Results ----

template <class Record>
Record read_as(const boost::json::value& v);  // defined for every record type and std::string

// The record a get method returned for `name` ("ticket <id>"); one that
// cannot be read fails naming it (U3).
template <class Record>
std::optional<Record> optional_record(const char* method, const owned_text& out, const std::string& name);
// A list the backend returned; anything unreadable fails the call.
template <class Record>
std::vector<Record> records(const char* method, const owned_text& out);

// ---- The transaction's hand-written part ----

class c_transaction_base : public tc::transaction {
 public:
  c_transaction_base(std::shared_ptr<const table> t, void* txn) : t_(std::move(t)), m_(t_->m), txn_(txn) {}
  ~c_transaction_base() override { rollback(); }

  void commit() override;
  void rollback() override;
  std::vector<tc::damaged_record> take_damaged() override { return std::exchange(damaged_, {}); }

 protected:
  // A listing: an item the library cannot read is left out and noted for
  // take_damaged (U3), named by the "id" and "number" it holds, if any.
  // A result that is no JSON array is the backend's failure.
  template <class Record>
  std::vector<Record> listed(const char* method, const owned_text& out, const char* kind);
  // More rows than asked for (with those left out as damaged) is the backend's failure.
  void at_most(const char* method, std::size_t rows, std::size_t limit) const;
  // next_counter on a table without it: the sequence "counter:<name>".
  std::int64_t counter_by_number(const std::string& name);
  // An optional method the backend left NULL: what needs it is not supported.
  [[noreturn]] static void missing(const char* method, const char* needed_by);

  std::shared_ptr<const table> t_;  // keeps ctx alive while this transaction is
  const tc_storage_methods& m_;
  void* txn_;
  bool open_ = true;
  std::vector<tc::damaged_record> damaged_;  // noted by listings since take_damaged
};

// ---- Generated (storage_transaction.cpp) ----

std::unique_ptr<tc::transaction> make_c_transaction(std::shared_ptr<const table> t, void* txn);
// Throws invalid_argument naming the first required method that is NULL.
void require_methods(const tc_storage_methods& m);
// The bytes a table of `version` has: a host built against an older header
// passes (or asks tc_storage_methods_init to zero) a shorter struct.
std::size_t methods_size(std::uint32_t version);
void require(bool present, const char* name);

}  // namespace capi

// ---- Template definitions ----

namespace capi {

// What `out` holds, parsed; invalid JSON is the backend's failure.
boost::json::value parse_result(const char* method, const char* text);
// Reads a record with `read`; a shape the library cannot read is the backend's failure.
[[noreturn]] void unreadable(const char* method, const tc::error& e);
// The array a listing returned, or the backend's failure.
const boost::json::array& array_of(const char* method, const boost::json::value& v);
// Notes an item of a listing the library cannot read (U3).
tc::damaged_record damaged_item(const char* method, const char* kind, const boost::json::value& item,
                                const tc::error& e);
[[noreturn]] void damaged(const std::string& name, const tc::error& e);

template <class Record>
Record read_record(const char* method, const boost::json::value& v) {
  try {
    return read_as<Record>(v);
  } catch (const tc::error& e) {
    unreadable(method, e);
  }
}

template <class Record>
std::optional<Record> optional_record(const char* method, const owned_text& out, const std::string& name) {
  if (!out.text) return std::nullopt;
  try {
    return read_record<Record>(method, parse_result(method, out.text));
  } catch (const tc::error& e) {
    damaged(name, e);
  }
}

template <class Record>
std::vector<Record> records(const char* method, const owned_text& out) {
  if (!out.text) return {};
  boost::json::value v = parse_result(method, out.text);
  std::vector<Record> result;
  for (const auto& item : array_of(method, v)) result.push_back(read_record<Record>(method, item));
  return result;
}

template <class Record>
std::vector<Record> c_transaction_base::listed(const char* method, const owned_text& out, const char* kind) {
  if (!out.text) return {};
  boost::json::value v = parse_result(method, out.text);
  std::vector<Record> result;
  for (const auto& item : array_of(method, v)) {
    try {
      result.push_back(read_as<Record>(item));
    } catch (const tc::error& e) {
      damaged_.push_back(damaged_item(method, kind, item, e));
    }
  }
  return result;
}

}  // namespace capi
