#!/usr/bin/env bash
# Runs every test on a clean Debian machine: installs what is missing, starts PostgreSQL, builds, runs the .NET
# suites (SQLite and PostgreSQL), then the end-to-end tests inside a network namespace that has only loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
# shellcheck source=postgres.sh
source scripts/postgres.sh
pg_start
trap pg_stop EXIT

dotnet build AllianceBot.sln -c Release -nologo -clp:ErrorsOnly
dotnet test AllianceBot.sln -c Release --no-build -nologo

# End to end: the bot (Bot/bin/Release, built above) and the Agents Playground in a network namespace with only
# loopback, so nothing can leave the machine (the Playground phones home unless told not to; here it cannot).
unshare -n bash -c 'ip link set lo up; tests/e2e/run.sh'
