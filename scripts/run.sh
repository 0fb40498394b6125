#!/usr/bin/env bash
# Runs the bot on its embedded default: SQLite under ./data, development mode (no credentials), on
# http://127.0.0.1:3978 — ready for the Microsoft 365 Agents Playground. Extra arguments go to the bot.
# --demo: anyone who asks "where are we?" before being in an alliance gets a demo alliance (docs/health-check.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# The database in ./data of the checkout (dotnet run's content root is Bot/, which would put it in Bot/data).
export Storage__DataFolder=${Storage__DataFolder:-$PWD/data}
args=()
for arg in "$@"; do
  if [ "$arg" = "--demo" ]; then export Demo__ForNewcomers=true; else args+=("$arg"); fi
done
exec dotnet run --project Bot -c Release -- --urls http://127.0.0.1:3978 "${args[@]}"
