#!/usr/bin/env bash
# Builds the Teams app package: scripts/package-teams.sh <app id> <bot host> [version]
# Writes dist/alliancebot-teams.zip; upload it in Teams (Apps > Manage your apps > Upload an app).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: scripts/package-teams.sh <Entra app id (GUID)> <bot host, e.g. bot.contoso.com> [version]" >&2
  exit 2
fi
exec node manifest/teams/package.mjs --app-id "$1" --host "$2" ${3:+--version "$3"} --out dist/alliancebot-teams.zip
