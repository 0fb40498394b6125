using System.Net;
using AllianceBot.Bot.Export;
using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Alliances;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Bot.Tests.Export;

/// <summary>The export link through the real host, on a real SQLite database in a temp folder.</summary>
public sealed class ExportEndpointTests : IClassFixture<ExportEndpointTests.ExportApp>
{
    private readonly ExportApp app;

    public ExportEndpointTests(ExportApp app) => this.app = app;

    public sealed class ExportApp : WebApplicationFactory<Program>
    {
        private readonly string folder = Directory.CreateTempSubdirectory("export-").FullName;

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:DataFolder", folder);
            builder.UseSetting("Export:SigningKey", "export-test-key-0123456789-0123456789");
            builder.UseSetting("Bot:PublicBaseUrl", "https://bot.example.com/");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            });
        }

        public IExportLinks Links => Services.GetRequiredService<IExportLinks>();

        public Database Database => Services.GetRequiredService<Database>();

        public static string Local(string link) => new Uri(link).PathAndQuery;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>An alliance of Acme (3 in Teams tenant A) and Globex (3 in tenant B) with one closed round; k = 3.</summary>
    private async Task<Guid> SeedAsync()
    {
        _ = app.Server;
        var db = app.Database;
        var contacts = new ContactStore(db);
        var now = app.Time.GetUtcNow();
        async Task<Contact> PersonAsync(string tenant, string user) =>
            await contacts.RecordSightingAsync(new ContactSighting(new ConversationReference("msteams", tenant, user, "https://smba.example/", null, "28:bot"), user, "en", null, now), default);
        var anna = await PersonAsync("tenant-a", "29:anna-" + Guid.NewGuid().ToString("N")[..6]);
        var created = await db.CreateAllianceAsync(new NewAlliance("Acme–Globex", anna.Id, "Acme", ["Globex"], AnonymityK: 3), now, default);
        var id = created.Alliance.Id;
        var members = new List<Member> { created.Creator };
        foreach (var (tenant, partner, n) in new[] { ("tenant-a", created.Partners[0], 2), ("tenant-b", created.Partners[1], 3) })
        {
            for (var i = 0; i < n; i++)
            {
                var contact = await PersonAsync(tenant, $"29:{Guid.NewGuid():N}");
                members.Add(await db.AddMemberAsync(new NewMember(id, partner.Id, contact.Id), now, default));
            }
        }

        var round = (await db.OpenRoundAsync(new NewRound(id, "2026-03", RoundKind.Regular, "[\"rel-anchor\"]", now, now.AddDays(7)), default)).Round;
        var value = 1;
        foreach (var member in members)
        {
            await db.RecordAnswersAsync(round.Id, member.Id, new Dictionary<string, int> { ["rel-anchor"] = value++ % 5 + 1 }, now, default);
        }

        await db.CloseRoundAsync(round.Id, "{}", now.AddDays(7), default);
        return id;
    }

    [Fact]
    public async Task AGenuineLinkDownloadsTheAggregatesWithoutRawAnswers()
    {
        var id = await SeedAsync();
        var link = app.Links.For(id);
        Assert.StartsWith($"https://bot.example.com/export/{id:D}.csv?exp=", link.Url, StringComparison.Ordinal);

        var response = await app.CreateClient().GetAsync(ExportApp.Local(link.Url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("round,closed_at,slice,item,respondents,mean,dont_know", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        Assert.Contains(lines, l => l.Contains(",all,rel-anchor,6,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Acme,rel-anchor,3,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Globex,rel-anchor,3,", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Equal(7, l.Split(',').Length));
    }

    [Fact]
    public async Task TamperedOrOtherAllianceLinksAre403AndOldOnes410()
    {
        var id = await SeedAsync();
        var other = await SeedAsync();
        var client = app.CreateClient();
        var link = ExportApp.Local(app.Links.For(id).Url);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link.Replace(id.ToString("D"), other.ToString("D"), StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link[..^3] + (link[^3..] == "AAA" ? "BBB" : "AAA"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link.Replace("exp=", "exp=9", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/export/{id:D}.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/export/not-a-guid.csv?exp=1&sig=x")).StatusCode);

        // A genuine link whose hour has passed (signed by the host's own key with an exp in the past).
        var signer = app.Services.GetRequiredService<ExportLinkSigner>();
        var past = app.Time.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/export/{id:D}.csv?exp={past}&sig={signer.Sign(id, past)}")).StatusCode);
    }

    [Fact]
    public async Task ALinkToADeletedAllianceIsGone()
    {
        var id = await SeedAsync();
        var link = ExportApp.Local(app.Links.For(id).Url);
        await Data.Privacy.DeleteAllianceUseCase.DeleteAllianceAsync(app.Database, id, default);
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateClient().GetAsync(link)).StatusCode);
    }
}
