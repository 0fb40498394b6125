using AllianceBot.Bot.Tests.Teams;
using Microsoft.AspNetCore.Hosting;

[assembly: HostingStartup(typeof(AllianceBot.Bot.Tests.Hosting.E2EStandInStorage))]

namespace AllianceBot.Bot.Tests.Hosting;

/// <summary>
/// TEST-ONLY: lets tests/e2e run the real bot while the Data project's SQLite store is not merged yet. Loaded only
/// when tests/e2e starts the bot with ASPNETCORE_HOSTINGSTARTUPASSEMBLIES=AllianceBot.Bot.Tests; delete this file
/// (and that variable in tests/e2e/lib/bot.mjs) once AddStorage registers the real store.
/// </summary>
public sealed class E2EStandInStorage : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services => services.AddTestOnlyStorage());
}
