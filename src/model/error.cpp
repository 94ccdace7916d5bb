#include <ticketcore/error.hpp>

namespace ticketcore {
namespace {

class category_impl final : public std::error_category {
 public:
  const char* name() const noexcept override { return "ticketcore"; }
  std::string message(int value) const override { return to_string(static_cast<errc>(value)); }
};

}  // namespace

const std::error_category& error_category() noexcept {
  static const category_impl instance;
  return instance;
}

std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

const char* to_string(errc e) noexcept {
  switch (e) {
    case errc::ok: return "ok";
    case errc::invalid_argument: return "invalid_argument";
    case errc::not_found: return "not_found";
    case errc::validation_failed: return "validation_failed";
    case errc::invalid_transition: return "invalid_transition";
    case errc::link_limit: return "link_limit";
    case errc::conflict: return "conflict";
    case errc::forbidden: return "forbidden";
    case errc::storage: return "storage";
    case errc::internal: return "internal";
    case errc::not_supported: return "not_supported";
  }
  return "unknown";
}

error::error(errc kind, const std::string& message, std::vector<std::string> fields)
    : std::system_error(make_error_code(kind), message), kind_(kind), message_(message), fields_(std::move(fields)) {}

}  // namespace ticketcore
