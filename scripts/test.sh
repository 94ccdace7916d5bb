#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, runs every test.
# BUILD_DIR and extra CMake arguments (e.g. -DTICKETCORE_SANITIZE=ON) may be given.
# Every setting the suite needs is passed, so a folder configured otherwise
# (by hand, or by an older demo.sh) is switched back; and a run in which no
# test ran fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build="${BUILD_DIR:-build}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTICKETCORE_WERROR=ON -DTICKETCORE_TESTS=ON \
      -DTICKETCORE_CAPI=ON -DTICKETCORE_EXAMPLES=ON "$@"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure --no-tests=error -j "$(nproc)"
