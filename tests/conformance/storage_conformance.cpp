// The cases every storage adapter must pass, one per promise of
// include/ticketcore/storage.hpp. They talk to the transaction interface
// only, so a failure here points at the adapter, never at the Desk.
#include "storage_conformance.hpp"

#include <boost/test/unit_test.hpp>

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <functional>
#include <future>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tc = ticketcore;
using conformance::make_store;

bool conformance::expect_tier2 = true;
bool conformance::expect_checkpoints = true;

namespace {

tc::time_point at(int minutes) { return tc::parse_time("2026-11-24T09:00:00Z") + std::chrono::minutes(minutes); }

template <class F>
std::optional<tc::errc> error_of(F&& f) {
  try {
    f();
  } catch (const tc::error& e) {
    return e.kind();
  }
  return std::nullopt;
}

// Whether a Tier 2 case runs (expect_tier2): an adapter that must have the
// methods answers `f` without error; one that need not says not_supported,
// and the case ends there.
template <class F>
bool tier2_runs(F&& f) {
  auto e = error_of(f);
  if (!conformance::expect_tier2) {
    BOOST_TEST((e == tc::errc::not_supported));
    return false;
  }
  BOOST_TEST(!e.has_value());
  return !e.has_value();
}

// Records compare by their JSON form: every field, nothing left out.
template <class Record>
std::string text(const Record& r) {
  return boost::json::serialize(tc::to_json(r));
}
std::string text(const tc::stored_ticket& r) { return boost::json::serialize(tc::to_stored_json(r)); }

// Writes as the library writes: with the keys it derives (storage_types.hpp),
// priorities ranked as the default configuration ranks them.
const tc::config& keys_config() {
  static const tc::config c;
  return c;
}
void insert(tc::transaction& w, const tc::stored_ticket& k) { w.insert_ticket(k, tc::keys_of(k, keys_config())); }
void update(tc::transaction& w, const tc::stored_ticket& k) { w.update_ticket(k, tc::keys_of(k, keys_config())); }
void append(tc::transaction& w, tc::part p) {
  auto owner = w.get_ticket(p.owner);
  tc::part_keys keys = tc::part_keys_of(p, owner ? &owner->contact : nullptr);
  w.append_part(std::move(p), std::move(keys));
}
std::int64_t key_of(const tc::stored_ticket& k, tc::ticket_order o) {
  return tc::sort_key(k, tc::keys_of(k, keys_config()), o);
}
template <class Record>
std::string text(const std::optional<Record>& r) {
  return r ? text(*r) : "(none)";
}

struct ticket_kind {
  const char* type;
  tc::category category;
};
constexpr ticket_kind kinds[] = {{"bug_report", tc::category::customer},
                                 {"refund", tc::category::customer},
                                 {"process_refund", tc::category::back_office},
                                 {"bug", tc::category::tracker}};

// A ticket with every field set, numbered by the transaction (T3).
tc::stored_ticket full_ticket(tc::transaction& t) {
  tc::stored_ticket k;
  k.id = tc::new_id();
  k.number = t.next_number(tc::sequence::ticket);
  k.type = "refund";
  k.category = tc::category::customer;
  k.title = "Refund my order";
  k.description = "It came **broken**.";
  k.state = "open";
  k.state_category = tc::state_category::in_progress;
  k.priority = "high";
  k.contact = "a";
  k.company = "initech";
  k.brand = "acme";
  k.sharing = tc::sharing::company;
  k.assignee = "tom";
  k.team = "support";
  k.owner = "fay";
  k.tags = {"vip", "refund"};
  k.channel = tc::channel::email;
  k.created_at = at(0);
  k.updated_at = at(5);
  k.follow_up_at = at(60);
  k.action_required_at = at(120);
  k.attributes = {{"amount", 12.5}, {"reasons", boost::json::array{"late", "broken"}}};
  k.rating = tc::rating{4, "Quick, thanks", at(7)};
  k.version = 1;
  return k;
}

// A random ticket over a small domain, so that every filter selects some.
tc::stored_ticket random_ticket(tc::transaction& t, std::mt19937& rng) {
  auto pick = [&](auto const& options) { return options[rng() % std::size(options)]; };
  const ticket_kind kind = pick(kinds);
  tc::stored_ticket k;
  k.id = tc::new_id();
  k.number = t.next_number(tc::sequence::ticket);
  k.type = kind.type;
  k.category = kind.category;
  k.title = pick(std::vector<std::string>{"Login broken", "Refund", "Export slow"});
  k.state = "open";
  k.state_category = pick(std::vector<tc::state_category>{
      tc::state_category::submitted, tc::state_category::in_progress, tc::state_category::waiting_on_customer,
      tc::state_category::on_hold, tc::state_category::resolved});
  k.priority = "normal";
  if (kind.category == tc::category::customer) {
    k.contact = pick(std::vector<std::string>{"a", "b", "c", "d"});
    k.company = k.contact == "c" ? "umbrella" : k.contact == "d" ? "" : "initech";
  }
  k.assignee = pick(std::vector<std::string>{"", "tom", "fay"});
  k.brand = pick(std::vector<std::string>{"", "acme", "globex"});
  k.created_at = k.updated_at = at(0);
  k.version = 1;
  return k;
}

bool matches(const tc::stored_ticket& k, const tc::ticket_filter& f) {
  return (!f.category || k.category == *f.category) && (!f.state_category || k.state_category == *f.state_category) &&
         (!f.type || k.type == *f.type) && (!f.assignee || k.assignee == *f.assignee) &&
         (!f.brand || k.brand == *f.brand) && (!f.contact || k.contact == *f.contact) &&
         (!f.company || k.company == *f.company) && (!f.title || k.title == *f.title);
}

// Every page of `f`, following the cursor to the end.
std::vector<tc::uuid> page_through(tc::storage& s, tc::ticket_filter f, std::size_t page) {
  std::vector<tc::uuid> out;
  f.limit = page;
  auto r = s.begin(tc::access::read);
  for (;;) {
    auto rows = r->find_tickets(f);
    BOOST_REQUIRE(rows.size() <= page);
    for (const auto& k : rows) out.push_back(k.id);
    if (rows.size() < page) return out;
    f.before = rows.back().id;
  }
}

tc::conversation new_conversation(tc::transaction& t, const std::string& contact, const std::string& brand) {
  tc::conversation c;
  c.id = tc::new_id();
  c.number = t.next_number(tc::sequence::conversation);
  c.contact = contact;
  c.brand = brand;
  c.subject = "Hello";
  c.created_at = c.updated_at = at(1);
  c.version = 1;
  return c;
}

tc::link new_link(tc::link_kind kind, const tc::uuid& from, tc::endpoint_kind from_kind, const tc::uuid& to,
                  tc::endpoint_kind to_kind) {
  tc::link l;
  l.id = tc::new_id();
  l.kind = kind;
  l.from = from;
  l.from_kind = from_kind;
  l.to = to;
  l.to_kind = to_kind;
  l.created_by = tc::actor::teammate("tom");
  l.created_at = at(2);
  return l;
}

tc::part new_part(const tc::uuid& owner, const std::string& body, bool internal) {
  tc::part p;
  p.id = tc::new_id();
  p.owner = owner;
  p.kind = internal ? tc::part_kind::note : tc::part_kind::reply;
  p.internal = internal;
  p.author = tc::actor::teammate("tom");
  p.body = body;
  p.data = {{"n", body.size()}};
  p.created_at = at(3);
  return p;
}

tc::history_entry new_history(const tc::uuid& subject, const std::string& field, std::optional<tc::uuid> cause = {}) {
  tc::history_entry h;
  h.id = tc::new_id();
  h.subject = subject;
  h.actor = tc::actor::teammate("fay");
  h.at = at(4);
  h.field = field;
  h.old_value = "open";
  h.new_value = boost::json::array{1, "two"};
  h.cause = cause;
  return h;
}

tc::notification new_notification(const std::string& recipient, const tc::uuid& ticket, tc::time_point due) {
  tc::notification n;
  n.id = tc::new_id();
  n.recipient = recipient;
  n.kind = tc::notification_kind::status_changed;
  n.ticket = ticket;
  n.ticket_number = 7;
  n.payload = {{"stage", "In progress"}};
  n.idempotency_key = "key-" + tc::to_string(n.id);
  n.created_at = at(0);
  n.next_attempt_at = due;
  return n;
}

template <class Record>
std::vector<tc::uuid> ids(const std::vector<Record>& rs) {
  std::vector<tc::uuid> out;
  for (const auto& r : rs) out.push_back(r.id);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(storage_conformance)

BOOST_AUTO_TEST_CASE(a_ticket_reads_back_whole_by_id_and_by_number) {
  auto s = make_store();
  tc::stored_ticket k;
  {
    auto w = s->begin(tc::access::write);
    k = full_ticket(*w);
    insert(*w, k);
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST(text(r->get_ticket(k.id)) == text(k));
  BOOST_TEST(text(r->get_ticket_by_number(k.number)) == text(k));
  BOOST_TEST(!r->get_ticket(tc::new_id()).has_value());
  BOOST_TEST(!r->get_ticket_by_number(k.number + 1).has_value());
}

BOOST_AUTO_TEST_CASE(X1_an_update_must_name_the_version_it_replaces) {
  auto s = make_store();
  tc::stored_ticket k;
  {
    auto w = s->begin(tc::access::write);
    k = full_ticket(*w);
    insert(*w, k);
    w->commit();
  }
  tc::stored_ticket v2 = k;
  v2.title = "Second";
  v2.contact = "b";  // moves between index entries too
  v2.version = 2;
  {
    auto w = s->begin(tc::access::write);
    update(*w, v2);
    w->commit();
  }
  tc::stored_ticket stale = k;
  stale.title = "Lost update";
  stale.version = 2;  // written from version 1, which is gone
  {
    auto w = s->begin(tc::access::write);
    BOOST_TEST((error_of([&] { update(*w, stale); }) == tc::errc::conflict));
    w->rollback();
  }
  tc::stored_ticket ghost = k;
  ghost.id = tc::new_id();
  ghost.version = 2;
  {
    auto w = s->begin(tc::access::write);
    BOOST_TEST((error_of([&] { update(*w, ghost); }) == tc::errc::not_found));
    w->rollback();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST(text(r->get_ticket(k.id)) == text(v2));
  tc::ticket_filter by_b;
  by_b.contact = "b";
  BOOST_TEST(r->find_tickets(by_b).size() == 1u);
  tc::ticket_filter by_a;
  by_a.contact = "a";
  BOOST_TEST(r->find_tickets(by_a).empty());
}

BOOST_AUTO_TEST_CASE(X1_conversations_are_versioned_like_tickets) {
  auto s = make_store();
  tc::conversation c;
  {
    auto w = s->begin(tc::access::write);
    c = new_conversation(*w, "a", "acme");
    w->insert_conversation(c);
    w->commit();
  }
  tc::conversation v2 = c;
  v2.subject = "Renamed";
  v2.version = 2;
  {
    auto w = s->begin(tc::access::write);
    w->update_conversation(v2);
    BOOST_TEST((error_of([&] { w->update_conversation(v2); }) == tc::errc::conflict));
    w->rollback();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST(text(r->get_conversation(c.id)) == text(c));
  BOOST_TEST(text(r->get_conversation_by_number(c.number)) == text(c));
}

BOOST_AUTO_TEST_CASE(P6_a_rolled_back_transaction_leaves_nothing_behind) {
  auto s = make_store();
  tc::stored_ticket existing;
  tc::notification queued;
  {
    auto w = s->begin(tc::access::write);
    existing = full_ticket(*w);
    insert(*w, existing);
    queued = new_notification("a", existing.id, at(0));
    w->enqueue(queued);
    w->commit();
  }
  const std::string before_ticket = text(existing), before_notification = text(queued);
  tc::stored_ticket added;
  tc::conversation c;
  // Once by rollback(), once by letting the transaction go uncommitted.
  for (bool explicit_rollback : {true, false}) {
    auto w = s->begin(tc::access::write);
    added = full_ticket(*w);
    insert(*w, added);
    c = new_conversation(*w, "a", "acme");
    w->insert_conversation(c);
    w->insert_link(new_link(tc::link_kind::customer_ticket, c.id, tc::endpoint_kind::conversation, added.id,
                            tc::endpoint_kind::ticket));
    append(*w, new_part(existing.id, "hidden", true));
    w->append_history(new_history(existing.id, "state"));
    w->enqueue(new_notification("b", existing.id, at(0)));
    tc::stored_ticket changed = existing;
    changed.title = "Changed";
    changed.version = 2;
    update(*w, changed);
    tc::notification sent = queued;
    sent.state = tc::delivery_state::delivered;
    w->update_notification(sent);
    if (explicit_rollback) w->rollback();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST(!r->get_ticket(added.id).has_value());
  BOOST_TEST(!r->get_conversation(c.id).has_value());
  BOOST_TEST(r->links_of(existing.id).empty());
  BOOST_TEST(r->links_of(c.id).empty());
  BOOST_TEST(r->parts_of(existing.id).empty());
  BOOST_TEST(r->history_of(existing.id).empty());
  BOOST_TEST(text(r->get_ticket(existing.id)) == before_ticket);
  BOOST_TEST(text(r->get_notification(queued.id)) == before_notification);
  BOOST_TEST(r->list_notifications({}).size() == 1u);
  tc::ticket_filter all;
  BOOST_TEST(r->find_tickets(all).size() == 1u);
}

BOOST_AUTO_TEST_CASE(T3_numbers_increase_and_a_rolled_back_number_is_given_again) {
  auto s = make_store();
  std::int64_t first = 0, returned = 0;
  {
    auto w = s->begin(tc::access::write);
    auto k = full_ticket(*w);
    first = k.number;
    insert(*w, k);
    w->commit();
  }
  {
    auto w = s->begin(tc::access::write);
    auto k = full_ticket(*w);
    returned = k.number;
    insert(*w, k);
    w->rollback();
  }
  BOOST_TEST(returned > first);
  auto w = s->begin(tc::access::write);
  auto k = full_ticket(*w);
  BOOST_TEST(k.number == returned);
  insert(*w, k);
  auto c = new_conversation(*w, "a", "");
  BOOST_TEST(c.number == 1);  // each sequence counts on its own
  BOOST_TEST(w->next_number(tc::sequence::ticket) == k.number + 1);
  w->commit();
}

BOOST_AUTO_TEST_CASE(find_tickets_agrees_with_a_brute_force_filter_on_every_page) {
  auto s = make_store();
  std::mt19937 rng(20261124);
  std::vector<tc::stored_ticket> all;
  for (int batch = 0; batch < 6; ++batch) {
    auto w = s->begin(tc::access::write);
    for (int i = 0; i < 50; ++i) {
      all.push_back(random_ticket(*w, rng));
      insert(*w, all.back());
    }
    w->commit();
  }
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return y.id < x.id; });  // newest first

  std::vector<tc::ticket_filter> filters(1);  // the first one sets nothing
  auto add = [&](std::function<void(tc::ticket_filter&)> set) {
    filters.emplace_back();
    set(filters.back());
  };
  add([](auto& f) { f.category = tc::category::customer; });
  add([](auto& f) { f.category = tc::category::tracker; });
  add([](auto& f) { f.state_category = tc::state_category::resolved; });
  add([](auto& f) { f.type = "refund"; });
  add([](auto& f) { f.assignee = ""; });  // unassigned
  add([](auto& f) { f.assignee = "tom"; });
  add([](auto& f) { f.brand = "globex"; });
  add([](auto& f) { f.contact = "c"; });
  add([](auto& f) { f.company = "initech"; });
  add([](auto& f) { f.title = "Refund"; });
  add([](auto& f) { f.contact = "nobody"; });
  add([](auto& f) {
    f.category = tc::category::customer;
    f.state_category = tc::state_category::in_progress;
    f.assignee = "";
  });
  add([](auto& f) {
    f.company = "initech";
    f.brand = "acme";
    f.type = "bug_report";
  });
  add([](auto& f) {
    f.contact = "a";
    f.category = tc::category::customer;
  });

  for (const auto& f : filters) {
    std::vector<tc::uuid> expected;
    for (const auto& k : all)
      if (matches(k, f)) expected.push_back(k.id);
    for (std::size_t page : {std::size_t{7}, std::size_t{1000}})
      BOOST_TEST((page_through(*s, f, page) == expected), "filter #" << (&f - filters.data()) << ", page " << page);
  }
}

BOOST_AUTO_TEST_CASE(T4_type_in_use_sees_committed_tickets_only) {
  auto s = make_store();
  {
    auto w = s->begin(tc::access::write);
    insert(*w, full_ticket(*w));
    BOOST_TEST(w->type_in_use("refund"));  // a transaction sees its own writes
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST(r->type_in_use("refund"));
  BOOST_TEST(!r->type_in_use("bug"));
}

BOOST_AUTO_TEST_CASE(find_conversations_filters_newest_first_with_a_cursor) {
  auto s = make_store();
  std::vector<tc::conversation> all;
  {
    auto w = s->begin(tc::access::write);
    const char* contacts[] = {"a", "b", "a", "c"};
    const char* brands[] = {"acme", "globex", ""};
    for (int i = 0; i < 24; ++i) {
      all.push_back(new_conversation(*w, contacts[i % 4], brands[i % 3]));
      w->insert_conversation(all.back());
    }
    w->commit();
  }
  std::reverse(all.begin(), all.end());
  std::vector<tc::conversation_filter> filters(4);
  filters[1].contact = "a";
  filters[2].brand = "globex";
  filters[3].contact = "a";
  filters[3].brand = "acme";
  auto r = s->begin(tc::access::read);
  for (auto f : filters) {
    std::vector<tc::uuid> expected, got;
    for (const auto& c : all)
      if ((!f.contact || c.contact == *f.contact) && (!f.brand || c.brand == *f.brand)) expected.push_back(c.id);
    f.limit = 5;
    for (;;) {
      auto page = r->find_conversations(f);
      for (const auto& c : page) got.push_back(c.id);
      if (page.size() < f.limit) break;
      f.before = page.back().id;
    }
    BOOST_TEST((got == expected));
  }
}

BOOST_AUTO_TEST_CASE(K_links_are_found_from_either_end_and_counted_by_kind) {
  auto s = make_store();
  tc::stored_ticket customer, tracker, other;
  tc::conversation c;
  tc::link conversation_to_ticket, conversation_to_tracker, ticket_to_tracker, related, external;
  {
    auto w = s->begin(tc::access::write);
    customer = full_ticket(*w);
    tracker = full_ticket(*w);
    tracker.type = "bug";
    tracker.category = tc::category::tracker;
    other = full_ticket(*w);
    for (const auto* k : {&customer, &tracker, &other}) insert(*w, *k);
    c = new_conversation(*w, "a", "acme");
    w->insert_conversation(c);
    using tc::endpoint_kind;
    conversation_to_ticket = new_link(tc::link_kind::customer_ticket, c.id, endpoint_kind::conversation, customer.id,
                                      endpoint_kind::ticket);
    conversation_to_tracker =
        new_link(tc::link_kind::tracker, c.id, endpoint_kind::conversation, tracker.id, endpoint_kind::ticket);
    ticket_to_tracker =
        new_link(tc::link_kind::tracker, customer.id, endpoint_kind::ticket, tracker.id, endpoint_kind::ticket);
    related = new_link(tc::link_kind::related, other.id, endpoint_kind::ticket, customer.id, endpoint_kind::ticket);
    external = new_link(tc::link_kind::external, tracker.id, endpoint_kind::ticket, tc::uuid{}, endpoint_kind::external);
    external.external = tc::external_ref{"feedback", "post-9", "https://feedback.test/9"};
    for (const auto* l : {&conversation_to_ticket, &conversation_to_tracker, &ticket_to_tracker, &related, &external})
      w->insert_link(*l);
    w->commit();
  }
  auto expect_links = [&](tc::transaction& t, const tc::uuid& end, std::optional<tc::link_kind> kind,
                          std::vector<const tc::link*> expected) {
    std::vector<std::string> got, want;
    for (const auto& l : t.links_of(end, kind)) got.push_back(text(l));
    for (const auto* l : expected) want.push_back(text(*l));
    BOOST_TEST(got == want, "links of " << tc::to_string(end));
  };
  {
    auto r = s->begin(tc::access::read);
    expect_links(*r, customer.id, {}, {&conversation_to_ticket, &ticket_to_tracker, &related});  // oldest first
    expect_links(*r, tracker.id, {}, {&conversation_to_tracker, &ticket_to_tracker, &external});
    expect_links(*r, tracker.id, tc::link_kind::tracker, {&conversation_to_tracker, &ticket_to_tracker});
    expect_links(*r, c.id, tc::link_kind::back_office, {});
    BOOST_TEST(text(r->get_link(external.id)) == text(external));
    using tc::endpoint_kind;
    BOOST_TEST(r->count_links(tracker.id, tc::link_kind::tracker, endpoint_kind::ticket) == 1u);
    BOOST_TEST(r->count_links(tracker.id, tc::link_kind::tracker, endpoint_kind::conversation) == 1u);
    BOOST_TEST(r->count_links(customer.id, tc::link_kind::customer_ticket, endpoint_kind::conversation) == 1u);
    BOOST_TEST(r->count_links(c.id, tc::link_kind::customer_ticket, endpoint_kind::ticket) == 1u);
    BOOST_TEST(r->count_links(tracker.id, tc::link_kind::external, endpoint_kind::external) == 1u);
  }
  {
    auto w = s->begin(tc::access::write);
    w->remove_link(ticket_to_tracker.id);
    BOOST_TEST((error_of([&] { w->remove_link(ticket_to_tracker.id); }) == tc::errc::not_found));
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  expect_links(*r, customer.id, {}, {&conversation_to_ticket, &related});
  expect_links(*r, tracker.id, {}, {&conversation_to_tracker, &external});
  BOOST_TEST(!r->get_link(ticket_to_tracker.id).has_value());
  BOOST_TEST(r->count_links(tracker.id, tc::link_kind::tracker, tc::endpoint_kind::ticket) == 0u);
}

BOOST_AUTO_TEST_CASE(H1_parts_and_history_keep_their_order_per_owner) {
  auto s = make_store();
  const tc::uuid one = tc::new_id(), two = tc::new_id(), cause = tc::new_id();
  std::vector<std::string> parts_one, parts_two, history_one;
  {
    auto w = s->begin(tc::access::write);
    for (int i = 0; i < 5; ++i) {
      auto p = new_part(i % 2 ? two : one, "body " + std::to_string(i), i % 3 == 0);
      if (i == 4) p.origin_ticket = cause;
      (i % 2 ? parts_two : parts_one).push_back(text(p));
      append(*w, p);
      auto h = new_history(one, "field" + std::to_string(i), i == 2 ? std::optional(cause) : std::nullopt);
      history_one.push_back(text(h));
      w->append_history(h);
    }
    w->commit();
  }
  // Appends from a later transaction come after the earlier ones.
  {
    auto w = s->begin(tc::access::write);
    auto p = new_part(one, "later", false);
    parts_one.push_back(text(p));
    append(*w, p);
    w->commit();
  }
  auto texts = [](const auto& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(text(r));
    return out;
  };
  auto r = s->begin(tc::access::read);
  BOOST_TEST(texts(r->parts_of(one)) == parts_one);
  BOOST_TEST(texts(r->parts_of(two)) == parts_two);
  BOOST_TEST(texts(r->history_of(one)) == history_one);
  BOOST_TEST(r->history_of(two).empty());
}

BOOST_AUTO_TEST_CASE(R1_scan_history_visits_a_period_in_time_order_across_subjects) {
  auto s = make_store();
  const tc::uuid one = tc::new_id(), two = tc::new_id();
  std::vector<tc::history_entry> all;
  {
    auto w = s->begin(tc::access::write);
    // Appended out of time order and across subjects: the scan sorts by time, then append order.
    for (int minute : {5, 1, 3, 1, 9, 3}) {
      auto h = new_history(all.size() % 2 ? two : one, minute == 3 ? "state" : "priority");
      h.at = at(minute);
      all.push_back(h);
      w->append_history(h);
    }
    w->commit();
  }
  {
    auto w = s->begin(tc::access::write);  // rolled back: never visited
    auto h = new_history(one, "state");
    h.at = at(2);
    w->append_history(h);
    w->rollback();
  }
  auto r = s->begin(tc::access::read);
  auto scan = [&](tc::history_scan q, std::size_t stop_after = 1000) {
    std::vector<std::string> seen;
    r->scan_history(q, [&](const tc::history_entry& h) {
      seen.push_back(text(h));
      return seen.size() < stop_after;
    });
    return seen;
  };
  if (!tier2_runs([&] { scan({at(0), at(10), {}, std::nullopt, tc::history_members::all}); })) return;
  auto expected = [&](int from, int to, const std::string& field) {
    std::vector<std::pair<std::pair<tc::time_point, std::size_t>, std::string>> keyed;
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i].at >= at(from) && all[i].at < at(to) && (field.empty() || all[i].field == field))
        keyed.push_back({{all[i].at, i}, text(all[i])});
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> out;
    for (auto& k : keyed) out.push_back(k.second);
    return out;
  };
  BOOST_TEST(scan({at(0), at(10), {}, std::nullopt, tc::history_members::all}) == expected(0, 10, ""));
  BOOST_TEST(scan({at(1), at(5), {}, std::nullopt, tc::history_members::all}) == expected(1, 5, ""));  // half-open
  BOOST_TEST(scan({at(0), at(10), {"state"}, std::nullopt, tc::history_members::all}) == expected(0, 10, "state"));
  BOOST_TEST(scan({at(0), at(10), {"state", "priority"}, std::nullopt, tc::history_members::all}) == expected(0, 10, ""));
  BOOST_TEST(scan({at(6), at(9), {}, std::nullopt, tc::history_members::all}).empty());
  BOOST_TEST(scan({at(0), at(10), {}, std::nullopt, tc::history_members::all}, 2).size() == 2u);  // the visitor stops the scan
  // The Desk reads a report's history from the first entry on.
  BOOST_TEST(scan({tc::time_point::min(), at(4), {"priority"}, std::nullopt, tc::history_members::all}) == expected(0, 4, "priority"));
  // What the visitor throws reaches the caller, and the transaction goes on.
  struct stop {};
  BOOST_CHECK_THROW(r->scan_history({at(0), at(10), {}, std::nullopt, tc::history_members::all}, [](const tc::history_entry&) -> bool { throw stop{}; }),
                    stop);
  BOOST_TEST(scan({at(0), at(10), {}, std::nullopt, tc::history_members::all}) == expected(0, 10, ""));
}

BOOST_AUTO_TEST_CASE(R1_scan_history_of_one_subject_and_facts_only) {
  auto s = make_store();
  const tc::uuid one = tc::new_id(), two = tc::new_id();
  std::vector<tc::history_entry> all;
  {
    auto w = s->begin(tc::access::write);
    for (int minute : {5, 1, 3, 1, 9}) {
      auto h = new_history(all.size() % 2 ? two : one, minute == 3 ? "state" : "priority");
      h.at = at(minute);
      h.new_value = {{"minute", minute}};
      all.push_back(h);
      w->append_history(h);
    }
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  if (!conformance::expect_tier2) return;  // covered by the case above
  std::vector<std::string> seen;
  tc::history_scan q{at(0), at(10), {"priority"}, one, tc::history_members::all};
  r->scan_history(q, [&](const tc::history_entry& h) {
    seen.push_back(text(h));
    return true;
  });
  BOOST_TEST(seen == (std::vector<std::string>{text(all[0]), text(all[4])}), boost::test_tools::per_element());
  // Facts: subject, time, field and new value, in time order across subjects.
  std::vector<std::string> facts;
  r->scan_history({at(0), at(10), {}, std::nullopt, tc::history_members::facts}, [&](const tc::history_entry& h) {
    facts.push_back(tc::to_string(h.subject) + " " + tc::format_time(h.at) + " " + h.field + " " +
                    boost::json::serialize(h.new_value));
    return true;
  });
  std::vector<std::string> want;
  for (std::size_t i : {1u, 3u, 2u, 0u, 4u})
    want.push_back(tc::to_string(all[i].subject) + " " + tc::format_time(all[i].at) + " " + all[i].field + " " +
                   boost::json::serialize(all[i].new_value));
  BOOST_TEST(facts == want, boost::test_tools::per_element());
}

// Checkpoints summarise the history before their instant and are dropped
// when an entry dated before it is appended, or refused when one was
// appended after the mark they were computed from.
BOOST_AUTO_TEST_CASE(R1_report_checkpoints_hold_only_while_history_before_them_holds) {
  auto s = make_store();
  const tc::uuid one = tc::new_id();
  auto append = [&](tc::transaction& w, int minute) {
    auto h = new_history(one, "state");
    h.at = at(minute);
    w.append_history(h);
  };
  {
    auto w = s->begin(tc::access::write);
    append(*w, 1);
    w->commit();
  }
  if (!conformance::expect_checkpoints) {
    auto r = s->begin(tc::access::read);
    BOOST_TEST((error_of([&] { r->latest_checkpoint("k", at(10)); }) == tc::errc::not_supported));
    return;
  }
  std::uint64_t mark = 0;
  {
    auto r = s->begin(tc::access::read);
    BOOST_TEST(!r->latest_checkpoint("k", at(10)));
    mark = r->history_mark();
  }
  auto put = [&](int minute, const char* data, std::uint64_t m) {
    auto w = s->begin(tc::access::write);
    bool stored = w->put_checkpoint({"k", at(minute), {{"n", data}}}, m);
    w->commit();
    return stored;
  };
  BOOST_TEST(put(5, "five", mark));
  BOOST_TEST(put(8, "eight", mark));
  BOOST_TEST(put(8, "eight again", mark));  // replaces
  {
    auto w = s->begin(tc::access::write);  // rolled back: still there
    w->put_checkpoint({"k", at(9), {{"n", "nine"}}}, mark);
    append(*w, 2);
    w->rollback();
  }
  auto latest = [&](const std::string& key, int minute) {
    auto r = s->begin(tc::access::read);
    auto c = r->latest_checkpoint(key, at(minute));
    return c ? tc::format_time(c->at) + " " + boost::json::serialize(c->data) : std::string("(none)");
  };
  BOOST_TEST(latest("k", 4) == "(none)");
  BOOST_TEST(latest("k", 5) == tc::format_time(at(5)) + R"( {"n":"five"})");
  BOOST_TEST(latest("k", 7) == tc::format_time(at(5)) + R"( {"n":"five"})");
  BOOST_TEST(latest("k", 60) == tc::format_time(at(8)) + R"( {"n":"eight again"})");
  BOOST_TEST(latest("other", 60) == "(none)");
  {
    auto w = s->begin(tc::access::write);  // at the checkpoint's instant: after it, nothing changes
    append(*w, 8);
    w->commit();
  }
  BOOST_TEST(latest("k", 60) == tc::format_time(at(8)) + R"( {"n":"eight again"})");
  {
    auto w = s->begin(tc::access::write);  // before 8, after 5: the one at 8 goes
    append(*w, 6);
    w->commit();
  }
  BOOST_TEST(latest("k", 60) == tc::format_time(at(5)) + R"( {"n":"five"})");
  // Computed before the entry at minute 6 was appended: refused.
  BOOST_TEST(!put(7, "seven", mark));
  {
    auto r = s->begin(tc::access::read);
    mark = r->history_mark();
  }
  BOOST_TEST(put(4, "four", mark));
  BOOST_TEST(put(7, "seven", mark));
  {
    auto w = s->begin(tc::access::write);
    append(*w, 6);  // after 4, before 7
    w->commit();
  }
  BOOST_TEST(latest("k", 60) == tc::format_time(at(5)) + R"( {"n":"five"})");
}

BOOST_AUTO_TEST_CASE(N5_the_outbox_gives_due_entries_oldest_first_and_lists_by_filter) {
  auto s = make_store();
  const tc::uuid ticket_one = tc::new_id(), ticket_two = tc::new_id();
  std::vector<tc::notification> ns = {
      new_notification("a", ticket_one, at(30)), new_notification("b", ticket_one, at(10)),
      new_notification("a", ticket_two, at(20)), new_notification("c", ticket_two, at(90))};
  ns[3].channel = tc::notify_channel::messenger;
  {
    auto w = s->begin(tc::access::write);
    for (const auto& n : ns) w->enqueue(n);
    w->commit();
  }
  {
    auto r = s->begin(tc::access::read);
    BOOST_TEST((ids(r->due_notifications(at(30), 10)) == std::vector{ns[1].id, ns[2].id, ns[0].id}));
    BOOST_TEST((ids(r->due_notifications(at(30), 2)) == std::vector{ns[1].id, ns[2].id}));
    BOOST_TEST(r->due_notifications(at(9), 10).empty());
    BOOST_TEST(text(r->get_notification(ns[3].id)) == text(ns[3]));
  }
  // A delivered entry is never due again; a retried one is due at its new time.
  tc::notification delivered = ns[1], retried = ns[2];
  delivered.state = tc::delivery_state::delivered;
  delivered.attempts = 1;
  delivered.delivered_at = at(11);
  retried.attempts = 1;
  retried.next_attempt_at = at(40);
  retried.last_error = "mail server busy";
  {
    auto w = s->begin(tc::access::write);
    w->update_notification(delivered);
    w->update_notification(retried);
    tc::notification ghost = ns[0];
    ghost.id = tc::new_id();
    BOOST_TEST((error_of([&] { w->update_notification(ghost); }) == tc::errc::not_found));
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST((ids(r->due_notifications(at(100), 10)) == std::vector{ns[0].id, retried.id, ns[3].id}));
  BOOST_TEST(text(r->get_notification(delivered.id)) == text(delivered));
  tc::outbox_filter f;
  BOOST_TEST((ids(r->list_notifications(f)) == ids(ns)));  // oldest first
  f.recipient = "a";
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[0].id, ns[2].id}));
  f = {};
  f.ticket = ticket_two;
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[2].id, ns[3].id}));
  f = {};
  f.state = tc::delivery_state::delivered;
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[1].id}));
  f = {};
  f.limit = 2;
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[0].id, ns[1].id}));
  // N5: `after` is the cursor: only entries with a greater id, with the other filters.
  f.after = ns[1].id;
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[2].id, ns[3].id}));
  f.ticket = ticket_two;
  f.limit = 1;
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[2].id}));
  f.after = ns[3].id;
  BOOST_TEST(r->list_notifications(f).empty());
}

// V5, N5: contacts and teammates are separate namespaces; an entry's
// recipient is the pair (audience, recipient), kept and filtered as one.
BOOST_AUTO_TEST_CASE(V5_N5_the_outbox_filters_recipients_within_their_audience) {
  auto s = make_store();
  const tc::uuid ticket = tc::new_id();
  std::vector<tc::notification> ns = {new_notification("sam", ticket, at(10)), new_notification("sam", ticket, at(20)),
                                      new_notification("kim", ticket, at(30))};
  ns[1].audience = ns[2].audience = tc::audience::teammate;
  ns[1].kind = ns[2].kind = tc::notification_kind::sla_breached;
  {
    auto w = s->begin(tc::access::write);
    for (const auto& n : ns) w->enqueue(n);
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST(text(r->get_notification(ns[1].id)) == text(ns[1]));
  tc::outbox_filter f;
  f.audience = tc::audience::contact;
  f.recipient = "sam";
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[0].id}));
  f.audience = tc::audience::teammate;
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[1].id}));
  f.recipient.reset();
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[1].id, ns[2].id}));
  // An update keeps the audience the entry was written with.
  tc::notification done = ns[1];
  done.state = tc::delivery_state::delivered;
  r.reset();
  {
    auto w = s->begin(tc::access::write);
    w->update_notification(done);
    w->commit();
  }
  r = s->begin(tc::access::read);
  f.recipient = "sam";
  f.audience = tc::audience::contact;
  BOOST_TEST((ids(r->list_notifications(f)) == std::vector{ns[0].id}));
}

BOOST_AUTO_TEST_CASE(S1_due_tickets_come_earliest_first_and_follow_updates) {
  auto s = make_store();
  std::vector<tc::stored_ticket> ks;
  {
    auto w = s->begin(tc::access::write);
    for (int due : {50, 10, -1, 30, 10}) {  // -1: nothing due
      ks.push_back(full_ticket(*w));
      if (due >= 0) ks.back().next_due_at = at(due);
      insert(*w, ks.back());
    }
    w->commit();
  }
  {
    auto r = s->begin(tc::access::read);
    BOOST_TEST((ids(r->due_tickets(at(30), 10)) == std::vector{ks[1].id, ks[4].id, ks[3].id}));  // ties by id
    BOOST_TEST((ids(r->due_tickets(at(100), 1)) == std::vector{ks[1].id}));
    BOOST_TEST(r->due_tickets(at(9), 10).empty());
  }
  {
    auto w = s->begin(tc::access::write);
    tc::stored_ticket later = ks[1], cleared = ks[3];
    later.next_due_at = at(60);
    later.version = 2;
    cleared.next_due_at.reset();
    cleared.version = 2;
    update(*w, later);
    update(*w, cleared);
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST((ids(r->due_tickets(at(100), 10)) == std::vector{ks[4].id, ks[0].id, ks[1].id}));
}

BOOST_AUTO_TEST_CASE(X2_a_reader_never_sees_uncommitted_writes) {
  auto s = make_store();
  auto w = s->begin(tc::access::write);
  auto k = full_ticket(*w);
  insert(*w, k);
  // A backend may let the reader run beside the writer or make it wait for
  // the writer to end; either way it must not see the insert.
  auto seen = std::async(std::launch::async, [&] { return s->begin(tc::access::read)->get_ticket(k.id).has_value(); });
  seen.wait_for(std::chrono::milliseconds(200));
  w->rollback();
  w.reset();  // the transaction ends here, freeing a waiting reader
  BOOST_TEST(!seen.get());
}

BOOST_AUTO_TEST_CASE(X2_concurrent_writers_are_serialised_and_none_is_lost) {
  auto s = make_store();
  constexpr int threads = 4, each = 25;
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i)
    workers.emplace_back([&] {
      for (int j = 0; j < each; ++j) {
        auto w = s->begin(tc::access::write);
        insert(*w, full_ticket(*w));
        w->commit();
      }
    });
  for (auto& t : workers) t.join();
  tc::ticket_filter all;
  all.limit = 1000;
  auto r = s->begin(tc::access::read);
  std::set<std::int64_t> numbers;
  for (const auto& k : r->find_tickets(all)) numbers.insert(k.number);
  BOOST_TEST(numbers.size() == std::size_t{threads * each});
  BOOST_TEST(*numbers.begin() == 1);
  BOOST_TEST(*numbers.rbegin() == threads * each);
}

BOOST_AUTO_TEST_SUITE_END()

// Full text compares the words the library handed the store, which it
// split: a word with non-ASCII letters is one word, folded in ASCII only;
// text of punctuation alone matches nothing.
BOOST_AUTO_TEST_CASE(Q1_text_matches_the_words_the_store_was_handed) {
  auto s = make_store();
  {
    auto r = s->begin(tc::access::read);
    if (!tier2_runs([&] { r->query_tickets({}, std::nullopt, 1); })) return;
  }
  tc::stored_ticket k;
  {
    auto w = s->begin(tc::access::write);
    k = full_ticket(*w);
    k.title = "Café naïve\u2014test";
    insert(*w, k);
    append(*w, new_part(k.id, "Über STRASSE", false));
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  auto count = [&](const std::string& text) {
    tc::ticket_query q;
    q.text = text;
    return r->count_tickets(q);
  };
  for (const char* found : {"café", "naïve\u2014test", "Über", "strasse", "broken"})
    BOOST_TEST(count(found) == 1u, found);
  for (const char* not_found : {"cafe", "CAFÉ", "naïve", "test", "über", "?! --"})
    BOOST_TEST(count(not_found) == 0u, not_found);
}

// D2: a rewritten part keeps its place in the timeline, and its old words
// no longer find its ticket while its new ones do; rolled back, it is as it
// was; a part that is not there is not found.
BOOST_AUTO_TEST_CASE(D2_a_rewritten_part_keeps_its_place_and_only_its_new_words) {
  auto s = make_store();
  tc::stored_ticket k;
  tc::part first, target, note;
  {
    auto w = s->begin(tc::access::write);
    k = full_ticket(*w);
    insert(*w, k);
    first = new_part(k.id, "first reply", false);
    target = new_part(k.id, "zanzibar passport 12345", false);
    note = new_part(k.id, "zanzibar noted internally", true);
    for (const auto& p : {first, target, note}) append(*w, p);
    w->commit();
  }
  tc::part erased = target;
  erased.body = "[erased]";
  erased.data = {};
  auto rewrite = [&](tc::transaction& w, tc::part p) {
    tc::part_keys keys = tc::part_keys_of(p, &k.contact);
    w.rewrite_part(std::move(p), std::move(keys));
  };
  auto bodies = [&](tc::transaction& r) {
    std::vector<std::string> out;
    for (const auto& p : r.parts_of(k.id)) out.push_back(p.body);
    return out;
  };
  auto count = [&](tc::transaction& r, const std::string& text, bool public_only) {
    tc::ticket_query q;
    q.text = text;
    q.public_text_only = public_only;
    return r.count_tickets(q);
  };
  {
    auto w = s->begin(tc::access::write);
    rewrite(*w, erased);
    w->rollback();
  }
  {
    auto r = s->begin(tc::access::read);
    BOOST_TEST((bodies(*r) == std::vector<std::string>{"first reply", "zanzibar passport 12345",
                                                         "zanzibar noted internally"}));
  }
  {
    auto w = s->begin(tc::access::write);
    rewrite(*w, erased);
    tc::part stranger = new_part(k.id, "x", false);
    BOOST_TEST((error_of([&] { rewrite(*w, stranger); }) == tc::errc::not_found));
    tc::part elsewhere = erased;
    elsewhere.owner = tc::new_id();
    BOOST_TEST((error_of([&] { rewrite(*w, elsewhere); }) == tc::errc::not_found));
    w->commit();
  }
  auto r = s->begin(tc::access::read);
  BOOST_TEST((bodies(*r) == std::vector<std::string>{"first reply", "[erased]", "zanzibar noted internally"}));
  auto parts = r->parts_of(k.id);
  BOOST_TEST(text(parts[1]) == text(erased));
  if (!tier2_runs([&] { r->count_tickets({}); })) return;
  BOOST_TEST(count(*r, "passport", false) == 0u);
  BOOST_TEST(count(*r, "12345", false) == 0u);
  BOOST_TEST(count(*r, "erased", true) == 1u);
  BOOST_TEST(count(*r, "first", true) == 1u);
  // The note's words are its own: the same word leaves the public text only.
  BOOST_TEST(count(*r, "zanzibar", true) == 0u);
  BOOST_TEST(count(*r, "zanzibar", false) == 1u);
}

BOOST_AUTO_TEST_CASE(Q1_queries_filter_order_page_count_and_search_text) {
  auto s = make_store();
  {
    auto r = s->begin(tc::access::read);
    if (!tier2_runs([&] { r->query_tickets({}, std::nullopt, 1); })) return;
  }
  std::vector<tc::stored_ticket> ks;
  {
    auto w = s->begin(tc::access::write);
    for (int i = 0; i < 6; ++i) {
      ks.push_back(full_ticket(*w));
      ks.back().priority = std::vector<std::string>{"low", "normal", "high"}[static_cast<std::size_t>(i % 3)];
      ks.back().title = i % 2 ? "Printer jam" : "Login loop";
      ks.back().tags = i < 3 ? std::set<std::string>{"vip"} : std::set<std::string>{};
      insert(*w, ks.back());
    }
    append(*w, new_part(ks[0].id, "secret zebra", true));  // internal text
    append(*w, new_part(ks[2].id, "public zebra", false));
    w->commit();
  }
  auto query = [&](tc::ticket_query q, std::size_t limit = 100, std::optional<tc::ticket_position> after = {}) {
    auto r = s->begin(tc::access::read);
    return ids(r->query_tickets(q, after, limit));
  };
  tc::ticket_query vip;
  vip.tags = {"vip"};
  vip.order = tc::ticket_order::priority;
  // Priority descending, ties by id descending.
  BOOST_TEST((query(vip) == std::vector{ks[2].id, ks[1].id, ks[0].id}));
  BOOST_TEST((query(vip, 1, tc::ticket_position{2, ks[2].id}) == std::vector{ks[1].id}));
  BOOST_TEST(s->begin(tc::access::read)->count_tickets(vip) == 3u);
  tc::ticket_query zebra;
  zebra.text = "ZEBRA";
  zebra.descending = false;
  BOOST_TEST((query(zebra) == std::vector{ks[0].id, ks[2].id}));
  zebra.public_text_only = true;
  BOOST_TEST((query(zebra) == std::vector{ks[2].id}));
  // Updates move tickets in the tag and word indexes; a rollback moves them back.
  auto retitle = [&](bool keep) {
    auto w = s->begin(tc::access::write);
    tc::stored_ticket t = ks[1];
    t.tags.clear();
    t.title = "Scanner jam";
    t.version = 2;
    update(*w, t);
    keep ? w->commit() : w->rollback();
  };
  retitle(false);
  tc::ticket_query printer;
  printer.text = "printer";
  BOOST_TEST(s->begin(tc::access::read)->count_tickets(printer) == 3u);
  BOOST_TEST(s->begin(tc::access::read)->count_tickets(vip) == 3u);
  retitle(true);
  BOOST_TEST(s->begin(tc::access::read)->count_tickets(printer) == 2u);
  BOOST_TEST(s->begin(tc::access::read)->count_tickets(vip) == 2u);
  printer.text = "scanner";
  BOOST_TEST((query(printer) == std::vector{ks[1].id}));
}

BOOST_AUTO_TEST_CASE(Q1_saved_views_are_put_replaced_removed_and_rolled_back) {
  auto s = make_store();
  {
    auto r = s->begin(tc::access::read);
    if (!tier2_runs([&] { r->list_views(); })) return;
  }
  tc::saved_view v{"open", "Open", "", {}};
  v.query.state_categories = {tc::state_category::submitted};
  {
    auto w = s->begin(tc::access::write);
    w->put_view(v);
    w->commit();
  }
  {
    auto w = s->begin(tc::access::write);
    tc::saved_view replaced = v;
    replaced.name = "Renamed";
    w->put_view(replaced);
    w->put_view({"b", "B", "tom", {}});
    w->rollback();
  }
  {
    auto r = s->begin(tc::access::read);
    auto views = r->list_views();
    BOOST_REQUIRE(views.size() == 1u);
    BOOST_TEST(text(views[0]) == text(v));
  }
  {
    auto w = s->begin(tc::access::write);
    w->remove_view("open");
    BOOST_TEST((error_of([&] { w->remove_view("open"); }) == tc::errc::not_found));
    w->commit();
  }
  BOOST_TEST(s->begin(tc::access::read)->list_views().empty());
  // Listed in id order, each with its whole query.
  tc::saved_view b{"b", "Mine", "tom", {}}, a{"a", "Urgent", "", {}};
  b.query.tags = {"vip"};
  b.query.text = "printer";
  b.query.order = tc::ticket_order::sla_due;
  b.query.descending = false;
  a.query.priorities = {"urgent"};
  a.query.created_from = at(1);
  {
    auto w = s->begin(tc::access::write);
    w->put_view(b);
    w->put_view(a);
    w->commit();
  }
  auto views = s->begin(tc::access::read)->list_views();
  BOOST_REQUIRE(views.size() == 2u);
  BOOST_TEST(text(views[0]) == text(a));
  BOOST_TEST(text(views[1]) == text(b));
}

namespace {

// A ticket for the brute-force query case: every field a query filters on
// drawn from a small domain, so each filter selects some and many sort keys
// tie (ties are broken by id).
tc::stored_ticket query_ticket(tc::transaction& t, std::mt19937& rng) {
  auto pick = [&](auto const& options) { return options[rng() % std::size(options)]; };
  tc::stored_ticket k = random_ticket(t, rng);
  k.state = pick(std::vector<std::string>{"open", "waiting", "done"});
  const int rank = static_cast<int>(rng() % 3);
  k.priority = std::vector<std::string>{"low", "normal", "high"}[static_cast<std::size_t>(rank)];
  k.team = pick(std::vector<std::string>{"", "support", "billing"});
  k.sharing = rng() % 2 ? tc::sharing::company : tc::sharing::private_;
  for (const char* tag : {"vip", "refund", "bug"})
    if (rng() % 2) k.tags.insert(tag);
  k.channel = pick(std::vector<tc::channel>{tc::channel::email, tc::channel::chat, tc::channel::api});
  k.created_at = at(static_cast<int>(rng() % 5));
  k.updated_at = k.created_at + std::chrono::minutes(rng() % 5);
  if (rng() % 3 == 0) k.follow_up_at = at(static_cast<int>(rng() % 20));
  if (rng() % 2) {
    k.sla.policy = "standard";
    for (auto target : {tc::sla_target::first_response, tc::sla_target::resolution}) {
      if (rng() % 3 == 0) continue;
      tc::sla_clock c;
      c.target = target;
      switch (rng() % 4) {
        case 0: c.met_at = at(3); break;                      // met
        case 1: break;                                        // paused: no due time
        default:
          c.running_since = at(0);
          c.due_at = at(static_cast<int>(rng() % 20));        // running, due
      }
      c.at_risk = rng() % 3 == 0;
      c.breached = c.at_risk && rng() % 2;
      k.sla.clocks.push_back(c);
    }
  }
  return k;
}

std::set<std::string> lower_words(const std::string& text) {
  std::set<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.insert(word);
      word.clear();
    }
  }
  return out;
}

}  // namespace

// Q1, through every order in both directions, a page at a time following
// the cursor, for queries that each set one filter (and a few together),
// against a brute-force filter and sort; and every count. Catches an adapter
// that drops the cursor or the limit, ignores or widens a filter, or orders
// ties (or tickets without an SLA due time) the wrong way.
BOOST_AUTO_TEST_CASE(Q1_every_filter_and_order_pages_through_like_a_brute_force_sort) {
  auto s = make_store();
  {
    auto r = s->begin(tc::access::read);
    if (!tier2_runs([&] { r->query_tickets({}, std::nullopt, 1); })) return;
  }
  std::mt19937 rng(20261130);
  std::vector<tc::stored_ticket> ks;
  std::set<tc::uuid> linked;                                     // to the tracker ks[0]
  std::map<tc::uuid, std::set<std::string>> public_words, all_words;  // full text
  {
    auto w = s->begin(tc::access::write);
    for (int i = 0; i < 36; ++i) {
      ks.push_back(query_ticket(*w, rng));
      if (i == 0) {
        ks[0].category = tc::category::tracker;
        ks[0].type = "bug";
        ks[0].contact = ks[0].company = "";
      }
      insert(*w, ks.back());
    }
    for (const auto& k : ks) {
      auto head = lower_words(k.title + " " + k.description);
      public_words[k.id] = all_words[k.id] = head;
      if (k.id == ks[0].id) continue;
      switch (rng() % 6) {
        case 0:  // linked to the tracker
          w->insert_link(new_link(tc::link_kind::tracker, k.id, tc::endpoint_kind::ticket, ks[0].id,
                                  tc::endpoint_kind::ticket));
          linked.insert(k.id);
          break;
        case 1:  // related to it: not a tracker link
          w->insert_link(new_link(tc::link_kind::related, k.id, tc::endpoint_kind::ticket, ks[0].id,
                                  tc::endpoint_kind::ticket));
          break;
        default: break;
      }
      tc::part p = new_part(k.id, "", false);
      switch (rng() % 5) {
        case 0: p.body = "zebra crossing"; p.kind = tc::part_kind::note; p.internal = true; break;
        case 1: p.body = "Zebra reply"; break;  // a public reply
        case 2:  // the contact's own message: public
          p.body = "quokka here";
          p.kind = tc::part_kind::customer_message;
          p.internal = false;
          p.author = tc::actor::contact(k.contact.empty() ? "nobody" : k.contact);
          break;
        case 3:  // someone else's message: internal
          p.body = "quokka there";
          p.kind = tc::part_kind::customer_message;
          p.internal = false;
          p.author = tc::actor::contact("stranger");
          break;
        default: p.body = "zebra event"; p.kind = tc::part_kind::event; p.internal = false;  // not text
      }
      append(*w, p);
      const bool own = p.kind == tc::part_kind::customer_message && p.author.id == k.contact;
      const bool is_public = (p.kind == tc::part_kind::reply && !p.internal) || own;
      if (p.kind == tc::part_kind::event) continue;
      for (const auto& word : lower_words(p.body)) {
        all_words[k.id].insert(word);
        if (is_public) public_words[k.id].insert(word);
      }
    }
    w->commit();
  }

  using pred = std::function<bool(const tc::stored_ticket&)>;
  std::vector<std::pair<tc::ticket_query, pred>> cases;
  auto add = [&](auto&& set, pred p) {
    tc::ticket_query q;
    set(q);
    cases.emplace_back(q, std::move(p));
  };
  auto has = [](const auto& list, const auto& value) {
    return std::find(std::begin(list), std::end(list), value) != std::end(list);
  };
  add([](auto&) {}, [](const auto&) { return true; });
  add([](auto& q) { q.category = tc::category::customer; }, [](const auto& k) { return k.category == tc::category::customer; });
  add([](auto& q) { q.types = {"refund", "bug"}; }, [&](const auto& k) { return has(std::vector<std::string>{"refund", "bug"}, k.type); });
  add([](auto& q) { q.states = {"open"}; }, [](const auto& k) { return k.state == "open"; });
  add([](auto& q) { q.state_categories = {tc::state_category::submitted, tc::state_category::resolved}; },
      [](const auto& k) {
        return k.state_category == tc::state_category::submitted || k.state_category == tc::state_category::resolved;
      });
  add([](auto& q) { q.priorities = {"high", "low"}; }, [](const auto& k) { return k.priority != "normal"; });
  add([](auto& q) { q.assignee = ""; }, [](const auto& k) { return k.assignee.empty(); });
  add([](auto& q) { q.assignee = "tom"; }, [](const auto& k) { return k.assignee == "tom"; });
  add([](auto& q) { q.team = ""; }, [](const auto& k) { return k.team.empty(); });
  add([](auto& q) { q.team = "support"; }, [](const auto& k) { return k.team == "support"; });
  add([](auto& q) { q.brand = "acme"; }, [](const auto& k) { return k.brand == "acme"; });
  add([](auto& q) { q.contact = "a"; }, [](const auto& k) { return k.contact == "a"; });
  add([](auto& q) { q.company = "initech"; }, [](const auto& k) { return k.company == "initech"; });
  add([](auto& q) { q.tags = {"vip", "refund"}; }, [](const auto& k) { return k.tags.count("vip") && k.tags.count("refund"); });
  add([](auto& q) { q.channel = tc::channel::email; }, [](const auto& k) { return k.channel == tc::channel::email; });
  add([](auto& q) { q.created_from = at(1), q.created_to = at(3); },
      [](const auto& k) { return k.created_at >= at(1) && k.created_at < at(3); });
  add([](auto& q) { q.updated_from = at(2), q.updated_to = at(6); },
      [](const auto& k) { return k.updated_at >= at(2) && k.updated_at < at(6); });
  add([](auto& q) { q.due_before = at(10); },
      [](const auto& k) {
        auto before = [](const std::optional<tc::time_point>& t) { return t && *t < at(10); };
        return before(k.follow_up_at) || before(k.action_required_at) || before(tc::next_sla_due(k.sla));
      });
  for (auto status : {tc::sla_status::none, tc::sla_status::on_track, tc::sla_status::at_risk,
                      tc::sla_status::breached, tc::sla_status::met})
    add([=](auto& q) { q.sla_status = status; }, [=](const auto& k) { return tc::status_of(k.sla) == status; });
  add([](auto& q) { q.shared_with_company = "initech"; },
      [](const auto& k) { return k.sharing == tc::sharing::company && k.company == "initech"; });
  add([&](auto& q) { q.tracker = ks[0].id; }, [&](const auto& k) { return linked.count(k.id) > 0; });
  add([](auto& q) { q.text = "ZEBRA"; }, [&](const auto& k) { return all_words[k.id].count("zebra") > 0; });
  add([](auto& q) { q.text = "zebra", q.public_text_only = true; },
      [&](const auto& k) { return public_words[k.id].count("zebra") > 0; });
  add([](auto& q) { q.text = "quokka login", q.public_text_only = true; },
      [&](const auto& k) { return public_words[k.id].count("quokka") && public_words[k.id].count("login"); });
  add([](auto& q) { q.text = "quokka"; }, [&](const auto& k) { return all_words[k.id].count("quokka") > 0; });
  add([](auto& q) { q.category = tc::category::customer, q.assignee = "fay", q.tags = {"vip"}; },
      [](const auto& k) { return k.category == tc::category::customer && k.assignee == "fay" && k.tags.count("vip"); });

  constexpr std::size_t page = 4;
  auto r = s->begin(tc::access::read);
  for (auto& [query, matches] : cases) {
    std::vector<tc::stored_ticket> want;
    for (const auto& k : ks)
      if (matches(k)) want.push_back(k);
    BOOST_TEST_CONTEXT("query " << boost::json::serialize(tc::to_json(query))) {
      // Each filter selects some tickets and leaves out others, so that one
      // an adapter drops or gets wrong shows.
      BOOST_TEST(!want.empty());
      if (&query != &cases.front().first) BOOST_TEST(want.size() < ks.size());
      BOOST_TEST(r->count_tickets(query) == want.size());
      for (auto order : {tc::ticket_order::created, tc::ticket_order::updated, tc::ticket_order::priority,
                         tc::ticket_order::sla_due})
        for (bool descending : {true, false}) {
          tc::ticket_query q = query;
          q.order = order;
          q.descending = descending;
          auto key = [&](const tc::stored_ticket& k) { return std::pair{key_of(k, order), k.id}; };
          std::sort(want.begin(), want.end(),
                    [&](const auto& a, const auto& b) { return descending ? key(b) < key(a) : key(a) < key(b); });
          std::vector<tc::uuid> got;
          std::optional<tc::ticket_position> after;
          for (std::size_t pages = 0; pages <= ks.size(); ++pages) {  // bounded: a dropped cursor never ends
            auto rows = r->query_tickets(q, after, page);
            BOOST_TEST_REQUIRE(rows.size() <= page);
            for (const auto& k : rows) got.push_back(k.id);
            if (rows.size() < page) break;
            after = tc::ticket_position{key_of(rows.back(), order), rows.back().id};
          }
          BOOST_TEST_CONTEXT("order " << tc::to_string(order) << (descending ? " descending" : " ascending")) {
            BOOST_TEST((got == ids(want)));
          }
        }
    }
  }
}
