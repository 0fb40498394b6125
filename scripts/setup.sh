#!/usr/bin/env bash
# Installs what the test suite needs on a clean Debian machine: PostgreSQL, Chromium, sqlite3 and unzip from Debian, and the
# pinned npm tools (tests/tools/package-lock.json). Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v unzip >/dev/null 2>&1 || need+=(unzip)   # TeamsPackageTests: unzip -t reads the local headers
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
  echo "setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -d tests/tools/node_modules ] || [ tests/tools/package-lock.json -nt tests/tools/node_modules/.package-lock.json ]; then
  echo "setup: npm ci (tests/tools)"
  (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error)
fi
