// The JSON form of a described record (BOOST_DESCRIBE_STRUCT beside each
// record), both ways: members in the order the description lists them, keys
// their names (a reserved word's trailing underscore dropped), values by
// type (times ISO 8601, ids UUID text, enums their names). What a record
// needs beyond that is said once, in its json_shape (model/record_shapes.hpp).
//
// The reader is the one strict reader of the library: every member checked
// (missing, wrong type, unknown key), each problem named by its path and
// reported to a detail::problems, which throws at the first or collects
// them all.
#pragma once

#include "model/enum_names.hpp"
#include "model/problems.hpp"

#include <ticketcore/clock.hpp>
#include <ticketcore/ids.hpp>

#include <boost/describe/members.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace ticketcore::detail {

// What a record's JSON form says beyond its description. Specialized for
// the records that need more than these defaults.
struct json_shape_defaults {
  // The key of member `name` (a reserved word's trailing _ is dropped after).
  static constexpr std::string_view key(std::string_view name) { return name; }
  // Written only when set (not empty, zero, false or nil); absent reads as unset.
  static constexpr bool when_set(std::string_view) { return false; }
  // Always written, but absent from records written before it existed:
  // absent reads as the default, which finish() may then complete.
  static constexpr bool may_be_absent(std::string_view) { return false; }
  // A request's members may be null, which reads as absent.
  static constexpr bool null_is_absent = false;
  // Keys the reader accepts and skips: what older forms wrote, or what is
  // written for others to read.
  static constexpr bool ignored(std::string_view) { return false; }
  template <class T>
  static void finish(T&, const boost::json::object&) {}
};
template <class T>
struct json_shape : json_shape_defaults {};

// Where a value sits in the document; made text only for a problem.
struct json_path {
  const json_path* parent = nullptr;
  std::string_view key;                 // a member, or the root's name
  std::size_t index = std::size_t(-1);  // an array element
  std::string text() const;
};

// The one wording of each problem: "<path>: missing (expected <what>)",
// "<path>: expected <what>, found <what is there>", "<path>: unknown key".
// What was found instead of what was expected, for a message: short, never
// the whole value ("the string 'x'", "the number 5", "an object", "null").
std::string found_text(const boost::json::value& v);

// Readers with paths of their own (the configuration's, the C ABI's
// arguments') word them the same.
void report_missing(problems& p, const std::string& path, const std::string& expected);
void report_expected(problems& p, const std::string& path, const std::string& expected,
                     const boost::json::value& found);
void report_unknown_key(problems& p, const std::string& path);
inline void report_missing(problems& p, const json_path& at, const std::string& expected) {
  report_missing(p, at.text(), expected);
}
inline void report_expected(problems& p, const json_path& at, const std::string& expected,
                            const boost::json::value& found) {
  report_expected(p, at.text(), expected, found);
}
inline void report_unknown_key(problems& p, const json_path& at) { report_unknown_key(p, at.text()); }

template <class T>
struct is_optional : std::false_type {};
template <class U>
struct is_optional<std::optional<U>> : std::true_type {};
template <class T>
struct is_list : std::false_type {};
template <class U>
struct is_list<std::vector<U>> : std::true_type {};
template <class U>
struct is_list<std::set<U>> : std::true_type {};
template <class T>
inline constexpr bool is_record = boost::describe::has_describe_members<T>::value;

// A record's members, those of its described bases first.
template <class T>
using members_of =
    boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

template <class T>
constexpr std::string_view key_of(std::string_view name) {
  std::string_view key = json_shape<T>::key(name);
  if (key.ends_with('_')) key.remove_suffix(1);
  return key;
}

// What a value of type T must be, for messages.
template <class T>
std::string expected_text() {
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  else if constexpr (std::is_enum_v<T>) return "one of " + enum_choices<T>();
  else if constexpr (std::is_integral_v<T> || std::is_same_v<T, duration>) return "an integer";
  else if constexpr (std::is_same_v<T, std::string>) return "a string";
  else if constexpr (std::is_same_v<T, uuid>) return "a UUID";
  else if constexpr (std::is_same_v<T, time_point>) return "an ISO 8601 time like 2026-11-24T09:00:00Z";
  else if constexpr (std::is_same_v<T, boost::json::value>) return "a JSON value";
  else if constexpr (is_optional<T>::value) return expected_text<typename T::value_type>() + " or null";
  else if constexpr (is_list<T>::value) return "an array";
  else return "an object";
}

// Whether a member written only when set is unset.
template <class T>
bool is_unset(const T& v) {
  if constexpr (std::is_arithmetic_v<T>) return v == T{};
  else if constexpr (std::is_same_v<T, uuid>) return v.is_nil();
  else if constexpr (is_optional<T>::value) return !v.has_value();
  else if constexpr (is_record<T>) {
    bool unset = true;
    boost::mp11::mp_for_each<members_of<T>>([&](auto m) { unset = unset && is_unset(v.*m.pointer); });
    return unset;
  } else if constexpr (std::is_same_v<T, boost::json::value>) return v.is_null();
  else if constexpr (requires { v.empty(); }) return v.empty();
  else return v == T{};
}

template <class T>
boost::json::value write_json(const T& v);

// A record's object, with room for `extra` keys a caller adds (a view).
template <class T>
boost::json::object write_record(const T& r, std::size_t extra = 0) {
  boost::json::object o(boost::mp11::mp_size<members_of<T>>::value + extra);
  boost::mp11::mp_for_each<members_of<T>>([&](auto m) {
    const auto& v = r.*m.pointer;
    if constexpr (json_shape<T>::when_set(decltype(m)::name))
      if (is_unset(v)) return;
    o.emplace(key_of<T>(decltype(m)::name), write_json(v));
  });
  return o;
}

template <class T>
boost::json::value write_json(const T& v) {
  if constexpr (std::is_same_v<T, bool>) return v;
  else if constexpr (std::is_enum_v<T>) return enum_name(v);
  else if constexpr (std::is_integral_v<T>) return v;
  else if constexpr (std::is_same_v<T, std::string>) return boost::json::string(v);
  else if constexpr (std::is_same_v<T, uuid>) return boost::json::string(to_string(v));
  else if constexpr (std::is_same_v<T, time_point>) return boost::json::string(format_time(v));
  else if constexpr (std::is_same_v<T, duration>) return v.count();
  else if constexpr (std::is_same_v<T, boost::json::object> || std::is_same_v<T, boost::json::value>) return v;
  else if constexpr (is_optional<T>::value) return v ? write_json(*v) : boost::json::value(nullptr);
  else if constexpr (is_list<T>::value) {
    boost::json::array a;
    a.reserve(v.size());
    for (const auto& item : v) a.push_back(write_json(item));
    return a;
  } else return write_record(v);
}

// Reads `v` into `out`; false when a problem was reported (collect mode).
template <class T>
bool read_json(const boost::json::value& v, const json_path& at, problems& p, T& out);

// The keys of T's members, sorted, for checking a record's keys.
template <class T>
const std::vector<std::string_view>& member_keys() {
  static const std::vector<std::string_view> keys = [] {
    std::vector<std::string_view> out;
    boost::mp11::mp_for_each<members_of<T>>([&](auto m) { out.push_back(key_of<T>(decltype(m)::name)); });
    std::sort(out.begin(), out.end());
    return out;
  }();
  return keys;
}

template <class T>
bool read_record(const boost::json::value& v, const json_path& at, problems& p, T& out) {
  const boost::json::object* o = v.if_object();
  if (!o) {
    report_expected(p, at, "an object", v);
    return false;
  }
  bool ok = true;
  // Unknown keys first: a typo is the likeliest mistake, and reported
  // before what it leaves missing.
  const auto& keys = member_keys<T>();
  for (const auto& kv : *o)
    if (const std::string_view key(kv.key().data(), kv.key().size());
        !std::binary_search(keys.begin(), keys.end(), key) && !json_shape<T>::ignored(key)) {
      report_unknown_key(p, json_path{&at, key});
      ok = false;
    }
  boost::mp11::mp_for_each<members_of<T>>([&](auto m) {
    constexpr std::string_view key = key_of<T>(decltype(m)::name);
    const json_path here{&at, key};
    const boost::json::value* member = o->if_contains(key);
    if (member && member->is_null() && json_shape<T>::null_is_absent) member = nullptr;
    if (!member) {
      if (json_shape<T>::when_set(m.name) || json_shape<T>::may_be_absent(m.name)) return;
      report_missing(p, here, expected_text<std::remove_cvref_t<decltype(out.*m.pointer)>>());
      ok = false;
      return;
    }
    if (!read_json(*member, here, p, out.*m.pointer)) ok = false;
  });
  if (ok) json_shape<T>::finish(out, *o);
  return ok;
}

template <class T>
bool read_json(const boost::json::value& v, const json_path& at, problems& p, T& out) {
  namespace json = boost::json;
  auto wrong = [&] {
    report_expected(p, at, expected_text<T>(), v);
    return false;
  };
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_bool()) return wrong();
    out = v.get_bool();
  } else if constexpr (std::is_enum_v<T>) {
    const json::string* s = v.if_string();
    std::optional<T> e = s ? parse_enum<T>(std::string_view(s->data(), s->size())) : std::nullopt;
    if (!e) return wrong();
    out = *e;
  } else if constexpr (std::is_integral_v<T> || std::is_same_v<T, duration>) {
    using number = std::conditional_t<std::is_same_v<T, duration>, std::int64_t, T>;
    constexpr auto low = std::numeric_limits<number>::min();
    constexpr auto high = std::numeric_limits<number>::max();
    number n{};
    if (v.is_int64() && std::in_range<number>(v.get_int64())) n = static_cast<number>(v.get_int64());
    else if (v.is_uint64() && std::in_range<number>(v.get_uint64())) n = static_cast<number>(v.get_uint64());
    else if (v.is_int64() || v.is_uint64()) {
      report_expected(p, at, "an integer from " + std::to_string(low) + " to " + std::to_string(high), v);
      return false;
    } else return wrong();
    out = T(n);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) return wrong();
    out.assign(v.get_string().data(), v.get_string().size());
  } else if constexpr (std::is_same_v<T, uuid> || std::is_same_v<T, time_point>) {
    if (!v.is_string()) return wrong();
    const std::string_view text(v.get_string().data(), v.get_string().size());
    try {
      if constexpr (std::is_same_v<T, uuid>) out = parse_id(text);
      else out = parse_time(text);
    } catch (const error&) {
      return wrong();
    }
  } else if constexpr (std::is_same_v<T, json::object>) {
    if (!v.is_object()) return wrong();
    out = v.get_object();
  } else if constexpr (std::is_same_v<T, json::value>) {
    out = v;
  } else if constexpr (is_optional<T>::value) {
    if (v.is_null()) {
      out.reset();
      return true;
    }
    typename T::value_type inner{};
    if (!read_json(v, at, p, inner)) return false;
    out = std::move(inner);
  } else if constexpr (is_list<T>::value) {
    const json::array* a = v.if_array();
    if (!a) return wrong();
    T items;
    bool ok = true;
    for (std::size_t i = 0; i < a->size(); ++i) {
      typename T::value_type item{};
      if (!read_json((*a)[i], json_path{&at, {}, i}, p, item)) ok = false;
      else if constexpr (std::is_same_v<T, std::vector<typename T::value_type>>) items.push_back(std::move(item));
      else items.insert(std::move(item));
    }
    if (!ok) return false;
    out = std::move(items);
  } else {
    static_assert(is_record<T>, "a JSON member of a type the form does not know");
    return read_record(v, at, p, out);
  }
  return true;
}

// A record read strictly: the first problem is error(invalid_argument)
// naming its path from `root` ("ticket.sla.clocks[0].due_at").
template <class T>
T read_record_or_throw(const boost::json::value& v, std::string_view root) {
  problems p(problems::mode::first, errc::invalid_argument);
  T out{};
  read_json(v, json_path{nullptr, root}, p, out);
  return out;
}

// A request read strictly: the first problem is error(invalid_argument)
// "<context>: <path>: ...", its field the path inside the request ("types").
template <class T>
T read_request_or_throw(const boost::json::value& v, std::string context) {
  problems p(problems::mode::first, errc::invalid_argument, std::move(context));
  T out{};
  read_json(v, json_path{}, p, out);
  return out;
}

}  // namespace ticketcore::detail
