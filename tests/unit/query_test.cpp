// Queries (Q1): a generated desk queried at random, every page compared
// with a brute-force filter and sort written here, independently of the
// stores; cursors that stay stable while tickets change; and what a
// contact may search and see (V1, V3).
#define BOOST_TEST_MODULE query
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <set>

using namespace testing;

namespace {

const std::vector<std::string> vocabulary = {"printer", "login",  "safari", "invoice", "crash",  "export",
                                             "timeout", "mobile", "token",  "screen",  "upload", "sync"};
const std::vector<std::string> priorities = {"low", "normal", "high", "urgent"};

// One ticket as the team sees it, with what the expected answers need.
struct record {
  tc::ticket t;
  std::set<std::string> public_words, all_words;
  std::optional<tc::uuid> tracker;
};

void add_words(std::set<std::string>& to, const std::string& text) {
  std::string w;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!w.empty()) to.insert(std::exchange(w, {}));
  }
}

std::int64_t ms(tc::time_point t) { return t.time_since_epoch().count(); }

std::int64_t key_of(const tc::ticket& t, tc::ticket_order o) {
  switch (o) {
    case tc::ticket_order::created: return ms(t.created_at);
    case tc::ticket_order::updated: return ms(t.updated_at);
    case tc::ticket_order::priority:
      return std::find(priorities.begin(), priorities.end(), t.priority) - priorities.begin();
    case tc::ticket_order::sla_due: {
      std::int64_t due = std::numeric_limits<std::int64_t>::max();
      for (const auto& k : t.sla.clocks)
        if (!k.met_at && k.running_since && k.due_at) due = std::min(due, ms(*k.due_at));
      return due;
    }
  }
  return 0;
}

tc::sla_status status_of(const tc::ticket& t) {
  if (t.sla.clocks.empty()) return tc::sla_status::none;
  bool risk = false, open = false;
  for (const auto& k : t.sla.clocks) {
    if (k.met_at) continue;
    if (k.breached) return tc::sla_status::breached;
    risk = risk || k.at_risk;
    open = true;
  }
  return risk ? tc::sla_status::at_risk : open ? tc::sla_status::on_track : tc::sla_status::met;
}

template <class T>
bool listed(const std::vector<T>& list, const T& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

bool expected_match(const record& r, const tc::ticket_query& q) {
  const tc::ticket& t = r.t;
  auto in = [](tc::time_point x, auto from, auto to) { return (!from || x >= *from) && (!to || x < *to); };
  bool due = false;
  if (q.due_before) {
    for (auto at : {t.follow_up_at, t.action_required_at})
      if (at && *at < *q.due_before) due = true;
    auto k = key_of(t, tc::ticket_order::sla_due);
    if (k != std::numeric_limits<std::int64_t>::max() && k < ms(*q.due_before)) due = true;
  }
  bool words = true;
  std::set<std::string> wanted;
  add_words(wanted, q.text);
  for (const auto& w : wanted) words = words && (q.public_text_only ? r.public_words : r.all_words).count(w);
  return (!q.category || t.category == *q.category) && listed(q.types, t.type) && listed(q.states, t.state) &&
         listed(q.state_categories, t.state_category) && listed(q.priorities, t.priority) &&
         (!q.assignee || t.assignee == *q.assignee) && (!q.team || t.team == *q.team) &&
         (!q.brand || t.brand == *q.brand) && (!q.contact || t.contact == *q.contact) &&
         (!q.company || t.company == *q.company) &&
         std::all_of(q.tags.begin(), q.tags.end(), [&](const std::string& g) { return t.tags.count(g) > 0; }) &&
         (!q.channel || t.channel == *q.channel) && in(t.created_at, q.created_from, q.created_to) &&
         in(t.updated_at, q.updated_from, q.updated_to) && (!q.due_before || due) &&
         (!q.sla_status || status_of(t) == *q.sla_status) && (!q.tracker || r.tracker == q.tracker) && words;
}

struct generated_desk : desk_fixture {
  std::mt19937 rng{20261129};
  std::vector<tc::uuid> trackers;
  std::vector<tc::uuid> ids;

  template <class T>
  const T& pick(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  }
  bool chance(int percent) { return std::uniform_int_distribution<int>(1, 100)(rng) <= percent; }
  std::string words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + pick(vocabulary);
    return s;
  }

  explicit generated_desk(int n) {
    boost::json::object doc = boost::json::parse(scenario_config).as_object();
    doc["sla_policies"] = boost::json::parse(R"([{"id": "fast", "conditions": {"priorities": ["high", "urgent"]},
      "targets": {"first_response": 30, "resolution": 240}}])");
    desk->configure(tc::parse_config(boost::json::value(doc)));
    for (const char* title : {"Sync fails", "Export crash", "Login loop"})
      trackers.push_back(desk->create_ticket(tom, ticket_of("bug", title)).ticket.id);
    const std::vector<std::string> contacts = {"a", "b", "c", "d"}, brands = {"acme", "globex", ""},
                                    teams = {"", "support", "finance"}, people = {"", "tom", "fay"},
                                    tags = {"vip", "billing", "mobile"};
    const std::vector<std::string> states = {"in_progress", "waiting_on_customer", "resolved", "open", "waiting",
                                             "closed", "done"};
    for (int i = 0; i < n; ++i) {
      clock->advance(std::chrono::minutes(std::uniform_int_distribution<int>(0, 3)(rng)));  // 0: equal times
      tc::new_ticket nt;
      const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
      if (kind < 5) nt = customer_ticket(pick(contacts), words(2));
      else if (kind < 7) nt = refund_ticket(pick(contacts));
      else nt = ticket_of(kind < 9 ? "process_refund" : "bug", words(2));
      nt.description = words(3);
      nt.priority = pick(priorities);
      nt.assignee = pick(people);
      nt.team = pick(teams);
      nt.brand = pick(brands);
      nt.channel = pick(std::vector{tc::channel::email, tc::channel::chat, tc::channel::web_form});
      for (const auto& tag : tags)
        if (chance(30)) nt.tags.insert(tag);
      if (chance(20)) nt.follow_up_at = clock->now() + std::chrono::hours(std::uniform_int_distribution<int>(1, 48)(rng));
      if (!nt.contact.empty() && nt.contact != "d") {
        nt.company = nt.contact == "c" ? "umbrella" : "initech";
        if (chance(30)) nt.sharing = tc::sharing::company;
      }
      auto id = desk->create_ticket(tom, nt).ticket.id;
      ids.push_back(id);
      if (kind < 7 && chance(40)) desk->reply(tom, id, "About the " + words(2));
      if (chance(40)) desk->add_note(tom, id, "Internal: " + words(2));
      if (chance(30)) {
        try { desk->set_state(tom, id, pick(states)); } catch (const tc::error&) {}  // not every state is in every lifecycle
      }
      if (kind < 7 && chance(30)) desk->link_tracker_by_title(tom, id, words(1), "bug");
      if (chance(20) && !ids.empty()) {  // an earlier ticket changes: updated order differs from created order
        tc::ticket_changes ch;
        ch.priority = pick(priorities);
        ch.add_tags = {pick(tags)};
        desk->update_ticket(tom, pick(ids), ch);
      }
    }
    desk->tick(clock->now() - std::chrono::minutes(60));  // some targets at risk or breached
  }

  // Every ticket the desk holds, read one by one (not through a query).
  std::vector<record> records() {
    std::vector<record> out;
    for (const auto& id : trackers) out.push_back(record_of(id));
    for (const auto& id : ids) out.push_back(record_of(id));
    std::set<tc::uuid> seen;
    for (const auto& r : out) seen.insert(r.t.id);
    for (const auto& r : std::vector<record>(out))  // trackers created by link_tracker_by_title
      if (r.tracker && !seen.count(*r.tracker)) {
        seen.insert(*r.tracker);
        out.push_back(record_of(*r.tracker));
      }
    return out;
  }

  record record_of(const tc::uuid& id) {
    auto v = desk->ticket(tom, id);
    record r{v.ticket, {}, {}, {}};
    for (auto* to : {&r.public_words, &r.all_words}) {
      add_words(*to, v.ticket.title);
      add_words(*to, v.ticket.description);
    }
    for (const auto& p : v.timeline) {
      bool text = p.kind == tc::part_kind::reply || p.kind == tc::part_kind::note ||
                  p.kind == tc::part_kind::customer_message;
      if (!text) continue;
      add_words(r.all_words, p.body);
      bool customer_readable = !p.internal && (p.kind == tc::part_kind::reply || p.author.id == v.ticket.contact);
      if (customer_readable) add_words(r.public_words, p.body);
    }
    for (const auto& l : desk->links(tom, id))
      if (l.kind == tc::link_kind::tracker) r.tracker = l.other(id);
    return r;
  }
};

// Every page of `q` at `limit`, joined.
std::vector<tc::uuid> page_through(const tc::desk& d, const tc::actor& who, const tc::ticket_query& q, std::size_t limit) {
  std::vector<tc::uuid> out;
  std::string cursor;
  for (int pages = 0; pages < 10000; ++pages) {
    auto page = d.find_tickets(who, q, limit, cursor);
    BOOST_REQUIRE(page.tickets.size() <= limit);
    for (const auto& v : page.tickets) out.push_back(v.ticket.id);
    if (page.next_cursor.empty()) return out;
    BOOST_REQUIRE(page.tickets.size() == limit);
    cursor = page.next_cursor;
  }
  BOOST_FAIL("paging did not end");
  return out;
}

std::vector<tc::uuid> expected(const std::vector<record>& rs, const tc::ticket_query& q) {
  std::vector<const record*> hits;
  for (const auto& r : rs)
    if (expected_match(r, q)) hits.push_back(&r);
  std::sort(hits.begin(), hits.end(), [&](const record* a, const record* b) {
    auto ka = key_of(a->t, q.order), kb = key_of(b->t, q.order);
    if (ka != kb) return q.descending ? ka > kb : ka < kb;
    return q.descending ? b->t.id < a->t.id : a->t.id < b->t.id;
  });
  std::vector<tc::uuid> out;
  for (auto* r : hits) out.push_back(r->t.id);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(Q1_every_page_of_random_queries_matches_a_brute_force_filter) {
  generated_desk f(160);
  const auto rs = f.records();
  const std::vector<tc::uuid> tracker_ids = [&] {
    std::vector<tc::uuid> out;
    for (const auto& r : rs)
      if (r.t.category == tc::category::tracker) out.push_back(r.t.id);
    return out;
  }();
  auto some_time = [&] { return f.pick(rs).t.created_at; };
  std::vector<std::function<void(tc::ticket_query&)>> filters = {
      [&](auto& q) { q.category = f.pick(std::vector{tc::category::customer, tc::category::back_office, tc::category::tracker}); },
      [&](auto& q) { q.types = {f.pick(std::vector<std::string>{"bug_report", "refund", "process_refund", "bug"}), "refund"}; },
      [&](auto& q) { q.states = {f.pick(std::vector<std::string>{"submitted", "in_progress", "open", "resolved", "closed"})}; },
      [&](auto& q) { q.state_categories = {tc::state_category::submitted, tc::state_category::in_progress}; },
      [&](auto& q) { q.state_categories = {tc::state_category::resolved}; },
      [&](auto& q) { q.priorities = {f.pick(priorities)}; },
      [&](auto& q) { q.assignee = f.pick(std::vector<std::string>{"", "tom", "fay"}); },
      [&](auto& q) { q.team = f.pick(std::vector<std::string>{"", "support", "finance"}); },
      [&](auto& q) { q.brand = f.pick(std::vector<std::string>{"acme", "globex", ""}); },
      [&](auto& q) { q.contact = f.pick(std::vector<std::string>{"a", "b", "c", "d"}); },
      [&](auto& q) { q.company = f.pick(std::vector<std::string>{"initech", "umbrella"}); },
      [&](auto& q) { q.tags = {f.pick(std::vector<std::string>{"vip", "billing", "mobile"})}; },
      [&](auto& q) { q.tags = {"vip", "billing"}; },
      [&](auto& q) { q.channel = f.pick(std::vector{tc::channel::email, tc::channel::chat, tc::channel::web_form}); },
      [&](auto& q) { q.created_from = some_time(); },
      [&](auto& q) { q.created_to = some_time(); },
      [&](auto& q) { q.updated_from = some_time(); q.updated_to = some_time() + std::chrono::hours(2); },
      [&](auto& q) { q.due_before = some_time() + std::chrono::hours(24); },
      [&](auto& q) { q.sla_status = f.pick(std::vector{tc::sla_status::none, tc::sla_status::on_track, tc::sla_status::at_risk, tc::sla_status::breached, tc::sla_status::met}); },
      [&](auto& q) { q.tracker = f.pick(tracker_ids); },
      [&](auto& q) { q.text = f.pick(vocabulary); },
      [&](auto& q) { q.text = f.words(2); },
      [&](auto& q) { q.text = "Internal " + f.pick(vocabulary); },
      [&](auto& q) { q.text = f.pick(vocabulary); q.public_text_only = true; },
  };
  std::size_t nonempty = 0;
  for (int i = 0; i < 120; ++i) {
    tc::ticket_query q;
    const int n = std::uniform_int_distribution<int>(0, 3)(f.rng);
    std::string described;
    for (int k = 0; k < n; ++k) {
      auto which = std::uniform_int_distribution<std::size_t>(0, filters.size() - 1)(f.rng);
      filters[which](q);
      described += std::to_string(which) + " ";
    }
    q.order = f.pick(std::vector{tc::ticket_order::created, tc::ticket_order::updated, tc::ticket_order::priority,
                                 tc::ticket_order::sla_due});
    q.descending = f.chance(50);
    const std::size_t limit = std::uniform_int_distribution<std::size_t>(1, 9)(f.rng);
    auto want = expected(rs, q);
    nonempty += !want.empty();
    BOOST_TEST(page_through(*f.desk, f.tom, q, limit) == want,
               "query " << i << " filters " << described << "order " << to_string(q.order) << " limit " << limit);
    BOOST_TEST(f.desk->count_tickets(f.tom, q) == want.size(), "count of query " << i);
  }
  BOOST_TEST(nonempty > 60u);  // the generated desk answers most queries with something to compare
}

// Q1, V1, U2: random queries a contact may ask, each paged through and
// counted. Both come from one plan, so the count is the number of rows
// found, and both equal a brute-force filter of what the contact may see;
// a filter naming another company intersects (it does not replace) the
// contact's own restriction. A type the contact may not see is refused
// like an unknown one, by both.
BOOST_AUTO_TEST_CASE(Q1_V1_random_contact_queries_count_exactly_what_they_find) {
  generated_desk f(160);
  const auto rs = f.records();
  const std::map<std::string, std::string> company = {{"a", "initech"}, {"b", "initech"}, {"c", "umbrella"}, {"d", ""}};
  auto visible_to = [&](const std::string& x, const tc::ticket& t) {
    if (t.category != tc::category::customer) return false;
    if (t.contact == x) return true;
    return t.sharing == tc::sharing::company && !t.company.empty() && t.company == company.at(x);
  };
  auto some_time = [&] { return f.pick(rs).t.created_at; };
  std::vector<std::function<void(tc::ticket_query&)>> filters = {
      [&](auto& q) { q.category = f.pick(std::vector{tc::category::customer, tc::category::back_office}); },
      [&](auto& q) { q.types = {f.pick(std::vector<std::string>{"bug_report", "refund", "process_refund", "nope"})}; },
      [&](auto& q) { q.brand = f.pick(std::vector<std::string>{"acme", "globex", ""}); },
      [&](auto& q) { q.contact = f.pick(std::vector<std::string>{"a", "b", "c", "d"}); },
      [&](auto& q) { q.company = f.pick(std::vector<std::string>{"initech", "umbrella"}); },
      [&](auto& q) { q.shared_with_company = f.pick(std::vector<std::string>{"initech", "umbrella"}); },
      [&](auto& q) { q.shared_with_company = f.pick(std::vector<std::string>{"initech", "umbrella"}); },
      [&](auto& q) { q.channel = f.pick(std::vector{tc::channel::email, tc::channel::chat, tc::channel::web_form}); },
      [&](auto& q) { q.created_from = some_time(); },
      [&](auto& q) { q.created_to = some_time(); },
      [&](auto& q) { q.text = f.pick(vocabulary); },
      [&](auto& q) { q.text = "internal " + f.pick(vocabulary); },
  };
  std::size_t nonempty = 0;
  for (int i = 0; i < 160; ++i) {
    const std::string x = f.pick(std::vector<std::string>{"a", "b", "c", "d"});
    tc::ticket_query q;
    std::string described;
    for (int k = std::uniform_int_distribution<int>(0, 3)(f.rng); k > 0; --k) {
      auto which = std::uniform_int_distribution<std::size_t>(0, filters.size() - 1)(f.rng);
      filters[which](q);
      described += std::to_string(which) + " ";
    }
    q.descending = f.chance(50);
    const std::size_t limit = std::uniform_int_distribution<std::size_t>(1, 9)(f.rng);
    const std::string about = "contact " + x + " query " + std::to_string(i) + " filters " + described;
    const tc::actor who = tc::actor::contact(x);
    std::vector<tc::uuid> found;
    auto find = attempt([&] { found = page_through(*f.desk, who, q, limit); });
    std::size_t counted = 0;
    auto count = attempt([&] { counted = f.desk->count_tickets(who, q); });
    BOOST_TEST((find.kind == count.kind), about);
    BOOST_TEST(find.message == count.message, about);
    if (q.types == std::vector<std::string>{"process_refund"} || q.types == std::vector<std::string>{"nope"}) {
      BOOST_TEST((find.kind == tc::errc::validation_failed), about);  // U2: hidden reads as unknown
      continue;
    }
    BOOST_TEST(!find.thrown, about << find.message);
    std::vector<record> theirs;
    for (const auto& r : rs)
      if (visible_to(x, r.t) && (!q.shared_with_company || (r.t.sharing == tc::sharing::company &&
                                                            r.t.company == *q.shared_with_company)))
        theirs.push_back(r);
    tc::ticket_query as_run = q;
    as_run.public_text_only = true;
    as_run.shared_with_company.reset();
    auto want = expected(theirs, as_run);
    nonempty += !want.empty();
    BOOST_TEST(found == want, about);
    BOOST_TEST(counted == want.size(), about);
  }
  BOOST_TEST(nonempty > 40u);
}

BOOST_AUTO_TEST_CASE(Q1_paging_stays_stable_while_tickets_change) {
  generated_desk f(60);
  for (auto order : {tc::ticket_order::created, tc::ticket_order::priority}) {
    tc::ticket_query q;
    q.order = order;
    const auto before = page_through(*f.desk, f.tom, q, 1000);
    std::vector<tc::uuid> seen;
    auto page = f.desk->find_tickets(f.tom, q, 7);
    std::set<tc::uuid> moved;
    while (true) {
      for (const auto& v : page.tickets) seen.push_back(v.ticket.id);
      if (page.next_cursor.empty()) break;
      // Between pages: new tickets arrive and others change in ways that
      // keep their sort key (a note, a reply, a tag).
      f.clock->advance(std::chrono::minutes(1));
      f.desk->create_ticket(f.tom, f.customer_ticket("a", "arrived while paging"));
      const auto& other = f.pick(before);
      f.desk->add_note(f.tom, other, "still looking");
      page = f.desk->find_tickets(f.tom, q, 7, page.next_cursor);
    }
    // Every ticket that was there is seen exactly once, in the same order.
    std::vector<tc::uuid> original;
    std::set<tc::uuid> was(before.begin(), before.end());
    for (const auto& id : seen)
      if (was.count(id)) original.push_back(id);
    BOOST_TEST(original == before);
  }
}

// Q1: configure() re-ranks the tickets of every priority it moves, in its
// own transaction, so a page by priority never mixes two orders: paging in
// small pages sees every ticket once, in the new order. The re-save is the
// Desk's bookkeeping: a new version, the same updated_at, no history; a
// priority that keeps its rank is not touched. A configure that fails
// re-ranks nothing.
BOOST_AUTO_TEST_CASE(Q1_reordering_priorities_re_ranks_every_ticket_at_once) {
  desk_fixture f;
  const std::vector<std::string> priorities = {"low", "normal", "high", "urgent"};
  std::map<tc::uuid, tc::ticket> made;
  for (int i = 0; i < 14; ++i) {
    auto nt = f.customer_ticket(i % 2 ? "a" : "b", "Ticket " + std::to_string(i));
    nt.priority = priorities[static_cast<std::size_t>(i * 3 % 4)];
    auto t = f.desk->create_ticket(f.tom, nt).ticket;
    made[t.id] = t;
    f.clock->advance(std::chrono::minutes(1));
  }
  tc::ticket_query by_priority;
  by_priority.order = tc::ticket_order::priority;
  auto rank_order = [&](const std::vector<tc::uuid>& ids, const std::vector<std::string>& order) {
    std::vector<std::ptrdiff_t> ranks;
    for (const auto& id : ids)
      ranks.push_back(std::find(order.begin(), order.end(), made.at(id).priority) - order.begin());
    return std::is_sorted(ranks.rbegin(), ranks.rend());  // descending: highest rank first
  };
  BOOST_TEST_REQUIRE(rank_order(page_through(*f.desk, f.tom, by_priority, 3), priorities));

  // A configure that fails - here a type its tickets use is removed (T4) -
  // re-ranks nothing and leaves the old order.
  tc::config failing = *f.desk->configuration();
  failing.priorities = {"urgent", "low", "high", "normal"};
  std::erase_if(failing.ticket_types, [](const tc::ticket_type& t) { return t.id == "bug_report"; });
  const std::string before = snapshot(*f.desk);
  BOOST_TEST((attempt([&] { f.desk->configure(failing); }).kind == tc::errc::validation_failed));
  BOOST_TEST(snapshot(*f.desk) == before);
  BOOST_TEST(rank_order(page_through(*f.desk, f.tom, by_priority, 3), priorities));

  const std::vector<std::string> reordered = {"urgent", "low", "high", "normal"};  // "high" keeps rank 2
  std::map<tc::uuid, std::size_t> history_before;
  for (const auto& [id, was] : made) history_before[id] = f.desk->history(f.tom, id).size();
  tc::config next = *f.desk->configuration();
  next.priorities = reordered;
  f.desk->configure(next);
  for (bool descending : {true, false}) {
    by_priority.descending = descending;
    auto seen = page_through(*f.desk, f.tom, by_priority, 2);
    BOOST_TEST(seen.size() == made.size());
    BOOST_TEST(std::set<tc::uuid>(seen.begin(), seen.end()).size() == made.size());
    if (!descending) std::reverse(seen.begin(), seen.end());
    BOOST_TEST(rank_order(seen, reordered));
  }
  for (const auto& [id, was] : made) {
    auto now = f.desk->ticket(f.tom, id).ticket;
    BOOST_TEST(now.version == was.version + (was.priority == "high" ? 0u : 1u), was.priority);
    BOOST_TEST((now.updated_at == was.updated_at));
    BOOST_TEST(f.desk->history(f.tom, id).size() == history_before[id]);
  }
}

namespace {

// A store that announces no queries and keeps the last priority rank it was
// handed for each ticket.
class rank_recording_store : public tc::storage_wrapper {
 public:
  using storage_wrapper::storage_wrapper;
  std::map<tc::uuid, int> ranks;

  tc::storage_capabilities capabilities() const override {
    auto has = storage_wrapper::capabilities();
    has.queries = false;
    return has;
  }

 protected:
  std::unique_ptr<tc::transaction> wrap(std::unique_ptr<tc::transaction> t, tc::access) override {
    return std::make_unique<recording>(std::move(t), ranks);
  }

 private:
  class recording : public tc::transaction_wrapper {
   public:
    recording(std::unique_ptr<tc::transaction> t, std::map<tc::uuid, int>& ranks)
        : transaction_wrapper(std::move(t)), ranks_(ranks) {}
    void insert_ticket(const tc::stored_ticket& t, const tc::ticket_keys& keys) override {
      transaction_wrapper::insert_ticket(t, keys);
      ranks_[t.id] = keys.priority_rank;
    }
    void update_ticket(const tc::stored_ticket& t, const tc::ticket_keys& keys) override {
      transaction_wrapper::update_ticket(t, keys);
      ranks_[t.id] = keys.priority_rank;
    }

   private:
    std::map<tc::uuid, int>& ranks_;  // a test runs one transaction at a time; none is rolled back here
  };
};

}  // namespace

// Q1: a store without queries is handed the new ranks too: configure() walks
// its tickets page by page (more than one page here), or, when the host
// opts in to the evaluator, asks it for the moved priorities' tickets.
BOOST_AUTO_TEST_CASE(Q1_a_store_without_queries_gets_the_new_ranks_too) {
  for (bool evaluator : {false, true}) {
    BOOST_TEST_CONTEXT("scan_without_index " << evaluator) {
      auto store = std::make_shared<rank_recording_store>(make_test_store());
      tc::desk_options o;
      o.storage = store;
      o.config = tc::parse_config(std::string_view(scenario_config));
      o.scan_without_index = evaluator;
      tc::desk d(std::move(o));
      const std::vector<std::string> priorities = {"low", "normal", "high", "urgent"};
      std::map<tc::uuid, std::string> priority_of;
      for (std::size_t i = 0; i < 230; ++i) {
        tc::new_ticket nt;
        nt.type = "bug";
        nt.title = "Tracker " + std::to_string(i);
        nt.priority = priorities[i % 4];
        auto t = d.create_ticket(tc::actor::teammate("tom"), nt).ticket;
        priority_of[t.id] = t.priority;
      }
      tc::config next = *d.configuration();
      next.priorities = {"urgent", "low", "high", "normal"};
      d.configure(next);
      BOOST_TEST(store->ranks.size() == priority_of.size());
      for (const auto& [id, priority] : priority_of) BOOST_TEST(store->ranks[id] == next.priority_rank(priority), priority);
    }
  }
}

BOOST_AUTO_TEST_CASE(Q1_V1_a_contacts_search_never_matches_internal_text_or_other_contacts_tickets) {
  desk_fixture f;
  auto mine = f.desk->create_ticket(f.tom, f.customer_ticket("a", "Printer jam")).ticket.id;
  f.desk->add_note(f.tom, mine, "customer is grumpy zebra");
  f.desk->reply(f.tom, mine, "We ordered a new drum");
  auto bobs = f.desk->create_ticket(f.tom, f.customer_ticket("b", "Printer toner")).ticket.id;
  auto shared_nt = f.customer_ticket("b", "Printer shared with initech");
  shared_nt.company = "initech";
  shared_nt.sharing = tc::sharing::company;
  auto shared = f.desk->create_ticket(f.tom, shared_nt).ticket.id;
  auto internal = f.desk->create_ticket(f.tom, f.ticket_of("bug", "Printer firmware zebra")).ticket.id;
  auto search = [&](const tc::actor& who, const std::string& text) {
    tc::ticket_query q;
    q.text = text;
    q.order = tc::ticket_order::created;
    q.descending = false;
    return page_through(*f.desk, who, q, 2);
  };
  BOOST_TEST(search(f.ann, "zebra").empty());                            // an internal note, a tracker
  BOOST_TEST((search(f.tom, "zebra") == std::vector{mine, internal}));   // the team finds both
  BOOST_TEST((search(f.ann, "drum") == std::vector{mine}));              // a public reply
  BOOST_TEST((search(f.ann, "printer") == std::vector{mine, shared}));   // never Bob's private ticket
  BOOST_TEST((search(f.bob, "printer") == std::vector{bobs, shared}));
  BOOST_TEST(search(f.cat, "printer").empty());                          // another company
  tc::ticket_query q;
  q.text = "printer";
  BOOST_TEST(f.desk->count_tickets(f.ann, q) == 2u);
  BOOST_TEST(f.desk->count_tickets(f.bob, q) == 2u);  // his shared ticket counted once
  // The rows are the customer copies (V2): nothing internal rides along.
  for (const auto& v : f.desk->find_tickets(f.ann, q).tickets) {
    BOOST_TEST(v.customer_view);
    BOOST_TEST(v.ticket.assignee.empty());
    BOOST_TEST(v.ticket.version == 0u);
    BOOST_TEST(v.ticket.tags.empty());
    BOOST_TEST(v.ticket.sla.clocks.empty());
    BOOST_TEST(v.state_label.empty());
  }
}

// A search text with no word in it (only punctuation) matches nothing, for
// the team and for a contact, on every store: it is no error and no filter.
BOOST_AUTO_TEST_CASE(Q1_a_text_without_words_matches_nothing) {
  desk_fixture f;
  f.desk->create_ticket(f.tom, f.customer_ticket("a", "Printer jam"));
  for (const auto* who : {&f.tom, &f.ann}) {
    tc::ticket_query q;
    q.text = "?! -- ()";
    BOOST_TEST(f.desk->find_tickets(*who, q).tickets.empty());
    BOOST_TEST(f.desk->count_tickets(*who, q) == 0u);
  }
}

// Q1: every store finds exactly the library's words (docs/queries.md): runs
// of ASCII letters and digits and of bytes >= 0x80, ASCII folded only. The
// store is handed them; the SQLite text rows split them back with the
// 'ascii' tokenizer, which neither folds nor strips accents nor breaks a word
// at a non-ASCII character, as SQLite's default tokenizer would.
BOOST_AUTO_TEST_CASE(Q1_every_store_finds_exactly_the_librarys_words) {
  desk_fixture f;
  auto id = f.desk->create_ticket(f.tom, f.customer_ticket("a", "Café naïve\u2014test ÉCOLE")).ticket.id;
  f.desk->reply(f.tom, id, "Über STRASSE");
  auto count = [&](const std::string& text) {
    tc::ticket_query q;
    q.text = text;
    return f.desk->count_tickets(f.tom, q);
  };
  for (const char* word : {"café", "naïve\u2014test", "École", "Über", "strasse"})
    BOOST_TEST(count(word) == 1u, word);
  for (const char* other : {"cafe", "CAFÉ", "naïve", "naive", "test", "école", "ecole", "über"})
    BOOST_TEST(count(other) == 0u, other);
}

// Q1: words come and go in old tickets as well as new ones, among enough
// tickets sharing them that the in-memory index keeps them in several blocks.
BOOST_AUTO_TEST_CASE(Q1_edits_of_old_tickets_add_and_take_out_exactly_their_words) {
  desk_fixture f;
  std::vector<tc::uuid> ids;
  for (int i = 0; i < 700; ++i)
    ids.push_back(f.desk->create_ticket(f.tom, f.customer_ticket("a", "Printer jam " + std::to_string(i))).ticket.id);
  auto count = [&](const tc::actor& who, const std::string& text) {
    tc::ticket_query q;
    q.text = text;
    return f.desk->count_tickets(who, q);
  };
  BOOST_TEST(count(f.tom, "printer jam") == 700u);
  BOOST_TEST(count(f.tom, "jam 345") == 1u);
  f.desk->reply(f.tom, ids[3], "A new drum is on its way");
  f.desk->add_note(f.tom, ids[350], "Drum ordered, drum paid");
  BOOST_TEST(count(f.tom, "drum") == 2u);
  BOOST_TEST(count(f.ann, "drum") == 1u);  // the note is internal
  BOOST_TEST(count(f.ann, "drum jam") == 1u);
  tc::ticket_changes c;
  c.title = "Scanner jam";
  for (int i : {0, 300, 699}) f.desk->update_ticket(f.tom, ids[static_cast<std::size_t>(i)], c);
  BOOST_TEST(count(f.tom, "printer") == 697u);
  BOOST_TEST(count(f.tom, "scanner jam") == 3u);
  BOOST_TEST(count(f.tom, "jam 300") == 0u);
  BOOST_TEST(count(f.tom, "jam") == 700u);
  tc::ticket_query q;
  q.text = "scanner";
  q.order = tc::ticket_order::created;
  q.descending = false;
  BOOST_TEST((page_through(*f.desk, f.tom, q, 2) == std::vector{ids[0], ids[300], ids[699]}));
}

BOOST_AUTO_TEST_CASE(Q1_V4_contacts_may_not_filter_or_sort_on_internal_fields) {
  desk_fixture f;
  f.desk->create_ticket(f.tom, f.customer_ticket("a", "Printer jam"));
  for (auto set : std::vector<std::function<void(tc::ticket_query&)>>{
           [](auto& q) { q.tags = {"angry"}; }, [](auto& q) { q.assignee = "tom"; },
           [](auto& q) { q.priorities = {"urgent"}; }, [](auto& q) { q.sla_status = tc::sla_status::breached; },
           [](auto& q) { q.states = {"submitted"}; }, [](auto& q) { q.order = tc::ticket_order::updated; }}) {
    tc::ticket_query q;
    set(q);
    BOOST_TEST((attempt([&] { f.desk->find_tickets(f.ann, q); }).kind == tc::errc::forbidden));
    BOOST_TEST((attempt([&] { f.desk->count_tickets(f.ann, q); }).kind == tc::errc::forbidden));
  }
  tc::ticket_query trackers;
  trackers.category = tc::category::tracker;
  BOOST_TEST(f.desk->find_tickets(f.ann, trackers).tickets.empty());
}

BOOST_AUTO_TEST_CASE(Q1_bad_cursors_limits_and_values_are_named) {
  desk_fixture f;
  for (int i = 0; i < 3; ++i) f.desk->create_ticket(f.tom, f.customer_ticket("a"));
  tc::ticket_query q;
  auto page = f.desk->find_tickets(f.tom, q, 1);
  BOOST_REQUIRE(!page.next_cursor.empty());
  tc::ticket_query other = q;
  other.order = tc::ticket_order::priority;
  BOOST_TEST((attempt([&] { f.desk->find_tickets(f.tom, other, 1, page.next_cursor); }).kind == tc::errc::invalid_argument));
  BOOST_TEST((attempt([&] { f.desk->find_tickets(f.tom, q, 1, "created:desc:12:nonsense"); }).kind == tc::errc::invalid_argument));
  BOOST_TEST((attempt([&] { f.desk->find_tickets(f.tom, q, 0); }).kind == tc::errc::invalid_argument));
  tc::ticket_query unknown;
  unknown.types = {"nope"};
  unknown.priorities = {"asap"};
  auto r = attempt([&] { f.desk->find_tickets(f.tom, unknown); });
  BOOST_TEST((r.kind == tc::errc::validation_failed));
  BOOST_TEST(has(r.fields, "types"));
  BOOST_TEST(has(r.fields, "priorities"));
}

// U4: one query's work is bounded - the words of its text, their length, the
// text's bytes, its tags and list filters - for contacts and teammates alike.
// At each limit the query runs; one past it is invalid_argument naming the
// field, on find, count, saved views and bulk updates, and nothing changes.
BOOST_AUTO_TEST_CASE(U4_a_query_at_its_limits_runs_and_one_past_them_is_refused) {
  desk_fixture f;
  const std::string word(tc::max_search_word_bytes, 'w');
  f.desk->create_ticket(f.tom, f.customer_ticket("a", word + " printer jam"));
  auto words = [](std::size_t n, const std::string& w) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += (i ? " " : "") + w;
    return text;
  };
  auto at_limit = [&](auto set) {
    tc::ticket_query q;
    set(q);
    return q;
  };
  const std::vector<std::pair<tc::ticket_query, tc::ticket_query>> cases = {
      {at_limit([&](auto& q) { q.text = words(tc::max_search_words, word); }),
       at_limit([&](auto& q) { q.text = words(tc::max_search_words + 1, "w"); })},
      {at_limit([&](auto& q) { q.text = word; }), at_limit([&](auto& q) { q.text = word + "w"; })},
      {at_limit([&](auto& q) { q.text = word + std::string(tc::max_search_text_bytes - word.size(), '!'); }),
       at_limit([&](auto& q) { q.text = word + std::string(tc::max_search_text_bytes + 1 - word.size(), '!'); })},
  };
  for (const auto& [ok, too_much] : cases) {
    for (const tc::actor& who : {f.tom, f.ann}) {
      BOOST_TEST(f.desk->find_tickets(who, ok).tickets.size() == 1u);
      BOOST_TEST(f.desk->count_tickets(who, ok) == 1u);
      auto r = attempt([&] { f.desk->find_tickets(who, too_much); });
      BOOST_TEST((r.kind == tc::errc::invalid_argument));
      BOOST_TEST(has(r.fields, "text"));
      BOOST_TEST(r.message.find("limit") != std::string::npos, r.message);
      BOOST_TEST((attempt([&] { f.desk->count_tickets(who, too_much); }).kind == tc::errc::invalid_argument));
    }
  }
  // Lists: tags (each one more probe per ticket) and the other list filters.
  tc::ticket_query tags;
  tags.tags.assign(tc::max_query_tags, "jam");
  BOOST_TEST(f.desk->find_tickets(f.tom, tags).tickets.empty());
  tags.tags.push_back("jam");
  auto r = attempt([&] { f.desk->find_tickets(f.tom, tags); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(has(r.fields, "tags"));
  tc::ticket_query types;
  types.types.assign(tc::max_query_list_values, "bug_report");
  BOOST_TEST(f.desk->find_tickets(f.ann, types).tickets.size() == 1u);
  types.types.push_back("bug_report");
  r = attempt([&] { f.desk->find_tickets(f.ann, types); });
  BOOST_TEST((r.kind == tc::errc::invalid_argument));
  BOOST_TEST(has(r.fields, "types"));
  // Saved views and bulk updates read the same limits; a refusal changes nothing.
  const std::string before = snapshot(*f.desk);
  tc::saved_view view{"big", "Big", "", cases[0].second};
  BOOST_TEST((attempt([&] { f.desk->save_view(f.tom, view); }).kind == tc::errc::invalid_argument));
  tc::bulk_change change;
  change.priority = "urgent";
  BOOST_TEST((attempt([&] { f.desk->bulk_update(f.tom, cases[0].second, change); }).kind == tc::errc::invalid_argument));
  BOOST_TEST(snapshot(*f.desk) == before);
  BOOST_TEST(f.desk->views(f.tom).empty());
}

BOOST_AUTO_TEST_CASE(Q1_saved_views_are_kept_with_their_counts_shared_or_personal) {
  desk_fixture f;
  for (const char* c : {"a", "a", "b"}) f.desk->create_ticket(f.tom, f.customer_ticket(c));
  tc::saved_view anns{"anns", "Ann's tickets", "", {}};
  anns.query.contact = "a";
  tc::saved_view mine{"mine", "Unassigned", "tom", {}};
  mine.query.assignee = "";
  f.desk->save_view(f.tom, anns);
  f.desk->save_view(f.tom, mine);
  auto toms = f.desk->views(f.tom);
  BOOST_REQUIRE(toms.size() == 2u);
  BOOST_TEST(toms[0].view.id == "anns");
  BOOST_TEST(toms[0].count == 2u);
  BOOST_TEST(toms[1].count == 3u);
  BOOST_TEST(toms[0].count == f.desk->count_tickets(f.tom, anns.query));
  auto fays = f.desk->views(f.fay);  // Tom's own view is his
  BOOST_REQUIRE(fays.size() == 1u);
  BOOST_TEST((attempt([&] { f.desk->remove_view(f.fay, "mine"); }).kind == tc::errc::not_found));
  BOOST_TEST((attempt([&] { f.desk->views(f.ann); }).kind == tc::errc::forbidden));
  tc::saved_view bad{"", "", "nobody", {}};
  bad.query.types = {"nope"};
  BOOST_TEST((attempt([&] { f.desk->save_view(f.tom, bad); }).kind == tc::errc::validation_failed));
  anns.query.contact = "b";  // replace
  f.desk->save_view(f.fay, anns);
  BOOST_TEST(f.desk->views(f.tom)[0].count == 1u);
  f.desk->remove_view(f.tom, "anns");
  BOOST_TEST(f.desk->views(f.tom).size() == 1u);
}
