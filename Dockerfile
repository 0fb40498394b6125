# AllianceBot container: build with `docker build -t alliancebot .`, run as docs/deploy/hosting.md shows.
# The contract this image relies on (non-root, read-only /app, port from ASPNETCORE_HTTP_PORTS, data in /data,
# SIGTERM drains the outbox, several replicas on PostgreSQL) is tested with the same publish output in
# tests/Deploy.Tests/ContainerContractTests.cs.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Bot/AllianceBot.Bot.csproj Bot/
COPY Data/AllianceBot.Data.csproj Data/
COPY Dialogs/AllianceBot.Dialogs.csproj Dialogs/
COPY Scheduling/AllianceBot.Scheduling.csproj Scheduling/
COPY Trust/AllianceBot.Trust.csproj Trust/
# linux-x64: the publish below is ReadyToRun (precompiled), which needs the runtime identifier from the restore on.
RUN dotnet restore Bot/AllianceBot.Bot.csproj -r linux-x64
COPY Bot/ Bot/
COPY Data/ Data/
COPY Dialogs/ Dialogs/
COPY Scheduling/ Scheduling/
COPY Trust/ Trust/
# Embedded in the bot: the Teams package template (teams-package) and the /privacy and /terms texts.
COPY manifest/teams/ manifest/teams/
COPY docs/legal/ docs/legal/
# ReadyToRun (Bot's project turns it on with a runtime identifier): the first requests after a start run precompiled
# code instead of waiting for the JIT (issue 18: a cold start was 40% slower). Still framework-dependent.
RUN dotnet publish Bot/AllianceBot.Bot.csproj -c Release -r linux-x64 --self-contained false -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Fonts for the chart images (ScottPlot/SkiaSharp draw no text without them).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core libfontconfig1 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# /data holds the SQLite store (the default provider); with PostgreSQL it stays empty. Owned by the app user only.
RUN mkdir /data && chown "$APP_UID" /data && chmod 700 /data
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Storage__DataFolder=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
# APP_UID (1654) is the non-root user of Microsoft's .NET images; /app stays owned by root and read-only to it.
USER $APP_UID
# No curl in the image: the bot asks its own /healthz (exit 0 healthy, 1 not).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "/app/AllianceBot.Bot.dll", "healthcheck"]
# Exec form: the bot is PID 1's only child-free process and receives SIGTERM itself (graceful stop, outbox drained).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/AllianceBot.Bot.dll"]
