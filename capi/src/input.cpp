#include "input.hpp"

#include "json_errors.hpp"
#include "model/json_form.hpp"
#include "model/json_numbers.hpp"
#include "model/text.hpp"

#include <ticketcore/error.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace capi {

namespace json = boost::json;
using ticketcore::errc;
using ticketcore::error;

std::size_t invalid_utf8_at(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Eight ASCII bytes at a time: nearly all input is ASCII, and a byte at
    // a time was the largest cost of checking a typed call's text.
    if (n - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, s.data() + i, 8);
      if (!(word & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return i;  // a continuation byte, an overlong lead (C0, C1) or F5-FF
    }
    if (n - i < len) return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return i;
    if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string_view text_arg(const char* text, const char* what, std::size_t limit) {
  if (!text) throw error(errc::invalid_argument, std::string(what) + " is NULL");
  std::size_t size = limit == std::numeric_limits<std::size_t>::max() ? std::strlen(text) : strnlen(text, limit + 1);
  if (size > limit)
    throw error(errc::invalid_argument,
                std::string(what) + " is longer than the limit of " + std::to_string(limit) + " bytes");
  std::string_view view(text, size);
  std::size_t bad = invalid_utf8_at(view);
  if (bad != std::string_view::npos)
    throw error(errc::invalid_argument,
                std::string(what) + " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  return view;
}

std::optional<std::string_view> optional_text_arg(const char* text, const char* what, std::size_t limit) {
  if (!text) return std::nullopt;
  return text_arg(text, what, limit);
}

namespace {

json::value parse_json(std::string_view view, const char* what) {
  json::parse_options options;
  options.max_depth = 64;
  boost::system::error_code ec;
  json::value v = ticketcore::detail::parse_exact(view, ec, options);
  if (ec) throw error(errc::invalid_argument, json_failure(view, what, options));
  // U3: 1e400 parses to infinity, which no store could write back as JSON.
  // A value problem, not a syntax one: validation_failed, as the core
  // answers a C++ caller that passes infinity.
  if (auto at = ticketcore::detail::find_non_finite(v, what))
    throw error(errc::validation_failed, *at + " is not a finite number (it overflows a double)", {*at});
  return v;
}

}  // namespace

json::value json_arg(const char* text, const char* what, std::size_t limit) {
  return parse_json(text_arg(text, what, limit), what);
}

ticketcore::actor actor_arg(const char* text, const char* what, std::size_t limit) {
  std::string_view view = text_arg(text, what, limit);
  struct accepted {
    bool set = false;
    std::string text;
    ticketcore::actor actor;
  };
  thread_local accepted last;
  if (last.set && view == last.text) return last.actor;
  ticketcore::actor a = actor_from(parse_json(view, what), what);
  if (view.size() > 256) return a;  // a thread keeps no long text for good
  last.set = false;  // stays false if a copy below throws
  last.text.assign(view);
  last.actor = a;
  last.set = true;
  return a;
}

ticketcore::actor actor_from(const json::value& v, const std::string& what) {
  reader r(v, "", what);
  ticketcore::actor a;
  a.kind = r.choice("kind", ticketcore::parse_actor_kind);
  a.id = r.optional_text("id").value_or("");
  r.done();
  return a;
}

std::string quoted(std::string_view text) { return ticketcore::detail::quoted(text); }

reader::reader(const json::value& v, std::string context, std::string path)
    : o_(v.if_object()), context_(std::move(context)), path_(std::move(path)) {
  if (!o_) {
    std::string prefix = context_.empty() ? "" : context_ + ": ";
    throw error(errc::invalid_argument,
                prefix + (path_.empty() ? "args" : path_) + ": expected an object, found " + ticketcore::detail::found_text(v));
  }
}

reader::reader(std::span<typed_arg> args, std::string context) : typed_(args), context_(std::move(context)) {}

std::string reader::name(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

void reader::fail(const char* key, const std::string& what) const {
  std::string prefix = context_.empty() ? "" : context_ + ": ";
  throw error(errc::invalid_argument, prefix + name(key) + ": " + what);
}

void reader::expected(const char* key, const std::string& what, const json::value& found) const {
  fail(key, "expected " + what + ", found " + ticketcore::detail::found_text(found));
}

typed_arg* reader::typed(const char* key) const {
  std::string_view k(key);
  for (typed_arg& a : typed_)
    if (k == a.key) return &a;
  return nullptr;
}

void reader::use(const char* key) {
  std::string_view k(key);
  if (std::find(used_.begin(), used_.end(), k) == used_.end()) used_.push_back(k);
}

bool reader::has(const char* key) const { return o_ ? o_->contains(key) : typed(key) != nullptr; }

bool reader::has_text(const char* key) const {
  if (!o_) {
    const typed_arg* a = typed(key);
    return a && (a->is_text || a->value.is_string());
  }
  const json::value* v = o_->if_contains(key);
  return v && v->is_string();
}

const json::value* reader::find(const char* key) {
  use(key);
  if (o_) return o_->if_contains(key);
  typed_arg* a = typed(key);
  if (!a) return nullptr;
  // Text read as a value: made a JSON string once, on demand (the hot
  // paths read text through optional_text_view and never get here).
  if (a->is_text && !a->value.is_string()) a->value = json::string(a->text);
  return &a->value;
}

std::optional<std::string_view> reader::optional_text_view(const char* key) {
  if (!o_) {
    use(key);
    if (const typed_arg* a = typed(key); a && a->is_text) return a->text;
  }
  const json::value* v = find(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) expected(key, "a string", *v);
  return std::string_view(v->get_string());
}

std::optional<std::string> reader::optional_text(const char* key) {
  auto t = optional_text_view(key);
  if (!t) return std::nullopt;
  return std::string(*t);
}

std::string reader::text(const char* key) {
  if (!has(key)) fail(key, "missing (expected a string)");
  auto t = optional_text(key);
  if (!t) expected(key, "a string", nullptr);
  return *t;
}

ticketcore::uuid reader::id(const char* key) {
  if (!has(key)) fail(key, "missing (expected a UUID)");
  auto t = optional_id(key);
  if (!t) expected(key, "a UUID", nullptr);
  return *t;
}

std::optional<ticketcore::uuid> reader::optional_id(const char* key) {
  auto t = optional_text_view(key);
  if (!t) return std::nullopt;
  try {
    return ticketcore::parse_id(*t, name(key));
  } catch (const error&) {
    expected(key, "a UUID", json::string(*t));
  }
}

std::optional<ticketcore::time_point> reader::optional_time(const char* key) {
  auto t = optional_text_view(key);
  if (!t) return std::nullopt;
  try {
    return ticketcore::parse_time(*t);
  } catch (const error&) {
    expected(key, "an ISO 8601 time like 2026-11-24T09:00:00Z", json::string(*t));
  }
}

std::optional<std::optional<ticketcore::time_point>> reader::clearable_time(const char* key) {
  if (!has(key)) return std::nullopt;
  const json::value* v = find(key);
  if (v->is_null()) return std::optional<ticketcore::time_point>{};
  return optional_time(key);
}

std::optional<bool> reader::optional_flag(const char* key) {
  const json::value* v = find(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) expected(key, "true or false", *v);
  return v->get_bool();
}

std::optional<std::int64_t> reader::optional_integer(const char* key, std::int64_t min, std::int64_t max) {
  const json::value* v = find(key);
  if (!v || v->is_null()) return std::nullopt;
  std::int64_t n = 0;
  if (v->is_int64()) n = v->get_int64();
  else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(max)) n = static_cast<std::int64_t>(v->get_uint64());
  else expected(key, "an integer from " + std::to_string(min) + " to " + std::to_string(max), *v);
  if (n < min || n > max) expected(key, "an integer from " + std::to_string(min) + " to " + std::to_string(max), *v);
  return n;
}

std::set<std::string> reader::string_set(const char* key) {
  const json::value* v = find(key);
  std::set<std::string> out;
  if (!v || v->is_null()) return out;
  const json::array* a = v->if_array();
  if (!a) expected(key, "an array of strings", *v);
  for (const auto& item : *a) {
    if (!item.is_string()) expected(key, "an array of strings", *v);
    out.emplace(item.get_string());
  }
  return out;
}

json::object reader::object(const char* key) {
  const json::value* v = find(key);
  if (!v || v->is_null()) return {};
  if (!v->is_object()) expected(key, "an object", *v);
  return v->get_object();
}

const json::value& reader::value(const char* key) {
  const json::value* v = find(key);
  if (!v) fail(key, "missing (expected a value)");
  return *v;
}

reader reader::child(const char* key) {
  const json::value& v = value(key);
  if (!v.is_object()) expected(key, "an object", v);
  return reader(v, context_, name(key));
}

void reader::done() const {
  for (const typed_arg& a : typed_)
    if (std::find(used_.begin(), used_.end(), std::string_view(a.key)) == used_.end()) fail(a.key, "unknown key");
  if (!o_) return;
  for (const auto& kv : *o_)
    if (std::find(used_.begin(), used_.end(), std::string_view(kv.key())) == used_.end()) {
      std::string key(kv.key());
      fail(key.c_str(), "unknown key");
    }
}

}  // namespace capi
