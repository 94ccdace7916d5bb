#include "domain/automation/conditions.hpp"

#include <algorithm>
#include <cctype>

namespace ticketcore::detail::automation {
namespace {

namespace json = boost::json;

// The field's value on the ticket, as JSON (null when unset).
json::value field_of(const ticket& t, const std::string& field) {
  auto text = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
  if (field == "type") return text(t.type);
  if (field == "category") return to_string(t.category);
  if (field == "state") return text(t.state);
  if (field == "state_category") return to_string(t.state_category);
  if (field == "priority") return text(t.priority);
  if (field == "assignee") return text(t.assignee);
  if (field == "team") return text(t.team);
  if (field == "brand") return text(t.brand);
  if (field == "channel") return to_string(t.channel);
  if (field == "contact") return text(t.contact);
  if (field == "company") return text(t.company);
  if (field == "title") return text(t.title);
  if (field == "tags") {
    json::array a;
    for (const auto& tag : t.tags) a.emplace_back(tag);
    return a;
  }
  if (field.starts_with("attributes.")) {
    const json::value* v = t.attributes.if_contains(field.substr(11));
    return v ? *v : json::value(nullptr);
  }
  return nullptr;
}

bool is_set(const json::value& v) {
  if (v.is_null()) return false;
  if (const json::array* a = v.if_array()) return !a->empty();
  if (const json::string* s = v.if_string()) return !s->empty();
  return true;
}

bool equal(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  return a == b;
}

// Membership for arrays (tags, multi-list attributes), equality otherwise.
bool matches(const json::value& field, const json::value& value) {
  if (const json::array* a = field.if_array())
    return std::any_of(a->begin(), a->end(), [&](const json::value& x) { return equal(x, value); });
  return equal(field, value);
}

bool contains_text(std::string_view haystack, std::string_view needle) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != haystack.end();
}

// -1, 0, 1; nullopt when the two cannot be ordered. Priorities by their
// configured order, numbers by value.
std::optional<int> compare(const config& c, const std::string& field, const json::value& a, const json::value& b) {
  if (field == "priority" && a.is_string() && b.is_string()) {
    auto rank = [&](const json::string& p) {
      return std::find(c.priorities.begin(), c.priorities.end(), std::string_view(p)) - c.priorities.begin();
    };
    auto x = rank(a.get_string()), y = rank(b.get_string());
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is_number() && b.is_number()) {
    double x = a.to_number<double>(), y = b.to_number<double>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return std::nullopt;
}

bool holds(const config& c, const rule_condition& k, const ticket& t) {
  json::value v = field_of(t, k.field);
  switch (k.op) {
    case rule_op::is: return matches(v, k.value);
    case rule_op::is_not: return !matches(v, k.value);
    case rule_op::in:
    case rule_op::not_in: {
      const json::array& options = k.value.as_array();  // validated on load
      bool found = std::any_of(options.begin(), options.end(), [&](const json::value& o) { return matches(v, o); });
      return k.op == rule_op::in ? found : !found;
    }
    case rule_op::contains:
    case rule_op::not_contains: {
      bool found = v.is_string() && k.value.is_string() ? contains_text(v.get_string(), k.value.get_string())
                                                        : matches(v, k.value);
      return k.op == rule_op::contains ? found : !found;
    }
    case rule_op::greater:
    case rule_op::greater_or_equal:
    case rule_op::less:
    case rule_op::less_or_equal: {
      auto order = compare(c, k.field, v, k.value);
      if (!order) return false;  // an unset or non-numeric field is never greater or less
      switch (k.op) {
        case rule_op::greater: return *order > 0;
        case rule_op::greater_or_equal: return *order >= 0;
        case rule_op::less: return *order < 0;
        default: return *order <= 0;
      }
    }
    case rule_op::is_set: return is_set(v);
    case rule_op::is_not_set: return !is_set(v);
  }
  return false;
}

}  // namespace

bool conditions_hold(const config& c, const rule& r, const conversation& conv) {
  ticket fields;  // the fields a conversation rule may test (validated on load)
  fields.channel = conv.channel;
  fields.brand = conv.brand;
  fields.contact = conv.contact;
  fields.title = conv.subject;
  return conditions_hold(c, r, fields);
}

bool conditions_hold(const config& c, const rule& r, const ticket& t) {
  for (const auto& k : r.all)
    if (!holds(c, k, t)) return false;
  if (r.any.empty()) return true;
  return std::any_of(r.any.begin(), r.any.end(), [&](const rule_condition& k) { return holds(c, k, t); });
}

}  // namespace ticketcore::detail::automation
