#include "json_errors.hpp"

#include "model/text.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <cstdint>
#include <vector>

namespace capi {
namespace {

namespace json = boost::json;
using boost::system::error_code;

// A basic_parser handler that only follows the path of the value being read.
struct path_tracker {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  struct frame {
    bool array = false;
    std::size_t index = 0;  // array: the element being read
    std::string key;        // object: the member being read
    bool expect_key = true; // object: between members
  };
  std::vector<frame> frames;

  std::string path(std::string_view root) const {
    std::string out(root);
    for (const frame& f : frames) {
      if (f.array) out += "[" + std::to_string(f.index) + "]";
      else if (f.expect_key) return out + " (in a key)";
      else out += "." + f.key;
    }
    return out;
  }

  void value_done() {
    if (frames.empty()) return;
    if (frames.back().array) ++frames.back().index;
    else frames.back().expect_key = true;
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return frames.push_back({}), true; }
  bool on_object_end(std::size_t, error_code&) { return frames.pop_back(), value_done(), true; }
  bool on_array_begin(error_code&) { return frames.push_back({true, 0, {}, false}), true; }
  bool on_array_end(std::size_t, error_code&) { return frames.pop_back(), value_done(), true; }
  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    if (frames.back().expect_key) frames.back().key.clear();
    frames.back().key.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t n, error_code& ec) {
    on_key_part(s, n, ec);
    frames.back().expect_key = false;
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, error_code&) { return value_done(), true; }
  bool on_number_part(json::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, error_code&) { return value_done(), true; }
  bool on_uint64(std::uint64_t, json::string_view, error_code&) { return value_done(), true; }
  bool on_double(double, json::string_view, error_code&) { return value_done(), true; }
  bool on_bool(bool, error_code&) { return value_done(), true; }
  bool on_null(error_code&) { return value_done(), true; }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }
};

bool hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// 'h' for a \uD800-\uDBFF escape at `i`, 'l' for \uDC00-\uDFFF, else 0.
char surrogate_at(std::string_view text, std::size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u' || (text[i + 2] != 'd' && text[i + 2] != 'D') ||
      !hex(text[i + 4]) || !hex(text[i + 5]))
    return 0;
  if (std::string_view("89abAB").find(text[i + 3]) != std::string_view::npos) return 'h';
  if (std::string_view("cdefCDEF").find(text[i + 3]) != std::string_view::npos) return 'l';
  return 0;
}

// The unpaired surrogate escape the parser stopped on (it stops at most 8
// bytes past its start), or empty: a surrogate not paired as UTF-16
// requires is no character at all.
std::string_view lone_surrogate_before(std::string_view text, std::size_t at) {
  for (std::size_t i = at >= 8 ? at - 8 : 0; i < at && i < text.size(); ++i) {
    const char kind = surrogate_at(text, i);
    if ((kind == 'h' && surrogate_at(text, i + 6) != 'l') || (kind == 'l' && (i < 6 || surrogate_at(text, i - 6) != 'h')))
      return text.substr(i, 6);
  }
  return {};
}

}  // namespace

std::string json_failure(std::string_view text, const char* what, const json::parse_options& options) {
  json::basic_parser<path_tracker> parser(options);
  error_code ec;
  const std::size_t at = parser.write_some(false, text.data(), text.size(), ec);
  const std::string field = parser.handler().path(what);
  if (std::string_view escape = lone_surrogate_before(text, at); !escape.empty())
    return field + " holds a lone UTF-16 surrogate " + std::string(escape) +
           ", which is no character: pair it or send the character as UTF-8";
  return what + std::string(" is not valid JSON") + (field == what ? std::string() : " at " + field) + " (byte " +
         std::to_string(at) + "): " + ec.message();
}

}  // namespace capi
