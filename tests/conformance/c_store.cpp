// The storage contract through the C adapter: a backend written in C terms
// (tests/capi/test_store.cpp, records as JSON text behind tc_storage_methods)
// seen by the library as a ticketcore::storage, exactly as tc_desk_open sees it.
// The table is of the latest version and fills every Tier 2 method, so the
// Tier 2 cases run here (expect_tier2 stays set): they check the adapter's
// translation of queries, cursors, limits, views and history scans too.
#define BOOST_TEST_MODULE storage_conformance_c_store
#include <boost/test/unit_test.hpp>

#include "storage_conformance.hpp"

#include "storage.hpp"     // capi/src: the adapter
#include "test_store.h"    // tests/capi: the C backend

#include <ticketcore/json.hpp>

#include <boost/json/parse.hpp>

#include <string>

std::shared_ptr<ticketcore::storage> conformance::make_store() { return capi::make_c_storage(test_store_new()); }

// The C table has no report checkpoint methods: reports on it replay history.
static const bool checkpoints_cleared = (conformance::expect_checkpoints = false, true);

namespace {

namespace tc = ticketcore;
namespace json = boost::json;

// Spies around the test store's own methods: what the backend was handed.
tc_storage_methods backend;
std::string ticket_handed, part_handed, query_handed;
int spy_insert(void* ctx, void* txn, const char* text) {
  ticket_handed = text;
  return backend.insert_ticket(ctx, txn, text);
}
int spy_append(void* ctx, void* txn, const char* text) {
  part_handed = text;
  return backend.append_part(ctx, txn, text);
}
int spy_count(void* ctx, void* txn, const char* text, uint64_t* out) {
  query_handed = text;
  return backend.count_tickets(ctx, txn, text, out);
}

}  // namespace

// A table of version 5 is handed the keys beside tickets and parts and the
// words of a query; one of version 4 the forms it was written for (the rank
// at the top level, no keys, no words), so it keeps working. Either way the
// ticket comes in its stored form, bookkeeping included, and reads back.
BOOST_AUTO_TEST_CASE(C_forms_carry_the_keys_from_version_5_and_keep_version_4s) {
  for (std::uint32_t version : {4u, 5u}) {
    BOOST_TEST_CONTEXT("table version " << version) {
      backend = test_store_new();
      tc_storage_methods m = backend;
      m.version = version;
      m.insert_ticket = spy_insert;
      m.append_part = spy_append;
      m.count_tickets = spy_count;
      auto s = capi::make_c_storage(m);
      auto w = s->begin(tc::access::write);
      tc::stored_ticket t;
      t.id = tc::new_id();
      t.number = w->next_number(tc::sequence::ticket);
      t.type = "question";
      t.title = "Printer Jam";
      t.priority = "high";
      t.contact = "ann";
      t.version = 1;
      t.next_due_at = tc::parse_time("2026-11-24T09:00:00Z");
      w->insert_ticket(t, tc::keys_of(t, tc::config{}));
      tc::part p;
      p.id = tc::new_id();
      p.owner = t.id;
      p.kind = tc::part_kind::reply;
      p.internal = false;
      p.author = tc::actor::teammate("tom");
      p.body = "Fixed it";
      w->append_part(p, tc::part_keys_of(p, &t.contact));
      tc::ticket_query q;
      q.text = "PRINTER";
      w->count_tickets(q);

      const json::object ticket = json::parse(ticket_handed).as_object();
      const json::object part = json::parse(part_handed).as_object();
      const json::object query = json::parse(query_handed).as_object();
      BOOST_TEST(ticket.contains("next_due_at"));  // the bookkeeping: the stored form
      if (version == 4) {
        BOOST_TEST(ticket.at("priority_rank") == json::value(2));
        BOOST_TEST(!ticket.contains("keys"));
        BOOST_TEST(!part.contains("keys"));
        BOOST_TEST(!query.contains("words"));
      } else {
        BOOST_TEST(!ticket.contains("priority_rank"));
        const json::object& keys = ticket.at("keys").as_object();
        BOOST_TEST(keys.at("priority_rank") == json::value(2));
        BOOST_TEST(keys.at("sla_status") == json::value("none"));
        BOOST_TEST(keys.at("sla_due").is_null());
        BOOST_TEST(keys.at("words") == json::parse(R"(["printer", "jam"])"));
        BOOST_TEST(part.at("keys") == json::parse(R"({"audience": "public", "words": ["fixed", "it"]})"));
        BOOST_TEST(query.at("words") == json::parse(R"(["printer"])"));
      }
      auto back = w->get_ticket(t.id);  // what the backend kept, "keys" and all, reads back
      BOOST_REQUIRE(back.has_value());
      BOOST_TEST((back->next_due_at == t.next_due_at));
      BOOST_TEST(back->title == t.title);
      w->rollback();
    }
  }
}
