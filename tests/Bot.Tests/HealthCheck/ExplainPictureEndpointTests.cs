using System.Net;
using AllianceBot.Bot.Tests.Charts;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Bot.Tests.HealthCheck;

/// <summary>Issue 17: the explain cards' NAV picture is the chart endpoint's model picture, behind the same signed links.</summary>
public sealed class ExplainPictureEndpointTests : IClassFixture<HealthHost>
{
    private readonly HealthHost host;

    public ExplainPictureEndpointTests(HealthHost host) => this.host = host;

    [Theory]
    [InlineData("en-US", "what is the nav model?", ".en.png")]
    [InlineData("nl-NL", "welke fasen zijn er?", ".nl.png")]
    public async Task TheExplainCardsPictureIsASignedModelChartThatLoads(string locale, string question, string suffix)
    {
        var card = await host.CardAsync("29:explain-picture", locale, question, CardKind.Info);
        var url = Assert.Single(card.Body.OfType<ImageBlock>()).Url;
        var uri = new Uri(url);
        Assert.StartsWith("/charts/model/model/nav", uri.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith(suffix, uri.AbsolutePath, StringComparison.Ordinal);

        var client = host.CreateClient();
        using var response = await client.GetAsync(uri.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(PngFacts.Dimensions(png).Width, 1, 1024);

        // The signature covers the kind: the same link edited to the trend is refused, and there is no model trend anyway.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(uri.PathAndQuery.Replace("/nav.", "/trend.", StringComparison.Ordinal))).StatusCode);
    }
}
