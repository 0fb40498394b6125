#!/usr/bin/env bash
# Runs every test on a clean Debian machine: installs what is missing, starts PostgreSQL, builds, runs the .NET
# suites (SQLite and PostgreSQL), then the end-to-end tests inside a network namespace that has only loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# shellcheck source=postgres.sh
source scripts/postgres.sh
log=$(mktemp /tmp/alliancebot-test.XXXXXX)
pg_start
trap 'pg_stop; rm -f "$log"' EXIT

dotnet build AllianceBot.sln -c Release -nologo -clp:ErrorsOnly
dotnet test AllianceBot.sln -c Release --no-build -nologo | tee "$log"

# End to end: the bot (Bot/bin/Release, built above) and the Agents Playground in a network namespace with only
# loopback, so nothing can leave the machine (the Playground phones home unless told not to; here it cannot).
unshare -n bash -c 'ip link set lo up; tests/e2e/run.sh' | tee -a "$log"

# One line for every suite together (.NET per assembly, node's runner for the end-to-end tests).
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1) } }
     /^ℹ pass / { p += $3 } /^ℹ fail / { f += $3 }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
