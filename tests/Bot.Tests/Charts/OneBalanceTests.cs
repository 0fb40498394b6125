using AllianceBot.Bot.Charts;
using AllianceBot.Dialogs.Demo;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Trust;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Bot.Tests.Charts;

/// <summary>Issue 17: the NAV picture's "you are here" sat at the last round's balance (−0.9 in the demo) while the card said −0.2.</summary>
public sealed class OneBalanceTests
{
    [Fact]
    public async Task ThePicturesYouAreHereIsTheCardsBalance()
    {
        using var factory = new ChartEndpointTests.ChartsApp();
        _ = factory.CreateClient();
        var demos = factory.Services.GetRequiredService<DemoAlliances>();
        var demo = await demos.EnsureAsync(new Data.Members.ContactSighting(new("msteams", "tenant-a", "29:anna", "https://smba.trafficmanager.net/emea/", "a:anna-1on1", "28:alliancebot", "AllianceBot"), "Anna", "en-US", null, factory.Time.GetUtcNow()), Language.En, CancellationToken.None);
        var health = await factory.Services.GetRequiredService<HealthEvaluator>().EvaluateAsync(demo.AllianceId, Language.En, null, CancellationToken.None);

        var card = health!.Report.Position.Evidence.Balance;
        var nav = HealthCharts.Nav(health, Language.En);

        Assert.NotNull(card);
        Assert.Equal(card.Value, nav.Current.Balance, 10);
        Assert.NotEqual(health.Rounds[^1].Disclosed.Balance, nav.Current.Balance);
    }

    /// <summary>Issue 16: the demo alliance's charts from the data source in German: German month names, German words, a PNG that fits Teams.</summary>
    [Fact]
    public async Task TheDataSourcesChartsInGermanHaveGermanMonthsAndWords()
    {
        using var factory = new ChartEndpointTests.ChartsApp();
        _ = factory.CreateClient();
        var demo = await factory.Services.GetRequiredService<DemoAlliances>().EnsureAsync(new Data.Members.ContactSighting(new("msteams", "tenant-a", "29:greta", "https://smba.trafficmanager.net/emea/", "a:greta-1on1", "28:alliancebot", "AllianceBot"), "Greta", "de-DE", null, factory.Time.GetUtcNow()), Language.De, CancellationToken.None);
        var health = await factory.Services.GetRequiredService<HealthEvaluator>().EvaluateAsync(demo.AllianceId, Language.De, null, CancellationToken.None);
        string[] german = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];

        var trend = HealthCharts.Trend(health!, Language.De);
        var english = HealthCharts.Trend(health!, Language.En);
        var nav = HealthCharts.Nav(health!, Language.De);

        Assert.All(trend.Rounds, r => Assert.Contains(r.Label.Split(' ')[0], german));
        Assert.NotEqual(english.Rounds.Select(r => r.Label), trend.Rounds.Select(r => r.Label));
        Assert.All(nav.Course.Where(p => p.Label is not null), p => Assert.Contains(p.Label!.Split(' ')[0], german));
        foreach (ChartInput input in new ChartInput[] { nav, trend })
        {
            var png = ChartRenderer.RenderPng(input);
            PngFacts.AssertFitsTeams(png);
            Assert.NotEqual(ChartRenderer.RenderPng(input with { Language = Language.En }), png);
        }
    }
}
