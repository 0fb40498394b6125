#!/usr/bin/env bash
# Source this file, then `pg_start` / `pg_stop`. Starts a throw-away PostgreSQL server on 127.0.0.1:$PGPORT
# (default 55432) in a temporary folder and exports ALLIANCEBOT_TEST_POSTGRES for the data tests.
# PG_DURABLE=1 keeps fsync on, as in production (the benchmarks); by default the server trades durability for test speed.
PGPORT=${PGPORT:-55432}

pg_start() {
  local bin sync=(--no-sync) settings="-c fsync=off"
  if [ "${PG_DURABLE:-0}" = 1 ]; then sync=(); settings=""; fi
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_ROOT=$(mktemp -d /tmp/alliancebot-pg.XXXXXX)
  chown postgres: "$PG_ROOT"
  echo secret > "$PG_ROOT/pw"; chown postgres "$PG_ROOT/pw"
  runuser -u postgres -- "$bin/initdb" -D "$PG_ROOT/data" -U postgres --pwfile="$PG_ROOT/pw" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 "${sync[@]}" >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_ROOT $settings -c max_connections=300" start >/dev/null
  PG_BIN=$bin
  export PG_ROOT PG_BIN
  export ALLIANCEBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Password=secret;Database=postgres"
  echo "postgres: listening on 127.0.0.1:$PGPORT"
}

pg_stop() {
  [ -n "${PG_ROOT:-}" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"
}
