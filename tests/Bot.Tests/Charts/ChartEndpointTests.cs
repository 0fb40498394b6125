using System.Net;
using AllianceBot.Bot.Charts;
using AllianceBot.Trust;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AllianceBot.Bot.Tests.Charts;

/// <summary>The chart endpoint through the real host; only the data source and the clock are the test's.</summary>
public sealed class ChartEndpointTests : IClassFixture<ChartEndpointTests.ChartsApp>
{
    private readonly ChartsApp _app;

    public ChartEndpointTests(ChartsApp app) => _app = app;

    public sealed class ChartsApp : WebApplicationFactory<Program>
    {
        private readonly Hosting.TestDataFolder _data = new();

        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 10, 9, 0, 0, TimeSpan.Zero));

        public TestChartData Data { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Charts:SigningKey", "test-key-0123456789-0123456789-0123456789");
            builder.UseSetting("Dialogs:JoinCodes:HashKey", "chart-tests-join-code-key-0123456789-0123456789");

            // Production also needs the Teams credentials and a database; these tests are about charts only.
            builder.UseSetting("Teams:AppId", "00000000-0000-0000-0000-000000000001");
            builder.UseSetting("Teams:AppPassword", "not-used-by-chart-tests");
            builder.UseSetting("Teams:TenantId", "00000000-0000-0000-0000-0000000000aa");
            builder.UseSetting("Storage:DataFolder", _data.Path);
            builder.UseSetting("Bot:PublicBaseUrl", "https://bot.example.com/");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
                services.AddSingleton<IChartDataSource>(Data);
            });
        }

        public IChartLinks Links => Services.GetRequiredService<IChartLinks>();

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _data.Dispose();
            }
        }

        /// <summary>The path and query of a link (the test client talks to the in-memory host, not bot.example.com).</summary>
        public static string Local(string link) => new Uri(link).PathAndQuery;
    }

    /// <summary>Knows alliance "acme" round "r1" (and "globex" "r1"); counts how often it is asked.</summary>
    public sealed class TestChartData : IChartDataSource
    {
        private int _calls;

        public int Calls => _calls;

        public Task<ChartInput?> GetAsync(string allianceId, string roundId, ChartKind kind, Language language, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            ChartInput? input = allianceId is "acme" or "globex" && roundId == "r1"
                ? kind == ChartKind.Nav ? SampleCharts.Nav(language) : SampleCharts.Trend(language)
                : null;
            return Task.FromResult(input);
        }
    }

    [Theory]
    [InlineData(ChartKind.Nav, "en")]
    [InlineData(ChartKind.Trend, "nl")]
    public async Task ASignedLinkServesAPngThatFitsTeams(ChartKind kind, string code)
    {
        // A string, not a Language: xUnit 2 silently skips a theory whose InlineData must become a Language.
        var language = Language.Of(code);
        var link = _app.Links.For("acme", "r1", kind, language);
        Assert.StartsWith($"https://bot.example.com/charts/acme/r1/{kind.Slug()}.{language.Code()}.png?exp=", link, StringComparison.Ordinal);

        var response = await _app.CreateClient().GetAsync(ChartsApp.Local(link));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.InRange(response.Headers.CacheControl!.MaxAge!.Value, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        PngFacts.AssertFitsTeams(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AChartIsRenderedOncePerAllianceRoundKindAndLanguage()
    {
        var client = _app.CreateClient();
        var link = ChartsApp.Local(_app.Links.For("globex", "r1", ChartKind.Trend, Language.En));
        var before = _app.Data.Calls;

        var first = await client.GetByteArrayAsync(link);
        var second = await client.GetByteArrayAsync(link);

        Assert.Equal(first, second);
        Assert.Equal(before + 1, _app.Data.Calls);
    }

    [Fact]
    public async Task ATamperedOrMissingSignatureIsForbidden()
    {
        var client = _app.CreateClient();
        var link = ChartsApp.Local(_app.Links.For("acme", "r1", ChartKind.Nav, Language.En));
        var signature = link[(link.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link.Replace(signature, flipped, StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link[..link.IndexOf("&sig=", StringComparison.Ordinal)])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link.Replace("sig=", "sig=%%%", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task ExtendingTheExpiryBreaksTheSignature()
    {
        var link = ChartsApp.Local(_app.Links.For("acme", "r1", ChartKind.Nav, Language.En));
        var exp = long.Parse(System.Text.RegularExpressions.Regex.Match(link, "exp=([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var response = await _app.CreateClient().GetAsync(link.Replace($"exp={exp}", $"exp={exp + 86_400}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/charts/globex/r1/nav.en.png")]
    [InlineData("/charts/acme/r2/nav.en.png")]
    [InlineData("/charts/acme/r1/trend.en.png")]
    [InlineData("/charts/acme/r1/nav.nl.png")]
    public async Task ASignatureForOneChartDoesNotOpenAnother(string otherPath)
    {
        var link = ChartsApp.Local(_app.Links.For("acme", "r1", ChartKind.Nav, Language.En));
        var query = link[link.IndexOf('?', StringComparison.Ordinal)..];

        var response = await _app.CreateClient().GetAsync(otherPath + query);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredLinkIsGone()
    {
        var app = new ChartsApp();
        var link = ChartsApp.Local(app.Links.For("acme", "r1", ChartKind.Nav, Language.En));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);

        app.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(link)).StatusCode);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task AValidLinkWithoutDataIsNotFound()
    {
        var link = ChartsApp.Local(_app.Links.For("initech", "r1", ChartKind.Nav, Language.En));

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync(link)).StatusCode);
    }

    [Theory]
    [InlineData("/charts/acme/r1/pie.en.png?exp=1&sig=x", HttpStatusCode.NotFound)]
    [InlineData("/charts/acme/r1/nav.fr.png?exp=1&sig=x", HttpStatusCode.NotFound)]
    [InlineData("/charts/ac.me/r1/nav.en.png?exp=1&sig=x", HttpStatusCode.NotFound)]
    [InlineData("/charts/acme/r1/nav.en.png?exp=soon&sig=x", HttpStatusCode.BadRequest)]
    public async Task MalformedRequestsGetAClearAnswer(string path, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await _app.CreateClient().GetAsync(path)).StatusCode);
    }

    [Fact]
    public void LinksRefuseIdsThatCouldBendThePath()
    {
        Assert.Throws<ArgumentException>(() => _app.Links.For("../x", "r1", ChartKind.Nav, Language.En));
    }

    [Fact]
    public void ProductionRefusesToStartWithoutASigningKey()
    {
        using var data = new Hosting.TestDataFolder();
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Teams:AppId", "00000000-0000-0000-0000-000000000001");
            b.UseSetting("Teams:AppPassword", "test-secret");
            b.UseSetting("Teams:TenantId", "00000000-0000-0000-0000-0000000000aa");
            b.UseSetting("Charts:SigningKey", "");
            b.UseSetting("Dialogs:JoinCodes:HashKey", "chart-tests-join-code-key-0123456789-0123456789");
            b.UseSetting("Storage:DataFolder", data.Path);
        });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Links:SigningKey (or the older Charts:SigningKey)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DevelopmentGeneratesAKeyWhenNoneIsSet()
    {
        using var data = new Hosting.TestDataFolder();
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Charts:SigningKey", "");
            b.UseSetting("Storage:DataFolder", data.Path);
        });

        var link = app.Services.GetRequiredService<IChartLinks>().For("acme", "r1", ChartKind.Nav, Language.En);
        Assert.Contains("&sig=", link, StringComparison.Ordinal);
    }
}
