#include "desk/stored_configuration.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

namespace {

const std::string kind = "configuration";
const std::string id = "desk";

}  // namespace

std::optional<versioned_config> load_configuration(transaction& tx, std::uint64_t known) {
  auto e = tx.get_entry(kind, id);
  if (!e || e->version <= known) return std::nullopt;
  const std::string what = "the stored configuration (entry configuration desk, version " + std::to_string(e->version) + ")";
  try {
    const auto* at = e->record.if_contains("changed_at");
    const auto* document = e->record.if_contains("configuration");
    if (!at || !at->is_string() || !document || !document->is_object())
      throw error(errc::storage, what + " has no changed_at or configuration");
    return versioned_config{std::make_shared<const config>(parse_config(*document)),
                            {e->version, parse_time(at->get_string())}};
  } catch (const error& bad) {
    if (bad.kind() == errc::storage) throw;
    throw error(errc::storage, what + " cannot be read back: " + bad.what());  // U3
  }
}

void store_configuration(transaction& tx, const config& c, const configuration_version& stamp) {
  boost::json::object record{{"changed_at", format_time(*stamp.changed_at)}, {"configuration", config_document(c)}};
  tx.put_entry({kind, id, stamp.version, std::move(record)}, {});
}

}  // namespace ticketcore::detail
