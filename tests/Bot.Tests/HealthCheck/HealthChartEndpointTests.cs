using System.Net;
using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Tests.Charts;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.HealthCheck;

/// <summary>
/// The chart URLs on real health-check cards, served by the real host from real SQLite: the demo alliance's charts
/// are PNGs; tampered, expired, moved to another alliance, or for a round that is not the alliance's → 403/410/404.
/// </summary>
public sealed class HealthChartEndpointTests : IClassFixture<HealthHost>
{
    private readonly HealthHost host;

    public HealthChartEndpointTests(HealthHost host) => this.host = host;

    [Fact]
    public async Task TheDemoCardsChartsArePngsWithinTeamsLimitsAndRenderedOnce()
    {
        await host.CardAsync("29:png-user", "nl-NL", "demo", CardKind.Info);
        var card = await host.CardAsync("29:png-user", "nl-NL", "waar staan we in het model?", CardKind.HealthCheck);
        var nav = card.Body.OfType<ImageBlock>().Single().Url;
        var trend = card.Body.OfType<LineChartBlock>().Single().FallbackImageUrl!;
        Assert.StartsWith("https://bot.example.com/charts/", nav, StringComparison.Ordinal);
        Assert.EndsWith(".nl.png", new Uri(nav).AbsolutePath, StringComparison.Ordinal);

        var client = host.CreateClient();
        foreach (var url in new[] { nav, trend })
        {
            using var response = await client.GetAsync(Local(url));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            var png = await response.Content.ReadAsByteArrayAsync();
            var (width, height) = PngFacts.Dimensions(png);
            Assert.InRange(width, 1, 1024);
            Assert.InRange(height, 1, 1024);
            Assert.InRange(png.Length, 1, (200 * 1024) - 1);
        }

        // Cached: the second request is the same bytes (rendered once per alliance, round, kind and language).
        var first = await client.GetByteArrayAsync(Local(nav));
        var second = await client.GetByteArrayAsync(Local(nav));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task TamperedExpiredOrMovedLinksAreRefused()
    {
        await host.CardAsync("29:owner", "en-US", "demo", CardKind.Info);
        await host.CardAsync("29:someone-else", "en-US", "demo", CardKind.Info);
        var mine = (await host.CardAsync("29:owner", "en-US", "where are we?", CardKind.HealthCheck)).Body.OfType<ImageBlock>().Single().Url;
        var theirs = (await host.CardAsync("29:someone-else", "en-US", "where are we?", CardKind.HealthCheck)).Body.OfType<ImageBlock>().Single().Url;
        var client = host.CreateClient();

        var path = new Uri(mine).AbsolutePath.Split('/');
        var theirAlliance = new Uri(theirs).AbsolutePath.Split('/')[2];
        Assert.NotEqual(path[2], theirAlliance);

        // Another alliance's id with my signature: the signature covers the alliance, so 403.
        var moved = Local(mine).Replace(path[2], theirAlliance, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(moved)).StatusCode);

        // One character of the signature changed.
        var local = Local(mine);
        var tampered = local[..^1] + (local[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(tampered)).StatusCode);

        // No signature at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri(mine).AbsolutePath)).StatusCode);

        // A genuine signature whose time is up.
        var signer = host.Services.GetRequiredService<ChartUrlSigner>();
        var expired = host.Time.GetUtcNow().AddHours(-1).ToUnixTimeSeconds();
        var key = new ChartKey(path[2], path[3], ChartKind.Nav, Language.En);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"{new Uri(mine).AbsolutePath}?exp={expired}&sig={signer.Sign(key, expired)}")).StatusCode);

        // A correctly signed link for my alliance but someone else's round: no data, 404 (nothing rendered).
        var theirRound = new Uri(theirs).AbsolutePath.Split('/')[3];
        var links = host.Services.GetRequiredService<IChartLinks>();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Local(links.For(path[2], theirRound, ChartKind.Nav, Language.En)))).StatusCode);
    }

    private static string Local(string url) => new Uri(url).PathAndQuery;
}
