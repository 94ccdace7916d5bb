// Checking what comes in through the C ABI: NULLs, size, UTF-8 and JSON,
// and reading the fields of request arguments with messages that name them.
#pragma once

#include "model/enum_names.hpp"

#include <ticketcore/actor.hpp>
#include <ticketcore/clock.hpp>
#include <ticketcore/ids.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace capi {

// The first invalid byte of `text` as UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or npos when it is valid.
std::size_t invalid_utf8_at(std::string_view text) noexcept;

// A NUL-terminated input string `what`: not NULL, at most `limit` bytes
// (never reading past limit + 1) and valid UTF-8. Throws invalid_argument.
std::string_view text_arg(const char* text, const char* what, std::size_t limit);

// Like text_arg, but NULL gives nullopt.
std::optional<std::string_view> optional_text_arg(const char* text, const char* what, std::size_t limit);

// A JSON document `what`, checked by text_arg and parsed strictly (no
// comments, no trailing commas, valid UTF-8 inside strings).
boost::json::value json_arg(const char* text, const char* what, std::size_t limit);

// An actor given as JSON text `what`: json_arg, then actor_from. Each
// thread keeps the last text it accepted (up to 256 bytes) with its actor,
// and the same bytes again skip the parse (nothing else: NULL, size and
// UTF-8 are checked on every call). Calls in a row mostly name one actor,
// and its parse was the largest cost of a typed call beside the operation
// (bench/c_abi.cpp).
ticketcore::actor actor_arg(const char* text, const char* what, std::size_t limit);

// `text` in single quotes for a message, escaped and cut to a readable
// length (ticketcore::detail::quoted).
std::string quoted(std::string_view text);

// An actor object {"kind", "id"} with nothing else in it.
ticketcore::actor actor_from(const boost::json::value& v, const std::string& what);

// One argument of a typed function, already checked by text_arg or
// json_arg. A reader over typed arguments gives an op the same members a
// JSON object would, so the op's one run path serves both tc_desk_execute
// and the typed function, without the typed function building a JSON object
// that the op reads back (a UUID's text is parsed in place, a body copied
// once: this was 15% of a typed note, bench/c_abi.cpp).
struct typed_arg {
  const char* key = nullptr;  // a string literal
  bool is_text = false;
  std::string_view text;      // is_text: the caller's text, alive for the call
  boost::json::value value;   // otherwise: a number or a parsed document;
                              // for text, its JSON string once an op asks for a value
};

// Reads the members of one JSON object. Every failure is an
// error(invalid_argument) naming "<context>: <path>.<key>", worded as every
// JSON reader of the library words it (model/json_form.hpp). done() rejects
// keys nobody asked for, so a typo never passes silently.
class reader {
 public:
  // `context` prefixes messages (the op name); `path` is this object's path
  // inside the arguments ("" at the top). Requires: the `key` of every call
  // outlives the reader (they are string literals).
  reader(const boost::json::value& v, std::string context, std::string path);
  // The arguments of a typed function, at the top level. Requires: `args`
  // outlive the reader.
  reader(std::span<typed_arg> args, std::string context);

  bool has(const char* key) const;
  const boost::json::value* find(const char* key);
  // Whether the member is present and a string.
  bool has_text(const char* key) const;

  std::string text(const char* key);                        // required string
  std::optional<std::string> optional_text(const char* key);  // absent or null: nullopt
  // optional_text without the copy: the view lives as long as the arguments.
  std::optional<std::string_view> optional_text_view(const char* key);
  ticketcore::uuid id(const char* key);                     // required UUID string
  std::optional<ticketcore::uuid> optional_id(const char* key);
  std::optional<ticketcore::time_point> optional_time(const char* key);
  // Absent: nullopt; null: an engaged nullopt (clear); a string: the time.
  std::optional<std::optional<ticketcore::time_point>> clearable_time(const char* key);
  std::optional<bool> optional_flag(const char* key);
  std::optional<std::int64_t> optional_integer(const char* key, std::int64_t min, std::int64_t max);
  std::set<std::string> string_set(const char* key);  // absent: empty
  boost::json::object object(const char* key);        // absent or null: empty
  const boost::json::value& value(const char* key);   // required, any type

  // A child object's reader; the key must hold an object.
  reader child(const char* key);

  template <class Enum>
  std::optional<Enum> optional_choice(const char* key, std::optional<Enum> (*parse)(std::string_view) noexcept) {
    auto t = optional_text_view(key);
    if (!t) return std::nullopt;
    if (auto e = parse(*t)) return *e;
    std::string choices;
    if constexpr (boost::describe::has_describe_enumerators<Enum>::value)
      choices = "one of " + ticketcore::detail::enum_choices<Enum>();
    else
      choices = "a known value";
    expected(key, choices, boost::json::string(*t));
  }

  template <class Enum>
  Enum choice(const char* key, std::optional<Enum> (*parse)(std::string_view) noexcept) {
    if (!has(key)) fail(key, "missing (expected one of its names)");
    return *optional_choice(key, parse);
  }

  // Throws if the object holds a key that was never asked for.
  void done() const;

  // Throws "<context>: <path>.<key>: <what>".
  [[noreturn]] void fail(const char* key, const std::string& what) const;
  // fail() in the one wording of every JSON reader: "expected <what>, found <value>".
  [[noreturn]] void expected(const char* key, const std::string& what, const boost::json::value& found) const;
  std::string name(const char* key) const;

 private:
  // The member `key` of the typed arguments, or null.
  typed_arg* typed(const char* key) const;
  void use(const char* key);

  const boost::json::object* o_ = nullptr;  // null: typed_ holds the members
  std::span<typed_arg> typed_;
  std::string context_;
  std::string path_;
  // The keys asked for. A handful per object, and every key is a string
  // literal, so views kept in place: no allocation for up to 16 keys (a
  // growing vector made three for a typed note's three arguments).
  boost::container::small_vector<std::string_view, 16> used_;
};

}  // namespace capi
