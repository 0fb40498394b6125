#!/usr/bin/env bash
# Runs the bot on its embedded default: SQLite under ./data, development mode (no credentials), on
# http://127.0.0.1:3978 — ready for the Microsoft 365 Agents Playground. Extra arguments go to the bot.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
exec dotnet run --project Bot -c Release -- --urls http://127.0.0.1:3978 "$@"
