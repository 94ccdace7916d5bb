#!/usr/bin/env bash
# Installs the Debian packages ticketcore builds with, if any is missing.
#   bash scripts/install-deps.sh        what the build, tests and benchmarks need
#   bash scripts/install-deps.sh fuzz   also clang-14 and its libFuzzer runtime (scripts/fuzz.sh)
set -euo pipefail

packages=(cmake ninja-build ccache g++ libboost1.81-dev libboost-json1.81-dev libboost-test1.81-dev libsqlite3-dev
          libhowardhinnant-date-dev tzdata
          python3 python3-pip python3-setuptools mypy)
if [[ "${1:-}" == "fuzz" ]]; then packages+=(clang-14 libclang-rt-14-dev); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
