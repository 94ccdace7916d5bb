// U3: any value the library accepts reads back equal, on every store,
// through to_json and through the C ABI; non-finite numbers and
// out-of-range times are refused where they come in, naming the field.
// Also the messages that quote raw input (issue item 9).
//
// The property tests are seeded and fixed-size; TICKETCORE_VALUES_SEED and
// TICKETCORE_VALUES_RUNS choose others when hunting.
#define BOOST_TEST_MODULE values
#include <boost/test/unit_test.hpp>

#include "fixture.hpp"
#include "model/json_numbers.hpp"

#ifndef TICKETCORE_NO_CAPI
#include <ticketcore/ticketcore.h>
#endif

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

using namespace testing;
namespace json = boost::json;

namespace {

// The scenario desk plus a type with one attribute of each scalar kind;
// `cost` is a decimal a contact may set (the issue's way in).
json::object values_config_json() {
  json::object doc = json::parse(scenario_config).as_object();
  doc["ticket_types"].as_array().push_back(json::parse(R"({
    "id": "measure", "name": "Measure", "category": "customer", "attributes": [
      {"key": "cost", "type": "decimal", "visible_to_customer": true, "editable_by_customer": true},
      {"key": "count", "type": "integer"},
      {"key": "label", "type": "text", "visible_to_customer": true},
      {"key": "when", "type": "datetime"},
      {"key": "day", "type": "date"}]})"));
  return doc;
}

struct values_desk : desk_fixture {
  values_desk() { desk->configure(tc::parse_config(json::value(values_config_json()))); }
  tc::new_ticket measure(json::object attributes) {
    tc::new_ticket t = ticket_of("measure", "Measure");
    t.contact = "a";
    t.attributes = std::move(attributes);
    return t;
  }
};

// Equal as values, and a double equal to the bit (-0.0 is not 0.0).
bool same(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_double() || b.is_double())
      return a.is_double() && b.is_double() && std::bit_cast<std::uint64_t>(a.get_double()) ==
                                                   std::bit_cast<std::uint64_t>(b.get_double());
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    const json::value& s = a.is_int64() ? a : b;
    const json::value& u = a.is_int64() ? b : a;
    return s.get_int64() >= 0 && static_cast<std::uint64_t>(s.get_int64()) == u.get_uint64();
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto &x = a.get_array(), &y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same(x[i], y[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const auto &x = a.get_object(), &y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& kv : x) {
      const json::value* other = y.if_contains(kv.key());
      if (!other || !same(kv.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

// JSON text read back with exact doubles, as the library reads it.
json::value parse(std::string_view text) {
  boost::system::error_code ec;
  json::value v = tc::detail::parse_exact(text, ec);
  BOOST_REQUIRE_MESSAGE(!ec, ec.message() << ": " << text);
  return v;
}

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::stoull(v) : fallback;
}

// Random values, biased to the edges where values stop reading back.
struct values_gen {
  std::mt19937_64 rng;
  explicit values_gen(std::uint64_t seed) : rng(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  bool coin() { return pick(2) == 0; }

  double any_double() {
    using lim = std::numeric_limits<double>;
    const double sign = coin() ? 1.0 : -1.0;
    switch (pick(9)) {
      case 0: return std::bit_cast<double>(rng());  // every pattern: NaNs, infinities, subnormals
      case 1: return sign * lim::infinity();
      case 2: return lim::quiet_NaN();
      case 3: return std::bit_cast<double>(rng() & 0x800FFFFFFFFFFFFFull);  // subnormal or zero
      case 4: return sign * 0.0;
      case 5: return sign * std::array{lim::max(), lim::min(), lim::denorm_min(), lim::epsilon()}[pick(4)];
      case 6: return sign * std::ldexp(std::uniform_real_distribution<double>(0.5, 1)(rng), pick(2200) - 1100);
      case 7: return sign * std::pow(10.0, pick(700) - 350);  // 1e308 and beyond overflow to infinity
      default: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    }
  }

  json::value any_integer() {
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    switch (pick(6)) {
      case 0: return json::value(static_cast<std::int64_t>(rng()));
      case 1: return json::value(std::array{max, min, max - 1, min + 1, std::int64_t{0}}[pick(5)]);
      case 2: return json::value((std::int64_t{1} << 53) + pick(3) - 1);  // where doubles stop counting
      case 3: return json::value(static_cast<std::uint64_t>(max) + 1 + (rng() >> 1));  // beyond int64
      case 4: return json::value(std::numeric_limits<std::uint64_t>::max());
      default: return json::value(pick(2000) - 1000);
    }
  }

  void append_utf8(std::string& s, char32_t c) {
    if (c < 0x80) {
      s += static_cast<char>(c);
    } else if (c < 0x800) {
      s += static_cast<char>(0xC0 | (c >> 6));
      s += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      s += static_cast<char>(0xE0 | (c >> 12));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (c >> 18));
      s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (c & 0x3F));
    }
  }

  // Valid Unicode of every kind: NUL, controls, quotes, C1, BMP, noncharacters,
  // line separators, combining marks, astral planes.
  std::string unicode() {
    std::string s;
    for (int n = pick(12); n > 0; --n) {
      char32_t c = 0;
      switch (pick(9)) {
        case 0: c = 0; break;
        case 1: c = static_cast<char32_t>(pick(0x20)); break;
        case 2: c = std::array<char32_t, 5>{'"', '\\', '\'', '/', 0x7F}[pick(5)]; break;
        case 3: c = 0x80 + pick(0x20); break;
        case 4: c = std::array<char32_t, 6>{0xFFFE, 0xFFFF, 0xFEFF, 0x2028, 0x2029, 0x0301}[pick(6)]; break;
        case 5: c = 0x10000 + static_cast<char32_t>(pick(0x100000)); break;
        case 6: c = static_cast<char32_t>(0xA0 + pick(0xD800 - 0xA0)); break;
        case 7: c = static_cast<char32_t>(0xE000 + pick(0x10000 - 0xE000)); break;
        default: c = static_cast<char32_t>(0x20 + pick(0x5F)); break;
      }
      append_utf8(s, c);
    }
    return s;
  }

  std::string digits(int value, int width) {
    std::string s = std::to_string(value);
    return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
  }

  // ISO 8601 text near the edges: years 0000 and 9999, offsets up to +-25:61,
  // leap seconds, fractions of any length.
  std::string datetime_text() {
    const int year = std::array{0, 1, 1970, 2026, 9998, 9999}[pick(6)];
    std::string s = digits(year, 4) + "-" + digits(1 + pick(12) + (pick(20) == 0 ? 1 : 0), 2) + "-" +
                    digits(std::array{1, 28, 31}[pick(3)], 2) + "T" + digits(coin() ? pick(24) : 23, 2) + ":" +
                    digits(coin() ? pick(60) : 59, 2) + ":" + digits(pick(20) == 0 ? 60 : pick(60), 2);
    if (coin()) {
      s += ".";
      for (int n = 1 + pick(6); n > 0; --n) s += static_cast<char>('0' + pick(10));
    }
    if (pick(3) == 0) return s + "Z";
    return s + (coin() ? "+" : "-") + digits(pick(3) == 0 ? 23 + pick(3) : pick(24), 2) + ":" +
           digits(pick(3) == 0 ? 59 + pick(3) : pick(60), 2);
  }

  tc::time_point time() {
    using std::chrono::days;
    using std::chrono::milliseconds;
    using std::chrono::sys_days;
    using std::chrono::year;
    const auto span = [&](tc::time_point around) {
      return around + milliseconds(std::uniform_int_distribution<std::int64_t>(-3 * 86'400'000, 3 * 86'400'000)(rng));
    };
    switch (pick(4)) {
      case 0: return span(tc::time_point{sys_days{year{0} / 1 / 1}});
      case 1: return span(tc::time_point{sys_days{year{10000} / 1 / 1}});
      case 2: return tc::time_point{milliseconds(static_cast<std::int64_t>(rng()))};
      default: return span(t0());
    }
  }

  // A value for attribute `key`: mostly of its type, sometimes not.
  json::value value_for(const std::string& key) {
    if (pick(10) == 0) return coin() ? json::value(unicode()) : json::value(any_double());
    if (key == "cost") return coin() ? json::value(any_double()) : any_integer();
    if (key == "count") return pick(4) == 0 ? json::value(any_double()) : any_integer();
    if (key == "label") return json::value(unicode());
    if (key == "when") return json::value(datetime_text());
    return json::value(digits(std::array{0, 1, 2026, 9999}[pick(4)], 4) + "-" + digits(1 + pick(12), 2) + "-" +
                       digits(1 + pick(31), 2));
  }

  json::object attributes() {
    static const std::array<const char*, 5> keys{"cost", "count", "label", "when", "day"};
    json::object o;
    for (int n = 1 + pick(3); n > 0; --n) {
      std::string key = keys[pick(5)];
      o[key] = value_for(key);
    }
    return o;
  }
};

// Must a decimal or an integer attribute refuse `v`? (The rule for the
// generated values; text, date and datetime are checked by reading back.)
bool refused_number(const std::string& key, const json::value& v) {
  if (key == "cost") return !v.is_number() || (v.is_double() && !std::isfinite(v.get_double()));
  if (key == "count") return !(v.is_int64() || (v.is_uint64() && v.get_uint64() <= INT64_MAX));
  return false;
}

// What a failed write must look like: validation_failed naming a given key.
void check_refusal(const caught& c, const json::object& given) {
  BOOST_TEST((c.kind == tc::errc::validation_failed), c.message);
  BOOST_TEST(!c.fields.empty());
  for (const auto& f : c.fields) {
    bool named = false;
    for (const auto& kv : given) named = named || f.find(std::string(kv.key())) != std::string::npos;
    BOOST_TEST(named, "field " << f << " is not one of the given attributes: " << c.message);
  }
}

// After an accepted write: the record, its JSON text, and the lists that
// include it all read back, and the attributes equal `expected`.
void check_reads_back(values_desk& f, const tc::uuid& id, const json::object& expected) {
  tc::ticket_view v = f.desk->ticket(f.tom, id);
  BOOST_TEST(same(v.ticket.attributes, expected), json::serialize(v.ticket.attributes) << " != " << json::serialize(expected));
  json::value text = parse(json::serialize(tc::to_json(v)));
  BOOST_TEST(same(text.at("attributes"), expected), json::serialize(text.at("attributes")) << " != " << json::serialize(expected));
  tc::inbox_filter all;
  BOOST_CHECK_NO_THROW(f.desk->inbox(f.tom, all));
  BOOST_CHECK_NO_THROW(f.desk->inbox(f.ann, all));
  BOOST_CHECK_NO_THROW(f.desk->find_tickets(f.tom, tc::ticket_query{}));
}

}  // namespace

BOOST_AUTO_TEST_CASE(U3_attribute_values_are_refused_naming_the_field_or_read_back_equal) {
  values_desk f;
  const std::uint64_t seed = env_number("TICKETCORE_VALUES_SEED", 20261123);
  values_gen g(seed);
  BOOST_TEST_MESSAGE("seed " << seed);
  std::optional<tc::uuid> last;
  json::object current;
  for (std::uint64_t run = env_number("TICKETCORE_VALUES_RUNS", 200); run > 0; --run) {
    json::object given = g.attributes();
    bool must_refuse = false;
    for (const auto& kv : given) must_refuse = must_refuse || refused_number(std::string(kv.key()), kv.value());
    if (!last || g.coin()) {  // create
      tc::uuid id{};
      caught c = attempt([&] { id = f.desk->create_ticket(g.coin() ? f.tom : f.ann, f.measure(given)).ticket.id; });
      if (c.thrown) {
        check_refusal(c, given);
        continue;
      }
      BOOST_TEST(!must_refuse, "accepted " << json::serialize(given));
      last = id;
      current = given;
    } else {  // update
      tc::ticket_changes ch;
      ch.attributes = given;
      caught c = attempt([&] { f.desk->update_ticket(f.tom, *last, ch); });
      if (c.thrown) {
        check_refusal(c, given);
        continue;
      }
      BOOST_TEST(!must_refuse, "accepted " << json::serialize(given));
      for (const auto& kv : given) current[kv.key()] = kv.value();
    }
    check_reads_back(f, *last, current);
  }
}

BOOST_AUTO_TEST_CASE(U3_ticket_times_are_refused_naming_the_field_or_read_back_equal) {
  values_desk f;
  values_gen g(env_number("TICKETCORE_VALUES_SEED", 20261123) + 1);
  const tc::time_point earliest = tc::parse_time("0000-01-01T00:00:00Z");
  const tc::time_point latest = tc::parse_time("9999-12-31T23:59:59.999Z");
  for (std::uint64_t run = env_number("TICKETCORE_VALUES_RUNS", 200); run > 0; --run) {
    tc::time_point at = g.time();
    tc::new_ticket t = f.measure({});
    t.follow_up_at = at;
    tc::uuid id{};
    caught c = attempt([&] { id = f.desk->create_ticket(f.tom, t).ticket.id; });
    const bool in_range = at >= earliest && at <= latest;
    BOOST_TEST(c.thrown == !in_range, "ms " << at.time_since_epoch().count() << ": " << c.message);
    if (c.thrown) {
      BOOST_TEST((c.kind == tc::errc::validation_failed));
      BOOST_TEST(has(c.fields, "follow_up_at"), c.message);
      continue;
    }
    tc::ticket_view v = f.desk->ticket(f.tom, id);
    BOOST_TEST((v.ticket.follow_up_at == at));
    json::value text = parse(json::serialize(tc::to_json(v)));
    BOOST_TEST((tc::parse_time(std::string(text.at("follow_up_at").as_string())) == at));
  }
  BOOST_CHECK_NO_THROW(f.desk->inbox(f.tom, tc::inbox_filter{}));
}

BOOST_AUTO_TEST_CASE(U3_datetime_text_reads_back_as_the_same_instant_or_is_refused) {
  values_gen g(env_number("TICKETCORE_VALUES_SEED", 20261123) + 2);
  for (std::uint64_t run = env_number("TICKETCORE_VALUES_RUNS", 200) * 5; run > 0; --run) {
    std::string text = g.datetime_text();
    caught c = attempt([&] {
      tc::time_point t = tc::parse_time(text);
      BOOST_TEST((tc::parse_time(tc::format_time(t)) == t), text);
    });
    if (c.thrown) BOOST_TEST((c.kind == tc::errc::invalid_argument), text);
  }
}

#ifndef TICKETCORE_NO_CAPI
// The same values through the C ABI, on the store this run uses: the text a
// C or Python caller sends is what the library sees; an accepted one reads
// back equal through tc_desk_execute.
BOOST_AUTO_TEST_CASE(U3_values_through_the_c_abi_are_refused_naming_the_field_or_read_back_equal) {
  const char* which = std::getenv("TICKETCORE_TEST_STORE");
  scratch_file file;
  std::string store = which && std::string(which) == "sqlite"
                          ? json::serialize(json::object{{"kind", "sqlite"}, {"path", file.path()}, {"durability", "normal"}})
                          : std::string(R"({"kind": "memory"})");
  std::string config = json::serialize(values_config_json());
  tc_desk_options o = TC_DESK_OPTIONS_INIT;
  o.config_json = config.c_str();
  o.store_json = store.c_str();
  tc_desk* d = nullptr;
  BOOST_REQUIRE_MESSAGE(tc_desk_open(&d, &o) == TC_OK, tc_last_error_message());
  auto execute = [&](const std::string& request, json::value& out) {
    char* text = nullptr;
    tc_status s = tc_desk_execute(&text, d, request.c_str());
    if (s == TC_OK) out = parse(text);
    tc_string_free(text);
    return s;
  };
  values_gen g(env_number("TICKETCORE_VALUES_SEED", 20261123) + 3);
  for (std::uint64_t run = env_number("TICKETCORE_VALUES_RUNS", 200); run > 0; --run) {
    json::object given = g.attributes();
    // Infinity and NaN have no JSON text: a caller sends a number that overflows.
    for (auto& kv : given)
      if (kv.value().is_double() && !std::isfinite(kv.value().get_double())) kv.value() = "@overflow@";
    std::string attributes = json::serialize(given);
    for (std::size_t at; (at = attributes.find("\"@overflow@\"")) != std::string::npos;)
      attributes.replace(at, 12, g.coin() ? "1e400" : "-1e999");
    std::string follow_up = g.datetime_text();
    std::string request = R"({"op": "create_ticket", "actor": {"kind": "teammate", "id": "tom"}, "args": {)"
                          R"("type": "measure", "title": "Measure", "contact": "a", "follow_up_at": ")" +
                          follow_up + R"(", "attributes": )" + attributes + "}}";
    json::value created;
    tc_status s = execute(request, created);
    const json::object seen = parse(attributes).as_object();  // what the caller meant
    if (s != TC_OK) {
      std::string message = tc_last_error_message();
      bool named = message.find("follow_up_at") != std::string::npos;
      for (const auto& kv : seen) named = named || message.find(std::string(kv.key())) != std::string::npos;
      BOOST_TEST((s == TC_EVALIDATION || (s == TC_EINVALID && message.find("follow_up_at") != std::string::npos)), message);
      BOOST_TEST(named, message);
      continue;
    }
    for (const auto& kv : seen) BOOST_TEST(!refused_number(std::string(kv.key()), kv.value()), attributes);
    json::value read;
    BOOST_REQUIRE(execute(R"({"op": "ticket", "actor": {"kind": "teammate", "id": "tom"}, "args": {"ticket": ")" +
                              std::string(created.at("id").as_string()) + R"("}})",
                          read) == TC_OK);
    BOOST_TEST(same(read.at("attributes"), seen), json::serialize(read.at("attributes")) << " != " << attributes);
    BOOST_TEST(read.at("follow_up_at").as_string() == tc::format_time(tc::parse_time(follow_up)));
  }
  json::value inbox;
  BOOST_TEST(execute(R"({"op": "inbox", "actor": {"kind": "teammate", "id": "tom"}})", inbox) == TC_OK,
             tc_last_error_message());
  tc_desk_close(d);
}

#endif

// The issue's report: 1e400 in a customer-editable decimal was stored as
// infinity and failed every later inbox of the desk.
BOOST_AUTO_TEST_CASE(U3_an_infinite_decimal_is_refused_and_the_desk_stays_readable) {
  values_desk f;
  const std::string before = snapshot(*f.desk);
  for (double bad : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN(), json::parse("1e400").as_double()}) {
    caught c = attempt([&] { f.desk->create_ticket(f.ann, f.measure({{"cost", bad}})); });
    BOOST_TEST((c.kind == tc::errc::validation_failed));
    BOOST_TEST(has(c.fields, "attributes.cost"), c.message);
  }
  BOOST_TEST(snapshot(*f.desk) == before);
  auto id = f.desk->create_ticket(f.ann, f.measure({{"cost", 1.5}})).ticket.id;
  tc::ticket_changes ch;
  ch.attributes = {{"cost", std::numeric_limits<double>::infinity()}};
  caught c = attempt([&] { f.desk->update_ticket(f.tom, id, ch); });
  BOOST_TEST((c.kind == tc::errc::validation_failed));
  BOOST_TEST(c.message.find("cost") != std::string::npos, c.message);
  BOOST_TEST(f.desk->ticket(f.tom, id).ticket.attributes.at("cost").as_double() == 1.5);
  BOOST_CHECK_NO_THROW(f.desk->inbox(f.ann, tc::inbox_filter{}));
}

// Boost.JSON 1.81 reads some doubles one ulp off; a desk file and the C ABI
// read through parse_exact, which reads back every double it wrote.
BOOST_AUTO_TEST_CASE(U3_every_finite_double_reads_back_from_its_json_text) {
  std::mt19937_64 rng(env_number("TICKETCORE_VALUES_SEED", 20261123));
  int off_in_boost = 0;
  for (int i = 0; i < 20000; ++i) {
    const double d = std::bit_cast<double>(rng());
    if (!std::isfinite(d)) continue;
    const std::string text = json::serialize(json::value(d));
    BOOST_TEST(std::bit_cast<std::uint64_t>(parse(text).as_double()) == std::bit_cast<std::uint64_t>(d), text);
    off_in_boost += json::parse(text).as_double() != d;
  }
  BOOST_TEST_MESSAGE(off_in_boost << " of 20000 read one ulp off by boost::json::parse");
}

// The last line of defence: a store handed a non-finite number (past every
// entry check) refuses to write it, instead of writing the token Infinity
// that would fail every later read of the record.
BOOST_AUTO_TEST_CASE(U3_the_sqlite_store_never_writes_a_non_json_number) {
  scratch_file file;
  tc::sqlite_options o;
  o.durability = tc::durability::normal;
  auto store = tc::open_sqlite_store(file.path(), o);
  tc::stored_ticket t;
  t.id = tc::new_id();
  t.number = 1;
  t.type = "measure";
  t.title = "Measure";
  t.state = "new";
  t.created_at = t.updated_at = t0();
  t.attributes = {{"cost", std::numeric_limits<double>::infinity()}};
  auto tx = store->begin(tc::access::write);
  caught c = attempt([&] { tx->insert_ticket(t, {}); });
  BOOST_TEST((c.kind == tc::errc::internal), c.message);
  BOOST_TEST(c.message.find("cost") != std::string::npos, c.message);
  tx->rollback();
  tx.reset();
  BOOST_TEST(!store->begin(tc::access::read)->get_ticket(t.id).has_value());
}

// A rule's set_attribute and the configuration itself: a number that
// overflows is a configuration problem at its path.
BOOST_AUTO_TEST_CASE(U3_configuration_refuses_non_finite_numbers_and_out_of_range_values) {
  json::object doc = values_config_json();
  doc["rules"] = json::parse(R"([{"id": "r", "trigger": "ticket_created",
      "actions": [{"action": "set_attribute", "key": "cost", "value": 1}]}])");
  std::string text = json::serialize(doc);
  text.replace(text.find(R"("value":1)"), 9, R"("value":1e400)");
  caught c = attempt([&] { tc::parse_config(std::string_view(text)); });
  BOOST_TEST((c.kind == tc::errc::validation_failed));
  BOOST_TEST(has(c.fields, "rules[0].actions[0].value"), c.message);
  // Built in C++, the same value is refused by validation.
  tc::config built = tc::parse_config(json::value(values_config_json()));
  tc::rule r;
  r.id = "r";
  r.trigger = tc::rule_trigger::ticket_created;
  tc::rule_action a;
  a.kind = tc::rule_action_kind::set_attribute;
  a.key = "cost";
  a.value = std::numeric_limits<double>::infinity();
  r.actions.push_back(a);
  built.rules.push_back(r);
  values_desk f;
  c = attempt([&] { f.desk->configure(built); });
  BOOST_TEST((c.kind == tc::errc::validation_failed), c.message);
  BOOST_TEST(c.message.find("value") != std::string::npos, c.message);
  // A stage that would wrap to 1, an SLA target that would overflow the clocks.
  json::object wrapped = values_config_json();
  wrapped["lifecycles"].as_array()[0].as_object()["states"].as_array()[0].as_object()["stage"] = 4294967297;
  wrapped["sla_policies"] = json::parse(R"([{"id": "p", "targets": {"resolution": 9000000000000000}}])");
  c = attempt([&] { tc::parse_config(json::value(wrapped)); });
  BOOST_TEST((c.kind == tc::errc::validation_failed));
  BOOST_TEST(has(c.fields, "lifecycles[0].states[0].stage"), c.message);
  BOOST_TEST(has(c.fields, "sla_policies[0].targets.resolution"), c.message);
}

BOOST_AUTO_TEST_CASE(U3_times_offsets_years_and_clocks_out_of_range_are_errors) {
  for (const char* bad : {"2026-11-23T09:30:00+24:00", "2026-11-23T09:30:00+23:60", "2026-11-23T09:30:00-99:99",
                          "2026-11-23T23:59:60Z", "9999-12-31T23:30:00-01:00", "0000-01-01T00:30:00+01:00"}) {
    caught c = attempt([&] { tc::parse_time(bad); });
    BOOST_TEST((c.kind == tc::errc::invalid_argument), bad);
  }
  BOOST_TEST(tc::format_time(tc::parse_time("2026-11-23T09:30:00+23:59")) == "2026-11-22T09:31:00.000Z");
  BOOST_TEST(tc::format_time(tc::parse_time("9999-12-31T23:59:59.999Z")) == "9999-12-31T23:59:59.999Z");
  BOOST_TEST(tc::format_time(tc::parse_time("0000-01-01T00:00:00Z")) == "0000-01-01T00:00:00.000Z");
  caught c = attempt([] { tc::format_time(tc::parse_time("0000-01-01T00:00:00Z") - tc::duration(1)); });
  BOOST_TEST((c.kind == tc::errc::invalid_argument));
  // A manual clock that would overflow refuses; it never wraps.
  tc::manual_clock overflow(tc::time_point{tc::duration(std::numeric_limits<std::int64_t>::max() - 5)});
  c = attempt([&] { overflow.advance(tc::duration(10)); });
  BOOST_TEST((c.kind == tc::errc::validation_failed));
  BOOST_TEST((overflow.now().time_since_epoch().count() == std::numeric_limits<std::int64_t>::max() - 5));
  // tick(now) and the clock the host gives are checked where they come in.
  values_desk f;
  c = attempt([&] { f.desk->tick(tc::time_point{tc::duration(std::numeric_limits<std::int64_t>::max())}); });
  BOOST_TEST((c.kind == tc::errc::validation_failed));
  BOOST_TEST(has(c.fields, "now"), c.message);
  f.clock->set(tc::parse_time("9999-12-31T23:59:59Z") + std::chrono::days(1));
  c = attempt([&] { f.desk->create_ticket(f.tom, f.measure({})); });
  BOOST_TEST((c.kind == tc::errc::validation_failed));
  BOOST_TEST(has(c.fields, "clock"), c.message);
}

// Issue item 9: a NUL in an id once cut the message short ("no contact 'ann").
BOOST_AUTO_TEST_CASE(messages_quote_raw_input_escaped_and_bounded) {
  values_desk f;
  caught c = attempt([&] { f.desk->create_ticket(tc::actor::contact(std::string("ann\0x", 5)), f.measure({})); });
  BOOST_TEST(c.thrown);
  BOOST_TEST(c.message.find("'ann\\u0000x'") != std::string::npos, c.message);
  BOOST_TEST(c.message.find('\0') == std::string::npos);
  c = attempt([&] { tc::parse_id(std::string(500, 'z') + "\n"); });
  BOOST_TEST(c.message.find("...' (501 bytes)") != std::string::npos, c.message);
  BOOST_TEST(c.message.find('\n') == std::string::npos);
  BOOST_TEST(c.message.size() < 200u);
  c = attempt([&] { tc::parse_time("it's\x01"); });
  BOOST_TEST(c.message.find("'it\\'s\\u0001'") != std::string::npos, c.message);
}

#ifndef TICKETCORE_NO_CAPI
// A lone surrogate in JSON text sent through the C ABI names its field,
// and a number that overflows is validation_failed naming its path.
BOOST_AUTO_TEST_CASE(c_abi_json_errors_name_the_field) {
  std::string config = json::serialize(values_config_json());
  tc_desk_options o = TC_DESK_OPTIONS_INIT;
  o.config_json = config.c_str();
  tc_desk* d = nullptr;
  BOOST_REQUIRE(tc_desk_open(&d, &o) == TC_OK);
  char* out = nullptr;
  tc_status s = tc_desk_execute(&out, d, R"({"op": "create_ticket", "actor": {"kind": "teammate", "id": "tom"},
      "args": {"type": "measure", "title": "x", "contact": "a", "tags": ["ok", "bad \ud800 tag"]}})");
  BOOST_TEST(s == TC_EINVALID);
  std::string message = tc_last_error_message();
  BOOST_TEST(message.find("request_json.args.tags[1]") != std::string::npos, message);
  BOOST_TEST(message.find("surrogate") != std::string::npos, message);
  s = tc_desk_execute(&out, d, R"({"op": "create_ticket", "actor": {"kind": "teammate", "id": "tom"},
      "args": {"type": "measure", "title": "x", "contact": "a", "attributes": {"cost": 1e400}}})");
  BOOST_TEST(s == TC_EVALIDATION);
  message = tc_last_error_message();
  BOOST_TEST(message.find("args.attributes.cost") != std::string::npos, message);
  BOOST_TEST(out == nullptr);
  tc_desk_close(d);
}
#endif
