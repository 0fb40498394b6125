using AllianceBot.Data.Audit;
using AllianceBot.Data.Commitments;
using AllianceBot.Dialogs.HealthCheck;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Report;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Tests.HealthCheck;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Tests.Report;

/// <summary>Issue 17: "report" / "rapport" for managers, and what the report may show (the same disclosure rule as the cards).</summary>
public sealed class ReportTests
{
    private static readonly TextCatalog Catalog = TextCatalog.LoadEmbedded();

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task AManagerGetsALinkInTheirLanguageAndAMemberIsRefused(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        await host.JoinAsync(alliance, "Globex", TranscriptUser.Bram);
        await host.Transcript(TranscriptUser.Anna)
            .Send("steering committee report").ExpectCard(CardKind.Info, card =>
            {
                Assert.Equal("Steering-committee report of \"Acme – Globex\"", card.Title);
                var open = Assert.IsType<OpenUrlAction>(Assert.Single(card.Actions));
                Assert.Equal($"https://bot.test/report/{alliance.Alliance.Id:D}/en", open.Url);
                Assert.Contains(card.Body.OfType<FactList>().Single().Facts, f => f.Label == "Link valid until");
            })
            .Send("rapport").ExpectCard(CardKind.Info, card =>
                Assert.EndsWith("/nl", Assert.IsType<OpenUrlAction>(Assert.Single(card.Actions)).Url, StringComparison.Ordinal))
            .As(TranscriptUser.Bram).Send("rapport").ExpectCard(CardKind.Error, card =>
            {
                Assert.Contains("managers", ((Paragraph)card.Body[0]).Text, StringComparison.Ordinal);
                Assert.Empty(card.Actions.OfType<OpenUrlAction>());
            })
            .RunAsync();

        var audit = await host.Database.ListAuditAsync(alliance.Alliance.Id, 100, CancellationToken.None);
        Assert.Equal(2, audit.Count(a => a.Action == "report.link"));
    }

    [Fact]
    public async Task TheReportHasItsSectionsInOrderFromTheSameEvaluationAsTheCard()
    {
        await using var host = await HealthTestHost.StartAsync();
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        var people = (await host.PeopleAsync(alliance, "Acme", 6)).Concat(await host.PeopleAsync(alliance, "Globex", 6)).ToList();
        await host.ClosedRoundAsync(alliance, 2, people.Select(m => (m, 4, 4)));
        await host.ClosedRoundAsync(alliance, 1, people.Select(m => (m, 4, 3)));
        var document = await DocumentAsync(host, alliance.Alliance.Id, Language.En);

        Assert.Equal(["position", "course", "trend", "partners", "findings", "advice", "commitments", "participation", "unknowns"], document.Sections.Select(s => s.Id));
        Assert.Contains(Section(document, "commitments").OfType<Paragraph>(), p => p.Text.StartsWith("No commitments yet", StringComparison.Ordinal));
        Assert.Equal("Acme – Globex", document.Title);
        Assert.All(document.Sections, s => Assert.NotEmpty(s.Body));
        Assert.Contains(Section(document, "course").OfType<ImageBlock>(), i => i.Url.Contains("/nav.en.png", StringComparison.Ordinal) && i.AltText.Length > 20);
        Assert.Contains(Section(document, "trend").OfType<ImageBlock>(), i => i.Url.Contains("/trend.en.png", StringComparison.Ordinal));
        // Both partners answered with 6 ≥ k = 5: the comparison is there.
        var partners = Assert.Single(Section(document, "partners").OfType<TableBlock>());
        Assert.Equal(["Acme", "Globex"], partners.Rows.Select(r => r[0]).Order());
        Assert.Contains(Section(document, "advice").OfType<BulletList>(), b => b.Title == "Do");
        Assert.DoesNotContain(Texts.MissingMarkerStart, string.Join(" ", document.Sections.SelectMany(s => s.Body).Select(Describe)), StringComparison.Ordinal);

        var dutch = await DocumentAsync(host, alliance.Alliance.Id, Language.Nl);
        Assert.Equal("Positie en fase", dutch.Sections[0].Heading);
        Assert.Equal(Language.Nl, dutch.Language);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task TooFewAnswersFromOnePartnerHideThePerPartnerComparisonAndTheRoundCountsBelowK(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        var acme = await host.PeopleAsync(alliance, "Acme", 6);
        var globex = await host.PeopleAsync(alliance, "Globex", 2);
        // An earlier round with only 3 answers in all (below k), then one with 6 + 2.
        await host.ClosedRoundAsync(alliance, 2, acme.Take(3).Select(m => (m, 2, 5)));
        await host.ClosedRoundAsync(alliance, 1, acme.Concat(globex).Select((m, i) => (m, 3 + (i % 2), 4)));
        var document = await DocumentAsync(host, alliance.Alliance.Id, Language.En);

        // Globex has 2 < k answers; Acme is then hidden too, or Globex's answers would follow from the total.
        var partners = Section(document, "partners");
        Assert.Empty(partners.OfType<TableBlock>());
        var notices = partners.OfType<Paragraph>().Select(p => p.Text).ToList();
        Assert.Contains(notices, t => t.Contains("Fewer than 5 answers from Globex", StringComparison.Ordinal));
        Assert.Contains(notices, t => t.Contains("Acme's view is hidden", StringComparison.Ordinal));

        // Participation: the round of 3 says "fewer than 5", never its count; the round of 8 shows its count.
        var participation = Assert.Single(Section(document, "participation").OfType<TableBlock>());
        Assert.Equal("fewer than 5", participation.Rows[0][3]);
        Assert.StartsWith("8 (", participation.Rows[1][3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReportShowsTheCommitmentsKeptMissedAndOpenBesideTheirDimension()
    {
        await using var host = await HealthTestHost.StartAsync();
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        var people = (await host.PeopleAsync(alliance, "Acme", 6)).Concat(await host.PeopleAsync(alliance, "Globex", 6)).ToList();
        await host.ClosedRoundAsync(alliance, 2, people.Select(m => (m, 4, 4)));
        var now = DateTimeOffset.UtcNow;
        var owner = people[0];
        await host.Database.MakeCommitmentAsync(new NewCommitment(alliance.Alliance.Id, "p1.do.coffee", Dimension.Relational, owner.Id, owner.Id, 1, 2), now, CancellationToken.None);
        var kept = await host.Database.MakeCommitmentAsync(new NewCommitment(alliance.Alliance.Id, "p1.do.ambitions", Dimension.Relational, owner.Id, owner.Id, 1, 2), now, CancellationToken.None);
        await host.Database.MarkCommitmentDoneAsync(alliance.Alliance.Id, kept.Number, owner.Id, now, CancellationToken.None);

        var document = await DocumentAsync(host, alliance.Alliance.Id, Language.En);

        var section = document.Sections.Single(s => s.Id == "commitments");
        Assert.Equal("Commitments", section.Heading);
        Assert.DoesNotContain(section.Body, b => b is Heading or Divider);
        Assert.Contains(section.Body.OfType<Paragraph>(), p => p.Text == "1 kept, 0 missed, 1 open.");
        var lines = string.Join("\n", section.Body.OfType<BulletList>().SelectMany(b => b.Items));
        Assert.Contains("#1", lines, StringComparison.Ordinal);
        Assert.Contains("#2", lines, StringComparison.Ordinal);
        // The page is read by both partners' steering committee: no Commit or Done buttons on it.
        Assert.All(section.Body.OfType<BulletList>(), b => Assert.Null(b.SecondActions));
    }

    private static async Task<ReportDocument> DocumentAsync(HealthTestHost host, Guid allianceId, Language language)
    {
        var health = await host.Services.GetRequiredService<HealthEvaluator>().EvaluateAsync(allianceId, language, null, CancellationToken.None);
        var commitments = await host.Database.ListCommitmentsAsync(allianceId, CancellationToken.None);
        return ReportDocument.Build(health!, Catalog.For(language), host.Services.GetRequiredService<IHealthChartLinks>(), commitments);
    }

    private static IReadOnlyList<Block> Section(ReportDocument document, string id) => document.Sections.Single(s => s.Id == id).Body;

    private static string Describe(Block block) => block switch
    {
        Paragraph p => p.Text,
        Heading h => h.Text,
        FactList f => string.Join(" ", f.Facts.Select(x => $"{x.Label} {x.Value}")),
        BulletList b => string.Join(" ", b.Items),
        TableBlock t => string.Join(" ", t.Header.Concat(t.Rows.SelectMany(r => r))),
        ImageBlock i => i.AltText,
        _ => "",
    };
}
