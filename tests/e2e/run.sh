#!/usr/bin/env bash
# End-to-end tests: the bot built from this checkout + the Agents Playground, driven through its API, websocket
# and headless Chromium. Run it inside a loopback-only network namespace (scripts/test.sh does):
#   unshare -n bash -c 'ip link set lo up; tests/e2e/run.sh'
# Needs a prior `dotnet build AllianceBot.sln -c Release` (the bot runs from Bot/bin/Release) and `scripts/setup.sh`
# (Node tools, Chromium, sqlite3); nothing is downloaded here.
set -euo pipefail
cd "$(dirname "$0")"
exec node --test --test-concurrency=1 --test-reporter=spec "$@" ./*.test.mjs
