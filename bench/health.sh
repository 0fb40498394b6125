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
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    PG_ROOT=$(mktemp -d /tmp/alliancebot-healthpg.XXXXXX); chown postgres: "$PG_ROOT"
    echo secret > "$PG_ROOT/pw"; chown postgres "$PG_ROOT/pw"
    runuser -u postgres -- "$bin/initdb" -D "$PG_ROOT/data" -U postgres --pwfile="$PG_ROOT/pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$bin/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_ROOT -c max_connections=200" start >/dev/null
    trap 'runuser -u postgres -- "$bin/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PG_ROOT"' EXIT
    PG=(--postgres "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=secret;Database=postgres")
  fi
  dotnet "$B" --health --store "$store" "${PG[@]}" --members "$MEMBERS" --rounds "$ROUNDS" --turns "$TURNS"
done
