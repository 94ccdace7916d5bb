#!/usr/bin/env bash
# Builds the benchmarks (Release) and runs each once, printing one line per
# figure: `name value unit baseline ratio` (docs/performance.md).
#   bash scripts/bench.sh          the sizes docs/performance.md reports
#   bash scripts/bench.sh tiny     every program once at a tiny size (CI: they cannot rot)
# BUILD_DIR (default build-rel) and DATA_DIR (default /tmp; large desk files
# are kept there and reused) may be given.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build="${BUILD_DIR:-build-rel}"
data="${DATA_DIR:-/tmp}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTICKETCORE_TESTS=OFF -DTICKETCORE_WERROR=ON
cmake --build "$build" --target bench

if [[ "${1:-}" == "tiny" ]]; then
  data=$(mktemp -d)
  trap 'rm -rf "$data"' EXIT
  "$build/bench/create" 1000 20 2000 "$data"
  "$build/bench/memory" 1000
  "$build/bench/tracker_fanout" 200 "$data"
  "$build/bench/tracker_linking" 400 "$data"
  "$build/bench/open_desk" 2000 "$data"
  "$build/bench/query_page" 2000 "$data"
  "$build/bench/search_limits" 2000 "$data" 2
  "$build/bench/visibility_long" 2000 both
  "$build/bench/report" 1000 "$data"
  "$build/bench/c_abi" 1000
  TICKETCORE_LIBRARY="$(ls "$build"/capi/libticketcore_c.so)" python3 bench/python_reads.py 1000
else
  "$build/bench/create" 200000 2000 1000000 "$data"
  "$build/bench/memory" 100000
  "$build/bench/tracker_fanout" 100000
  "$build/bench/tracker_fanout" 10000 "$data"   # the SQLite figure (building its desk takes long)
  "$build/bench/tracker_linking" 20000 "$data"
  "$build/bench/open_desk" 1000000 "$data"
  "$build/bench/query_page" 1000000 "$data"
  "$build/bench/search_limits" 100000 "$data"
  "$build/bench/report" 1000000 "$data"
  "$build/bench/c_abi" 20000
  TICKETCORE_LIBRARY="$(ls "$build"/capi/libticketcore_c.so)" python3 bench/python_reads.py 20000
fi
