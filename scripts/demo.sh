#!/usr/bin/env bash
# Installs what is missing, builds, and runs the widespread-bug demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTICKETCORE_TESTS=OFF
cmake --build build --target widespread_bug
./build/examples/widespread_bug
