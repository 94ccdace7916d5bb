#!/usr/bin/env bash
# Installs ticketcore (shared, then static) into a scratch prefix and builds
# and runs a consumer that uses only find_package(ticketcore).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/install-deps.sh
for shared in ON OFF; do
  build="build-package-$shared"
  prefix="$PWD/_install/$shared"
  rm -rf "$prefix" "$build-consumer"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=$shared \
        -DTICKETCORE_TESTS=OFF -DTICKETCORE_EXAMPLES=OFF -DTICKETCORE_INSTALL=ON -DTICKETCORE_WERROR=ON
  cmake --build "$build"
  cmake --install "$build" --prefix "$prefix"
  cmake -S tests/package/consumer -B "$build-consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix"
  cmake --build "$build-consumer"
  LD_LIBRARY_PATH="$prefix/lib" "$build-consumer/consumer"
done
