using AllianceBot.Bot.Charts;
using AllianceBot.Bot.Export;
using AllianceBot.Bot.Links;
using AllianceBot.Dialogs.Alliances;
using AllianceBot.Trust;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AllianceBot.Bot.Tests.Links;

/// <summary>
/// One key signs every link (Links:SigningKey). A deployed bot configured with the older names (Charts:SigningKey,
/// Export:SigningKey) keeps working: they are read, in that order, when the new one is empty.
/// </summary>
public sealed class LinkKeyConfigurationTests
{
    private const string NewKey = "links-new-key-0123456789-0123456789-0123456789";
    private const string ChartKey = "links-old-chart-key-0123456789-0123456789-01";
    private const string ExportKey = "links-old-export-key-0123456789-0123456789-0";

    [Theory]
    [InlineData(NewKey, ChartKey, ExportKey, NewKey)]
    [InlineData("", ChartKey, ExportKey, ChartKey)]
    [InlineData("", "", ExportKey, ExportKey)]
    public void TheNewKeyWinsAndTheOlderNamesStillWork(string links, string charts, string export, string used)
    {
        using var data = new Hosting.TestDataFolder();
        using var app = Production(data, links, charts, export);

        var signed = app.Services.GetRequiredService<SignedLinks>();
        var expected = new SignedLinks(Options.Create(new LinkOptions { SigningKey = used }), TimeProvider.System);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        Assert.Equal(expected.Sign(LinkPurpose.Export, exp, "x"), signed.Sign(LinkPurpose.Export, exp, "x"));

        // Charts, report and export all sign with it, each under its own purpose, on the one base URL.
        var chart = app.Services.GetRequiredService<IChartLinks>().For("acme", "r1", ChartKind.Nav, Language.Fallback);
        var csv = app.Services.GetRequiredService<IExportLinks>().For(Guid.NewGuid());
        Assert.StartsWith("https://links.example.com/charts/acme/r1/", chart, StringComparison.Ordinal);
        Assert.StartsWith("https://links.example.com/export/", csv.Url, StringComparison.Ordinal);
        Assert.Equal(LinkCheck.Valid, app.Services.GetRequiredService<ExportLinkSigner>().Verify(
            Guid.Parse(csv.Url.Split('/')[4][..36]), csv.ExpiresAt.ToUnixTimeSeconds(), csv.Url[(csv.Url.IndexOf("sig=", StringComparison.Ordinal) + 4)..]));
    }

    [Fact]
    public void ProductionWithoutAnyKeyNamesTheNewSetting()
    {
        using var data = new Hosting.TestDataFolder();
        using var app = Production(data, "", "", "");

        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<SignedLinks>());
        Assert.Contains("Links:SigningKey", error.ToString(), StringComparison.Ordinal);
    }

    private static WebApplicationFactory<Program> Production(Hosting.TestDataFolder data, string links, string charts, string export) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Teams:AppId", "00000000-0000-0000-0000-000000000001");
            b.UseSetting("Teams:AppPassword", "test-secret");
            b.UseSetting("Teams:TenantId", "00000000-0000-0000-0000-0000000000aa");
            b.UseSetting("Dialogs:JoinCodes:HashKey", "link-tests-join-code-key-0123456789-0123456789");
            b.UseSetting("Storage:DataFolder", data.Path);
            b.UseSetting("Bot:PublicBaseUrl", "https://links.example.com/");
            b.UseSetting("Links:SigningKey", links);
            b.UseSetting("Charts:SigningKey", charts);
            b.UseSetting("Export:SigningKey", export);
        });
}
