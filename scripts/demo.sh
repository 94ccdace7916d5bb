#!/usr/bin/env bash
# Installs what is missing, builds, and runs the widespread-bug demo.
# Its own build folder (build-demo, Release): scripts/test.sh's folder keeps
# its own settings whichever command ran first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build="${BUILD_DIR:-build-demo}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTICKETCORE_TESTS=OFF -DTICKETCORE_EXAMPLES=ON
cmake --build "$build" --target widespread_bug
"./$build/examples/widespread_bug"
