using AllianceBot.Trust;
using System.Net;
using System.Text.RegularExpressions;
using AllianceBot.Bot.Legal;
using AllianceBot.Bot.Tests.Hosting;
using AllianceBot.Bot.Tests.Support;
using AllianceBot.Data.Privacy;
using AllianceBot.Data.Storage;
using AllianceBot.Dialogs.Intents;

namespace AllianceBot.Bot.Tests.Legal;

/// <summary>
/// Issue 14: the Teams manifest's privacyUrl and termsOfUseUrl pointed at a placeholder host. The bot now serves
/// /privacy and /terms itself, in English and Dutch, from docs/legal/*.md, headed by the operator's name and contact.
/// </summary>
public sealed partial class LegalPagesTests
{
    private static readonly Dictionary<string, string?> Operator = new()
    {
        ["Legal:Operator"] = "Contoso Hosting <B.V.>",
        ["Legal:Contact"] = "privacy@contoso.example",
    };

    [Theory]
    [InlineData("/privacy", "Privacy statement")]
    [InlineData("/terms", "Terms of use")]
    public async Task BothPagesAnswer200InHtmlWithTheOperatorsNameAndContactEncoded(string path, string title)
    {
        using var host = new TeamsHost("Production", ProductionSettings());

        using var response = await host.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"<h1>{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Contoso Hosting &lt;B.V.&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<B.V.>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:privacy@contoso.example\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "en")]
    [InlineData("nl-NL,nl;q=0.9,en;q=0.8", null, "nl")]
    [InlineData("fr-FR, de;q=0.9, nl;q=0.5", null, "de")]
    [InlineData("de-AT", null, "de")]
    [InlineData("fr-FR, nl;q=0.5", null, "nl")]
    [InlineData("nl-NL", "de", "de")]
    [InlineData("fr-FR", null, "en")]
    [InlineData("nl-NL", "en", "en")]
    [InlineData("en-GB", "nl", "nl")]
    public async Task TheLanguageComesFromTheQueryElseAcceptLanguageElseEnglish(string? acceptLanguage, string? lang, string expected)
    {
        using var host = new TeamsHost(settings: Operator);
        var request = new HttpRequestMessage(HttpMethod.Get, lang is null ? "/privacy" : $"/privacy?lang={lang}");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await host.CreateClient().SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentLanguage);
        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
        Assert.Contains(expected switch { "nl" => "<h1>Privacyverklaring</h1>", "de" => "<h1>Datenschutzerklärung</h1>", _ => "<h1>Privacy statement</h1>" }, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnOperatorThePageSaysWhoToAskInsteadOfShowingBlanks()
    {
        using var host = new TeamsHost();

        var html = await host.CreateClient().GetStringAsync("/terms?lang=nl");

        Assert.Contains("de organisatie die deze bot beheert", html, StringComparison.Ordinal);
        Assert.Contains("vraag het uw Microsoft Teams- of Slack-beheerder", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGermanPageHasAGermanHeaderAndLinksToEveryOtherLanguage()
    {
        using var host = new TeamsHost();

        var html = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync("/privacy?lang=de"));

        Assert.Contains("Betrieben von: <strong>der Organisation, die für diesen Bot verantwortlich ist</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Kontakt: wenden Sie sich an Ihre Microsoft-Teams- oder Slack-Administration", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"?lang=nl\" hreflang=\"nl\" lang=\"nl\">Nederlands</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("?lang=de", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLegalTextsAreInEverySupportedLanguage() => Assert.Equal(Languages.Supported, LegalPages.Languages);

    [Theory]
    [InlineData("privacy")]
    [InlineData("terms")]
    public async Task EveryHeadingAndStatementOfTheDocsIsOnThePage(string document)
    {
        using var host = new TeamsHost(settings: Operator);
        foreach (var language in LegalPages.Languages)
        {
            var docs = await File.ReadAllTextAsync(DocsFile(document, language));
            Assert.Equal(docs, LegalPages.Markdown(document, language));
            var page = WebUtility.HtmlDecode(TagsAndBreaks().Replace(await host.CreateClient().GetStringAsync($"/{document}?lang={language.Code}"), " "));
            foreach (var statement in Statements(docs))
            {
                Assert.Contains(statement, Collapse(page), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("privacy", "nl")]
    [InlineData("terms", "nl")]
    [InlineData("privacy", "de")]
    [InlineData("terms", "de")]
    public void EveryTranslationHasTheSameSectionsAndAsManyStatementsAsTheEnglish(string document, string language)
    {
        static int[] Shape(string markdown) =>
            [.. markdown.Split("\n## ").Select(section => section.Split('\n').Count(line => line.StartsWith("- ", StringComparison.Ordinal)))];

        Assert.Equal(Shape(File.ReadAllText(DocsFile(document, "en"))), Shape(File.ReadAllText(DocsFile(document, language))));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    [InlineData("de")]
    public void TheCommandsThePrivacyStatementTellsPeopleToTypeExist(string language)
    {
        var docs = File.ReadAllText(DocsFile("privacy", language));
        var told = Quoted().Matches(docs).Select(m => m.Groups[1].Value).ToList();
        var commands = IntentTable.All.SelectMany(i => i.Phrasing(Language.Of(language)).Commands).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(3, told.Count);
        Assert.All(told, command => Assert.Contains(command, commands));
    }

    [Theory]
    [InlineData("en", "36 months", "30 days")]
    [InlineData("nl", "36 maanden", "30 dagen")]
    [InlineData("de", "36 Monate", "30 Tagen")]
    public void TheRetentionPeriodsStatedAreTheDefaults(string language, string rounds, string deliveries)
    {
        var docs = Collapse(File.ReadAllText(DocsFile("privacy", language)));

        Assert.Equal(36, new StorageOptions().RetentionMonths);
        Assert.Equal(30, new RetentionPolicy().FinishedOutboxDays);
        Assert.Contains(rounds, docs, StringComparison.Ordinal);
        Assert.Contains(deliveries, docs, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> ProductionSettings() => new(Operator)
    {
        ["Teams:AppId"] = "6f1b7a3e-2c4d-4e5f-8a9b-0c1d2e3f4a5b",
        ["Teams:AppPassword"] = "secret",
        ["Teams:TenantId"] = "11111111-2222-3333-4444-555555555555",
        ["Bot:PublicBaseUrl"] = "https://bot.contoso.com",
    };

    private static string DocsFile(string document, Language language) =>
        RepoPaths.Combine("docs", "legal", LegalPages.FileName(document, language));

    private static string DocsFile(string document, string language) => DocsFile(document, Language.Of(language));

    /// <summary>Headings and list items of the Markdown, as plain text on one line each.</summary>
    private static IEnumerable<string> Statements(string markdown) =>
        markdown.Split("\n\n")
            .SelectMany(block => Regex.Split(block, @"\n(?=- )"))
            .Select(block => Collapse(block.TrimStart('#', '-', ' ')))
            .Where(text => text.Length > 0);

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"<[^>]+>|\n")]
    private static partial Regex TagsAndBreaks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
