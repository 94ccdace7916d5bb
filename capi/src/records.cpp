#include "records.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/json.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <limits>

namespace capi {

namespace json = boost::json;
namespace tc = ticketcore;

namespace {

constexpr std::int64_t max_int = std::numeric_limits<std::int64_t>::max();

// The details of a contact to create with the record, if given.
std::optional<tc::contact> new_contact_from(reader& r) {
  boost::json::object details = r.object("new_contact");
  if (details.empty()) return std::nullopt;
  return tc::contact_from_json(details);
}

}  // namespace

tc::new_conversation new_conversation_from(reader& r) {
  tc::new_conversation c;
  c.contact = r.text("contact");
  c.channel = r.optional_choice("channel", tc::parse_channel).value_or(c.channel);
  c.brand = r.optional_text("brand").value_or("");
  c.subject = r.optional_text("subject").value_or("");
  c.message = r.text("message");
  c.new_contact = new_contact_from(r);
  r.done();
  return c;
}

tc::new_ticket new_ticket_from(reader& r) {
  tc::new_ticket t;
  t.type = r.text("type");
  t.title = r.optional_text("title").value_or("");
  t.description = r.optional_text("description").value_or("");
  t.contact = r.optional_text("contact").value_or("");
  t.company = r.optional_text("company").value_or("");
  t.brand = r.optional_text("brand").value_or("");
  t.priority = r.optional_text("priority").value_or("");
  t.assignee = r.optional_text("assignee").value_or("");
  t.team = r.optional_text("team").value_or("");
  t.owner = r.optional_text("owner").value_or("");
  t.sharing = r.optional_choice("sharing", tc::parse_sharing).value_or(t.sharing);
  t.tags = r.string_set("tags");
  t.channel = r.optional_choice("channel", tc::parse_channel).value_or(t.channel);
  t.follow_up_at = r.optional_time("follow_up_at");
  t.action_required_at = r.optional_time("action_required_at");
  t.attributes = r.object("attributes");
  t.new_contact = new_contact_from(r);
  r.done();
  return t;
}

tc::ticket_changes ticket_changes_from(reader& r) {
  tc::ticket_changes c;
  c.title = r.optional_text("title");
  c.description = r.optional_text("description");
  c.priority = r.optional_text("priority");
  c.assignee = r.optional_text("assignee");
  c.team = r.optional_text("team");
  c.owner = r.optional_text("owner");
  c.brand = r.optional_text("brand");
  c.sharing = r.optional_choice("sharing", tc::parse_sharing);
  for (const auto& tag : r.string_set("add_tags")) c.add_tags.push_back(tag);
  for (const auto& tag : r.string_set("remove_tags")) c.remove_tags.push_back(tag);
  c.follow_up_at = r.clearable_time("follow_up_at");
  c.action_required_at = r.clearable_time("action_required_at");
  c.attributes = r.object("attributes");
  r.done();
  return c;
}

tc::inbox_filter inbox_filter_from(reader& r) {
  tc::inbox_filter f;
  f.conversations = r.optional_flag("conversations").value_or(f.conversations);
  f.tickets = r.optional_flag("tickets").value_or(f.tickets);
  f.category = r.optional_choice("category", tc::parse_category);
  f.state_category = r.optional_choice("state_category", tc::parse_state_category);
  f.type = r.optional_text("type");
  f.assignee = r.optional_text("assignee");
  f.brand = r.optional_text("brand");
  f.contact = r.optional_text("contact");
  if (auto limit = r.optional_integer("limit", 1, 100000)) f.limit = static_cast<std::size_t>(*limit);
  r.done();
  return f;
}

tc::outbox_filter outbox_filter_from(reader& r) {
  tc::outbox_filter f;
  f.audience = r.optional_choice("audience", tc::parse_audience);
  f.recipient = r.optional_text("recipient");
  f.ticket = r.optional_id("ticket");
  f.state = r.optional_choice("state", tc::parse_delivery_state);
  if (auto limit = r.optional_integer("limit", 1, 1000000)) f.limit = static_cast<std::size_t>(*limit);
  r.done();
  return f;
}

tc::external_ref external_ref_from(reader& r) {
  tc::external_ref e;
  e.kind = r.text("kind");
  e.external_id = r.text("external_id");
  e.url = r.optional_text("url").value_or("");
  r.done();
  return e;
}

tc::dispatch_options dispatch_options_from(reader& r) {
  tc::dispatch_options o;
  constexpr std::int64_t day_ms = 24LL * 3600 * 1000;
  if (auto n = r.optional_integer("batch", 1, 1000000)) o.batch = static_cast<std::size_t>(*n);
  if (auto n = r.optional_integer("initial_backoff_ms", 0, 365 * day_ms)) o.initial_backoff = tc::duration(*n);
  if (auto n = r.optional_integer("max_backoff_ms", 0, 365 * day_ms)) o.max_backoff = tc::duration(*n);
  if (auto n = r.optional_integer("max_attempts", 1, 1000000)) o.max_attempts = static_cast<int>(*n);
  r.done();
  return o;
}

tc::ticket_ref ticket_ref_from(reader& r, const char* key) {
  const char* expected = "a UUID, a number or \"#number\"";
  if (!r.has_text(key)) {  // read as text otherwise: a typed function's ref is never made a JSON string
    const json::value& v = r.value(key);
    if (v.is_int64() || v.is_uint64()) {
      auto n = r.optional_integer(key, 1, max_int);
      return *n;
    }
    r.expected(key, expected, v);
  }
  std::string_view text = *r.optional_text_view(key);
  std::string_view digits = text.starts_with('#') ? text.substr(1) : text;
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc() && end == digits.data() + digits.size() && n > 0) return n;
    r.expected(key, "a number from 1", json::string(text));
  }
  if (text.size() != 36 || text.starts_with('#')) r.expected(key, expected, json::string(text));
  return *r.optional_id(key);
}

json::value to_json(const tc::event& e) {
  return {{"kind", tc::to_string(e.kind)},
          {"subject", tc::to_string(e.subject)},
          {"number", e.number},
          {"actor", tc::to_json(e.actor)},
          {"detail", e.detail}};
}

json::value to_json(const tc::dispatch_result& d) {
  return {{"delivered", d.delivered}, {"retried", d.retried}, {"failed", d.failed}};
}

json::value to_json(const tc::config& c) { return tc::config_document(c); }

}  // namespace capi
