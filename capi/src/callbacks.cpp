#include "callbacks.hpp"

#include "records.hpp"

#include <ticketcore/json.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <vector>

namespace capi {

namespace tc = ticketcore;

namespace {

// Where tc_callback_error() writes: the innermost callback running on this
// thread, or nowhere.
thread_local std::string* callback_message = nullptr;

// Subscribers whose on_event() is running on this thread.
thread_local std::vector<const subscriber*> running_here;

}  // namespace

void check_version(std::uint32_t version, std::uint32_t current, const char* what) {
  if (version == 0 || version > current)
    throw status_error(TC_EVERSION, std::string(what) + ".version is " + std::to_string(version) +
                                        "; this library knows versions 1 to " + std::to_string(current));
}

callback_scope::callback_scope() noexcept : saved_(callback_message) { callback_message = &message_; }

callback_scope::~callback_scope() { callback_message = saved_; }

std::string callback_scope::message() const { return message_; }

c_notifier::~c_notifier() {
  if (owning_ && table_.destroy) table_.destroy(table_.ctx);
}

void c_notifier::check() const {
  if (!table_.deliver) throw tc::error(tc::errc::invalid_argument, "notifier.deliver is NULL");
}

tc::delivery_result c_notifier::deliver(const tc::notification& n) {
  std::string text = boost::json::serialize(tc::to_json(n));
  callback_scope scope;
  int outcome = table_.deliver(table_.ctx, text.c_str());
  std::string why = scope.message();
  switch (outcome) {
    case TC_DELIVERY_OK: return tc::delivery_result::ok();
    case TC_DELIVERY_FAILED: return tc::delivery_result::fail(why.empty() ? "the notifier reported failure" : why);
    case TC_DELIVERY_RETRY: return tc::delivery_result::retry(why.empty() ? "the notifier asked to retry" : why);
    default:
      return tc::delivery_result::retry("the notifier returned " + std::to_string(outcome) +
                                        ", which is not a tc_delivery" + (why.empty() ? "" : ": " + why));
  }
}

c_clock::~c_clock() {
  if (table_.destroy) table_.destroy(table_.ctx);
}

void c_clock::check() const {
  if (!table_.now_ms) throw tc::error(tc::errc::invalid_argument, "clock.now_ms is NULL");
}

tc::time_point c_clock::now() { return tc::time_point(tc::duration(table_.now_ms(table_.ctx))); }

void subscriber::check() const {
  if (!cb_.on_event) throw tc::error(tc::errc::invalid_argument, "event callback on_event is NULL");
}

void subscriber::deliver(const tc::event& e) noexcept {
  auto keep = shared_from_this();
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    ++running_;
  }
  try {
    std::string text = boost::json::serialize(to_json(e));
    running_here.push_back(this);
    callback_scope scope;
    cb_.on_event(cb_.ctx, text.c_str());
    running_here.pop_back();
  } catch (...) {
    // Out of memory making the JSON: this event is not delivered; the
    // change it reports is committed regardless.
  }
  std::unique_lock lock(mutex_);
  --running_;
  destroy_if_idle(lock);
}

void subscriber::destroy_if_idle(std::unique_lock<std::mutex>& lock) noexcept {
  if (!closed_ || running_ != 0 || destroying_) return;
  destroying_ = true;
  lock.unlock();
  if (cb_.destroy) cb_.destroy(cb_.ctx);
  lock.lock();
  destroyed_ = true;
  idle_.notify_all();
}

void subscriber::close() noexcept {
  std::unique_lock lock(mutex_);
  closed_ = true;
  bool inside = std::find(running_here.begin(), running_here.end(), this) != running_here.end();
  destroy_if_idle(lock);
  if (inside) return;  // our own callback returns later and destroys then
  idle_.wait(lock, [&] { return destroyed_; });
}

void report_callback_error(const char* message) noexcept {
  if (!callback_message) return;
  try {
    callback_message->assign(message ? message : "");
  } catch (...) {
    // Keep what was there: the callback's own failure still counts.
  }
}

}  // namespace capi

extern "C" void tc_callback_error(const char* message) { capi::report_callback_error(message); }
