// The desk handle and the typed functions. Each typed function checks its
// inputs and runs its op's entry in the one command table (commands.cpp)
// with them as typed arguments: the validation, errors and result of
// tc_desk_execute(), without a JSON object of arguments built and read back.
#include "callbacks.hpp"
#include "commands.hpp"
#include "guard.hpp"
#include "input.hpp"
#include "records.hpp"
#include "storage.hpp"

#include <ticketcore/desk.hpp>
#include <ticketcore/error.hpp>
#include <ticketcore/memory_store.hpp>
#include <ticketcore/sqlite_store.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serializer.hpp>

#include <array>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <span>

struct tc_desk {
  std::unique_ptr<ticketcore::desk> desk;
  std::size_t max_input = TC_DEFAULT_MAX_INPUT_BYTES;
};

namespace capi {
namespace {

namespace json = boost::json;
namespace tc = ticketcore;
using tc::errc;

void null_check(const void* p, const char* what) {
  if (!p) throw tc::error(errc::invalid_argument, std::string(what) + " is NULL");
}

// Writes `v` as JSON text into memory tc_string_free() releases: straight
// into the caller's buffer, not through a std::string and a copy.
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

// One typed call: its output, desk and actor are checked on construction,
// its arguments are added one by one, and run() goes through the table.
class typed_call {
 public:
  // `out` is null for functions without an output (tc_link_remove, tc_desk_configure).
  typed_call(char** out, tc_desk* desk, const char* op) : out_(out), op_(op) {
    if (out_) *out_ = nullptr;
    null_check(desk, "desk");
    desk_ = desk;
  }
  static typed_call with_output(char** out, tc_desk* desk, const char* op) {
    null_check(out, "out_json");
    return typed_call(out, desk, op);
  }

  typed_call& actor(const char* actor_json) {
    actor_ = actor_arg(actor_json, "actor_json", desk_->max_input);
    return *this;
  }
  // A required string argument, read in place: the caller's text outlives the call.
  typed_call& text(const char* key, const char* value, const char* what) {
    typed_arg& a = add(key);
    a.is_text = true;
    a.text = text_arg(value, what, desk_->max_input);
    return *this;
  }
  // A string argument the library itself names (a string literal).
  typed_call& literal(const char* key, const char* value) {
    typed_arg& a = add(key);
    a.is_text = true;
    a.text = value;
    return *this;
  }
  // A required JSON argument.
  typed_call& document(const char* key, const char* value, const char* what) {
    add(key).value = json_arg(value, what, desk_->max_input);
    return *this;
  }
  // The whole argument object from one JSON input; NULL: no arguments.
  // Not mixed with the single arguments above.
  typed_call& arguments(const char* value, const char* what, bool required) {
    if (!value && !required) return *this;
    json::value v = json_arg(value, what, desk_->max_input);
    if (!v.is_object()) throw tc::error(errc::invalid_argument, std::string(what) + " must be a JSON object");
    whole_ = std::move(v);
    return *this;
  }
  typed_call& value(const char* key, json::value v) {
    add(key).value = std::move(v);
    return *this;
  }

  void run(tc::notifier* notifier = nullptr) {
    json::value result = whole_.is_object()
                             ? capi::run(*desk_->desk, op_, actor_, whole_, notifier)
                             : capi::run(*desk_->desk, op_, actor_, std::span(args_.data(), count_), notifier);
    if (out_) put(out_, result);
  }

 private:
  typed_arg& add(const char* key) {
    if (count_ == args_.size() || whole_.is_object())
      throw tc::error(errc::internal, std::string(op_) + ": too many arguments for a typed call");
    args_[count_].key = key;
    return args_[count_++];
  }

  char** out_;
  tc_desk* desk_ = nullptr;
  const char* op_;
  std::optional<tc::actor> actor_;
  std::array<typed_arg, 4> args_;  // the most a typed function passes is 3
  std::size_t count_ = 0;
  json::value whole_;  // an object when arguments() gave them all
};

std::shared_ptr<tc::storage> open_store(const json::value& spec) {
  reader r(spec, "", "store_json");
  std::string kind = r.text("kind");
  if (kind == "memory") {
    r.done();
    return tc::make_memory_store();
  }
  if (kind != "sqlite") r.fail("kind", "must be \"memory\" or \"sqlite\", not " + quoted(kind));
  std::string path = r.text("path");
  tc::sqlite_options o;
  if (auto d = r.optional_text("durability")) {
    if (*d == "full") o.durability = tc::durability::full;
    else if (*d == "normal") o.durability = tc::durability::normal;
    else r.fail("durability", "must be \"full\" or \"normal\"");
  }
  if (auto n = r.optional_integer("cache_kib", 0, 1 << 30)) o.cache_kib = static_cast<int>(*n);
  if (auto n = r.optional_integer("busy_timeout_ms", 0, 24LL * 3600 * 1000))
    o.busy_timeout = std::chrono::milliseconds(*n);
  if (auto n = r.optional_integer("max_file_bytes", 0, std::numeric_limits<std::int64_t>::max()))
    o.max_file_bytes = static_cast<std::uint64_t>(*n);
  r.done();
  return tc::open_sqlite_store(path, o);
}

}  // namespace
}  // namespace capi

using capi::guard;
using capi::typed_call;

extern "C" {

tc_status tc_desk_options_init(tc_desk_options* opts, uint32_t version) {
  // Only the fields of `version`: an older host's struct is shorter.
  const std::size_t bytes = version >= 3   ? sizeof(tc_desk_options)
                            : version == 2 ? offsetof(tc_desk_options, scan_without_index)
                                           : offsetof(tc_desk_options, storage_methods);
  return guard([&] { capi::init_struct(opts, version, TC_DESK_OPTIONS_VERSION, "desk options", bytes); });
}

tc_status tc_notifier_init(tc_notifier* n, uint32_t version) {
  return guard([&] { capi::init_struct(n, version, TC_NOTIFIER_VERSION, "notifier"); });
}

tc_status tc_clock_init(tc_clock* c, uint32_t version) {
  return guard([&] { capi::init_struct(c, version, TC_CLOCK_VERSION, "clock"); });
}

tc_status tc_event_callback_init(tc_event_callback* cb, uint32_t version) {
  return guard([&] { capi::init_struct(cb, version, TC_EVENT_CALLBACK_VERSION, "event callback"); });
}

tc_status tc_desk_open(tc_desk** out, const tc_desk_options* opts) {
  return guard([&] {
    capi::null_check(out, "out");
    *out = nullptr;
    static const tc_desk_options defaults = TC_DESK_OPTIONS_INIT;
    if (!opts) opts = &defaults;
    capi::check_version(opts->version, TC_DESK_OPTIONS_VERSION, "desk options");
    // Take ownership of each callback struct whose version is accepted
    // first, so its destroy() runs exactly once whatever fails next.
    std::shared_ptr<capi::c_notifier> notifier;
    std::shared_ptr<capi::c_clock> clock;
    std::shared_ptr<ticketcore::storage> storage;
    const tc_storage_methods* methods = opts->version >= 2 ? opts->storage_methods : nullptr;
    bool notifier_ok = !opts->notifier || (opts->notifier->version && opts->notifier->version <= TC_NOTIFIER_VERSION);
    bool clock_ok = !opts->clock || (opts->clock->version && opts->clock->version <= TC_CLOCK_VERSION);
    bool methods_ok = !methods || (methods->version && methods->version <= TC_STORAGE_METHODS_VERSION);
    if (opts->notifier && notifier_ok) notifier = std::make_shared<capi::c_notifier>(*opts->notifier, true);
    if (opts->clock && clock_ok) clock = std::make_shared<capi::c_clock>(*opts->clock);
    if (methods && methods_ok) storage = capi::make_c_storage(*methods);
    if (!notifier_ok) capi::check_version(opts->notifier->version, TC_NOTIFIER_VERSION, "notifier");
    if (!clock_ok) capi::check_version(opts->clock->version, TC_CLOCK_VERSION, "clock");
    if (!methods_ok) capi::check_version(methods->version, TC_STORAGE_METHODS_VERSION, "storage_methods");
    if (notifier) notifier->check();
    if (clock) clock->check();
    if (storage && opts->store_json)
      throw ticketcore::error(ticketcore::errc::invalid_argument, "give store_json or storage_methods, not both");

    auto desk = std::make_unique<tc_desk>();
    if (opts->max_input_bytes) desk->max_input = opts->max_input_bytes;
    ticketcore::desk_options o;
    if (opts->config_json) {
      auto document = capi::json_arg(opts->config_json, "config_json", desk->max_input);
      if (!document.is_object()) throw ticketcore::error(ticketcore::errc::invalid_argument, "config_json must be a JSON object");
      o.config = ticketcore::parse_config(document);
    }
    if (opts->dispatch_json) {
      auto spec = capi::json_arg(opts->dispatch_json, "dispatch_json", desk->max_input);
      capi::reader r(spec, "", "dispatch_json");
      o.dispatch = capi::dispatch_options_from(r);
    }
    if (opts->store_json) o.storage = capi::open_store(capi::json_arg(opts->store_json, "store_json", desk->max_input));
    if (storage) o.storage = std::move(storage);
    o.notifier = notifier;
    o.clock = clock;
    o.scan_without_index = opts->version >= 3 && opts->scan_without_index != 0;
    desk->desk = std::make_unique<ticketcore::desk>(std::move(o));
    *out = desk.release();
  });
}

void tc_desk_close(tc_desk* desk) {
  // The destructor releases the notifier and clock (their destroy()); it
  // throws nothing the host could act on, so nothing is reported.
  try {
    delete desk;
  } catch (...) {
  }
}

tc_status tc_desk_execute(char** out_json, tc_desk* desk, const char* request_json) {
  return guard([&] {
    capi::null_check(out_json, "out_json");
    *out_json = nullptr;
    capi::null_check(desk, "desk");
    boost::json::value request = capi::json_arg(request_json, "request_json", desk->max_input);
    capi::reader r(request, "", "request");
    std::string op = r.text("op");
    std::optional<ticketcore::actor> actor;
    if (const auto* a = r.find("actor"); a && !a->is_null()) actor = capi::actor_from(*a, "request.actor");
    const boost::json::value* args = r.find("args");
    r.done();
    static const boost::json::value none;
    capi::put(out_json, capi::run(*desk->desk, op, actor, args ? *args : none));
  });
}

tc_status tc_desk_configure(tc_desk* desk, const char* config_json) {
  return guard([&] { typed_call(nullptr, desk, "configure").document("config", config_json, "config_json").run(); });
}

tc_status tc_desk_configuration(char** out_json, tc_desk* desk) {
  return guard([&] { typed_call::with_output(out_json, desk, "configuration").run(); });
}

tc_status tc_conversation_create(char** out_json, tc_desk* desk, const char* actor_json,
                                 const char* conversation_json) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "create_conversation")
        .actor(actor_json)
        .arguments(conversation_json, "conversation_json", true)
        .run();
  });
}

tc_status tc_conversation_convert(char** out_json, tc_desk* desk, const char* actor_json,
                                  const char* conversation_id, const char* ticket_json) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "convert_conversation")
        .actor(actor_json)
        .text("conversation", conversation_id, "conversation_id")
        .document("ticket", ticket_json, "ticket_json")
        .run();
  });
}

tc_status tc_ticket_create(char** out_json, tc_desk* desk, const char* actor_json, const char* ticket_json) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "create_ticket")
        .actor(actor_json)
        .arguments(ticket_json, "ticket_json", true)
        .run();
  });
}

tc_status tc_ticket_create_linked(char** out_json, tc_desk* desk, const char* actor_json, const char* from_id,
                                  const char* ticket_json) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "create_linked_ticket")
        .actor(actor_json)
        .text("from", from_id, "from_id")
        .document("ticket", ticket_json, "ticket_json")
        .run();
  });
}

tc_status tc_tracker_link_by_title(char** out_json, tc_desk* desk, const char* actor_json, const char* from_id,
                                   const char* title, const char* type) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "link_tracker_by_title")
        .actor(actor_json)
        .text("from", from_id, "from_id")
        .text("title", title, "title")
        .text("type", type, "type")
        .run();
  });
}

tc_status tc_ticket_set_state(char** out_json, tc_desk* desk, const char* actor_json, const char* ref,
                              const char* state, uint64_t expected_version) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "set_state")
        .actor(actor_json)
        .text("ticket", ref, "ref")
        .text("state", state, "state")
        .value("expected_version", expected_version)
        .run();
  });
}

tc_status tc_ticket_update(char** out_json, tc_desk* desk, const char* actor_json, const char* ref,
                           const char* changes_json, uint64_t expected_version) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "update_ticket")
        .actor(actor_json)
        .text("ticket", ref, "ref")
        .document("changes", changes_json, "changes_json")
        .value("expected_version", expected_version)
        .run();
  });
}

tc_status tc_ticket_rate(char** out_json, tc_desk* desk, const char* actor_json, const char* ref, int score,
                         const char* comment) {
  return guard([&] {
    typed_call call = typed_call::with_output(out_json, desk, "rate");
    call.actor(actor_json).text("ticket", ref, "ref").value("score", score);
    if (comment) call.text("comment", comment, "comment");
    call.run();
  });
}

tc_status tc_reply_add(char** out_json, tc_desk* desk, const char* actor_json, const char* target_id,
                       const char* body) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "reply")
        .actor(actor_json)
        .text("target", target_id, "target_id")
        .text("body", body, "body")
        .run();
  });
}

tc_status tc_note_add(char** out_json, tc_desk* desk, const char* actor_json, const char* target_id,
                      const char* body, int mode) {
  return guard([&] {
    typed_call call = typed_call::with_output(out_json, desk, "add_note");
    call.actor(actor_json).text("target", target_id, "target_id").text("body", body, "body");
    if (mode != TC_NOTE_ADD && mode != TC_NOTE_CROSS_POST)
      throw ticketcore::error(ticketcore::errc::invalid_argument,
                              "mode is " + std::to_string(mode) + "; use TC_NOTE_ADD or TC_NOTE_CROSS_POST");
    call.literal("mode", mode == TC_NOTE_ADD ? "add" : "cross_post").run();
  });
}

tc_status tc_link_add(char** out_json, tc_desk* desk, const char* actor_json, const char* from_id,
                      const char* to_id, const char* kind) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "add_link")
        .actor(actor_json)
        .text("from", from_id, "from_id")
        .text("to", to_id, "to_id")
        .text("kind", kind, "kind")
        .run();
  });
}

tc_status tc_link_add_external(char** out_json, tc_desk* desk, const char* actor_json, const char* tracker_id,
                               const char* external_json) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "add_external_link")
        .actor(actor_json)
        .text("tracker", tracker_id, "tracker_id")
        .document("external", external_json, "external_json")
        .run();
  });
}

tc_status tc_link_remove(tc_desk* desk, const char* actor_json, const char* link_id) {
  return guard([&] {
    typed_call(nullptr, desk, "remove_link").actor(actor_json).text("link", link_id, "link_id").run();
  });
}

tc_status tc_link_list(char** out_json, tc_desk* desk, const char* actor_json, const char* id) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "links").actor(actor_json).text("id", id, "id").run();
  });
}

tc_status tc_ticket_get(char** out_json, tc_desk* desk, const char* actor_json, const char* ref) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "ticket").actor(actor_json).text("ticket", ref, "ref").run();
  });
}

tc_status tc_conversation_get(char** out_json, tc_desk* desk, const char* actor_json, const char* conversation_id) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "conversation")
        .actor(actor_json)
        .text("conversation", conversation_id, "conversation_id")
        .run();
  });
}

tc_status tc_inbox_list(char** out_json, tc_desk* desk, const char* actor_json, const char* filter_json) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "inbox")
        .actor(actor_json)
        .arguments(filter_json, "filter_json", false)
        .run();
  });
}

tc_status tc_history_list(char** out_json, tc_desk* desk, const char* actor_json, const char* id) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "history").actor(actor_json).text("id", id, "id").run();
  });
}

tc_status tc_outbox_list(char** out_json, tc_desk* desk, const char* filter_json) {
  return guard([&] {
    typed_call::with_output(out_json, desk, "outbox").arguments(filter_json, "filter_json", false).run();
  });
}

tc_status tc_desk_dispatch(char** out_json, tc_desk* desk, const tc_notifier* notifier) {
  return guard([&] {
    typed_call call = typed_call::with_output(out_json, desk, "dispatch_notifications");
    if (!notifier) return call.run();
    capi::check_version(notifier->version, TC_NOTIFIER_VERSION, "notifier");
    capi::c_notifier borrowed(*notifier, false);
    borrowed.check();
    call.run(&borrowed);
  });
}

tc_status tc_desk_tick(char** out_json, tc_desk* desk, const char* now) {
  return guard([&] {
    typed_call call = typed_call::with_output(out_json, desk, "tick");
    if (now) call.text("now", now, "now");
    call.run();
  });
}

tc_status tc_desk_subscribe(tc_subscription** out, tc_desk* desk, const tc_event_callback* cb) {
  return guard([&] {
    capi::null_check(out, "out");
    *out = nullptr;
    capi::null_check(cb, "callback");
    capi::check_version(cb->version, TC_EVENT_CALLBACK_VERSION, "event callback");
    // Owned from here: destroy() runs once, also if what follows fails.
    std::shared_ptr<capi::subscriber> subscriber;
    try {
      subscriber = std::make_shared<capi::subscriber>(*cb);
    } catch (...) {
      if (cb->destroy) cb->destroy(cb->ctx);
      throw;
    }
    auto failed = [&] { subscriber->close(); };
    try {
      capi::null_check(desk, "desk");
      subscriber->check();
      auto sub = std::make_unique<tc_subscription>();
      sub->subscriber = subscriber;
      std::weak_ptr<capi::subscriber> weak = subscriber;
      sub->connection = desk->desk->subscribe([weak](const ticketcore::event& e) {
        if (auto s = weak.lock()) s->deliver(e);
      });
      *out = sub.release();
    } catch (...) {
      failed();
      throw;
    }
  });
}

void tc_subscription_free(tc_subscription* subscription) {
  if (!subscription) return;
  subscription->connection.disconnect();
  subscription->subscriber->close();
  delete subscription;
}

}  // extern "C"
