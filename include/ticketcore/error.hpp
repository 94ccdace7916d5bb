// Error kinds and the exception every failing ticketcore call throws.
#pragma once

#include <ticketcore/export.hpp>

#include <string>
#include <system_error>
#include <vector>

namespace ticketcore {

// One value per error kind of docs/rules.md, plus not_supported for optional
// storage capabilities. Values are stable: the C ABI mirrors them.
enum class errc {
  ok = 0,
  invalid_argument = 1,    // malformed input: empty id, bad JSON, unknown enum
  not_found = 2,           // no such record, or not visible to the actor (V3)
  validation_failed = 3,   // attribute or configuration values; names the fields
  invalid_transition = 4,  // lifecycle forbids the state change (L2)
  link_limit = 5,          // a K-rule limit would be broken
  conflict = 6,            // expected version did not match (X1)
  forbidden = 7,           // the actor may see the record but not do this (V4)
  storage = 8,             // the storage adapter failed
  internal = 9,            // a bug in ticketcore
  not_supported = 10,      // an optional capability the adapter lacks
};

TICKETCORE_API const std::error_category& error_category() noexcept;
TICKETCORE_API std::error_code make_error_code(errc e) noexcept;

// The name of an error kind as used in JSON and the C ABI ("not_found").
TICKETCORE_API const char* to_string(errc e) noexcept;

// Thrown by every failing operation. A failed operation changes nothing.
// For validation_failed, fields() lists every offending key.
class TICKETCORE_API error : public std::system_error {
 public:
  error(errc kind, const std::string& message, std::vector<std::string> fields = {});

  errc kind() const noexcept { return kind_; }
  const std::vector<std::string>& fields() const noexcept { return fields_; }
  // The message alone, without std::system_error's ": <kind>" suffix.
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  errc kind_;
  std::string message_;
  std::vector<std::string> fields_;
};

}  // namespace ticketcore

template <>
struct std::is_error_code_enum<ticketcore::errc> : std::true_type {};
