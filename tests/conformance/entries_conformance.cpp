// The conformance cases of records by kind (storage.hpp: get_entry,
// put_entry, find_entries): versions (X1), unique and replaced keys, pages
// in byte order of id, rollback, and values kept byte for byte.
#include "storage_conformance.hpp"

#include <boost/test/unit_test.hpp>

#include <ticketcore/error.hpp>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace tc = ticketcore;
using conformance::make_store;

bool conformance::expect_entries = true;

namespace {

struct failure {
  tc::errc kind;
  std::string message;
};

template <class F>
std::optional<failure> failure_of(F&& f) {
  try {
    f();
  } catch (const tc::error& e) {
    return failure{e.kind(), e.what()};
  }
  return std::nullopt;
}

template <class F>
std::optional<tc::errc> error_of(F&& f) {
  auto e = failure_of(f);
  return e ? std::optional(e->kind) : std::nullopt;
}

// Non-ASCII bytes and embedded quotes, which a store must keep as given.
const std::string ann_email = "ann.\"q\"@exämple.com";

tc::stored_entry contact(const std::string& id, std::uint64_t version, const std::string& name) {
  return {"contact",
          id,
          version,
          {{"name", name}, {"note", "Zoë says \"hi\" \\ \xF0\x9F\x91\x8B"}, {"tags", boost::json::array{"a", 1}}}};
}

tc::entry_key email(const std::string& address) { return {"email", address, true}; }
tc::entry_key company(const std::string& name) { return {"company", name, false}; }

// Entries compare by every member; the record by its JSON text.
std::string text(const tc::stored_entry& e) {
  return e.kind + "|" + e.id + "|" + std::to_string(e.version) + "|" + boost::json::serialize(e.record);
}
std::string text(const std::optional<tc::stored_entry>& e) { return e ? text(*e) : "(none)"; }

std::vector<std::string> ids(const std::vector<tc::stored_entry>& es) {
  std::vector<std::string> out;
  for (const auto& e : es) out.push_back(e.id);
  return out;
}

void put(tc::storage& s, const tc::stored_entry& e, const std::vector<tc::entry_key>& keys) {
  auto w = s.begin(tc::access::write);
  w->put_entry(e, keys);
  w->commit();
}

std::optional<tc::stored_entry> get(tc::storage& s, const std::string& kind, const std::string& id) {
  return s.begin(tc::access::read)->get_entry(kind, id);
}

std::vector<std::string> holding(tc::storage& s, const std::string& kind, const tc::entry_key& key) {
  tc::entry_filter f;
  f.kind = kind;
  f.key_name = key.name;
  f.key_value = key.value;
  return ids(s.begin(tc::access::read)->find_entries(f));
}

// Every page of `f` after the cursor of the one before, in order.
std::vector<std::string> page_through(tc::storage& s, tc::entry_filter f) {
  std::vector<std::string> out;
  auto r = s.begin(tc::access::read);
  for (int pages = 0; pages < 100; ++pages) {  // bounded: a cursor that is ignored never ends
    auto rows = r->find_entries(f);
    BOOST_TEST_REQUIRE(rows.size() <= f.limit);
    for (const auto& e : rows) out.push_back(e.id);
    if (rows.size() < f.limit) break;
    f.after = rows.back().id;
  }
  return out;
}

// Whether the adapter keeps entries (expect_entries); one that need not
// says not_supported, and the case ends there.
bool entries_run(tc::storage& s) {
  auto e = error_of([&] { get(s, "contact", "c1"); });
  if (!conformance::expect_entries) {
    BOOST_TEST((e == tc::errc::not_supported));
    return false;
  }
  BOOST_TEST(!e.has_value());
  return !e.has_value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(entries_conformance)

BOOST_AUTO_TEST_CASE(X1_an_entry_reads_back_as_given_and_each_write_names_the_version_it_replaces) {
  auto s = make_store();
  if (!entries_run(*s)) return;
  const auto v1 = contact("c1", 1, "Ann \"the first\" Müller");
  put(*s, v1, {email(ann_email)});
  BOOST_TEST(text(get(*s, "contact", "c1")) == text(v1));
  BOOST_TEST(text(get(*s, "contact", "c2")) == "(none)");
  BOOST_TEST(text(get(*s, "teammate", "c1")) == "(none)");  // kinds are apart

  auto refused = [&](const tc::stored_entry& e) {
    auto w = s->begin(tc::access::write);
    auto kind = error_of([&] { w->put_entry(e, {email("other@example.com")}); });
    w->rollback();
    return kind;
  };
  BOOST_TEST((refused(contact("c1", 1, "Again")) == tc::errc::conflict));  // exists
  BOOST_TEST((refused(contact("c1", 3, "Skipped")) == tc::errc::conflict));  // stored is 1, not 2
  BOOST_TEST((refused(contact("c9", 2, "Ghost")) == tc::errc::not_found));
  BOOST_TEST(text(get(*s, "contact", "c1")) == text(v1));  // nothing changed
  BOOST_TEST(holding(*s, "contact", email("other@example.com")).empty());
  BOOST_TEST(holding(*s, "contact", email(ann_email)) == std::vector<std::string>{"c1"});

  const auto v2 = contact("c1", 2, "Ann");
  put(*s, v2, {email(ann_email)});
  BOOST_TEST(text(get(*s, "contact", "c1")) == text(v2));
  BOOST_TEST((refused(contact("c1", 2, "Stale")) == tc::errc::conflict));  // written from 1, which is gone
  BOOST_TEST(text(get(*s, "contact", "c1")) == text(v2));

  put(*s, {"teammate", "c1", 1, {{"name", "Tom"}}}, {});  // the same id in another kind
  BOOST_TEST(get(*s, "teammate", "c1")->record.at("name") == "Tom");
  BOOST_TEST(text(get(*s, "contact", "c1")) == text(v2));
}

BOOST_AUTO_TEST_CASE(a_unique_key_belongs_to_one_entry_of_its_kind_and_a_clash_writes_nothing) {
  auto s = make_store();
  if (!entries_run(*s)) return;
  put(*s, contact("c1", 1, "Ann"), {email("ann@example.com"), company("initech")});
  {
    auto w = s->begin(tc::access::write);
    auto f = failure_of(
        [&] { w->put_entry(contact("c2", 1, "Impostor"), {company("acme"), email("ann@example.com")}); });
    BOOST_REQUIRE(f.has_value());
    BOOST_TEST((f->kind == tc::errc::conflict));
    BOOST_TEST(f->message.find("a contact already has email ann@example.com") != std::string::npos, f->message);
    w->rollback();
  }
  BOOST_TEST(text(get(*s, "contact", "c2")) == "(none)");
  BOOST_TEST(holding(*s, "contact", company("acme")).empty());
  BOOST_TEST(holding(*s, "contact", email("ann@example.com")) == std::vector<std::string>{"c1"});

  // The holder may write it again; a value differing by one byte is another key.
  put(*s, contact("c1", 2, "Ann"), {email("ann@example.com")});
  put(*s, contact("c2", 1, "Anna"), {email("Ann@example.com")});
  // Another kind, and a key that is not unique, may share the value.
  put(*s, {"teammate", "t1", 1, {}}, {email("ann@example.com")});
  put(*s, contact("c3", 1, "Ann's alias"), {{"email", "ann@example.com", false}});
  BOOST_TEST(holding(*s, "teammate", email("ann@example.com")) == std::vector<std::string>{"t1"});
  BOOST_TEST((holding(*s, "contact", email("ann@example.com")) == std::vector<std::string>{"c1", "c3"}));
}

BOOST_AUTO_TEST_CASE(an_update_replaces_the_entrys_keys) {
  auto s = make_store();
  if (!entries_run(*s)) return;
  put(*s, contact("c1", 1, "Ann"), {email("ann@old.example"), company("initech")});
  put(*s, contact("c1", 2, "Ann"), {email("ann@new.example")});
  BOOST_TEST(holding(*s, "contact", email("ann@old.example")).empty());
  BOOST_TEST(holding(*s, "contact", company("initech")).empty());
  BOOST_TEST(holding(*s, "contact", email("ann@new.example")) == std::vector<std::string>{"c1"});
  // The key it gave up is free for another entry.
  put(*s, contact("c2", 1, "Bob"), {email("ann@old.example")});
  BOOST_TEST(holding(*s, "contact", email("ann@old.example")) == std::vector<std::string>{"c2"});
}

BOOST_AUTO_TEST_CASE(entries_page_in_byte_order_of_id_by_kind_and_by_key) {
  auto s = make_store();
  if (!entries_run(*s)) return;
  // Byte order, not a locale's: "Z" < "a" < "z" < "é" (0xC3 0xA9).
  std::vector<std::string> all = {"z", "a", "\xC3\xA9t\xC3\xA9", "Z", "a\"b", "m", "a b", "b", "y2", "y10"};
  std::vector<std::string> at_initech;
  {
    auto w = s->begin(tc::access::write);
    for (std::size_t i = 0; i < all.size(); ++i) {
      std::vector<tc::entry_key> keys = {email(all[i] + "@example.com")};
      if (i % 2 == 0) {
        keys.push_back(company("initech"));
        at_initech.push_back(all[i]);
      }
      w->put_entry(contact(all[i], 1, "Someone"), keys);
    }
    w->put_entry({"teammate", "a0", 1, {}}, {company("initech")});  // another kind: never listed
    w->commit();
  }
  std::sort(all.begin(), all.end());
  std::sort(at_initech.begin(), at_initech.end());
  tc::entry_filter f;
  f.kind = "contact";
  f.limit = 3;
  BOOST_TEST(page_through(*s, f) == all);
  f.key_name = "company";
  f.key_value = "initech";
  f.limit = 2;
  BOOST_TEST(page_through(*s, f) == at_initech);
  f.limit = 50;
  f.after = at_initech[1];
  BOOST_TEST(page_through(*s, f) == std::vector<std::string>(at_initech.begin() + 2, at_initech.end()));
  f.key_value = "acme";
  BOOST_TEST(page_through(*s, f).empty());
  tc::entry_filter none;
  none.kind = "company";
  BOOST_TEST(page_through(*s, none).empty());
}

BOOST_AUTO_TEST_CASE(P6_a_rolled_back_put_leaves_nothing_behind) {
  auto s = make_store();
  if (!entries_run(*s)) return;
  const auto v1 = contact("c1", 1, "Ann");
  put(*s, v1, {email("ann@example.com")});
  {
    auto w = s->begin(tc::access::write);
    w->put_entry(contact("c1", 2, "Changed"), {email("changed@example.com")});
    w->put_entry(contact("c2", 1, "New"), {email("new@example.com")});
    BOOST_TEST(w->get_entry("contact", "c1")->version == 2u);  // the transaction sees its own writes
    w->rollback();
  }
  BOOST_TEST(text(get(*s, "contact", "c1")) == text(v1));
  BOOST_TEST(text(get(*s, "contact", "c2")) == "(none)");
  BOOST_TEST(holding(*s, "contact", email("ann@example.com")) == std::vector<std::string>{"c1"});
  BOOST_TEST(holding(*s, "contact", email("changed@example.com")).empty());
  BOOST_TEST(holding(*s, "contact", email("new@example.com")).empty());
  tc::entry_filter f;
  f.kind = "contact";
  BOOST_TEST(page_through(*s, f) == std::vector<std::string>{"c1"});
  // The keys the rolled-back writes took are free again.
  put(*s, contact("c2", 1, "New"), {email("changed@example.com")});
  BOOST_TEST(holding(*s, "contact", email("changed@example.com")) == std::vector<std::string>{"c2"});
}

BOOST_AUTO_TEST_SUITE_END()
