#!/usr/bin/env bash
# One command for the inbound answer benchmark (docs/benchmarks.md): builds the bot and the load generator in Release,
# then runs each mode RUNS times on a fresh database each time and prints one table row per run.
#   bench/inbound.sh                      # SQLite, invoke + submit, 3 runs each, 15 s warm-up, 10 s timed
#   STORE=postgres bench/inbound.sh       # starts its own PostgreSQL (fsync on) on 127.0.0.1:$PGPORT (55450), stops it after
#   WARMUP=3 RUNS=1 MODES=invoke bench/inbound.sh
#   KILL=1 bench/inbound.sh               # kill -9 of the bot after 5 s of load; checks every acknowledged answer is stored
#   R2R=0 bench/inbound.sh                # the plain `dotnet build` (JIT only) instead of the ReadyToRun publish
#   IMPLS="alliancebot botbuilder agents" bench/inbound.sh   # the peers of bench/peers too, alternating with the bot
#                                         # (SQLite only; installed by bench/peers.sh, which runs all three by default)
set -euo pipefail
cd "$(dirname "$0")/.."
STORE=${STORE:-sqlite}; RUNS=${RUNS:-3}; MODES=${MODES:-invoke submit}; WARMUP=${WARMUP:-15}; SECONDS_TIMED=${SECONDS_TIMED:-10}
MEMBERS=${MEMBERS:-20000}; CONNECTIONS=${CONNECTIONS:-16}; PGPORT=${PGPORT:-55450}; IMPLS=${IMPLS:-alliancebot}

dotnet build bench/AllianceBot.Inbound -c Release -nologo -clp:ErrorsOnly >/dev/null
B=bench/AllianceBot.Inbound/bin/Release/net10.0/AllianceBot.Inbound.dll
# The bot as the Dockerfile ships it: published ReadyToRun for linux-x64 (R2R=0: the plain JIT build of `dotnet build`).
if [[ " $IMPLS " != *" alliancebot "* ]]; then
  :
elif [ "${R2R:-1}" = 1 ]; then
  BOT=bench/AllianceBot.Inbound/bin/bot-r2r
  dotnet publish Bot -c Release -r linux-x64 --self-contained false -p:UseAppHost=false -o "$BOT" -nologo -clp:ErrorsOnly >/dev/null
else
  BOT=Bot/bin/Release/net10.0
  dotnet build Bot -c Release -nologo -clp:ErrorsOnly >/dev/null
fi
BOT_ARGS=(--bot "$PWD/${BOT:-}/AllianceBot.Bot.dll")

# What answers: the bot, or a peer of bench/peers (a Node.js bot on the prepared SQLite file, bench/peers.sh).
impl_args() {
  local version
  case "$1" in
    alliancebot) IMPL=("${BOT_ARGS[@]}") ;;
    botbuilder|agents)
      [ "$STORE" = sqlite ] || { echo "the peers answer from SQLite only (STORE=sqlite)" >&2; exit 2; }
      [ -d bench/peers/node_modules ] || { echo "bench/peers is not installed: run bench/peers.sh" >&2; exit 2; }
      if [ "$1" = botbuilder ]; then
        version=$(node -p 'require("./bench/peers/node_modules/botbuilder/package.json").version'); IMPL=(--peer bench/peers/botbuilder.js --peer-name "botbuilder $version")
      else
        version=$(node -p 'require("./bench/peers/node_modules/@microsoft/agents-hosting/package.json").version'); IMPL=(--peer bench/peers/agents.js --peer-name "agents-hosting $version")
      fi ;;
    *) echo "unknown implementation $1 (alliancebot, botbuilder, agents)" >&2; exit 2 ;;
  esac
}

PG=()
if [ "$STORE" = postgres ]; then
  # Its own server with fsync ON: a commit is durable when acknowledged, as in production.
  source scripts/postgres.sh; PG_DURABLE=1 pg_start >/dev/null; trap pg_stop EXIT
  PG=(--postgres "$ALLIANCEBOT_TEST_POSTGRES")
fi

echo "| store | mode | members | connections | warm-up | answers | answers/s | p50 ms | p99 ms | CPU ms/answer | RSS MB | missing | wrong | load | harness CPU ms/answer |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
if [ -n "${KILL:-}" ]; then
  for mode in $MODES; do for impl in $IMPLS; do impl_args "$impl"
    dotnet "$B" --mode "$mode" --store "$STORE" "${PG[@]}" "${IMPL[@]}" --members "$MEMBERS" --kill-after "${KILL_AFTER:-5}" | grep -v '^{'
  done; done
  exit
fi
for run in $(seq "$RUNS"); do
  for mode in $MODES; do for impl in $IMPLS; do impl_args "$impl"
    dotnet "$B" --mode "$mode" --store "$STORE" "${PG[@]}" "${IMPL[@]}" --members "$MEMBERS" --connections "$CONNECTIONS" \
      --warmup "$WARMUP" --seconds "$SECONDS_TIMED" | grep -v '^{'
  done; done
done
