#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, runs every test.
# BUILD_DIR and extra CMake arguments (e.g. -DTICKETCORE_SANITIZE=ON) may be given.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build="${BUILD_DIR:-build}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTICKETCORE_WERROR=ON "$@"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
