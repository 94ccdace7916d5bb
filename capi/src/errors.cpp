// Status names, the thread-local last error, versions and owned strings.
#include "guard.hpp"

#include <ticketcore/version.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>

static_assert(TC_VERSION_MAJOR == TICKETCORE_VERSION_MAJOR && TC_VERSION_MINOR == TICKETCORE_VERSION_MINOR &&
                  TC_VERSION_PATCH == TICKETCORE_VERSION_PATCH,
              "ticketcore.h and version.hpp disagree on the version");

namespace capi {
namespace {

struct last_error {
  tc_status status = TC_OK;
  std::string message;
  std::string json = "{}";
  const char* message_ptr = "";  // message, or a fixed text when storing it failed
  const char* json_ptr = "{}";
};

last_error& current() noexcept {
  thread_local last_error e;
  return e;
}

}  // namespace

tc_status to_status(ticketcore::errc e) noexcept {
  using ticketcore::errc;
  switch (e) {
    case errc::ok: return TC_OK;
    case errc::invalid_argument: return TC_EINVALID;
    case errc::not_found: return TC_ENOTFOUND;
    case errc::validation_failed: return TC_EVALIDATION;
    case errc::invalid_transition: return TC_ETRANSITION;
    case errc::link_limit: return TC_ELINKLIMIT;
    case errc::conflict: return TC_ECONFLICT;
    case errc::forbidden: return TC_EFORBIDDEN;
    case errc::storage: return TC_ESTORAGE;
    case errc::internal: return TC_EINTERNAL;
    case errc::not_supported: return TC_ENOTSUPPORTED;
  }
  return TC_EINTERNAL;
}

void clear_error() noexcept {
  last_error& e = current();
  if (e.status == TC_OK) return;
  e.status = TC_OK;
  e.message.clear();
  e.json = "{}";
  e.message_ptr = "";
  e.json_ptr = "{}";
}

tc_status set_error(tc_status status, const char* message, const std::vector<std::string>& fields) noexcept {
  last_error& e = current();
  e.status = status;
  try {
    e.message = message && *message ? message : tc_status_name(status);
    boost::json::array names;
    for (const auto& f : fields) names.emplace_back(f);
    boost::json::object o{{"status", tc_status_name(status)},
                          {"code", static_cast<int>(status)},
                          {"message", e.message},
                          {"fields", std::move(names)}};
    e.json = boost::json::serialize(o);
    e.message_ptr = e.message.c_str();
    e.json_ptr = e.json.c_str();
  } catch (...) {
    e.message_ptr = "out of memory while recording an error";
    e.json_ptr = R"({"status":"out_of_memory","code":-12,"message":"out of memory while recording an error","fields":[]})";
  }
  return status;
}

}  // namespace capi

extern "C" {

const char* tc_version(void) { return ticketcore::version(); }

int tc_abi_version(void) { return TC_ABI_VERSION; }

const char* tc_status_name(int status) {
  switch (status) {
    case TC_OK: return "ok";
    case TC_EINVALID: return "invalid_argument";
    case TC_ENOTFOUND: return "not_found";
    case TC_EVALIDATION: return "validation_failed";
    case TC_ETRANSITION: return "invalid_transition";
    case TC_ELINKLIMIT: return "link_limit";
    case TC_ECONFLICT: return "conflict";
    case TC_EFORBIDDEN: return "forbidden";
    case TC_ESTORAGE: return "storage";
    case TC_EINTERNAL: return "internal";
    case TC_ENOTSUPPORTED: return "not_supported";
    case TC_EVERSION: return "version";
    case TC_ENOMEM: return "out_of_memory";
    default: return "unknown";
  }
}

const char* tc_last_error_message(void) { return capi::current().message_ptr; }

const char* tc_last_error_json(void) { return capi::current().json_ptr; }

void tc_string_free(char* text) { std::free(text); }

}  // extern "C"
