#!/usr/bin/env bash
# Installs the Debian packages ticketcore builds with, if any is missing.
set -euo pipefail

packages=(cmake ninja-build ccache g++ libboost1.81-dev libboost-json1.81-dev libboost-test1.81-dev libsqlite3-dev
          libhowardhinnant-date-dev tzdata
          python3 python3-pip python3-setuptools)

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
