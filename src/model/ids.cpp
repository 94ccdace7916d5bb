#include "model/text.hpp"

#include <ticketcore/error.hpp>
#include <ticketcore/ids.hpp>

#include <boost/uuid/uuid_io.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace ticketcore {
namespace {

// RFC 9562 method 1: a 12-bit counter in rand_a keeps ids from one process
// strictly increasing even within a millisecond or if the wall clock steps back.
class v7_generator {
 public:
  uuid next() {
    std::lock_guard lock(mutex_);
    auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
    if (ms > last_ms_) {
      last_ms_ = ms;
      counter_ = 0;
    } else if (++counter_ > 0xFFF) {
      ++last_ms_;
      counter_ = 0;
    }
    std::uint64_t random = engine_();
    uuid id;
    for (int i = 0; i < 6; ++i) id.data[i] = static_cast<std::uint8_t>(last_ms_ >> (40 - 8 * i));
    id.data[6] = static_cast<std::uint8_t>(0x70 | (counter_ >> 8));
    id.data[7] = static_cast<std::uint8_t>(counter_ & 0xFF);
    id.data[8] = static_cast<std::uint8_t>(0x80 | (random & 0x3F));
    for (int i = 9; i < 16; ++i) id.data[i] = static_cast<std::uint8_t>(random >> (8 * (i - 8)));
    return id;
  }

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_{std::random_device{}()};
  std::uint64_t last_ms_ = 0;
  std::uint32_t counter_ = 0;
};

}  // namespace

uuid new_id() {
  static v7_generator generator;
  return generator.next();
}

std::string to_string(const uuid& id) { return boost::uuids::to_string(id); }

uuid parse_id(std::string_view text, std::string_view what) {
  if (text.size() != 36)
    throw error(errc::invalid_argument,
                std::string(what) + " must be a 36-character UUID, got " + detail::quoted(text));
  // By hand: every stored record decodes its ids here, and Boost's
  // string_generator was a tenth of a report's time (docs/performance.md).
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  uuid id{};
  std::size_t at = 0;
  for (std::size_t byte = 0; byte < 16; ++byte) {
    if (at == 8 || at == 13 || at == 18 || at == 23) {
      if (text[at] != '-') throw error(errc::invalid_argument, std::string(what) + " is not a UUID: " + detail::quoted(text));
      ++at;
    }
    const int high = nibble(text[at]), low = nibble(text[at + 1]);
    if (high < 0 || low < 0)
      throw error(errc::invalid_argument, std::string(what) + " is not a UUID: " + detail::quoted(text));
    id.data[byte] = static_cast<std::uint8_t>(high * 16 + low);
    at += 2;
  }
  return id;
}

}  // namespace ticketcore
