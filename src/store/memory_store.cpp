// The in-memory adapter. One shared_mutex: a write transaction holds it
// exclusively from begin to commit and records an undo step per change, so
// a rollback restores every map and index exactly.
#include "query/matching.hpp"
#include "store/memory_entries.hpp"
#include "store/memory_text_index.hpp"
#include "store/undo_log.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/memory_store.hpp>

#include <boost/functional/hash.hpp>
#include <boost/uuid/uuid_hash.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <list>
#include <map>
#include <mutex>
#include <ranges>
#include <set>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

namespace ticketcore {
namespace {

using uuid_hash = boost::hash<uuid>;
using id_set = std::set<uuid>;  // ids are time-ordered, so sets iterate oldest first
constexpr std::size_t link_kinds = static_cast<std::size_t>(link_kind::merged_into) + 1;
using link_ends = std::array<id_set, link_kinds>;

// A ticket with the keys it was handed and the ordinal the word index
// names it by.
struct ticket_slot {
  stored_ticket record;
  ticket_keys keys;
  detail::ticket_ordinal ordinal;
};

// An update's old record and keys, for its undo step.
struct saved_ticket {
  stored_ticket record;
  ticket_keys keys;
};

struct store_data {
  std::map<uuid, ticket_slot> tickets;
  std::vector<uuid> ticket_ids;  // by ordinal
  std::unordered_map<std::int64_t, uuid> ticket_numbers;
  std::unordered_map<std::string, id_set> tickets_by_contact;
  std::unordered_map<std::string, id_set> tickets_by_company;
  std::array<id_set, 3> tickets_by_category;
  std::unordered_map<std::string, std::size_t> tickets_per_type;
  std::set<std::pair<time_point, uuid>> tickets_due;  // by next_due_at (S1, S2)
  std::unordered_map<std::string, id_set> tickets_by_tag;
  detail::memory_text_index text;  // Q1

  std::map<uuid, conversation> conversations;
  std::unordered_map<std::int64_t, uuid> conversation_numbers;
  std::unordered_map<std::string, id_set> conversations_by_contact;

  std::unordered_map<uuid, link, uuid_hash> links;
  // Per end, its links by kind: a tracker with 100,000 followers (K10)
  // answers "is it merged?" or "its external links" without visiting them.
  std::unordered_map<uuid, link_ends, uuid_hash> links_by_end;

  std::unordered_map<uuid, std::vector<part>, uuid_hash> parts;
  // The keys of the parts whose words are in a ticket's text, by part id:
  // what rewrite_part takes out again (D2).
  std::unordered_map<uuid, part_keys, uuid_hash> part_text;
  std::unordered_map<uuid, std::vector<history_entry>, uuid_hash> history;
  // Every entry by (time, append order) -> (subject, place in its list), for reports (R1).
  std::map<std::pair<time_point, std::uint64_t>, std::pair<uuid, std::size_t>> history_by_time;
  std::uint64_t history_appended = 0;
  std::vector<time_point> history_times;  // by append order, for put_checkpoint
  std::map<std::pair<std::string, time_point>, boost::json::value> checkpoints;  // by key and instant (R1)

  std::map<uuid, notification> outbox;
  std::set<std::pair<time_point, uuid>> due;  // pending entries by next attempt

  std::unordered_map<std::string, std::int64_t> counters;
  std::map<std::string, saved_view> views;
  detail::memory_entries entries;  // records by kind: the directory, the stored configuration
  std::int64_t ticket_sequence = 0;
  std::int64_t conversation_sequence = 0;
};

void index_ticket(store_data& d, const stored_ticket& t, const ticket_keys& keys, detail::ticket_ordinal ordinal,
                  bool add) {
  auto edit = [&](id_set& set) { add ? void(set.insert(t.id)) : void(set.erase(t.id)); };
  if (!t.contact.empty()) edit(d.tickets_by_contact[t.contact]);
  if (!t.company.empty()) edit(d.tickets_by_company[t.company]);
  if (t.next_due_at) {
    const std::pair<time_point, uuid> due{*t.next_due_at, t.id};
    add ? void(d.tickets_due.insert(due)) : void(d.tickets_due.erase(due));
  }
  for (const auto& tag : t.tags) edit(d.tickets_by_tag[tag]);
  d.text.edit(ordinal, keys.words, false, add ? 1 : -1);
}

// Whether an update moves `t` in any index above.
bool moves_in_indexes(const ticket_slot& old, const stored_ticket& t, const ticket_keys& keys) {
  return old.record.contact != t.contact || old.record.company != t.company ||
         old.record.next_due_at != t.next_due_at || old.record.tags != t.tags || old.keys.words != keys.words;
}

template <class Record>
void check_version(const Record* stored, const Record& next, const char* what) {
  if (!stored) throw error(errc::not_found, std::string(what) + " " + to_string(next.id) + " does not exist");
  if (stored->version + 1 != next.version)
    throw error(errc::conflict, std::string(what) + " " + to_string(next.id) + " is at version " +
                                    std::to_string(stored->version) + ", the write expected " +
                                    std::to_string(next.version - 1));
}

class memory_transaction final : public transaction {
 public:
  memory_transaction(store_data& data, std::shared_mutex& mutex, access mode) : data_(data), mode_(mode) {
    if (mode == access::write) write_lock_ = std::unique_lock(mutex);
    else read_lock_ = std::shared_lock(mutex);
  }

  ~memory_transaction() override {
    if (open_) rollback();
  }

  void commit() override { end(); }

  void rollback() override {
    undo_.undo();
    end();
  }

  std::int64_t next_number(sequence s) override {
    writable();
    std::int64_t& counter = s == sequence::ticket ? data_.ticket_sequence : data_.conversation_sequence;
    ++counter;
    undo_.add([&counter] { --counter; });
    return counter;
  }

  std::int64_t next_counter(const std::string& name) override {
    writable();
    std::int64_t& counter = data_.counters[name];  // node-based: the reference stays valid for the undo
    ++counter;
    undo_.add([&counter] { --counter; });
    return counter;
  }

  std::optional<stored_ticket> get_ticket(const uuid& id) override {
    auto it = data_.tickets.find(id);
    if (it == data_.tickets.end()) return std::nullopt;
    return it->second.record;
  }

  std::optional<stored_ticket> get_ticket_by_number(std::int64_t number) override {
    auto it = data_.ticket_numbers.find(number);
    return it == data_.ticket_numbers.end() ? std::nullopt : get_ticket(it->second);
  }

  void insert_ticket(const stored_ticket& t, const ticket_keys& keys) override {
    writable();
    if (data_.tickets.count(t.id) || data_.ticket_numbers.count(t.number))
      throw error(errc::conflict, "ticket " + to_string(t.id) + " or #" + std::to_string(t.number) + " exists");
    if (data_.ticket_ids.size() > std::numeric_limits<detail::ticket_ordinal>::max())
      throw error(errc::storage, "the memory store holds as many tickets as it can name");
    const auto ordinal = static_cast<detail::ticket_ordinal>(data_.ticket_ids.size());
    data_.tickets.emplace(t.id, ticket_slot{t, keys, ordinal});
    data_.ticket_ids.push_back(t.id);
    data_.ticket_numbers.emplace(t.number, t.id);
    data_.tickets_by_category[static_cast<std::size_t>(t.category)].insert(t.id);
    ++data_.tickets_per_type[t.type];
    index_ticket(data_, t, keys, ordinal, true);
    undo_.add([this, id = t.id] {
      auto it = data_.tickets.find(id);
      const stored_ticket& stored = it->second.record;
      index_ticket(data_, stored, it->second.keys, it->second.ordinal, false);
      --data_.tickets_per_type[stored.type];
      data_.tickets_by_category[static_cast<std::size_t>(stored.category)].erase(id);
      data_.ticket_numbers.erase(stored.number);
      data_.tickets.erase(it);
      data_.ticket_ids.pop_back();
    });
  }

  void update_ticket(const stored_ticket& t, const ticket_keys& keys) override {
    writable();
    auto it = data_.tickets.find(t.id);
    check_version(it == data_.tickets.end() ? nullptr : &it->second.record, t, "ticket");
    ticket_slot& slot = it->second;
    if (slot.record.type != t.type || slot.record.category != t.category || slot.record.number != t.number)
      throw error(errc::invalid_argument, "a ticket's number, type and category never change");
    bool reindex = moves_in_indexes(slot, t, keys);
    saved_ticket old{std::move(slot.record), std::move(slot.keys)};
    if (reindex) index_ticket(data_, old.record, old.keys, slot.ordinal, false);
    slot.record = t;
    slot.keys = keys;
    if (reindex) index_ticket(data_, t, keys, slot.ordinal, true);
    // The old value waits beside the log: an undo step holds only its address.
    saved_ticket* saved = &saved_tickets_.emplace_back(std::move(old));
    undo_.add([this, saved, reindex] {
      auto& stored = data_.tickets.at(saved->record.id);
      if (reindex) {
        index_ticket(data_, stored.record, stored.keys, stored.ordinal, false);
        index_ticket(data_, saved->record, saved->keys, stored.ordinal, true);
      }
      stored.record = std::move(saved->record);
      stored.keys = std::move(saved->keys);
    });
  }

  std::vector<stored_ticket> find_tickets(const ticket_filter& f) override {
    const id_set* candidates = nullptr;
    static const id_set empty;
    if (f.contact) candidates = find_or(data_.tickets_by_contact, *f.contact, empty);
    else if (f.company) candidates = find_or(data_.tickets_by_company, *f.company, empty);
    else if (f.category) candidates = &data_.tickets_by_category[static_cast<std::size_t>(*f.category)];
    std::vector<stored_ticket> out;
    auto consider = [&](const stored_ticket& t) {
      if (matches(t, f)) out.push_back(t);
      return out.size() < f.limit;
    };
    if (candidates) {
      auto end = f.before ? candidates->lower_bound(*f.before) : candidates->end();
      for (auto it = std::make_reverse_iterator(end); it != candidates->rend(); ++it)
        if (!consider(data_.tickets.at(*it).record)) break;
    } else {
      auto end = f.before ? data_.tickets.lower_bound(*f.before) : data_.tickets.end();
      for (auto it = std::make_reverse_iterator(end); it != data_.tickets.rend(); ++it)
        if (!consider(it->second.record)) break;
    }
    return out;
  }

  std::vector<stored_ticket> query_tickets(const ticket_query& q, const std::optional<ticket_position>& after,
                                           std::size_t limit) override {
    using row = std::pair<ticket_position, const stored_ticket*>;
    std::vector<row> rows;
    for_each_match(q, [&](const ticket_slot& s) {
      ticket_position p{sort_key(s.record, s.keys, q.order), s.record.id};
      if (!after || detail::query::after(p.key, p.id, *after, q.descending)) rows.emplace_back(p, &s.record);
    });
    auto first = [&](const row& a, const row& b) { return detail::query::after(b.first.key, b.first.id, a.first, q.descending); };
    const std::size_t n = std::min(limit, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n), rows.end(), first);
    std::vector<stored_ticket> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(*rows[i].second);
    return out;
  }

  std::size_t count_tickets(const ticket_query& q) override {
    std::size_t n = 0;
    for_each_match(q, [&](const ticket_slot&) { ++n; });
    return n;
  }

  void put_view(const saved_view& v) override {
    writable();
    auto it = data_.views.find(v.id);
    std::optional<saved_view> old;
    if (it != data_.views.end()) old = std::exchange(it->second, v);
    else data_.views.emplace(v.id, v);
    undo_.add([this, id = v.id, old = std::move(old)] {
      if (old) data_.views[id] = *old;
      else data_.views.erase(id);
    });
  }

  void remove_view(const std::string& id) override {
    writable();
    auto it = data_.views.find(id);
    if (it == data_.views.end()) throw error(errc::not_found, "view '" + id + "' does not exist");
    saved_view old = std::move(it->second);
    data_.views.erase(it);
    undo_.add([this, old = std::move(old)] { data_.views.emplace(old.id, old); });
  }

  std::vector<saved_view> list_views() override {
    std::vector<saved_view> out;
    for (const auto& [id, v] : data_.views) out.push_back(v);
    return out;
  }

  std::optional<stored_entry> get_entry(const std::string& kind, const std::string& id) override {
    return data_.entries.get(kind, id);
  }

  void put_entry(stored_entry e, std::vector<entry_key> keys) override {
    writable();
    data_.entries.put(std::move(e), std::move(keys), undo_);
  }

  std::vector<stored_entry> find_entries(const entry_filter& f) override { return data_.entries.find(f); }

  bool type_in_use(const std::string& type) override {
    auto it = data_.tickets_per_type.find(type);
    return it != data_.tickets_per_type.end() && it->second > 0;
  }

  std::optional<conversation> get_conversation(const uuid& id) override {
    auto it = data_.conversations.find(id);
    if (it == data_.conversations.end()) return std::nullopt;
    return it->second;
  }

  std::optional<conversation> get_conversation_by_number(std::int64_t number) override {
    auto it = data_.conversation_numbers.find(number);
    return it == data_.conversation_numbers.end() ? std::nullopt : get_conversation(it->second);
  }

  void insert_conversation(const conversation& c) override {
    writable();
    if (data_.conversations.count(c.id) || data_.conversation_numbers.count(c.number))
      throw error(errc::conflict, "conversation " + to_string(c.id) + " exists");
    data_.conversations.emplace(c.id, c);
    data_.conversation_numbers.emplace(c.number, c.id);
    data_.conversations_by_contact[c.contact].insert(c.id);
    undo_.add([this, id = c.id] {
      auto it = data_.conversations.find(id);
      data_.conversations_by_contact[it->second.contact].erase(id);
      data_.conversation_numbers.erase(it->second.number);
      data_.conversations.erase(it);
    });
  }

  void update_conversation(const conversation& c) override {
    writable();
    auto it = data_.conversations.find(c.id);
    check_version(it == data_.conversations.end() ? nullptr : &it->second, c, "conversation");
    if (it->second.contact != c.contact || it->second.number != c.number)
      throw error(errc::invalid_argument, "a conversation's number and contact never change");
    conversation* saved = &saved_conversations_.emplace_back(std::exchange(it->second, c));
    undo_.add([this, saved] { data_.conversations.at(saved->id) = std::move(*saved); });
  }

  std::vector<stored_ticket> due_tickets(time_point now, std::size_t limit) override {
    std::vector<stored_ticket> out;
    for (auto it = data_.tickets_due.begin(); it != data_.tickets_due.end() && it->first <= now && out.size() < limit;
         ++it)
      out.push_back(data_.tickets.at(it->second).record);
    return out;
  }

  std::vector<conversation> find_conversations(const conversation_filter& f) override {
    std::vector<conversation> out;
    auto consider = [&](const conversation& c) {
      if (!f.brand || c.brand == *f.brand) out.push_back(c);
      return out.size() < f.limit;
    };
    if (f.contact) {
      static const id_set empty;
      const id_set& ids = *find_or(data_.conversations_by_contact, *f.contact, empty);
      auto end = f.before ? ids.lower_bound(*f.before) : ids.end();
      for (auto it = std::make_reverse_iterator(end); it != ids.rend(); ++it)
        if (!consider(data_.conversations.at(*it))) break;
    } else {
      auto end = f.before ? data_.conversations.lower_bound(*f.before) : data_.conversations.end();
      for (auto it = std::make_reverse_iterator(end); it != data_.conversations.rend(); ++it)
        if (!consider(it->second)) break;
    }
    return out;
  }

  void insert_link(const link& l) override {
    writable();
    if (!data_.links.emplace(l.id, l).second) throw error(errc::conflict, "link " + to_string(l.id) + " exists");
    index_link(l);
    undo_.add([this, id = l.id] { unindex_link(data_.links.at(id)); });
  }

  void remove_link(const uuid& id) override {
    writable();
    auto it = data_.links.find(id);
    if (it == data_.links.end()) throw error(errc::not_found, "link " + to_string(id) + " does not exist");
    link l = it->second;
    unindex_link(l);
    undo_.add([this, l] {
      data_.links.emplace(l.id, l);
      index_link(l);
    });
  }

  std::optional<link> get_link(const uuid& id) override {
    auto it = data_.links.find(id);
    if (it == data_.links.end()) return std::nullopt;
    return it->second;
  }

  std::vector<link> links_of(const uuid& end, std::optional<link_kind> kind) override {
    std::vector<link> out;
    auto it = data_.links_by_end.find(end);
    if (it == data_.links_by_end.end()) return out;
    if (kind) {
      const id_set& ids = it->second[static_cast<std::size_t>(*kind)];
      out.reserve(ids.size());
      for (const uuid& id : ids) out.push_back(data_.links.at(id));
      return out;
    }
    std::vector<uuid> ids;
    for (const id_set& of_kind : it->second) ids.insert(ids.end(), of_kind.begin(), of_kind.end());
    std::sort(ids.begin(), ids.end());  // in id order, as one set would give them
    out.reserve(ids.size());
    for (const uuid& id : ids) out.push_back(data_.links.at(id));
    return out;
  }

  std::size_t count_links(const uuid& end, link_kind kind, endpoint_kind other) override {
    std::size_t n = 0;
    auto it = data_.links_by_end.find(end);
    if (it == data_.links_by_end.end()) return 0;
    for (const uuid& id : it->second[static_cast<std::size_t>(kind)])
      if (data_.links.at(id).other_kind(end) == other) ++n;
    return n;
  }

  void append_part(part p, part_keys keys) override {
    writable();
    auto owner = data_.tickets.find(p.owner);
    auto& list = data_.parts[p.owner];
    list.push_back(std::move(p));
    if (keys.audience == text_audience::none || keys.words.empty() || owner == data_.tickets.end()) {
      undo_.add([&list] { list.pop_back(); });
      return;
    }
    const bool internal = keys.audience == text_audience::internal;
    const detail::ticket_ordinal ordinal = owner->second.ordinal;
    data_.text.edit(ordinal, keys.words, internal, 1);
    const uuid id = list.back().id;
    data_.part_text[id] = keys;
    undo_.add([this, &list, ordinal, internal, id, words = std::move(keys.words)] {
      data_.text.edit(ordinal, words, internal, -1);
      data_.part_text.erase(id);
      list.pop_back();
    });
  }

  void rewrite_part(part p, part_keys keys) override {
    writable();
    auto list = data_.parts.find(p.owner);
    auto it = list == data_.parts.end()
                  ? std::vector<part>::iterator{}
                  : std::find_if(list->second.begin(), list->second.end(), [&](const part& q) { return q.id == p.id; });
    if (list == data_.parts.end() || it == list->second.end())
      throw error(errc::not_found, "part " + to_string(p.id) + " of record " + to_string(p.owner) + " does not exist");
    auto owner = data_.tickets.find(p.owner);
    std::optional<part_keys> old_keys;
    if (auto k = data_.part_text.find(p.id); k != data_.part_text.end()) old_keys = std::move(k->second);
    data_.part_text.erase(p.id);
    std::optional<part_keys> new_keys;
    if (keys.audience != text_audience::none && !keys.words.empty() && owner != data_.tickets.end())
      new_keys = std::move(keys);
    const std::size_t place = static_cast<std::size_t>(it - list->second.begin());
    // Words out and in through one function, so the undo is the same steps reversed.
    auto swap_text = [this, id = p.id, owner = p.owner](const std::optional<part_keys>& out,
                                                        const std::optional<part_keys>& in) {
      const detail::ticket_ordinal ordinal = data_.tickets.at(owner).ordinal;
      if (out) data_.text.edit(ordinal, out->words, out->audience == text_audience::internal, -1);
      if (in) {
        data_.text.edit(ordinal, in->words, in->audience == text_audience::internal, 1);
        data_.part_text[id] = *in;
      } else {
        data_.part_text.erase(id);
      }
    };
    if (old_keys || new_keys) swap_text(old_keys, new_keys);
    part old = std::exchange(*it, std::move(p));
    undo_.add([this, owner = old.owner, place, old, old_keys, new_keys, swap_text]() mutable {
      if (old_keys || new_keys) swap_text(new_keys, old_keys);
      data_.parts.at(owner)[place] = std::move(old);
    });
  }

  std::vector<part> parts_of(const uuid& owner) override {
    auto it = data_.parts.find(owner);
    return it == data_.parts.end() ? std::vector<part>{} : it->second;
  }

  void append_history(history_entry h) override {
    writable();
    // The checkpoints this entry would change go (R1): those dated after it.
    for (auto it = data_.checkpoints.begin(); it != data_.checkpoints.end();) {
      if (it->first.second <= h.at) {
        ++it;
        continue;
      }
      undo_.add([this, c = *it] { data_.checkpoints.insert(c); });
      it = data_.checkpoints.erase(it);
    }
    auto& list = data_.history[h.subject];
    const std::pair key{h.at, ++data_.history_appended};
    data_.history_by_time.emplace(key, std::pair{h.subject, list.size()});
    data_.history_times.push_back(h.at);
    list.push_back(std::move(h));
    undo_.add([this, &list, key] {
      data_.history_by_time.erase(key);
      --data_.history_appended;
      data_.history_times.pop_back();
      list.pop_back();
    });
  }

  void scan_history(const history_scan& s, const std::function<bool(const history_entry&)>& visit) override {
    auto wanted = [&](const history_entry& h) {
      return s.fields.empty() || std::find(s.fields.begin(), s.fields.end(), h.field) != s.fields.end();
    };
    if (s.subject) {  // one subject's list, in time order (then append order)
      auto found = data_.history.find(*s.subject);
      if (found == data_.history.end()) return;
      std::vector<const history_entry*> entries;
      for (const auto& h : found->second)
        if (h.at >= s.from && h.at < s.to && wanted(h)) entries.push_back(&h);
      std::stable_sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->at < b->at; });
      for (const auto* h : entries)
        if (!visit(*h)) return;
      return;
    }
    auto end = data_.history_by_time.lower_bound({s.to, 0});
    for (auto it = data_.history_by_time.lower_bound({s.from, 0}); it != end; ++it) {
      const history_entry& h = data_.history.at(it->second.first)[it->second.second];
      if (!wanted(h)) continue;
      if (!visit(h)) return;
    }
  }

  std::optional<report_checkpoint> latest_checkpoint(const std::string& key, time_point at) override {
    auto it = data_.checkpoints.upper_bound({key, at});
    if (it == data_.checkpoints.begin() || std::prev(it)->first.first != key) return std::nullopt;
    --it;
    return report_checkpoint{key, it->first.second, it->second};
  }

  std::uint64_t history_mark() override { return data_.history_appended; }

  bool put_checkpoint(const report_checkpoint& c, std::uint64_t mark) override {
    writable();
    for (std::size_t i = mark; i < data_.history_times.size(); ++i)
      if (data_.history_times[i] < c.at) return false;  // appended since, before the checkpoint
    const std::pair key{c.key, c.at};
    auto old = data_.checkpoints.find(key);
    std::optional<boost::json::value> was;
    if (old != data_.checkpoints.end()) was = old->second;
    data_.checkpoints[key] = c.data;
    undo_.add([this, key, was] {
      if (was) data_.checkpoints[key] = *was;
      else data_.checkpoints.erase(key);
    });
    return true;
  }

  std::vector<history_entry> history_of(const uuid& subject) override {
    auto it = data_.history.find(subject);
    return it == data_.history.end() ? std::vector<history_entry>{} : it->second;
  }

  std::vector<history_entry> field_history(const uuid& subject, const std::string& field) override {
    std::vector<history_entry> out;
    auto it = data_.history.find(subject);
    if (it == data_.history.end()) return out;
    for (const history_entry& h : it->second)
      if (h.field == field) out.push_back(h);
    return out;
  }

  void enqueue(notification n) override {
    writable();
    uuid id = n.id;
    time_point due = n.next_attempt_at;
    bool pending = n.state == delivery_state::pending;
    if (!data_.outbox.emplace(id, std::move(n)).second)
      throw error(errc::conflict, "notification " + to_string(id) + " exists");
    if (pending) data_.due.emplace(due, id);
    undo_.add([this, id, due] {
      data_.due.erase({due, id});
      data_.outbox.erase(id);
    });
  }

  std::optional<notification> get_notification(const uuid& id) override {
    auto it = data_.outbox.find(id);
    if (it == data_.outbox.end()) return std::nullopt;
    return it->second;
  }

  void update_notification(const notification& n) override {
    writable();
    auto it = data_.outbox.find(n.id);
    if (it == data_.outbox.end()) throw error(errc::not_found, "notification " + to_string(n.id) + " does not exist");
    notification& old = saved_notifications_.emplace_back(std::exchange(it->second, n));
    data_.due.erase({old.next_attempt_at, old.id});
    if (n.state == delivery_state::pending) data_.due.emplace(n.next_attempt_at, n.id);
    undo_.add([this, &old] {
      notification& slot = data_.outbox.at(old.id);
      data_.due.erase({slot.next_attempt_at, slot.id});
      if (old.state == delivery_state::pending) data_.due.emplace(old.next_attempt_at, old.id);
      slot = old;
    });
  }

  std::vector<notification> due_notifications(time_point now, std::size_t limit) override {
    std::vector<notification> out;
    for (auto it = data_.due.begin(); it != data_.due.end() && it->first <= now && out.size() < limit; ++it)
      out.push_back(data_.outbox.at(it->second));
    return out;
  }

  std::vector<notification> list_notifications(const outbox_filter& f) override {
    std::vector<notification> out;
    auto from = f.after ? data_.outbox.upper_bound(*f.after) : data_.outbox.begin();
    // An iterator loop, not std::ranges::subrange: clang 14 (the fuzz build)
    // rejects subrange over libstdc++ 12's map iterators.
    for (auto it = from; it != data_.outbox.end() && out.size() < f.limit; ++it) {
      const notification& n = it->second;
      if (f.audience && n.audience != *f.audience) continue;
      if (f.recipient && n.recipient != *f.recipient) continue;
      if (f.ticket && n.ticket != *f.ticket) continue;
      if (f.state && n.state != *f.state) continue;
      out.push_back(n);
    }
    return out;
  }

 private:
  void writable() const {
    if (mode_ != access::write) throw error(errc::internal, "write in a read transaction");
    if (!open_) throw error(errc::internal, "write after the transaction ended");
  }

  // Calls `f` with every ticket matching `q`. Candidates come from the
  // narrowest index a filter names (tracker links, words, contact, company,
  // a tag, the category); the other filters are checked per ticket.
  template <class F>
  void for_each_match(const ticket_query& q, F f) {
    std::optional<std::unordered_set<uuid, uuid_hash>> linked, worded;
    if (q.tracker) {
      linked.emplace();
      auto it = data_.links_by_end.find(*q.tracker);
      if (it != data_.links_by_end.end())
        for (const uuid& id : it->second[static_cast<std::size_t>(link_kind::tracker)])
          linked->insert(data_.links.at(id).other(*q.tracker));
    }
    if (!q.text.empty()) {
      worded.emplace();
      for (detail::ticket_ordinal i : data_.text.find(detail::query::words(q.text), q.public_text_only))
        worded->insert(data_.ticket_ids[i]);
    }
    auto check = [&](const uuid& id) {
      if ((linked && !linked->count(id)) || (worded && !worded->count(id))) return;
      auto it = data_.tickets.find(id);
      if (it != data_.tickets.end() && detail::query::matches_fields(it->second.record, it->second.keys, q))
        f(it->second);
    };
    static const id_set empty;
    const id_set* narrow = nullptr;
    auto consider = [&](const id_set* s) {
      if (!narrow || s->size() < narrow->size()) narrow = s;
    };
    if (q.contact) consider(find_or(data_.tickets_by_contact, *q.contact, empty));
    if (q.company) consider(find_or(data_.tickets_by_company, *q.company, empty));
    if (q.shared_with_company) consider(find_or(data_.tickets_by_company, *q.shared_with_company, empty));
    for (const auto& tag : q.tags) consider(find_or(data_.tickets_by_tag, tag, empty));
    if (q.category) consider(&data_.tickets_by_category[static_cast<std::size_t>(*q.category)]);
    const std::size_t narrow_size = narrow ? narrow->size() : data_.tickets.size();
    const auto* set = linked && (!worded || linked->size() <= worded->size()) ? &*linked : worded ? &*worded : nullptr;
    if (set && set->size() <= narrow_size) {
      for (const uuid& id : *set) check(id);
    } else if (narrow) {
      for (const uuid& id : *narrow) check(id);
    } else {
      for (const auto& [id, t] : data_.tickets) check(id);
    }
  }

  static const id_set* find_or(const std::unordered_map<std::string, id_set>& map, const std::string& key,
                               const id_set& fallback) {
    auto it = map.find(key);
    return it == map.end() ? &fallback : &it->second;
  }

  static bool matches(const ticket& t, const ticket_filter& f) {
    return (!f.category || t.category == *f.category) && (!f.state_category || t.state_category == *f.state_category) &&
           (!f.type || t.type == *f.type) && (!f.assignee || t.assignee == *f.assignee) &&
           (!f.brand || t.brand == *f.brand) && (!f.contact || t.contact == *f.contact) &&
           (!f.company || t.company == *f.company) && (!f.title || t.title == *f.title);
  }

  void index_link(const link& l) {
    const auto k = static_cast<std::size_t>(l.kind);
    data_.links_by_end[l.from][k].insert(l.id);
    if (!l.to.is_nil()) data_.links_by_end[l.to][k].insert(l.id);
  }

  void unindex_link(const link& l) {
    const auto k = static_cast<std::size_t>(l.kind);
    data_.links_by_end[l.from][k].erase(l.id);
    if (!l.to.is_nil()) data_.links_by_end[l.to][k].erase(l.id);
    data_.links.erase(l.id);
  }

  void end() {
    undo_.clear();
    saved_tickets_.clear();
    saved_conversations_.clear();
    saved_notifications_.clear();
    open_ = false;
  }

  store_data& data_;
  access mode_;
  bool open_ = true;
  // Old records of updates, for the undo steps. Lists: adding one never
  // moves the others, and an empty one allocates nothing.
  std::list<saved_ticket> saved_tickets_;
  std::list<conversation> saved_conversations_;
  std::list<notification> saved_notifications_;
  std::unique_lock<std::shared_mutex> write_lock_;
  std::shared_lock<std::shared_mutex> read_lock_;
  detail::undo_log undo_;
};

class memory_store final : public storage {
 public:
  std::unique_ptr<transaction> begin(access mode) override {
    return std::make_unique<memory_transaction>(data_, mutex_, mode);
  }

 private:
  std::shared_mutex mutex_;
  store_data data_;
};

}  // namespace

std::shared_ptr<storage> make_memory_store() { return std::make_shared<memory_store>(); }

}  // namespace ticketcore
