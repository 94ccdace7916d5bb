// The library version. The SOVERSION is the major version.
#pragma once

#include <ticketcore/export.hpp>

#define TICKETCORE_VERSION_MAJOR 0
#define TICKETCORE_VERSION_MINOR 1
#define TICKETCORE_VERSION_PATCH 0

namespace ticketcore {

// "0.1.0": the version of the library actually linked.
TICKETCORE_API const char* version() noexcept;

}  // namespace ticketcore
