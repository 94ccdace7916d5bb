// The desk handle: opening, closing, tc_desk_execute, subscriptions, and
// the typed functions written by hand: tc_desk_dispatch_notifications
// (it lends a notifier) and the deprecated aliases of the first names. The
// other typed functions are generated from the op table (typed_ops.cpp).
#include "callbacks.hpp"
#include "commands.hpp"
#include "guard.hpp"
#include "input.hpp"
#include "records.hpp"
#include "storage.hpp"
#include "typed_call.hpp"

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

namespace capi {
namespace {

namespace json = boost::json;
namespace tc = ticketcore;
using tc::errc;

std::shared_ptr<tc::storage> open_store(const json::value& spec) {
  reader r(spec, "", "store_json");
  std::string kind = r.text("kind");
  if (kind == "memory") {
    r.done();
    return tc::make_memory_store();
  }
  if (kind != "sqlite") r.expected("kind", "\"memory\" or \"sqlite\"", boost::json::string(kind));
  std::string path = r.text("path");
  tc::sqlite_options o;
  if (auto d = r.optional_text("durability")) {
    if (*d == "full") o.durability = tc::durability::full;
    else if (*d == "normal") o.durability = tc::durability::normal;
    else r.expected("durability", "\"full\" or \"normal\"", boost::json::string(*d));
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
  // Only the fields of `version`: a version-1 host's struct ends before storage_methods.
  const std::size_t bytes = version >= 2 ? sizeof(tc_desk_options) : offsetof(tc_desk_options, storage_methods);
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

tc_status tc_desk_dispatch_notifications(char** out_json, tc_desk* desk, const tc_notifier* notifier) {
  return guard([&] {
    typed_call call = typed_call::with_output(out_json, desk, ticketcore::op::dispatch_notifications);
    if (!notifier) return call.run();
    capi::check_version(notifier->version, TC_NOTIFIER_VERSION, "notifier");
    capi::c_notifier borrowed(*notifier, false);
    borrowed.check();
    call.run(&borrowed);
  });
}

// ---- Deprecated aliases: the first names of the typed functions ----------------

tc_status tc_conversation_create(char** out_json, tc_desk* desk, const char* actor_json,
                                 const char* conversation_json) {
  return tc_desk_create_conversation(out_json, desk, actor_json, conversation_json);
}

tc_status tc_conversation_convert(char** out_json, tc_desk* desk, const char* actor_json,
                                  const char* conversation_id, const char* ticket_json) {
  return tc_desk_convert_conversation(out_json, desk, actor_json, conversation_id, ticket_json);
}

tc_status tc_ticket_create(char** out_json, tc_desk* desk, const char* actor_json, const char* ticket_json) {
  return tc_desk_create_ticket(out_json, desk, actor_json, ticket_json);
}

tc_status tc_ticket_create_linked(char** out_json, tc_desk* desk, const char* actor_json, const char* from_id,
                                  const char* ticket_json) {
  return tc_desk_create_linked_ticket(out_json, desk, actor_json, from_id, ticket_json);
}

tc_status tc_tracker_link_by_title(char** out_json, tc_desk* desk, const char* actor_json, const char* from_id,
                                   const char* title, const char* type) {
  return tc_desk_link_tracker_by_title(out_json, desk, actor_json, from_id, title, type);
}

tc_status tc_ticket_set_state(char** out_json, tc_desk* desk, const char* actor_json, const char* ref,
                              const char* state, uint64_t expected_version) {
  return tc_desk_set_state(out_json, desk, actor_json, ref, state, expected_version);
}

tc_status tc_ticket_update(char** out_json, tc_desk* desk, const char* actor_json, const char* ref,
                           const char* changes_json, uint64_t expected_version) {
  return tc_desk_update_ticket(out_json, desk, actor_json, ref, changes_json, expected_version);
}

tc_status tc_ticket_rate(char** out_json, tc_desk* desk, const char* actor_json, const char* ref, int score,
                         const char* comment) {
  return tc_desk_rate(out_json, desk, actor_json, ref, score, comment);
}

tc_status tc_reply_add(char** out_json, tc_desk* desk, const char* actor_json, const char* target_id,
                       const char* body) {
  return tc_desk_reply(out_json, desk, actor_json, target_id, body);
}

tc_status tc_note_add(char** out_json, tc_desk* desk, const char* actor_json, const char* target_id,
                      const char* body, int mode) {
  if (mode == TC_NOTE_ADD) return tc_desk_add_note(out_json, desk, actor_json, target_id, body, "add");
  if (mode == TC_NOTE_CROSS_POST) return tc_desk_add_note(out_json, desk, actor_json, target_id, body, "cross_post");
  return guard([&] {
    if (out_json) *out_json = nullptr;
    throw ticketcore::error(ticketcore::errc::invalid_argument,
                            "mode is " + std::to_string(mode) + "; use TC_NOTE_ADD or TC_NOTE_CROSS_POST");
  });
}

tc_status tc_link_add(char** out_json, tc_desk* desk, const char* actor_json, const char* from_id,
                      const char* to_id, const char* kind) {
  return tc_desk_add_link(out_json, desk, actor_json, from_id, to_id, kind);
}

tc_status tc_link_add_external(char** out_json, tc_desk* desk, const char* actor_json, const char* tracker_id,
                               const char* external_json) {
  return tc_desk_add_external_link(out_json, desk, actor_json, tracker_id, external_json);
}

tc_status tc_link_remove(tc_desk* desk, const char* actor_json, const char* link_id) {
  return tc_desk_remove_link(desk, actor_json, link_id);
}

tc_status tc_link_list(char** out_json, tc_desk* desk, const char* actor_json, const char* id) {
  return tc_desk_links(out_json, desk, actor_json, id);
}

tc_status tc_ticket_get(char** out_json, tc_desk* desk, const char* actor_json, const char* ref) {
  return tc_desk_ticket(out_json, desk, actor_json, ref);
}

tc_status tc_conversation_get(char** out_json, tc_desk* desk, const char* actor_json, const char* conversation_id) {
  return tc_desk_conversation(out_json, desk, actor_json, conversation_id);
}

tc_status tc_inbox_list(char** out_json, tc_desk* desk, const char* actor_json, const char* filter_json) {
  return tc_desk_inbox(out_json, desk, actor_json, filter_json);
}

tc_status tc_history_list(char** out_json, tc_desk* desk, const char* actor_json, const char* id) {
  return tc_desk_history(out_json, desk, actor_json, id);
}

tc_status tc_outbox_list(char** out_json, tc_desk* desk, const char* filter_json) {
  return tc_desk_outbox(out_json, desk, filter_json);
}

tc_status tc_desk_dispatch(char** out_json, tc_desk* desk, const tc_notifier* notifier) {
  return tc_desk_dispatch_notifications(out_json, desk, notifier);
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
