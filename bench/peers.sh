#!/usr/bin/env bash
# The inbound answer benchmark with its peers (docs/benchmarks.md, "Peers"): installs bench/peers (npm ci from the pinned
# package-lock.json), then runs bench/inbound.sh with the bot, the Bot Framework SDK for JS peer and the Microsoft 365
# Agents SDK JS peer, alternating — each RUNS times (3) in invoke and submit mode, each run on a fresh SQLite file,
# driven by the same load generator and checked by the same row check. One table row per run.
#   bench/peers.sh
#   IMPLS="botbuilder agents" RUNS=1 WARMUP=3 bench/peers.sh     # only the peers, one short run each
#   (every variable of bench/inbound.sh applies: RUNS, MODES, WARMUP, SECONDS_TIMED, MEMBERS, CONNECTIONS, KILL, R2R)
#
# Installing on a clean Debian machine (apt and the npm registry only): the peers' SQLite is better-sqlite3, compiled
# here from its bundled SQLite source, because its install step would otherwise download a prebuilt binary from GitHub.
#   needs: Node.js 20 or newer and its C++ headers (include/node/node.h next to bin/node: the nodesource nodejs package
#          ships them; with Debian's own nodejs package: apt-get install libnode-dev), python3, make and g++
#          (apt-get install python3 make g++). The compile takes about 2 minutes of CPU (4 on a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_PREFIX=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
if [ ! -f bench/peers/node_modules/.package-lock.json ] || [ bench/peers/package-lock.json -nt bench/peers/node_modules/.package-lock.json ] \
   || ! (cd bench/peers && node -e 'require("better-sqlite3")' 2>/dev/null); then
  [ -f "$NODE_PREFIX/include/node/node.h" ] || { echo "peers: $NODE_PREFIX/include/node/node.h is missing (Node.js headers: apt-get install libnode-dev, or the nodesource nodejs package)" >&2; exit 2; }
  for tool in python3 make g++; do command -v "$tool" >/dev/null || { echo "peers: $tool is missing (apt-get install python3 make g++)" >&2; exit 2; }; done
  echo "peers: npm ci (bench/peers, better-sqlite3 compiled against $NODE_PREFIX/include/node)" >&2
  started=$SECONDS
  (cd bench/peers && npm_config_build_from_source=true npm_config_nodedir="$NODE_PREFIX" npm ci --no-audit --no-fund --loglevel=error >&2)
  (cd bench/peers && node -e 'require("better-sqlite3")') || { echo "peers: better-sqlite3 does not load" >&2; exit 2; }
  echo "peers: installed in $((SECONDS - started)) s" >&2
fi

IMPLS=${IMPLS:-alliancebot botbuilder agents} exec bench/inbound.sh
