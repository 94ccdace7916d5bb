// A tc_storage_methods backend written against the C header only (plus
// Boost.JSON to read the records' few indexed fields): what a host's own
// backend in C, Python or anything else has to do.
#include "test_store.h"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

namespace json = boost::json;

struct state {
  std::map<std::string, std::string> tickets;  // id -> record JSON
  std::map<std::int64_t, std::string> ticket_numbers;
  std::map<std::string, std::string> conversations;
  std::map<std::int64_t, std::string> conversation_numbers;
  std::map<std::string, std::string> links;
  std::multimap<std::string, std::string> link_ends;  // either end -> link id
  std::map<std::string, std::vector<std::string>> parts;
  std::map<std::string, std::vector<std::string>> history;
  std::vector<std::string> history_log;  // every entry in append order (scan_history)
  std::map<std::string, std::string> views;  // id -> view JSON
  std::map<std::string, std::string> outbox;
  std::int64_t next_ticket = 1;
  std::int64_t next_conversation = 1;
  std::map<std::string, std::int64_t> counters;
  // Records by kind: each entry's JSON as given by (kind, id), and the keys
  // it was given by (kind, name, value, id) -> unique.
  std::map<std::pair<std::string, std::string>, std::string> entries;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, bool> entry_keys;
};

struct store {
  std::shared_mutex mutex;
  state committed;
  std::mutex fault_mutex;
  std::string fail_method;
  int fail_status = 0;
  std::string fail_message;
  std::atomic<int> rollbacks{0};
};

struct txn {
  store* s;
  bool write;
  std::unique_lock<std::shared_mutex> writer;
  std::shared_lock<std::shared_mutex> reader;
  state work;  // write transactions: a copy, swapped in at commit
  const state& view() const { return write ? work : s->committed; }
};

std::atomic<int> destroyed{0};

store& S(void* ctx) { return *static_cast<store*>(ctx); }
txn& T(void* t) { return *static_cast<txn*>(t); }

// Fault injection: returns a status to fail with, or 0. *garbage is set when
// the method should return text that is not JSON.
int injected(void* ctx, const char* method, bool* garbage = nullptr) {
  store& s = S(ctx);
  std::lock_guard lock(s.fault_mutex);
  if (s.fail_method != method) return 0;
  s.fail_method.clear();
  if (s.fail_status == TC_OK) {
    if (garbage) *garbage = true;
    return 0;
  }
  tc_storage_error(s.fail_message.c_str());
  return s.fail_status;
}

int give(char** out, const std::string& text) {
  *out = static_cast<char*>(tc_alloc(text.size() + 1));
  if (!*out) return TC_ENOMEM;
  std::memcpy(*out, text.c_str(), text.size() + 1);
  return TC_OK;
}

int give_optional(void* ctx, const char* method, char** out, const std::string* text) {
  *out = nullptr;
  bool garbage = false;
  if (int s = injected(ctx, method, &garbage)) return s;
  if (garbage) return give(out, "{this is not json");
  return text ? give(out, *text) : TC_OK;
}

int give_array(void* ctx, const char* method, char** out, const std::vector<const std::string*>& rows) {
  *out = nullptr;
  bool garbage = false;
  if (int s = injected(ctx, method, &garbage)) return s;
  if (garbage) return give(out, "[1, 2");
  std::string text = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) text += (i ? "," : "") + *rows[i];
  return give(out, text + "]");
}

json::object record(const std::string& text) { return json::parse(text).as_object(); }

std::string field(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t number(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

std::size_t limit_of(const json::object& f) {
  std::int64_t n = number(f, "limit");
  return n > 0 ? static_cast<std::size_t>(n) : 50;
}

// Every string key the filter sets (other than "before") must match.
bool matches(const json::object& row, const json::object& filter) {
  for (const auto& kv : filter) {
    if (kv.key() == "before" || kv.key() == "after" || kv.key() == "limit" || !kv.value().is_string()) continue;
    if (field(row, std::string(kv.key()).c_str()) != kv.value().get_string()) return false;
  }
  return true;
}

template <class Map>
std::vector<const std::string*> newest_first(const Map& rows, const char* filter_json) {
  json::object f = record(filter_json);
  std::string before = field(f, "before");
  std::size_t limit = limit_of(f);
  std::vector<const std::string*> out;
  for (auto it = rows.rbegin(); it != rows.rend() && out.size() < limit; ++it) {
    if (!before.empty() && it->first >= before) continue;
    if (matches(record(it->second), f)) out.push_back(&it->second);
  }
  return out;
}

// ---- Transactions ---------------------------------------------------------

int begin(void* ctx, int write, void** out) {
  if (int s = injected(ctx, "begin")) return s;
  auto* t = new txn{&S(ctx), write != 0, {}, {}, {}};
  if (t->write) {
    t->writer = std::unique_lock(t->s->mutex);
    t->work = t->s->committed;
  } else {
    t->reader = std::shared_lock(t->s->mutex);
  }
  *out = t;
  return TC_OK;
}

int commit(void* ctx, void* t) {
  if (int s = injected(ctx, "commit")) return s;  // the library then rolls back
  txn* x = &T(t);
  if (x->write) x->s->committed = std::move(x->work);
  delete x;
  return TC_OK;
}

void rollback(void* ctx, void* t) {
  ++S(ctx).rollbacks;
  delete &T(t);
}

int next_number(void* ctx, void* t, const char* sequence, std::int64_t* out) {
  if (int s = injected(ctx, "next_number")) return s;
  txn& x = T(t);
  if (!x.write) {
    tc_storage_error("next_number in a read transaction");
    return TC_ESTORAGE;
  }
  if (std::strcmp(sequence, "ticket") == 0) *out = x.work.next_ticket++;
  else if (std::strcmp(sequence, "conversation") == 0) *out = x.work.next_conversation++;
  else *out = ++x.work.counters[sequence];
  return TC_OK;
}

// ---- Tickets and conversations ------------------------------------------------

int get_ticket(void* ctx, void* t, const char* id, char** out) {
  const auto& m = T(t).view().tickets;
  auto it = m.find(id);
  return give_optional(ctx, "get_ticket", out, it == m.end() ? nullptr : &it->second);
}

int get_ticket_by_number(void* ctx, void* t, std::int64_t n, char** out) {
  const state& v = T(t).view();
  auto it = v.ticket_numbers.find(n);
  return give_optional(ctx, "get_ticket_by_number", out, it == v.ticket_numbers.end() ? nullptr : &v.tickets.at(it->second));
}

int insert_ticket(void* ctx, void* t, const char* json_text) {
  if (int s = injected(ctx, "insert_ticket")) return s;
  state& w = T(t).work;
  json::object o = record(json_text);
  std::string id = field(o, "id");
  if (w.tickets.count(id)) {
    tc_storage_error("a ticket with this id exists");
    return TC_ESTORAGE;
  }
  w.tickets[id] = json_text;
  w.ticket_numbers[number(o, "number")] = id;
  return TC_OK;
}

template <class Map>
int versioned_update(void* ctx, const char* method, Map& rows, const char* json_text) {
  if (int s = injected(ctx, method)) return s;
  json::object o = record(json_text);
  auto it = rows.find(field(o, "id"));
  if (it == rows.end()) {
    tc_storage_error("no such record");
    return TC_ENOTFOUND;
  }
  if (number(record(it->second), "version") != number(o, "version") - 1) {
    tc_storage_error("the record was changed by another writer");
    return TC_ECONFLICT;
  }
  it->second = json_text;
  return TC_OK;
}

int update_ticket(void* ctx, void* t, const char* json_text) {
  return versioned_update(ctx, "update_ticket", T(t).work.tickets, json_text);
}

int find_tickets(void* ctx, void* t, const char* filter, char** out) {
  return give_array(ctx, "find_tickets", out, newest_first(T(t).view().tickets, filter));
}

int get_conversation(void* ctx, void* t, const char* id, char** out) {
  const auto& m = T(t).view().conversations;
  auto it = m.find(id);
  return give_optional(ctx, "get_conversation", out, it == m.end() ? nullptr : &it->second);
}

int get_conversation_by_number(void* ctx, void* t, std::int64_t n, char** out) {
  const state& v = T(t).view();
  auto it = v.conversation_numbers.find(n);
  return give_optional(ctx, "get_conversation_by_number", out,
                       it == v.conversation_numbers.end() ? nullptr : &v.conversations.at(it->second));
}

int insert_conversation(void* ctx, void* t, const char* json_text) {
  if (int s = injected(ctx, "insert_conversation")) return s;
  state& w = T(t).work;
  json::object o = record(json_text);
  std::string id = field(o, "id");
  w.conversations[id] = json_text;
  w.conversation_numbers[number(o, "number")] = id;
  return TC_OK;
}

int update_conversation(void* ctx, void* t, const char* json_text) {
  return versioned_update(ctx, "update_conversation", T(t).work.conversations, json_text);
}

int find_conversations(void* ctx, void* t, const char* filter, char** out) {
  return give_array(ctx, "find_conversations", out, newest_first(T(t).view().conversations, filter));
}

// ---- Links -------------------------------------------------------------------

int insert_link(void* ctx, void* t, const char* json_text) {
  if (int s = injected(ctx, "insert_link")) return s;
  state& w = T(t).work;
  json::object o = record(json_text);
  std::string id = field(o, "id");
  w.links[id] = json_text;
  w.link_ends.emplace(field(o, "from"), id);
  if (std::string to = field(o, "to"); !to.empty()) w.link_ends.emplace(to, id);
  return TC_OK;
}

int remove_link(void* ctx, void* t, const char* link_id) {
  if (int s = injected(ctx, "remove_link")) return s;
  state& w = T(t).work;
  auto it = w.links.find(link_id);
  if (it == w.links.end()) {
    tc_storage_error("no such link");
    return TC_ENOTFOUND;
  }
  json::object o = record(it->second);
  for (const std::string& end : {field(o, "from"), field(o, "to")}) {
    auto [first, last] = w.link_ends.equal_range(end);
    for (auto e = first; e != last;) e = e->second == link_id ? w.link_ends.erase(e) : std::next(e);
  }
  w.links.erase(it);
  return TC_OK;
}

int get_link(void* ctx, void* t, const char* link_id, char** out) {
  const auto& m = T(t).view().links;
  auto it = m.find(link_id);
  return give_optional(ctx, "get_link", out, it == m.end() ? nullptr : &it->second);
}

int links_of(void* ctx, void* t, const char* end, const char* kind, char** out) {
  const state& v = T(t).view();
  std::map<std::string, const std::string*> found;  // by id: oldest first
  auto [first, last] = v.link_ends.equal_range(end);
  for (auto e = first; e != last; ++e) {
    const std::string& text = v.links.at(e->second);
    if (!kind || field(record(text), "kind") == kind) found.emplace(e->second, &text);
  }
  std::vector<const std::string*> rows;
  for (const auto& kv : found) rows.push_back(kv.second);
  return give_array(ctx, "links_of", out, rows);
}

// ---- Parts, history, outbox ----------------------------------------------------------

int append_to(void* ctx, const char* method, std::map<std::string, std::vector<std::string>>& m, const char* key_field,
              const char* json_text) {
  if (int s = injected(ctx, method)) return s;
  m[field(record(json_text), key_field)].push_back(json_text);
  return TC_OK;
}

int list_of(void* ctx, const char* method, const std::map<std::string, std::vector<std::string>>& m, const char* key,
            char** out) {
  std::vector<const std::string*> rows;
  if (auto it = m.find(key); it != m.end())
    for (const auto& row : it->second) rows.push_back(&row);
  return give_array(ctx, method, out, rows);
}

int append_part(void* ctx, void* t, const char* j) { return append_to(ctx, "append_part", T(t).work.parts, "owner", j); }
// The part's JSON (its keys inside) replaces the one with its id, in place:
// the words query_tickets reads are the new ones (D2).
int rewrite_part(void* ctx, void* t, const char* j) {
  if (int s = injected(ctx, "rewrite_part")) return s;
  json::object p = record(j);
  auto list = T(t).work.parts.find(field(p, "owner"));
  if (list != T(t).work.parts.end())
    for (auto& row : list->second)
      if (field(record(row), "id") == field(p, "id")) {
        row = j;
        return TC_OK;
      }
  tc_storage_error("no such part");
  return TC_ENOTFOUND;
}
int parts_of(void* ctx, void* t, const char* owner, char** out) {
  return list_of(ctx, "parts_of", T(t).view().parts, owner, out);
}
int append_history(void* ctx, void* t, const char* j) {
  int s = append_to(ctx, "append_history", T(t).work.history, "subject", j);
  if (s == TC_OK) T(t).work.history_log.push_back(j);
  return s;
}
int history_of(void* ctx, void* t, const char* subject, char** out) {
  return list_of(ctx, "history_of", T(t).view().history, subject, out);
}
int history_in_order(void* ctx, void* t, std::uint64_t after, std::uint64_t limit, char** out) {
  const auto& log = T(t).view().history_log;
  std::vector<const std::string*> rows;
  for (std::uint64_t i = after; i < log.size() && rows.size() < limit; ++i) rows.push_back(&log[i]);
  return give_array(ctx, "history_in_order", out, rows);
}

int enqueue(void* ctx, void* t, const char* json_text) {
  if (int s = injected(ctx, "enqueue")) return s;
  T(t).work.outbox[field(record(json_text), "id")] = json_text;
  return TC_OK;
}

int get_notification(void* ctx, void* t, const char* id, char** out) {
  const auto& m = T(t).view().outbox;
  auto it = m.find(id);
  return give_optional(ctx, "get_notification", out, it == m.end() ? nullptr : &it->second);
}

int update_notification(void* ctx, void* t, const char* json_text) {
  if (int s = injected(ctx, "update_notification")) return s;
  auto it = T(t).work.outbox.find(field(record(json_text), "id"));
  if (it == T(t).work.outbox.end()) {
    tc_storage_error("no such notification");
    return TC_ENOTFOUND;
  }
  it->second = json_text;
  return TC_OK;
}

int due_notifications(void* ctx, void* t, const char* now, std::uint64_t limit, char** out) {
  // A scan in (next attempt, id) order: enough for a test backend; a real
  // one keeps an index on the pair.
  std::vector<std::pair<std::string, const std::string*>> due;
  for (const auto& kv : T(t).view().outbox) {
    json::object o = record(kv.second);
    if (field(o, "state") == "pending" && field(o, "next_attempt_at") <= now)
      due.emplace_back(field(o, "next_attempt_at") + kv.first, &kv.second);
  }
  std::sort(due.begin(), due.end());
  std::vector<const std::string*> rows;
  for (std::size_t i = 0; i < due.size() && i < limit; ++i) rows.push_back(due[i].second);
  return give_array(ctx, "due_notifications", out, rows);
}

int due_tickets(void* ctx, void* t, const char* now, std::uint64_t limit, char** out) {
  if (int s = injected(ctx, "due_tickets")) return s;
  std::vector<std::pair<std::string, const std::string*>> due;  // a scan: enough for a test backend
  for (const auto& kv : T(t).view().tickets) {
    std::string at = field(record(kv.second), "next_due_at");
    if (!at.empty() && at <= now) due.emplace_back(at + kv.first, &kv.second);
  }
  std::sort(due.begin(), due.end());
  std::vector<const std::string*> rows;
  for (std::size_t i = 0; i < due.size() && i < limit; ++i) rows.push_back(due[i].second);
  return give_array(ctx, "due_tickets", out, rows);
}

int list_notifications(void* ctx, void* t, const char* filter, char** out) {
  json::object f = record(filter);
  std::size_t limit = limit_of(f);
  std::string after = field(f, "after");
  std::vector<const std::string*> rows;
  for (const auto& kv : T(t).view().outbox) {
    if (rows.size() >= limit) break;
    if (!after.empty() && kv.first <= after) continue;
    if (matches(record(kv.second), f)) rows.push_back(&kv.second);
  }
  return give_array(ctx, "list_notifications", out, rows);
}

// ---- Tier 2: queries, views, history by time (version 3) ----------------------
// Evaluated by scanning, from the records' JSON and the keys the library
// handed beside them (version 5), as the header describes each query key:
// enough for a test backend, which derives nothing. A real one answers from
// the indexes the header names.

std::vector<std::string> strings(const json::object& o, const char* key) {
  std::vector<std::string> out;
  if (const json::value* v = o.if_contains(key); v && v->is_array())
    for (const auto& item : v->get_array())
      if (item.is_string()) out.emplace_back(item.get_string());
  return out;
}

bool flag(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

// The "keys" the library handed beside a ticket or a part.
json::object keys_of(const json::object& record) {
  const json::value* k = record.if_contains("keys");
  return k && k->is_object() ? k->get_object() : json::object{};
}

const std::vector<std::string> query_keys = {
    "category",    "types",        "states",       "state_categories", "priorities", "assignee",
    "team",        "brand",        "contact",      "company",          "tags",       "channel",
    "created_from", "created_to",  "updated_from", "updated_to",       "due_before", "sla_status",
    "tracker",     "text",         "words",        "public_text_only", "shared_with_company", "order",
    "descending"};

// A query, read once and matched against each ticket.
struct query {
  json::object q;
  std::optional<std::vector<std::string>> linked;  // "tracker": the tickets linked to it
  std::vector<std::string> wanted_words;
  std::string unknown;  // a key this backend does not know

  query(const state& v, const char* text) : q(record(text)) {
    for (const auto& kv : q)
      if (std::string key(kv.key()); std::find(query_keys.begin(), query_keys.end(), key) == query_keys.end())
        unknown = key;
    if (std::string tracker = field(q, "tracker"); !tracker.empty()) {
      linked.emplace();
      auto [first, last] = v.link_ends.equal_range(tracker);
      for (auto e = first; e != last; ++e) {
        json::object l = record(v.links.at(e->second));
        if (field(l, "kind") != "tracker") continue;
        linked->push_back(field(l, "from") == tracker ? field(l, "to") : field(l, "from"));
      }
    }
    wanted_words = strings(q, "words");
  }

  bool matches(const state& v, const json::object& t) const {
    auto equal = [&](const char* key) { return !q.contains(key) || field(q, key) == field(t, key); };
    for (const char* key : {"category", "channel", "brand", "contact", "company", "assignee", "team"})
      if (!equal(key)) return false;
    auto one_of = [&](const char* key, const char* ticket_key) {
      auto wanted = strings(q, key);
      return wanted.empty() || std::find(wanted.begin(), wanted.end(), field(t, ticket_key)) != wanted.end();
    };
    if (!one_of("types", "type") || !one_of("states", "state") || !one_of("state_categories", "state_category") ||
        !one_of("priorities", "priority"))
      return false;
    auto tags = strings(t, "tags");
    for (const auto& tag : strings(q, "tags"))
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) return false;
    auto in_range = [&](const char* ticket_key, const char* from, const char* to) {
      std::string at = field(t, ticket_key);
      return (!q.contains(from) || at >= field(q, from)) && (!q.contains(to) || at < field(q, to));
    };
    if (!in_range("created_at", "created_from", "created_to") || !in_range("updated_at", "updated_from", "updated_to"))
      return false;
    const json::object keys = keys_of(t);
    if (q.contains("due_before")) {
      std::string due = field(keys, "due_at");
      if (due.empty() || !(due < field(q, "due_before"))) return false;
    }
    if (q.contains("sla_status") && field(keys, "sla_status") != field(q, "sla_status")) return false;
    if (q.contains("shared_with_company") &&
        (field(t, "sharing") != "company" || field(t, "company") != field(q, "shared_with_company")))
      return false;
    const std::string id = field(t, "id");
    if (linked && std::find(linked->begin(), linked->end(), id) == linked->end()) return false;
    if (q.contains("words")) {  // none (punctuation alone) matches nothing
      if (wanted_words.empty()) return false;
      const bool public_only = flag(q, "public_text_only");
      std::vector<std::string> have = strings(keys, "words");
      if (auto it = v.parts.find(id); it != v.parts.end())
        for (const auto& row : it->second) {
          json::object part_keys = keys_of(record(row));
          std::string audience = field(part_keys, "audience");
          if (audience == "public" || (audience == "internal" && !public_only))
            for (auto& w : strings(part_keys, "words")) have.push_back(std::move(w));
        }
      for (const auto& w : wanted_words)
        if (std::find(have.begin(), have.end(), w) == have.end()) return false;
    }
    return true;
  }

  // The order key as a string that compares like the key: times as they
  // are, ranks offset to fixed width, "no SLA due time" above every time.
  std::string key(const json::object& t) const {
    std::string order = field(q, "order");
    if (order == "updated") return field(t, "updated_at");
    if (order == "priority") return rank(number(keys_of(t), "priority_rank"));
    if (order == "sla_due") {
      std::string due = field(keys_of(t), "sla_due");
      return due.empty() ? "~" : due;
    }
    return field(t, "created_at");
  }

  std::string cursor_key(const json::object& after) const {
    const json::value* k = after.if_contains("key");
    if (!k || k->is_null()) return "~";
    if (k->is_number()) return rank(k->to_number<std::int64_t>());
    return std::string(k->get_string());
  }

  static std::string rank(std::int64_t n) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%020llu",
                  static_cast<unsigned long long>(static_cast<std::uint64_t>(n) ^ (std::uint64_t{1} << 63)));
    return buffer;
  }

  bool descending() const {
    const json::value* d = q.if_contains("descending");
    return !d || !d->is_bool() || d->get_bool();
  }
};

int unknown_key(const query& q) {
  tc_storage_error(("this backend does not know the query key '" + q.unknown + "'").c_str());
  return TC_ENOTSUPPORTED;
}

int query_tickets(void* ctx, void* t, const char* query_json, const char* after_json, std::uint64_t limit, char** out) {
  *out = nullptr;
  if (int s = injected(ctx, "query_tickets")) return s;
  const state& v = T(t).view();
  query q(v, query_json);
  if (!q.unknown.empty()) return unknown_key(q);
  using row = std::pair<std::pair<std::string, std::string>, const std::string*>;  // ((key, id), record)
  std::optional<std::pair<std::string, std::string>> after;
  if (after_json) {
    json::object a = record(after_json);
    after.emplace(q.cursor_key(a), field(a, "id"));
  }
  const bool down = q.descending();
  std::vector<row> rows;
  for (const auto& kv : v.tickets) {
    json::object k = record(kv.second);
    if (!q.matches(v, k)) continue;
    std::pair<std::string, std::string> at{q.key(k), kv.first};
    if (after && (down ? !(at < *after) : !(*after < at))) continue;  // strictly after the cursor
    rows.emplace_back(std::move(at), &kv.second);
  }
  std::sort(rows.begin(), rows.end(), [&](const row& a, const row& b) { return down ? b.first < a.first : a.first < b.first; });
  std::vector<const std::string*> page;
  for (std::size_t i = 0; i < rows.size() && i < limit; ++i) page.push_back(rows[i].second);
  return give_array(ctx, "query_tickets", out, page);
}

int count_tickets(void* ctx, void* t, const char* query_json, std::uint64_t* out) {
  if (int s = injected(ctx, "count_tickets")) return s;
  const state& v = T(t).view();
  query q(v, query_json);
  if (!q.unknown.empty()) return unknown_key(q);
  *out = 0;
  for (const auto& kv : v.tickets)
    if (q.matches(v, record(kv.second))) ++*out;
  return TC_OK;
}

int put_view(void* ctx, void* t, const char* view_json) {
  if (int s = injected(ctx, "put_view")) return s;
  T(t).work.views[field(record(view_json), "id")] = view_json;
  return TC_OK;
}

int remove_view(void* ctx, void* t, const char* id) {
  if (int s = injected(ctx, "remove_view")) return s;
  if (T(t).work.views.erase(id) == 0) {
    tc_storage_error("no such view");
    return TC_ENOTFOUND;
  }
  return TC_OK;
}

int list_views(void* ctx, void* t, char** out) {
  std::vector<const std::string*> rows;
  for (const auto& kv : T(t).view().views) rows.push_back(&kv.second);  // std::map: ascending id
  return give_array(ctx, "list_views", out, rows);
}

// ---- Records by kind (version 6) ------------------------------------------------

int get_entry(void* ctx, void* t, const char* kind, const char* id, char** out) {
  const auto& m = T(t).view().entries;
  auto it = m.find({kind, id});
  return give_optional(ctx, "get_entry", out, it == m.end() ? nullptr : &it->second);
}

// Every check before the first change: a refused put writes nothing.
int put_entry(void* ctx, void* t, const char* entry_json, const char* keys_json) {
  if (int s = injected(ctx, "put_entry")) return s;
  state& w = T(t).work;
  json::object e = record(entry_json);
  const std::string kind = field(e, "kind"), id = field(e, "id");
  const std::int64_t version = number(e, "version");
  auto stored = w.entries.find({kind, id});
  if (version == 1 && stored != w.entries.end()) {
    tc_storage_error("an entry with this id exists");
    return TC_ECONFLICT;
  }
  if (version != 1 && stored == w.entries.end()) {
    tc_storage_error("no such entry");
    return TC_ENOTFOUND;
  }
  if (version != 1 && number(record(stored->second), "version") != version - 1) {
    tc_storage_error("the entry was changed by another writer");
    return TC_ECONFLICT;
  }
  json::array keys = json::parse(keys_json).as_array();
  for (const auto& k : keys) {
    const json::object& key = k.as_object();
    if (!key.at("unique").as_bool()) continue;
    const std::string name = field(key, "name"), value = field(key, "value");
    for (auto it = w.entry_keys.lower_bound({kind, name, value, ""});
         it != w.entry_keys.end() && std::get<0>(it->first) == kind && std::get<1>(it->first) == name &&
         std::get<2>(it->first) == value;
         ++it)
      if (it->second && std::get<3>(it->first) != id) {
        tc_storage_error(("a " + kind + " already has " + name + " " + value).c_str());
        return TC_ECONFLICT;
      }
  }
  std::erase_if(w.entry_keys,
                [&](const auto& kv) { return std::get<0>(kv.first) == kind && std::get<3>(kv.first) == id; });
  for (const auto& k : keys) {
    const json::object& key = k.as_object();
    w.entry_keys[{kind, field(key, "name"), field(key, "value"), id}] |= key.at("unique").as_bool();
  }
  w.entries[{kind, id}] = entry_json;
  return TC_OK;
}

int find_entries(void* ctx, void* t, const char* filter_json, char** out) {
  const state& v = T(t).view();
  json::object f = record(filter_json);
  const std::string kind = field(f, "kind"), after = field(f, "after");
  const bool cursor = f.contains("after");
  const std::size_t limit = limit_of(f);
  std::vector<const std::string*> rows;
  if (f.contains("key_name")) {
    const std::string name = field(f, "key_name"), value = field(f, "key_value");
    for (auto it = v.entry_keys.lower_bound({kind, name, value, after});
         it != v.entry_keys.end() && rows.size() < limit && std::get<0>(it->first) == kind &&
         std::get<1>(it->first) == name && std::get<2>(it->first) == value;
         ++it)
      if (!cursor || std::get<3>(it->first) > after) rows.push_back(&v.entries.at({kind, std::get<3>(it->first)}));
  } else {
    for (auto it = v.entries.lower_bound({kind, after});
         it != v.entries.end() && rows.size() < limit && it->first.first == kind; ++it)
      if (!cursor || it->first.second > after) rows.push_back(&it->second);
  }
  return give_array(ctx, "find_entries", out, rows);
}

int scan_history(void* ctx, void* t, const char* scan_json, tc_storage_visit visit, void* arg) {
  if (int s = injected(ctx, "scan_history")) return s;
  json::object scan = record(scan_json);
  const std::string from = field(scan, "from"), to = field(scan, "to"), subject = field(scan, "subject");
  const auto fields = strings(scan, "fields");
  // (at, append sequence): a stable sort of the append log by time.
  std::vector<std::pair<std::string, const std::string*>> period;
  for (const auto& row : T(t).view().history_log) {
    json::object h = record(row);
    std::string at = field(h, "at");
    if ((!from.empty() && at < from) || (!to.empty() && at >= to)) continue;
    if (!fields.empty() && std::find(fields.begin(), fields.end(), field(h, "field")) == fields.end()) continue;
    if (!subject.empty() && field(h, "subject") != subject) continue;
    period.emplace_back(std::move(at), &row);
  }
  std::stable_sort(period.begin(), period.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& entry : period) {
    bool garbage = false;
    if (int s = injected(ctx, "scan_history.visit", &garbage)) return s;  // fails mid-scan
    if (visit(arg, garbage ? "{not json" : entry.second->c_str()) != 0) break;
  }
  return TC_OK;
}

void destroy(void* ctx) {
  delete &S(ctx);
  ++destroyed;
}

}  // namespace

extern "C" tc_storage_methods test_store_new(void) {
  tc_storage_methods m = TC_STORAGE_METHODS_INIT;
  m.ctx = new store;
  m.begin = begin;
  m.commit = commit;
  m.rollback = rollback;
  m.next_number = next_number;
  m.get_ticket = get_ticket;
  m.get_ticket_by_number = get_ticket_by_number;
  m.insert_ticket = insert_ticket;
  m.update_ticket = update_ticket;
  m.find_tickets = find_tickets;
  // No type_in_use: optional, the library asks find_tickets (T4).
  m.get_conversation = get_conversation;
  m.get_conversation_by_number = get_conversation_by_number;
  m.insert_conversation = insert_conversation;
  m.update_conversation = update_conversation;
  m.find_conversations = find_conversations;
  m.insert_link = insert_link;
  m.remove_link = remove_link;
  m.get_link = get_link;
  m.links_of = links_of;
  m.count_links = nullptr;  // optional: the library counts from links_of
  m.append_part = append_part;
  m.parts_of = parts_of;
  m.append_history = append_history;
  m.history_of = history_of;
  m.enqueue = enqueue;
  m.get_notification = get_notification;
  m.update_notification = update_notification;
  m.due_notifications = due_notifications;
  m.list_notifications = list_notifications;
  m.due_tickets = due_tickets;
  m.destroy = destroy;
  m.query_tickets = query_tickets;
  m.count_tickets = count_tickets;
  m.put_view = put_view;
  m.remove_view = remove_view;
  m.list_views = list_views;
  m.scan_history = scan_history;
  m.history_in_order = history_in_order;
  m.get_entry = get_entry;
  m.put_entry = put_entry;
  m.find_entries = find_entries;
  m.rewrite_part = rewrite_part;
  return m;
}

extern "C" void test_store_fail(const tc_storage_methods* m, const char* method, int status, const char* message) {
  store& s = S(m->ctx);
  std::lock_guard lock(s.fault_mutex);
  s.fail_method = method;
  s.fail_status = status;
  s.fail_message = message ? message : "";
}

extern "C" void test_store_damage_ticket(const tc_storage_methods* m, const char* id) {
  store& s = S(m->ctx);
  std::unique_lock lock(s.mutex);
  json::object r = record(s.committed.tickets.at(id));
  r["title"] = 42;
  s.committed.tickets.at(id) = json::serialize(r);
}

extern "C" int test_store_destroyed(void) { return destroyed; }

extern "C" int test_store_rollbacks(const tc_storage_methods* m) { return S(m->ctx).rollbacks; }
