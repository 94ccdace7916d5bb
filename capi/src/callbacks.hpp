// Host callbacks given as versioned C structs: the notifier, the clock and
// event subscriptions.
#pragma once

#include "guard.hpp"

#include <ticketcore/clock.hpp>
#include <ticketcore/events.hpp>
#include <ticketcore/notification.hpp>

#include <boost/signals2/connection.hpp>

#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

namespace capi {

// Throws status_error(TC_EVERSION) unless 0 < version <= current.
void check_version(std::uint32_t version, std::uint32_t current, const char* what);

// tc_x_init(): zeroes a versioned struct and sets its version.
template <class T>
void init_struct(T* s, std::uint32_t version, std::uint32_t current, const char* what, std::size_t bytes = sizeof(T)) {
  if (!s) throw ticketcore::error(ticketcore::errc::invalid_argument, std::string(what) + " is NULL");
  check_version(version, current, what);
  std::memset(static_cast<void*>(s), 0, bytes);  // an older version's struct is only that long
  s->version = version;
}

// What tc_callback_error() and tc_storage_error() do: records `message`
// for the innermost callback_scope on this thread, if there is one.
void report_callback_error(const char* message) noexcept;

// Runs a host callback so that tc_callback_error() inside it is captured:
// returns what the callback reported ("" if nothing).
class callback_scope {
 public:
  callback_scope() noexcept;
  ~callback_scope();
  callback_scope(const callback_scope&) = delete;
  callback_scope& operator=(const callback_scope&) = delete;
  std::string message() const;

 private:
  std::string* saved_;
  std::string message_;
};

// A tc_notifier as a ticketcore::notifier. Owning: destroy() runs once in
// the destructor. Borrowed (tc_desk_dispatch): destroy() never runs.
class c_notifier final : public ticketcore::notifier {
 public:
  c_notifier(const tc_notifier& table, bool owning) noexcept : table_(table), owning_(owning) {}
  ~c_notifier() override;
  // Throws invalid_argument when `deliver` is NULL.
  void check() const;
  ticketcore::delivery_result deliver(const ticketcore::notification& n) override;

 private:
  tc_notifier table_;
  bool owning_;
};

class c_clock final : public ticketcore::clock {
 public:
  explicit c_clock(const tc_clock& table) noexcept : table_(table) {}
  ~c_clock() override;
  void check() const;
  ticketcore::time_point now() override;

 private:
  tc_clock table_;
};

// One subscription's callback. Calls stop at close(); destroy() runs
// exactly once, after the last running on_event() returns.
class subscriber : public std::enable_shared_from_this<subscriber> {
 public:
  explicit subscriber(const tc_event_callback& cb) noexcept : cb_(cb) {}
  void check() const;
  void deliver(const ticketcore::event& e) noexcept;
  // Stops further calls. Waits for calls on other threads to end, unless
  // called from inside this subscriber's own callback.
  void close() noexcept;

 private:
  void destroy_if_idle(std::unique_lock<std::mutex>& lock) noexcept;

  tc_event_callback cb_;
  std::mutex mutex_;
  std::condition_variable idle_;
  int running_ = 0;
  bool closed_ = false;
  bool destroying_ = false;
  bool destroyed_ = false;
};

}  // namespace capi

struct tc_subscription {
  boost::signals2::connection connection;
  std::shared_ptr<capi::subscriber> subscriber;
};
