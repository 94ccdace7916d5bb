// A kernel file that includes from a domain floor above it (the floors test
// of tests/CMakeLists.txt expects check_floors.cmake to name this line).
#include "domain/notify/outbox.hpp"
