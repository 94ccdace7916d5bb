#include "desk/stored_configuration.hpp"

#include <ticketcore/error.hpp>

namespace ticketcore::detail {

namespace {

// Two entries, written together at the same version: the document, and a
// small stamp every write reads to learn whether the document moved, so a
// write parses the document only when another desk stored a newer one.
const std::string kind = "configuration";
const std::string document_id = "desk";
const std::string stamp_id = "stamp";

std::string described(const std::string& id, std::uint64_t version) {
  return "the stored configuration (entry configuration " + id + ", version " + std::to_string(version) + ")";
}

}  // namespace

std::optional<versioned_config> load_configuration(transaction& tx, std::uint64_t known) {
  auto stamp = tx.get_entry(kind, stamp_id);
  if (!stamp || stamp->version <= known) return std::nullopt;
  auto e = tx.get_entry(kind, document_id);
  if (!e || e->version != stamp->version)
    throw error(errc::storage, described(stamp_id, stamp->version) + " has no document of its version");  // U3
  const std::string what = described(document_id, e->version);
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
  const std::string at = format_time(*stamp.changed_at);
  tx.put_entry({kind, document_id, stamp.version, {{"changed_at", at}, {"configuration", config_document(c)}}}, {});
  tx.put_entry({kind, stamp_id, stamp.version, {{"changed_at", at}}}, {});
}

}  // namespace ticketcore::detail
