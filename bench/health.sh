#!/usr/bin/env bash
# The health check at scale (issue 18, docs/benchmarks.md): an alliance of 500 members with 36 closed rounds, the
# "where are we?" turn through the real host (/api/messages) and the chart PNGs (the card's signed links, and links
# for every closed round × chart × language so that each request renders). SQLite, then PostgreSQL (its own server,
# fsync on, started here and removed afterwards).
#   bench/health.sh                       # both stores, 100 turns each
#   STORES=postgres TURNS=200 bench/health.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STORES=${STORES:-sqlite postgres}; TURNS=${TURNS:-100}; MEMBERS=${MEMBERS:-500}; ROUNDS=${ROUNDS:-36}; PGPORT=${PGPORT:-55452}

dotnet build Bot -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/AllianceBot.Inbound -c Release -nologo -clp:ErrorsOnly >/dev/null
B=bench/AllianceBot.Inbound/bin/Release/net10.0/AllianceBot.Inbound.dll

echo "| store | alliance | request | n | p50 ms | p99 ms | max ms | bot CPU ms/request | server CPU ms/request | load |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for store in $STORES; do
  PG=()
  if [ "$store" = postgres ]; then
    # Its own server with fsync ON: a commit is durable when acknowledged, as in production.
    source scripts/postgres.sh; PG_DURABLE=1 pg_start >/dev/null; trap pg_stop EXIT
    PG=(--postgres "$ALLIANCEBOT_TEST_POSTGRES")
  fi
  dotnet "$B" --health --store "$store" "${PG[@]}" --members "$MEMBERS" --rounds "$ROUNDS" --turns "$TURNS"
done
