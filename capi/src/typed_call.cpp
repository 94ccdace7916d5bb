#include "typed_call.hpp"

#include "commands.hpp"

#include <ticketcore/error.hpp>

#include <boost/json/serializer.hpp>

#include <cstdlib>
#include <new>
#include <span>
#include <string>

namespace capi {

namespace json = boost::json;
namespace tc = ticketcore;
using tc::errc;

void null_check(const void* p, const char* what) {
  if (!p) throw tc::error(errc::invalid_argument, std::string(what) + " is NULL");
}

// Straight into the caller's buffer, not through a std::string and a copy.
void put(char** out, const json::value& v) {
  struct releaser {
    void operator()(char* p) const noexcept { std::free(p); }
  };
  std::size_t capacity = 1024, size = 0;
  std::unique_ptr<char, releaser> text(static_cast<char*>(std::malloc(capacity)));
  if (!text) throw std::bad_alloc();
  json::serializer writer;
  writer.reset(&v);
  while (!writer.done()) {
    if (capacity - size < 64) {
      auto* grown = static_cast<char*>(std::realloc(text.get(), capacity * 2));
      if (!grown) throw std::bad_alloc();
      text.release();
      text.reset(grown);
      capacity *= 2;
    }
    size += writer.read(text.get() + size, capacity - size - 1).size();  // room for the NUL
  }
  text.get()[size] = '\0';
  *out = text.release();
}

typed_call::typed_call(char** out, tc_desk* desk, tc::op op) : out_(out), op_(op) {
  if (out_) *out_ = nullptr;
  null_check(desk, "desk");
  desk_ = desk;
}

typed_call typed_call::with_output(char** out, tc_desk* desk, tc::op op) {
  null_check(out, "out_json");
  return typed_call(out, desk, op);
}

typed_call& typed_call::actor(const char* actor_json) {
  actor_ = actor_arg(actor_json, "actor_json", desk_->max_input);
  return *this;
}

typed_call& typed_call::text(const char* key, const char* value, const char* what) {
  typed_arg& a = add(key);
  a.is_text = true;
  a.text = text_arg(value, what, desk_->max_input);
  return *this;
}

typed_call& typed_call::document(const char* key, const char* value, const char* what) {
  add(key).value = json_arg(value, what, desk_->max_input);
  return *this;
}

typed_call& typed_call::arguments(const char* value, const char* what, bool required) {
  if (!value && !required) return *this;
  json::value v = json_arg(value, what, desk_->max_input);
  if (!v.is_object()) throw tc::error(errc::invalid_argument, std::string(what) + " must be a JSON object");
  whole_ = std::move(v);
  return *this;
}

typed_call& typed_call::value(const char* key, json::value v) {
  add(key).value = std::move(v);
  return *this;
}

void typed_call::run(tc::notifier* notifier) {
  json::value result = whole_.is_object()
                           ? capi::run(*desk_->desk, op_, actor_, whole_, notifier)
                           : capi::run(*desk_->desk, op_, actor_, std::span(args_.data(), count_), notifier);
  if (out_) put(out_, result);
}

typed_arg& typed_call::add(const char* key) {
  if (count_ == args_.size() || whole_.is_object())
    throw tc::error(errc::internal, std::string(tc::to_string(op_)) + ": too many arguments for a typed call");
  args_[count_].key = key;
  return args_[count_++];
}

}  // namespace capi
