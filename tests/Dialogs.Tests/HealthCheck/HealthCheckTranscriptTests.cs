using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.HealthCheck;

/// <summary>"Where are we?", "what moves us right?" and "drift" end to end through the router, over real SQLite and PostgreSQL.</summary>
public sealed class HealthCheckTranscriptTests
{
    private static readonly TranscriptUser Dana = new(new MemberIdentity(MemberIdentity.Teams, "tenant-a", "29:dana"), "Dana Member", "en-GB",
        Turns.ConversationKind.Personal, "a:dana-1on1");

    public static TheoryData<string> EnglishPhrasings => new()
    {
        "where are we?", "Where are we in the model?", "where are we in the model", "how healthy is our alliance", "health check",
        "healthcheck", "HEALTH CHECK!!", "wher are we", "where are we in teh model", "how is our alliance doing?", "status",
        "where do we stand", "@AllianceBot where are we?",
    };

    public static TheoryData<string> DutchPhrasings => new()
    {
        "waar staan we?", "Waar staan we in het model?", "waar staan we in het model", "hoe gezond is onze alliantie",
        "gezondheidscheck", "waar staan we in het modle", "hoe gezond is onze aliantie", "hoe staan we ervoor?", "waar staan we nu",
    };

    [Theory]
    [MemberData(nameof(EnglishPhrasings))]
    public async Task AMemberAskingInEnglishGetsTheEnglishHealthCheck(string phrasing)
    {
        await using var host = await HealthTestHost.StartAsync();
        var alliance = await Scenario(host);
        await host.Transcript(TranscriptUser.Anna).Send(phrasing).ExpectCard(CardKind.HealthCheck, card =>
        {
            Assert.Equal("Where are we in the model?", card.Title);
            Assert.Contains(alliance.Alliance.Name, card.Subtitle, StringComparison.Ordinal);
            Assert.Contains(card.Body, b => b is Heading { Text: "A. Where are we in the model?" });
            Assert.Contains(card.Body, b => b is Heading { Text: "B. What moves us further right?" });
            Assert.Contains(card.Body, b => b is ImageBlock image && image.Url.Contains("/nav.en.png", StringComparison.Ordinal));
            Assert.Contains(card.Body, b => b is LineChartBlock chart && chart.FallbackImageUrl!.Contains("/trend.en.png", StringComparison.Ordinal));
        }).RunAsync();
    }

    [Theory]
    [MemberData(nameof(DutchPhrasings))]
    public async Task AMemberAskingInDutchGetsTheDutchHealthCheckWithDecimalCommas(string phrasing)
    {
        await using var host = await HealthTestHost.StartAsync();
        await Scenario(host);
        await host.Transcript(TranscriptUser.Bram).Send(phrasing).ExpectCard(CardKind.HealthCheck, card =>
        {
            Assert.Equal("Waar staan we in het model?", card.Title);
            var facts = card.Body.OfType<FactList>().Single().Facts;
            Assert.Contains(facts, f => f.Label == "Calculatief vertrouwen" && f.Value.Contains(',', StringComparison.Ordinal));
            Assert.Contains(card.Body, b => b is ImageBlock image && image.Url.Contains("/nav.nl.png", StringComparison.Ordinal));
        }).RunAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task AChannelMentionInAnUnlinkedChannelGetsTheSameCardPrivatelyWithNothingIndividual(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        await Scenario(host);
        await host.Transcript(TranscriptUser.Anna.InChannel()).Send("<at>AllianceBot</at> where are we in the model?")
            .ExpectSentPrivatelyNote().ExpectPrivateCard(CardKind.HealthCheck, card =>
        {
            var text = string.Join("\n", card.Body.Select(Describe));
            Assert.DoesNotContain("Dana", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Anna", text, StringComparison.Ordinal);
            var table = card.Body.OfType<TableBlock>().Single();
            Assert.All(table.Rows, row => Assert.True(int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture) >= 5));
        }).RunAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task WhatMovesUsRightLeadsWithTheDosAndDontsAndTheirReasons(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        await Scenario(host);
        await host.Transcript(TranscriptUser.Anna).Send("what moves us right?").ExpectCard(CardKind.HealthCheck, card =>
        {
            Assert.Equal("What moves us further right?", card.Title);
            var dos = card.Body.OfType<BulletList>().Single(b => b.Title == "Do");
            Assert.All(dos.Items, item => Assert.Contains("Why: ", item, StringComparison.Ordinal));
            Assert.Contains(card.Actions, a => a.Title == "Where are we?");
        }).RunAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task SomeoneInTwoAlliancesIsAskedWhichOneAndTheChoiceRerunsTheQuestion(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        await Scenario(host);
        await host.CreateAllianceAsync(TranscriptUser.Anna, "Northwind – Tailspin", "Northwind", "Tailspin");
        await host.Transcript(TranscriptUser.Anna)
            .Send("where are we?").ExpectCard(CardKind.Choice, card =>
            {
                Assert.Equal("Which alliance?", card.Title);
                Assert.Equal(["Acme – Globex", "Northwind – Tailspin"], card.Actions.Select(a => a.Title).Order(StringComparer.Ordinal));
            })
            .ClickButton("Northwind – Tailspin").ExpectCard(CardKind.HealthCheck, card =>
            {
                Assert.Contains("Northwind – Tailspin", card.Subtitle, StringComparison.Ordinal);
                Assert.Contains(card.Body, b => b is Paragraph p && p.Text.StartsWith("No round of this alliance has closed yet", StringComparison.Ordinal));
            })
            .Send("where are we?").ExpectCard(CardKind.Choice)
            .ClickButton("Acme – Globex").ExpectCard(CardKind.HealthCheck, card => Assert.Contains("Acme – Globex", card.Subtitle, StringComparison.Ordinal))
            .RunAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task SomeoneWithoutAnAllianceIsToldHowToGetOneAndAForwardedCardDoesNotOpenAnotherAlliance(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await Scenario(host);
        await host.Transcript(TranscriptUser.Chris)
            .Send("where are we?").ExpectCard(CardKind.Info, card => Assert.Equal("No alliance yet", card.Title))
            .Click("intent.run", new Dictionary<string, string> { ["intent"] = "where-are-we", ["alliance"] = alliance.Alliance.Id.ToString() })
            .ExpectCard(CardKind.Error, card => Assert.Contains("not a member of that alliance", ((Paragraph)card.Body[0]).Text, StringComparison.Ordinal))
            .Click("intent.run", new Dictionary<string, string> { ["intent"] = "drift", ["alliance"] = "not-a-guid" })
            .ExpectCard(CardKind.Error)
            .RunAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task TooLittleDataSaysWhatItCannotTellYetAndHowManyAnswersItNeeds(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        var acme = await host.PeopleAsync(alliance, "Acme", 2);
        var globex = await host.PeopleAsync(alliance, "Globex", 1);
        await host.ClosedRoundAsync(alliance, 1, acme.Concat(globex).Select(m => (m, 4, 4)));
        await host.Transcript(TranscriptUser.Anna).Send("where are we").ExpectCard(CardKind.HealthCheck, card =>
        {
            Assert.Contains(card.Body, b => b is Heading { Text: "What I can't tell yet" });
            Assert.Contains(card.Body, b => b is Paragraph p && p.Text.Contains("needed 2 more answers to be shown (at least 5 per question)", StringComparison.Ordinal));
            Assert.DoesNotContain(card.Body, b => b is FactList facts && facts.Facts.Any(f => f.Label == "Calculative trust"));
            Assert.DoesNotContain(card.Body, b => b is ImageBlock);
            Assert.DoesNotContain(card.Body, b => b is TableBlock);
        }).RunAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.ProviderData), MemberType = typeof(TestDatabases))]
    public async Task DriftIsForManagersOnly(string provider)
    {
        await using var host = await HealthTestHost.StartAsync(provider: provider);
        await Scenario(host);
        await host.Transcript(Dana)
            .Send("drift").ExpectCard(CardKind.Error, card => Assert.Contains("Only the alliance's managers", ((Paragraph)card.Body[0]).Text, StringComparison.Ordinal))
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, card => Assert.DoesNotContain(card.Actions, a => a.Title == "Drift"))
            .As(TranscriptUser.Anna)
            .Send("where are we?").ExpectCard(CardKind.HealthCheck, card => Assert.Contains(card.Actions, a => a.Title == "Drift"))
            .ClickButton("Drift").ExpectCard(CardKind.Drift, card =>
            {
                Assert.Equal("Drift: calculative versus relational", card.Title);
                var table = card.Body.OfType<TableBlock>().Single();
                Assert.Equal(["Round", "Month", "Phase", "Calc.", "Rel.", "Gap", "Answers"], table.Header);
                Assert.Equal(4, table.Rows.Count);
                Assert.Equal("+1.0", table.Rows[^1][5]);
            })
            .As(TranscriptUser.Bram)
            .Send("verloop").ExpectCard(CardKind.Drift, card => Assert.Equal("Verloop: calculatief tegenover relationeel", card.Title))
            .RunAsync();
    }

    /// <summary>
    /// Acme – Globex in phase 1: Anna manages Acme, Bram manages Globex, Dana is a member; four closed rounds of five
    /// simulated people per partner with relational trust a point ahead (what phase 1 wants).
    /// </summary>
    private static async Task<CreatedAlliance> Scenario(HealthTestHost host)
    {
        var alliance = await host.CreateAllianceAsync(TranscriptUser.Anna, "Acme – Globex", "Acme", "Globex");
        await host.JoinAsync(alliance, "Globex", TranscriptUser.Bram, MemberRole.Manager);
        await host.JoinAsync(alliance, "Acme", Dana);
        var people = (await host.PeopleAsync(alliance, "Acme", 5)).Concat(await host.PeopleAsync(alliance, "Globex", 5)).ToList();
        for (var monthsAgo = 4; monthsAgo >= 1; monthsAgo--)
        {
            await host.ClosedRoundAsync(alliance, monthsAgo, people.Select((m, i) => (m, 3 + (i % 2), 4 + (i % 2))));
        }

        return alliance;
    }

    private static string Describe(Block block) => block switch
    {
        Heading h => h.Text,
        Paragraph p => p.Text,
        FactList f => string.Join("\n", f.Facts.Select(x => $"{x.Label}: {x.Value}")),
        BulletList b => string.Join("\n", b.Items.Prepend(b.Title ?? "")),
        TableBlock t => string.Join("\n", t.Rows.Select(r => string.Join(" | ", r))),
        _ => "",
    };
}
