// The C storage table behind ticketcore::storage: each transaction method
// turns its arguments into JSON, calls the backend's function, and reads
// the JSON it returns back into records. Failures become error(storage),
// error(conflict) or error(not_supported) with the backend's own text.
#include "storage.hpp"

#include "callbacks.hpp"
#include "guard.hpp"
#include "model/json_numbers.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <string>
#include <utility>

namespace capi {
namespace {

namespace json = boost::json;
namespace tc = ticketcore;
using tc::errc;

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

errc kind_of(int status) noexcept {
  switch (status) {
    case TC_ECONFLICT: return errc::conflict;
    case TC_ENOTFOUND: return errc::not_found;
    case TC_ENOTSUPPORTED: return errc::not_supported;
    default: return errc::storage;
  }
}

// Calls one backend method; a failure throws with the backend's message.
template <class Call>
void call(const char* method, Call&& c) {
  int status;
  std::string why;
  {
    callback_scope scope;
    status = c();
    if (status != TC_OK) why = scope.message();
  }
  if (status == TC_OK) return;
  if (status == TC_ENOMEM) throw std::bad_alloc();
  std::string text = why.empty() ? std::string("failed with status ") + tc_status_name(status) : why;
  throw tc::error(kind_of(status), "storage backend: " + text + " (in " + method + ")");
}

json::value parse_result(const char* method, const owned_text& out) {
  boost::system::error_code ec;
  json::value v = ticketcore::detail::parse_exact(out.text, ec);
  if (ec)
    throw tc::error(errc::storage, std::string("storage backend: ") + method + " returned invalid JSON: " + ec.message());
  return v;
}

// Reads what a method returned with `read`; a shape the library cannot read
// is the backend's failure, not the caller's.
template <class Read>
auto read_record(const char* method, const json::value& v, Read&& read) {
  try {
    return read(v);
  } catch (const tc::error& e) {
    throw tc::error(errc::storage, std::string("storage backend: ") + method + " returned a record the library cannot read: " + e.what());
  }
}

// The record a get method returned for `name` ("ticket <id>"); one that
// cannot be read fails naming it (U3).
template <class Record, class Read>
std::optional<Record> optional_record(const char* method, const owned_text& out, Read&& read, const std::string& name) {
  if (!out.text) return std::nullopt;
  try {
    json::value v = parse_result(method, out);
    return read_record(method, v, read);
  } catch (const tc::error& e) {
    throw tc::error(errc::storage, "damaged " + name + ": " + e.what() + "; desk::check() lists every damaged record");
  }
}

template <class Record, class Read>
std::vector<Record> records(const char* method, const owned_text& out, Read&& read) {
  if (!out.text) return {};
  json::value v = parse_result(method, out);
  const json::array* a = v.if_array();
  if (!a) throw tc::error(errc::storage, std::string("storage backend: ") + method + " must return a JSON array");
  std::vector<Record> result;
  result.reserve(a->size());
  for (const auto& item : *a) result.push_back(read_record(method, item, read));
  return result;
}

std::string text(const json::value& v) { return ticketcore::detail::serialize_checked(v, "a record for the storage backend"); }

void put_optional(json::object& o, const char* key, const std::optional<std::string>& v) {
  if (v) o[key] = *v;
}

std::string filter_json(const tc::ticket_filter& f) {
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
  return text(o);
}

std::string filter_json(const tc::conversation_filter& f) {
  json::object o;
  put_optional(o, "contact", f.contact);
  put_optional(o, "brand", f.brand);
  if (f.before) o["before"] = tc::to_string(*f.before);
  o["limit"] = f.limit;
  return text(o);
}

std::string filter_json(const tc::outbox_filter& f) {
  json::object o;
  if (f.audience) o["audience"] = tc::to_string(*f.audience);
  put_optional(o, "recipient", f.recipient);
  if (f.ticket) o["ticket"] = tc::to_string(*f.ticket);
  if (f.state) o["state"] = tc::to_string(*f.state);
  if (f.after) o["after"] = tc::to_string(*f.after);
  o["limit"] = f.limit;
  return text(o);
}

// The cursor of query_tickets: the last row's key in the form the ticket
// JSON gives it (a time, an integer rank, or null for "no SLA due time"),
// and its id.
std::string position_json(const tc::ticket_position& p, tc::ticket_order order) {
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
  return text(o);
}

// An open end of the period (the Desk scans from time_point::min()) is
// left out rather than written as a time no backend could compare.
std::string scan_json(const tc::history_scan& s) {
  json::object o;
  if (s.from != tc::time_point::min()) o["from"] = tc::format_time(s.from);
  if (s.to != tc::time_point::max()) o["to"] = tc::format_time(s.to);
  json::array fields;
  for (const auto& f : s.fields) fields.emplace_back(f);
  o["fields"] = std::move(fields);
  // Facts-only scans (history_members::facts) get whole entries: a superset.
  if (s.subject) o["subject"] = tc::to_string(*s.subject);
  return text(o);
}

// A version-3 method the backend left NULL: what needs it is not supported.
[[noreturn]] void missing(const char* method, const char* needed_by) {
  throw tc::error(errc::not_supported, std::string("storage backend: tc_storage_methods.") + method +
                                           " is NULL, so " + needed_by + " cannot be answered on this backend");
}

const char* sequence_name(tc::sequence s) { return s == tc::sequence::ticket ? "ticket" : "conversation"; }

tc::ticket read_ticket(const json::value& v) { return tc::ticket_from_json(v); }
tc::conversation read_conversation(const json::value& v) { return tc::conversation_from_json(v); }
tc::link read_link(const json::value& v) { return tc::link_from_json(v); }
tc::part read_part(const json::value& v) { return tc::part_from_json(v); }
tc::history_entry read_history(const json::value& v) { return tc::history_from_json(v); }
tc::notification read_notification(const json::value& v) { return tc::notification_from_json(v); }
tc::saved_view read_view(const json::value& v) { return tc::saved_view_from_json(v); }

class c_transaction final : public tc::transaction {
 public:
  c_transaction(std::shared_ptr<const table> t, void* txn) : t_(std::move(t)), m_(t_->m), txn_(txn) {}

  ~c_transaction() override { rollback(); }

  void commit() override {
    call("commit", [&] { return m_.commit(m_.ctx, txn_); });
    open_ = false;
  }

  void rollback() override {
    if (!open_) return;
    open_ = false;
    m_.rollback(m_.ctx, txn_);
  }

  std::int64_t next_counter(const std::string& name) override {
    std::int64_t n = 0;
    std::string sequence = "counter:" + name;
    call("next_number", [&] { return m_.next_number(m_.ctx, txn_, sequence.c_str(), &n); });
    return n;
  }

  std::int64_t next_number(tc::sequence s) override {
    std::int64_t n = 0;
    call("next_number", [&] { return m_.next_number(m_.ctx, txn_, sequence_name(s), &n); });
    return n;
  }

  std::optional<tc::ticket> get_ticket(const tc::uuid& id) override {
    owned_text out;
    std::string key = tc::to_string(id);
    call("get_ticket", [&] { return m_.get_ticket(m_.ctx, txn_, key.c_str(), &out.text); });
    return optional_record<tc::ticket>("get_ticket", out, read_ticket, "ticket " + key);
  }

  std::optional<tc::ticket> get_ticket_by_number(std::int64_t number) override {
    owned_text out;
    call("get_ticket_by_number", [&] { return m_.get_ticket_by_number(m_.ctx, txn_, number, &out.text); });
    return optional_record<tc::ticket>("get_ticket_by_number", out, read_ticket, "ticket #" + std::to_string(number));
  }

  void insert_ticket(const tc::ticket& t) override {
    std::string j = text(tc::to_json(t));
    call("insert_ticket", [&] { return m_.insert_ticket(m_.ctx, txn_, j.c_str()); });
  }

  void update_ticket(const tc::ticket& t) override {
    std::string j = text(tc::to_json(t));
    call("update_ticket", [&] { return m_.update_ticket(m_.ctx, txn_, j.c_str()); });
  }

  std::vector<tc::ticket> find_tickets(const tc::ticket_filter& f) override {
    owned_text out;
    std::string j = filter_json(f);
    call("find_tickets", [&] { return m_.find_tickets(m_.ctx, txn_, j.c_str(), &out.text); });
    return listed<tc::ticket>("find_tickets", out, read_ticket, "ticket");
  }

  bool type_in_use(const std::string& type) override {
    int used = 0;
    call("type_in_use", [&] { return m_.type_in_use(m_.ctx, txn_, type.c_str(), &used); });
    return used != 0;
  }

  std::optional<tc::conversation> get_conversation(const tc::uuid& id) override {
    owned_text out;
    std::string key = tc::to_string(id);
    call("get_conversation", [&] { return m_.get_conversation(m_.ctx, txn_, key.c_str(), &out.text); });
    return optional_record<tc::conversation>("get_conversation", out, read_conversation, "conversation " + key);
  }

  std::optional<tc::conversation> get_conversation_by_number(std::int64_t number) override {
    owned_text out;
    call("get_conversation_by_number",
         [&] { return m_.get_conversation_by_number(m_.ctx, txn_, number, &out.text); });
    return optional_record<tc::conversation>("get_conversation_by_number", out, read_conversation,
                                                    "conversation " + std::to_string(number));
  }

  void insert_conversation(const tc::conversation& c) override {
    std::string j = text(tc::to_json(c));
    call("insert_conversation", [&] { return m_.insert_conversation(m_.ctx, txn_, j.c_str()); });
  }

  void update_conversation(const tc::conversation& c) override {
    std::string j = text(tc::to_json(c));
    call("update_conversation", [&] { return m_.update_conversation(m_.ctx, txn_, j.c_str()); });
  }

  std::vector<tc::conversation> find_conversations(const tc::conversation_filter& f) override {
    owned_text out;
    std::string j = filter_json(f);
    call("find_conversations", [&] { return m_.find_conversations(m_.ctx, txn_, j.c_str(), &out.text); });
    return listed<tc::conversation>("find_conversations", out, read_conversation, "conversation");
  }

  void insert_link(const tc::link& l) override {
    std::string j = text(tc::to_json(l));
    call("insert_link", [&] { return m_.insert_link(m_.ctx, txn_, j.c_str()); });
  }

  void remove_link(const tc::uuid& link_id) override {
    std::string key = tc::to_string(link_id);
    call("remove_link", [&] { return m_.remove_link(m_.ctx, txn_, key.c_str()); });
  }

  std::optional<tc::link> get_link(const tc::uuid& link_id) override {
    owned_text out;
    std::string key = tc::to_string(link_id);
    call("get_link", [&] { return m_.get_link(m_.ctx, txn_, key.c_str(), &out.text); });
    return optional_record<tc::link>("get_link", out, read_link, "link " + key);
  }

  std::vector<tc::link> links_of(const tc::uuid& end, std::optional<tc::link_kind> kind) override {
    owned_text out;
    std::string key = tc::to_string(end);
    const char* k = kind ? tc::to_string(*kind) : nullptr;
    call("links_of", [&] { return m_.links_of(m_.ctx, txn_, key.c_str(), k, &out.text); });
    return records<tc::link>("links_of", out, read_link);
  }

  std::size_t count_links(const tc::uuid& end, tc::link_kind kind, tc::endpoint_kind other) override {
    if (!m_.count_links) return transaction::count_links(end, kind, other);
    std::string key = tc::to_string(end);
    std::uint64_t n = 0;
    call("count_links",
         [&] { return m_.count_links(m_.ctx, txn_, key.c_str(), tc::to_string(kind), tc::to_string(other), &n); });
    return static_cast<std::size_t>(n);
  }

  void append_part(tc::part p) override {
    std::string j = text(tc::to_json(p));
    call("append_part", [&] { return m_.append_part(m_.ctx, txn_, j.c_str()); });
  }

  std::vector<tc::part> parts_of(const tc::uuid& owner) override {
    owned_text out;
    std::string key = tc::to_string(owner);
    call("parts_of", [&] { return m_.parts_of(m_.ctx, txn_, key.c_str(), &out.text); });
    return records<tc::part>("parts_of", out, read_part);
  }

  void append_history(tc::history_entry h) override {
    std::string j = text(tc::to_json(h));
    call("append_history", [&] { return m_.append_history(m_.ctx, txn_, j.c_str()); });
  }

  std::vector<tc::history_entry> history_of(const tc::uuid& subject) override {
    owned_text out;
    std::string key = tc::to_string(subject);
    call("history_of", [&] { return m_.history_of(m_.ctx, txn_, key.c_str(), &out.text); });
    return records<tc::history_entry>("history_of", out, read_history);
  }

  void enqueue(tc::notification n) override {
    std::string j = text(tc::to_json(n));
    call("enqueue", [&] { return m_.enqueue(m_.ctx, txn_, j.c_str()); });
  }

  std::optional<tc::notification> get_notification(const tc::uuid& id) override {
    owned_text out;
    std::string key = tc::to_string(id);
    call("get_notification", [&] { return m_.get_notification(m_.ctx, txn_, key.c_str(), &out.text); });
    return optional_record<tc::notification>("get_notification", out, read_notification, "notification " + key);
  }

  void update_notification(const tc::notification& n) override {
    std::string j = text(tc::to_json(n));
    call("update_notification", [&] { return m_.update_notification(m_.ctx, txn_, j.c_str()); });
  }

  std::vector<tc::notification> due_notifications(tc::time_point now, std::size_t limit) override {
    owned_text out;
    std::string at = tc::format_time(now);
    call("due_notifications", [&] { return m_.due_notifications(m_.ctx, txn_, at.c_str(), limit, &out.text); });
    return records<tc::notification>("due_notifications", out, read_notification);
  }

  std::vector<tc::ticket> due_tickets(tc::time_point now, std::size_t limit) override {
    if (!m_.due_tickets) return transaction::due_tickets(now, limit);
    owned_text out;
    std::string at = tc::format_time(now);
    call("due_tickets", [&] { return m_.due_tickets(m_.ctx, txn_, at.c_str(), limit, &out.text); });
    return listed<tc::ticket>("due_tickets", out, read_ticket, "ticket");
  }

  std::vector<tc::ticket> query_tickets(const tc::ticket_query& q, const std::optional<tc::ticket_position>& after,
                                        std::size_t limit) override {
    if (!m_.query_tickets) missing("query_tickets", "ticket queries (Q1) and bulk updates (B1)");
    owned_text out;
    std::string query = text(tc::to_json(q));
    std::string cursor = after ? position_json(*after, q.order) : std::string();
    call("query_tickets", [&] {
      return m_.query_tickets(m_.ctx, txn_, query.c_str(), after ? cursor.c_str() : nullptr, limit, &out.text);
    });
    auto rows = listed<tc::ticket>("query_tickets", out, read_ticket, "ticket");
    if (rows.size() + damaged_.size() > limit)
      throw tc::error(errc::storage, "storage backend: query_tickets returned " + std::to_string(rows.size()) +
                                         " tickets for a limit of " + std::to_string(limit));
    return rows;
  }

  std::size_t count_tickets(const tc::ticket_query& q) override {
    if (!m_.count_tickets) missing("count_tickets", "ticket counts (Q1) and saved views' counts");
    std::string query = text(tc::to_json(q));
    std::uint64_t n = 0;
    call("count_tickets", [&] { return m_.count_tickets(m_.ctx, txn_, query.c_str(), &n); });
    return static_cast<std::size_t>(n);
  }

  void put_view(const tc::saved_view& v) override {
    if (!m_.put_view) missing("put_view", "saved views (Q1)");
    std::string j = text(tc::to_json(v));
    call("put_view", [&] { return m_.put_view(m_.ctx, txn_, j.c_str()); });
  }

  void remove_view(const std::string& id) override {
    if (!m_.remove_view) missing("remove_view", "saved views (Q1)");
    call("remove_view", [&] { return m_.remove_view(m_.ctx, txn_, id.c_str()); });
  }

  std::vector<tc::saved_view> list_views() override {
    if (!m_.list_views) missing("list_views", "saved views (Q1)");
    owned_text out;
    call("list_views", [&] { return m_.list_views(m_.ctx, txn_, &out.text); });
    return records<tc::saved_view>("list_views", out, read_view);
  }

  void scan_history(const tc::history_scan& s,
                    const std::function<bool(const tc::history_entry&)>& visit) override {
    if (!m_.scan_history) missing("scan_history", "reports (R1)");
    // The visitor runs inside the backend's call: nothing may be thrown
    // through C frames, so a failure is kept and thrown once it returns.
    struct scan_state {
      const std::function<bool(const tc::history_entry&)>* visit;
      std::exception_ptr failure;
    } state{&visit, nullptr};
    tc_storage_visit thunk = [](void* arg, const char* entry) -> int {
      auto& st = *static_cast<scan_state*>(arg);
      if (st.failure) return 1;  // a backend that did not stop
      try {
        if (!entry) throw tc::error(errc::storage, "storage backend: scan_history visited a NULL entry");
        boost::system::error_code ec;
        json::value v = ticketcore::detail::parse_exact(entry, ec);
        if (ec)
          throw tc::error(errc::storage, "storage backend: scan_history visited invalid JSON: " + ec.message());
        return (*st.visit)(read_record("scan_history", v, read_history)) ? 0 : 1;
      } catch (...) {
        st.failure = std::current_exception();
        return 1;
      }
    };
    std::string j = scan_json(s);
    try {
      call("scan_history", [&] { return m_.scan_history(m_.ctx, txn_, j.c_str(), thunk, &state); });
    } catch (...) {
      if (!state.failure) throw;
    }
    if (state.failure) std::rethrow_exception(state.failure);
  }

  std::vector<tc::notification> list_notifications(const tc::outbox_filter& f) override {
    owned_text out;
    std::string j = filter_json(f);
    call("list_notifications", [&] { return m_.list_notifications(m_.ctx, txn_, j.c_str(), &out.text); });
    return records<tc::notification>("list_notifications", out, read_notification);
  }

  std::vector<tc::damaged_record> take_damaged() override { return std::exchange(damaged_, {}); }

 private:
  // A listing: an item the library cannot read is left out and noted for
  // take_damaged (U3), named by the "id" and "number" it holds, if any.
  // A result that is no JSON array is the backend's failure, as before.
  template <class Record, class Read>
  std::vector<Record> listed(const char* method, const owned_text& out, Read&& read, const char* kind) {
    if (!out.text) return {};
    json::value v = parse_result(method, out);
    const json::array* a = v.if_array();
    if (!a) throw tc::error(errc::storage, std::string("storage backend: ") + method + " must return a JSON array");
    std::vector<Record> result;
    result.reserve(a->size());
    for (const auto& item : *a) {
      try {
        result.push_back(read(item));
      } catch (const tc::error& e) {
        tc::damaged_record d{kind, {}, 0, std::string("the backend returned a record the library cannot read (") +
                                              e.what() + ") from " + method};
        if (const json::object* o = item.if_object()) {
          if (const json::value* id = o->if_contains("id"); id && id->is_string()) d.id = std::string(id->get_string());
          if (const json::value* n = o->if_contains("number"); n && n->is_int64()) d.number = n->get_int64();
        }
        damaged_.push_back(std::move(d));
      }
    }
    return result;
  }

  std::shared_ptr<const table> t_;  // keeps ctx alive while this transaction is
  const tc_storage_methods& m_;
  void* txn_;
  bool open_ = true;
  std::vector<tc::damaged_record> damaged_;  // noted by listings since take_damaged
};

class c_storage final : public tc::storage {
 public:
  explicit c_storage(std::shared_ptr<const table> t) : t_(std::move(t)) {}

  std::unique_ptr<tc::transaction> begin(tc::access mode) override {
    const tc_storage_methods& m = t_->m;
    void* txn = nullptr;
    call("begin", [&] { return m.begin(m.ctx, mode == tc::access::write ? 1 : 0, &txn); });
    try {
      return std::make_unique<c_transaction>(t_, txn);
    } catch (...) {
      m.rollback(m.ctx, txn);
      throw;
    }
  }

 private:
  std::shared_ptr<const table> t_;
};

// The bytes a table of `version` has: a host built against an older
// header passed (or asked tc_storage_methods_init to zero) a shorter struct.
std::size_t size_of(std::uint32_t version) {
  if (version >= 3) return sizeof(tc_storage_methods);
  if (version == 2) return offsetof(tc_storage_methods, query_tickets);
  return offsetof(tc_storage_methods, due_tickets);
}

void require(bool present, const char* name) {
  if (!present) throw tc::error(errc::invalid_argument, std::string("storage_methods.") + name + " is NULL");
}

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
    std::memcpy(static_cast<void*>(&t->m), &methods, size_of(methods.version));
  } catch (...) {
    if (methods.destroy) methods.destroy(methods.ctx);
    throw;
  }
  const tc_storage_methods& m = t->m;
#define TC_REQUIRE(name) require(m.name != nullptr, #name)
  TC_REQUIRE(begin);
  TC_REQUIRE(commit);
  TC_REQUIRE(rollback);
  TC_REQUIRE(next_number);
  TC_REQUIRE(get_ticket);
  TC_REQUIRE(get_ticket_by_number);
  TC_REQUIRE(insert_ticket);
  TC_REQUIRE(update_ticket);
  TC_REQUIRE(find_tickets);
  TC_REQUIRE(type_in_use);
  TC_REQUIRE(get_conversation);
  TC_REQUIRE(get_conversation_by_number);
  TC_REQUIRE(insert_conversation);
  TC_REQUIRE(update_conversation);
  TC_REQUIRE(find_conversations);
  TC_REQUIRE(insert_link);
  TC_REQUIRE(remove_link);
  TC_REQUIRE(get_link);
  TC_REQUIRE(links_of);
  TC_REQUIRE(append_part);
  TC_REQUIRE(parts_of);
  TC_REQUIRE(append_history);
  TC_REQUIRE(history_of);
  TC_REQUIRE(enqueue);
  TC_REQUIRE(get_notification);
  TC_REQUIRE(update_notification);
  TC_REQUIRE(due_notifications);
  TC_REQUIRE(list_notifications);
#undef TC_REQUIRE
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
    std::memset(static_cast<void*>(m), 0, capi::size_of(version));
    m->version = version;
  });
}

}  // extern "C"
