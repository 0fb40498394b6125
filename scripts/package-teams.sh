#!/usr/bin/env bash
# Builds the Teams app package: scripts/package-teams.sh <app id> <bot host> [version]
# Writes dist/alliancebot-teams.zip with the bot's own `teams-package` command (System.IO.Compression; manifest and
# icons embedded from manifest/teams/). Upload it as docs/deploy/teams-admin.md describes.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: scripts/package-teams.sh <Entra app id (GUID)> <bot host, e.g. bot.contoso.com> [version]" >&2
  exit 2
fi
dotnet build Bot/AllianceBot.Bot.csproj -c Release -nologo -clp:ErrorsOnly >/dev/null
exec dotnet Bot/bin/Release/net10.0/AllianceBot.Bot.dll teams-package --app-id "$1" --host "$2" ${3:+--version "$3"} --out dist/alliancebot-teams.zip
