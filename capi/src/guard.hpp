// The boundary: every extern "C" body runs in capi::guard(), which clears
// the thread-local error on entry and turns any exception into a status
// plus a message (docs/conventions.md, C ABI). Nothing thrown ever crosses into C.
#pragma once

#include <ticketcore/ticketcore.h>

#include <ticketcore/error.hpp>

#include <string>
#include <type_traits>
#include <vector>

namespace capi {

// The status mirroring a ticketcore error kind.
tc_status to_status(ticketcore::errc e) noexcept;

// Clears this thread's last error.
void clear_error() noexcept;

// Records this thread's last error and returns `status`. Never throws: if
// even the message cannot be stored, a fixed text stands in.
tc_status set_error(tc_status status, const char* message, const std::vector<std::string>& fields = {}) noexcept;

// Thrown inside a guard for failures that have no ticketcore::errc
// (a struct version, TC_EVERSION).
class status_error : public ticketcore::error {
 public:
  status_error(tc_status status, const std::string& message)
      : ticketcore::error(ticketcore::errc::invalid_argument, message), status_(status) {}
  tc_status status() const noexcept { return status_; }

 private:
  tc_status status_;
};

// Runs `body` (returning void or tc_status) with the error cleared first;
// any exception becomes a status and a message.
template <class Body>
tc_status guard(Body&& body) noexcept {
  clear_error();
  try {
    if constexpr (std::is_void_v<decltype(body())>) {
      body();
      return TC_OK;
    } else {
      return body();
    }
  } catch (const status_error& e) {
    return set_error(e.status(), e.what());
  } catch (const ticketcore::error& e) {
    return set_error(to_status(e.kind()), e.what(), e.fields());
  } catch (const std::bad_alloc&) {
    return set_error(TC_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return set_error(TC_EINTERNAL, e.what());
  } catch (...) {
    return set_error(TC_EINTERNAL, "an unknown exception reached the C boundary");
  }
}

}  // namespace capi
