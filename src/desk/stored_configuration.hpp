// The configuration a desk keeps in its store: the entry of kind
// "configuration", id "desk", whose version is the configuration's version,
// and its stamp (id "stamp", same version) that writes read to see whether it
// moved (docs/configuration.md, "Where the configuration lives").
#pragma once

#include <ticketcore/config.hpp>
#include <ticketcore/desk.hpp>
#include <ticketcore/storage.hpp>

#include <memory>
#include <optional>

namespace ticketcore::detail {

// A configuration with the version it is stored at (0: not stored).
struct versioned_config {
  std::shared_ptr<const ticketcore::config> settings;
  configuration_version stamp;
};

// The stored configuration whose version is above `known`, read and
// validated; nullopt when none is stored or it is not newer. One small
// indexed read (the stamp) unless it is newer. error(not_supported) from a
// store without records by kind; error(storage) naming the entry when its
// record cannot be read back.
std::optional<versioned_config> load_configuration(transaction& tx, std::uint64_t known = 0);

// Stores `c` as version `stamp.version` (1 inserts; above it replaces the
// version before, error(conflict) otherwise).
void store_configuration(transaction& tx, const config& c, const configuration_version& stamp);

}  // namespace ticketcore::detail
