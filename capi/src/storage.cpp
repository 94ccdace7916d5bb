// The C storage table behind ticketcore::storage: the hand-written half of
// the adapter (storage_marshal.hpp). Arguments become C values and JSON,
// results are read back into records, and failures become error(storage),
// error(conflict) or error(not_supported) with the backend's own text. The
// methods themselves are generated (storage_transaction.cpp).
#include "storage.hpp"

#include "callbacks.hpp"
#include "guard.hpp"
#include "model/json_numbers.hpp"
#include "model/record_shapes.hpp"
#include "query/matching.hpp"
#include "storage_marshal.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <string>
#include <utility>

namespace capi {

namespace json = boost::json;
using tc::errc;

namespace {

errc kind_of(int status) noexcept {
  switch (status) {
    case TC_ECONFLICT: return errc::conflict;
    case TC_ENOTFOUND: return errc::not_found;
    case TC_ENOTSUPPORTED: return errc::not_supported;
    default: return errc::storage;
  }
}

std::string text(const json::value& v) { return ticketcore::detail::serialize_checked(v, "a record for the storage backend"); }

void put_optional(json::object& o, const char* key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

}  // namespace

void fail(const char* method, int status, const std::string& why) {
  if (status == TC_ENOMEM) throw std::bad_alloc();
  std::string message = why.empty() ? std::string("failed with status ") + tc_status_name(status) : why;
  throw tc::error(kind_of(status), "storage backend: " + message + " (in " + method + ")");
}

std::string reported_during(const std::function<void()>& c) {
  callback_scope scope;
  c();
  return scope.message();
}

// ---- Arguments ----

c_text to_c(const tc::uuid& id) { return {tc::to_string(id)}; }
c_text to_c(const std::string& s) { return {s}; }
c_text to_c(tc::sequence s) { return {s == tc::sequence::ticket ? "ticket" : "conversation"}; }
c_text to_c(tc::link_kind k) { return {tc::to_string(k)}; }
c_text to_c(tc::endpoint_kind k) { return {tc::to_string(k)}; }
c_maybe_text to_c(std::optional<tc::link_kind> k) {
  if (!k) return {};
  return {std::string(tc::to_string(*k))};
}
c_text to_c(tc::time_point t) { return {tc::format_time(t)}; }

// Version 5 forms carry the keys (docs/storage.md, "Stored forms and keys"); a table of
// version 4 gets the forms it was written for, the rank at the top level.
c_text to_c(const tc::stored_ticket& r, const tc::ticket_keys& keys, std::uint32_t version) {
  json::object o = std::move(tc::to_stored_json(r).as_object());
  if (version < 5) o["priority_rank"] = keys.priority_rank;
  else o["keys"] = tc::to_json(keys);
  return {text(o)};
}
c_text to_c(const tc::part& r, const tc::part_keys& keys, std::uint32_t version) {
  json::value v = tc::to_json(r);
  if (version >= 5) v.as_object()["keys"] = tc::to_json(keys);
  return {text(v)};
}
c_text to_c(const tc::conversation& r) { return {text(tc::to_json(r))}; }
c_text to_c(const tc::link& r) { return {text(tc::to_json(r))}; }
c_text to_c(const tc::history_entry& r) { return {text(tc::to_json(r))}; }
c_text to_c(const tc::notification& r) { return {text(tc::to_json(r))}; }
c_text to_c(const tc::saved_view& r) { return {text(tc::to_json(r))}; }
c_text to_c(const tc::report_checkpoint& r) {
  return {text(json::object{{"key", r.key}, {"at", tc::format_time(r.at)}, {"data", r.data}})};
}

// Records by kind and their keys and filter: the forms of their descriptions.
c_text to_c(const tc::stored_entry& r) { return {text(tc::detail::write_record(r))}; }
c_text to_c(const std::vector<tc::entry_key>& keys) { return {text(tc::detail::write_json(keys))}; }
c_text to_c(const tc::entry_filter& f) { return {text(tc::detail::write_record(f))}; }

c_text to_c(const tc::ticket_filter& f) {
  json::object o;
  if (f.category) o["category"] = tc::to_string(*f.category);
  if (f.state_category) o["state_category"] = tc::to_string(*f.state_category);
  put_optional(o, "type", f.type);
  put_optional(o, "assignee", f.assignee);
  put_optional(o, "brand", f.brand);
  put_optional(o, "contact", f.contact);
  put_optional(o, "company", f.company);
  put_optional(o, "title", f.title);
  if (f.before) o["before"] = tc::to_string(*f.before);
  o["limit"] = f.limit;
  return {text(o)};
}

c_text to_c(const tc::conversation_filter& f) {
  json::object o;
  put_optional(o, "contact", f.contact);
  put_optional(o, "brand", f.brand);
  if (f.before) o["before"] = tc::to_string(*f.before);
  o["limit"] = f.limit;
  return {text(o)};
}

c_text to_c(const tc::outbox_filter& f) {
  json::object o;
  if (f.audience) o["audience"] = tc::to_string(*f.audience);
  put_optional(o, "recipient", f.recipient);
  if (f.ticket) o["ticket"] = tc::to_string(*f.ticket);
  if (f.state) o["state"] = tc::to_string(*f.state);
  if (f.after) o["after"] = tc::to_string(*f.after);
  o["limit"] = f.limit;
  return {text(o)};
}

c_text to_c(const tc::ticket_query& q, std::uint32_t version) {
  json::value v = tc::to_json(q);
  if (version >= 5 && !q.text.empty()) {  // the library's words, so that no backend splits text
    json::array words;
    for (auto& w : ticketcore::detail::query::words(q.text)) words.emplace_back(w);
    v.as_object()["words"] = std::move(words);
  }
  return {text(v)};
}

// An open end of the period (the Desk scans from time_point::min()) is
// left out rather than written as a time no backend could compare.
c_text to_c(const tc::history_scan& s) {
  json::object o;
  if (s.from != tc::time_point::min()) o["from"] = tc::format_time(s.from);
  if (s.to != tc::time_point::max()) o["to"] = tc::format_time(s.to);
  json::array fields;
  for (const auto& f : s.fields) fields.emplace_back(f);
  o["fields"] = std::move(fields);
  // Facts-only scans (history_members::facts) get whole entries: a superset.
  if (s.subject) o["subject"] = tc::to_string(*s.subject);
  return {text(o)};
}

// The cursor of query_tickets: the last row's key in the form the ticket
// JSON gives it (a time, an integer rank, or null for "no SLA due time"),
// and its id.
c_maybe_text to_c(const std::optional<tc::ticket_position>& after, tc::ticket_order order) {
  if (!after) return {};
  const tc::ticket_position& p = *after;
  json::object o;
  auto time = [&] { return json::value(tc::format_time(tc::time_point(std::chrono::milliseconds(p.key)))); };
  switch (order) {
    case tc::ticket_order::created:
    case tc::ticket_order::updated: o["key"] = time(); break;
    case tc::ticket_order::priority: o["key"] = p.key; break;
    case tc::ticket_order::sla_due:
      o["key"] = p.key == std::numeric_limits<std::int64_t>::max() ? json::value(nullptr) : time();
      break;
  }
  o["id"] = tc::to_string(p.id);
  return {text(o)};
}

int visit_bridge::step(void* arg, const char* entry) {
  auto& bridge = *static_cast<visit_bridge*>(arg);
  if (bridge.failure_) return 1;  // a backend that did not stop
  try {
    if (!entry) throw tc::error(errc::storage, "storage backend: scan_history visited a NULL entry");
    boost::system::error_code ec;
    json::value v = ticketcore::detail::parse_exact(entry, ec);
    if (ec) throw tc::error(errc::storage, "storage backend: scan_history visited invalid JSON: " + ec.message());
    return bridge.visit_(read_record<tc::history_entry>("scan_history", v)) ? 0 : 1;
  } catch (...) {
    bridge.failure_ = std::current_exception();
    return 1;
  }
}

// ---- Results ----

template <>
tc::stored_ticket read_as<tc::stored_ticket>(const json::value& v) { return tc::stored_ticket_from_json(v); }
template <>
tc::conversation read_as<tc::conversation>(const json::value& v) { return tc::conversation_from_json(v); }
template <>
tc::link read_as<tc::link>(const json::value& v) { return tc::link_from_json(v); }
template <>
tc::part read_as<tc::part>(const json::value& v) { return tc::part_from_json(v); }
template <>
tc::history_entry read_as<tc::history_entry>(const json::value& v) { return tc::history_from_json(v); }
template <>
tc::notification read_as<tc::notification>(const json::value& v) { return tc::notification_from_json(v); }
template <>
tc::saved_view read_as<tc::saved_view>(const json::value& v) { return tc::saved_view_from_json(v); }
template <>
std::string read_as<std::string>(const json::value& v) {
  if (!v.is_string()) throw tc::error(errc::invalid_argument, "an item is not a string");
  return std::string(v.get_string());
}
template <>
tc::report_checkpoint read_as<tc::report_checkpoint>(const json::value& v) {
  const json::object* o = v.if_object();
  const json::value* key = o ? o->if_contains("key") : nullptr;
  const json::value* at = o ? o->if_contains("at") : nullptr;
  const json::value* data = o ? o->if_contains("data") : nullptr;
  if (!key || !key->is_string() || !at || !at->is_string() || !data)
    throw tc::error(errc::invalid_argument, "a report checkpoint must be {\"key\", \"at\", \"data\"}");
  return {std::string(key->get_string()), tc::parse_time(at->get_string()), *data};
}

template <>
tc::stored_entry read_as<tc::stored_entry>(const json::value& v) {
  return tc::detail::read_record_or_throw<tc::stored_entry>(v, "entry");
}

json::value parse_result(const char* method, const char* out) {
  boost::system::error_code ec;
  json::value v = ticketcore::detail::parse_exact(out, ec);
  if (ec)
    throw tc::error(errc::storage, std::string("storage backend: ") + method + " returned invalid JSON: " + ec.message());
  return v;
}

void unreadable(const char* method, const tc::error& e) {
  throw tc::error(errc::storage,
                  std::string("storage backend: ") + method + " returned a record the library cannot read: " + e.what());
}

void damaged(const std::string& name, const tc::error& e) {
  throw tc::error(errc::storage, "damaged " + name + ": " + e.what() + "; desk::check() lists every damaged record");
}

const json::array& array_of(const char* method, const json::value& v) {
  const json::array* a = v.if_array();
  if (!a) throw tc::error(errc::storage, std::string("storage backend: ") + method + " must return a JSON array");
  return *a;
}

tc::damaged_record damaged_item(const char* method, const char* kind, const json::value& item, const tc::error& e) {
  tc::damaged_record d{kind, {}, 0,
                       std::string("the backend returned a record the library cannot read (") + e.what() + ") from " +
                           method};
  if (const json::object* o = item.if_object()) {
    if (const json::value* id = o->if_contains("id"); id && id->is_string()) d.id = std::string(id->get_string());
    if (const json::value* n = o->if_contains("number"); n && n->is_int64()) d.number = n->get_int64();
  }
  return d;
}

// ---- The transaction's hand-written part ----

void c_transaction_base::commit() {
  call("commit", [&] { return m_.commit(m_.ctx, txn_); });
  open_ = false;
}

void c_transaction_base::rollback() {
  if (!open_) return;
  open_ = false;
  m_.rollback(m_.ctx, txn_);
}

void c_transaction_base::at_most(const char* method, std::size_t rows, std::size_t limit) const {
  if (rows + damaged_.size() > limit)
    throw tc::error(errc::storage, std::string("storage backend: ") + method + " returned " + std::to_string(rows) +
                                       " tickets for a limit of " + std::to_string(limit));
}

std::int64_t c_transaction_base::counter_by_number(const std::string& name) {
  std::int64_t n = 0;
  std::string sequence = "counter:" + name;
  call("next_number", [&] { return m_.next_number(m_.ctx, txn_, sequence.c_str(), &n); });
  return n;
}

void c_transaction_base::missing(const char* method, const char* needed_by) {
  throw tc::error(errc::not_supported, std::string("storage backend: tc_storage_methods.") + method +
                                           " is NULL, so " + needed_by + " cannot be answered on this backend");
}

void require(bool present, const char* name) {
  if (!present) throw tc::error(errc::invalid_argument, std::string("storage_methods.") + name + " is NULL");
}

namespace {

class c_storage final : public tc::storage {
 public:
  explicit c_storage(std::shared_ptr<const table> t) : t_(std::move(t)) {}

  std::unique_ptr<tc::transaction> begin(tc::access mode) override {
    const tc_storage_methods& m = t_->m;
    void* txn = nullptr;
    call("begin", [&] { return m.begin(m.ctx, mode == tc::access::write ? 1 : 0, &txn); });
    try {
      return make_c_transaction(t_, txn);
    } catch (...) {
      m.rollback(m.ctx, txn);
      throw;
    }
  }

  // A NULL method is a capability the backend lacks.
  tc::storage_capabilities capabilities() const override {
    const tc_storage_methods& m = t_->m;
    tc::storage_capabilities has;
    has.queries = m.query_tickets && m.count_tickets;
    has.history_by_time = m.scan_history != nullptr;
    return has;
  }

 private:
  std::shared_ptr<const table> t_;
};

}  // namespace

std::shared_ptr<tc::storage> make_c_storage(const tc_storage_methods& methods) {
  if (methods.version == 0 || methods.version > TC_STORAGE_METHODS_VERSION)
    throw status_error(TC_EVERSION, "storage_methods.version is " + std::to_string(methods.version) +
                                        "; this library knows versions 1 to " +
                                        std::to_string(TC_STORAGE_METHODS_VERSION));
  std::shared_ptr<table> t;
  try {
    t = std::make_shared<table>();  // in place: a temporary table would run destroy()
    // A host built against an older header passed a shorter struct: copy
    // only what its version has; the newer methods stay NULL.
    std::memcpy(static_cast<void*>(&t->m), &methods, methods_size(methods.version));
  } catch (...) {
    if (methods.destroy) methods.destroy(methods.ctx);
    throw;
  }
  require_methods(t->m);
  return std::make_shared<c_storage>(std::move(t));
}

}  // namespace capi

extern "C" {

void* tc_alloc(size_t size) { return std::malloc(size ? size : 1); }

void tc_storage_error(const char* message) { capi::report_callback_error(message); }

tc_status tc_storage_methods_init(tc_storage_methods* m, uint32_t version) {
  return capi::guard([&] {
    if (!m) throw ticketcore::error(ticketcore::errc::invalid_argument, "storage methods is NULL");
    capi::check_version(version, TC_STORAGE_METHODS_VERSION, "storage methods");
    // Only the fields of `version`: the struct may be an older, shorter one.
    std::memset(static_cast<void*>(m), 0, capi::methods_size(version));
    m->version = version;
  });
}

}  // extern "C"
