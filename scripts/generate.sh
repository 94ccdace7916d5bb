#!/usr/bin/env bash
# Regenerates every generated file: runs each scripts/gen/*.py with the given
# arguments. `--check` writes nothing and fails when a generated file is stale
# (CI runs it before the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for generator in scripts/gen/*.py; do
  [ -e "$generator" ] || continue
  case "$(basename "$generator")" in _*) continue ;; esac  # shared modules
  python3 "$generator" "$@" || status=1
done
exit $status
