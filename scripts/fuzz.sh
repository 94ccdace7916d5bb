#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang-14, AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for the given time, starting from
# the seed corpora in tests/fuzz/corpus/<target>/.
#   bash scripts/fuzz.sh            each target for 4 hours
#   bash scripts/fuzz.sh 60         each target for 60 s (CI)
# BUILD_DIR (default build-fuzz) and WORK_DIR (default build-fuzz/corpus: what
# the runs learn, kept between runs; the seed corpora are never written) may
# be given. Prints one line per target: `fuzz <target> runs <n> seconds <s>`.
# A finding stops its target and fails the script; libFuzzer leaves the input
# as crash-*/leak-*/timeout-* in the current directory.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-14400}"
bash scripts/install-deps.sh fuzz
build="${BUILD_DIR:-build-fuzz}"
work="${WORK_DIR:-$build/corpus}"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTICKETCORE_FUZZ=ON -DTICKETCORE_WERROR=ON -DTICKETCORE_TESTS=OFF -DTICKETCORE_EXAMPLES=OFF \
  -DTICKETCORE_CAPI=ON -DTICKETCORE_INSTALL=OFF
cmake --build "$build" --target fuzz_desk_execute fuzz_config_loader fuzz_query_reader

status=0
for target in desk_execute config_loader query_reader; do
  mkdir -p "$work/$target"
  log="$build/fuzz_$target.log"
  # -max_len: inputs up to 16 KiB (a query text past the limits, a whole
  # configuration); -timeout: one input taking 10 s is a finding (U4).
  if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
       -print_final_stats=1 "$work/$target" "tests/fuzz/corpus/$target" >"$log" 2>&1; then
    echo "fuzz $target: FINDING (see $log)"
    tail -n 40 "$log"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "fuzz $target runs ${runs:-0} seconds $seconds"
done
exit $status
