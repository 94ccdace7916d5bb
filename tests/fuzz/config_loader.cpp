// libFuzzer target: the configuration loader. An input is a configuration
// document; parse_config either refuses it with a ticketcore::error or
// returns a configuration a desk opens with, and that desk answers a read.
#include <ticketcore/ticketcore.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace tc = ticketcore;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  tc::config config;
  try {
    config = tc::parse_config(text);
  } catch (const tc::error&) {
    return 0;  // refused, as it may be
  }
  try {
    tc::desk_options options;
    options.config = std::move(config);
    tc::desk desk(std::move(options));
    desk.inbox(tc::actor::system(), {});
  } catch (const tc::error& e) {
    // An accepted configuration may still fail the desk's whole-document
    // check (desk::configure); nothing else may fail.
    if (e.kind() != tc::errc::validation_failed && e.kind() != tc::errc::invalid_argument) std::abort();
  }
  return 0;
}
