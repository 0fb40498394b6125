using AllianceBot.Data.Alliances;
using AllianceBot.Data.Members;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Moq;

namespace AllianceBot.Dialogs.Tests.Alliances;

public sealed class CreateAllianceTranscripts
{
    [Fact]
    public async Task GuidedCreationSurvivesAskingForHelpMidwayAndSchedulesTheFirstRound()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Anna)
            .Send("create alliance").ExpectCard(CardKind.Choice, c => Assert.Equal("New alliance — step 1 of 6", c.Title))
            .Send("Acme–Globex").ExpectCard(CardKind.Choice, c => Assert.Contains("Which organisation", People.Texts(c), StringComparison.Ordinal))
            .Send("help").ExpectCard(CardKind.Help).ExpectMessage("Let's continue where we were:")
            .ExpectCard(CardKind.Choice, c => Assert.Contains("Which organisation", People.Texts(c), StringComparison.Ordinal))
            .Send("Acme").ExpectCard(CardKind.Choice, c => Assert.Contains("other partners", People.Texts(c), StringComparison.Ordinal))
            .Send("Globex and Initech").ExpectCard(CardKind.Choice, c => Assert.Contains("time zone", People.Texts(c), StringComparison.Ordinal))
            .Send("Mars/Olympus").ExpectMessage("I don't know the time zone \"Mars/Olympus\"").ExpectCard(CardKind.Choice)
            .Send("america/new_york").ExpectCard(CardKind.Choice, c => Assert.Contains("language", People.Texts(c), StringComparison.Ordinal))
            .ClickButton("Nederlands").ExpectCard(CardKind.Choice, c =>
            {
                Assert.Contains("Other partners: Globex, Initech", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains("Time zone: America/New_York", People.Texts(c), StringComparison.Ordinal);
            })
            .ClickButton("Create alliance").ExpectCard(CardKind.Info, c =>
            {
                Assert.Equal("Alliance \"Acme–Globex\" created", c.Title);
                Assert.Contains("Phase: 1. Getting acquainted", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains(c.Actions, a => a.Title == "Invite Globex");
            })
            .RunAsync();

        var mine = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
        Assert.Equal(("Acme–Globex", MemberRole.Manager, "Acme"), (mine.AllianceName, mine.Role, mine.PartnerName));
        var alliance = (await host.Database.GetAllianceAsync(mine.AllianceId, default))!;
        Assert.Equal(("America/New_York", "nl"), (alliance.TimeZone, alliance.Locale));
        Assert.Equal(["Acme", "Globex", "Initech"], (await host.Database.ListPartnersAsync(mine.AllianceId, default)).Select(p => p.Name).Order());
        host.Rounds.Verify(r => r.ScheduleAsync(mine.AllianceId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DutchGuidedCreationTakesTheDefaultTimeZoneAndCanBeCancelled()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Bram)
            .Send("nieuwe alliantie").ExpectCard(CardKind.Choice, c => Assert.Equal("Nieuwe alliantie — stap 1 van 6", c.Title))
            .Send("annuleer").ExpectMessage("Oké, ik ben ermee gestopt.")
            .Send("nieuwe alliantie Dell–Getronics").ExpectCard(CardKind.Choice, c => Assert.Contains("Bij welke organisatie", People.Texts(c), StringComparison.Ordinal))
            .Send("Getronics").ExpectCard(CardKind.Choice)
            .ClickButton("Nog geen andere").ExpectCard(CardKind.Choice, c => Assert.Contains("tijdzone", People.Texts(c), StringComparison.Ordinal))
            .ClickButton("Europe/Amsterdam").ExpectCard(CardKind.Choice)
            .Send("klingon").ExpectMessage("\"klingon\" is geen taal").ExpectCard(CardKind.Choice)
            .Send("nederlands").ExpectCard(CardKind.Choice, c => Assert.Contains("Andere partners: nog geen", People.Texts(c), StringComparison.Ordinal))
            .Send("ja").ExpectCard(CardKind.Info, c => Assert.Equal("Alliantie \"Dell–Getronics\" aangemaakt", c.Title))
            .RunAsync();

        var mine = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Bram.Identity, default));
        Assert.Equal("Europe/Amsterdam", (await host.Database.GetAllianceAsync(mine.AllianceId, default))!.TimeZone);
    }

    [Fact]
    public async Task GermanGuidedCreationSpeaksGermanFromTheFirstStepToTheInviteButton()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(TranscriptUser.Greta)
            .Send("neue allianz").ExpectCard(CardKind.Choice, c => Assert.Equal("Neue Allianz – Schritt 1 von 6", c.Title))
            .Send("Acme–Globex").ExpectCard(CardKind.Choice, c => Assert.Contains("Von welcher Organisation in „Acme–Globex“ sind Sie?", People.Texts(c), StringComparison.Ordinal))
            .Send("Acme").ExpectCard(CardKind.Choice, c => Assert.Contains("Wer sind neben Acme die anderen Partner?", People.Texts(c), StringComparison.Ordinal))
            .Send("Globex und Initech").ExpectCard(CardKind.Choice, c => Assert.Contains("Zeitzone", People.Texts(c), StringComparison.Ordinal))
            .Send("Mars/Olympus").ExpectMessage("Die Zeitzone „Mars/Olympus“ kenne ich nicht.").ExpectCard(CardKind.Choice)
            .Send("europe/berlin").ExpectCard(CardKind.Choice, c =>
            {
                Assert.Contains("Welche Sprache soll die Allianz standardmäßig verwenden?", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains(c.Actions, a => a.Title == "Deutsch");
            })
            .Send("klingonisch").ExpectMessage("„klingonisch“ ist keine Sprache, die ich spreche").ExpectCard(CardKind.Choice)
            .Send("deutsch").ExpectCard(CardKind.Choice, c =>
            {
                Assert.Contains("Weitere Partner: Globex, Initech", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains("Zeitzone: Europe/Berlin", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains("Sprache: Deutsch", People.Texts(c), StringComparison.Ordinal);
            })
            .Send("anlegen").ExpectCard(CardKind.Info, c =>
            {
                Assert.Equal("Allianz „Acme–Globex“ angelegt", c.Title);
                Assert.Contains("Phase: 1. Kennenlernen", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains(c.Actions, a => a.Title == "Globex einladen");
            })
            .RunAsync();

        var mine = Assert.Single(await host.Database.ListMyAlliancesAsync(TranscriptUser.Greta.Identity, default));
        var alliance = (await host.Database.GetAllianceAsync(mine.AllianceId, default))!;
        Assert.Equal(("Europe/Berlin", "de"), (alliance.TimeZone, alliance.Locale));
    }

    [Fact]
    public async Task CancelInTheMiddleSavesNothing()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Anna)
            .Send("create alliance").ExpectCard(CardKind.Choice)
            .Send("Acme–Globex").ExpectCard(CardKind.Choice)
            .Send("cancel").ExpectMessage("OK, I stopped that. Nothing was saved.")
            .Send("Acme").ExpectCard(CardKind.Choice, c => Assert.Equal("Did you mean…", c.Title))
            .RunAsync();
        Assert.Empty(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
    }

    [Theory]
    [InlineData("create alliance \"Acme–Globex\" as Acme with Globex, Initech tz Europe/Amsterdam lang nl", "Acme–Globex", "Acme", "Globex,Initech", "Europe/Amsterdam", "nl")]
    [InlineData("nieuwe alliantie “Cisco KPN” als KPN met Cisco en Ordina taal en tijdzone europe/london", "Cisco KPN", "KPN", "Cisco,Ordina", "Europe/London", "en")]
    [InlineData("new alliance Joint Venture as Acme", "Joint Venture", "Acme", "", "Europe/Amsterdam", "en")]
    [InlineData("neue allianz „Acme–Globex“ als Acme mit Globex und Initech zeitzone Europe/Berlin sprache de", "Acme–Globex", "Acme", "Globex,Initech", "Europe/Berlin", "de")]
    public async Task OneLineFormCreatesWithoutQuestions(string line, string name, string organisation, string partners, string zone, string language)
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Anna).Send(line).ExpectCard(CardKind.Info, c => Assert.Contains(name, c.Title, StringComparison.Ordinal)).RunAsync();

        var mine = Assert.Single(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
        var alliance = (await host.Database.GetAllianceAsync(mine.AllianceId, default))!;
        Assert.Equal((name, organisation, zone, language, Phase.GettingAcquainted), (alliance.Name, mine.PartnerName, alliance.TimeZone, alliance.Locale, alliance.Phase));
        var others = (await host.Database.ListPartnersAsync(mine.AllianceId, default)).Select(p => p.Name).Where(p => p != organisation).Order();
        Assert.Equal(partners, string.Join(",", others));
        host.Rounds.Verify(r => r.ScheduleAsync(mine.AllianceId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("create alliance \"Acme\" as Acme tz Mars/Base", "I don't know the time zone \"Mars/Base\"")]
    [InlineData("create alliance \"Acme\" as Acme lang fr", "\"fr\" is not a language I speak")]
    [InlineData("create alliance \"Acme\" please as Acme", "I don't know what to do with \"please\"")]
    public async Task OneLineProblemsAreExplainedWithTheGrammar(string line, string problem)
    {
        await using var host = await AllianceTestHost.StartAsync();
        await host.Transcript(People.Anna).Send(line).ExpectCard(CardKind.Error, c =>
        {
            Assert.Contains(problem, People.Texts(c), StringComparison.Ordinal);
            Assert.Contains("create alliance \"Acme–Globex\" as Acme with Globex", People.Texts(c), StringComparison.Ordinal);
        }).RunAsync();
        Assert.Empty(await host.Database.ListMyAlliancesAsync(People.Anna.Identity, default));
    }

    [Fact]
    public void TheStepFunctionIsPureAndKeepsTheStateOnBadInput()
    {
        var state = new Dialogs.Alliances.CreateAllianceState(Dialogs.Alliances.CreateStep.TimeZone, "A", "B", []);
        var (same, problem) = Dialogs.Alliances.CreateAllianceDialog.Apply(state, "CET");
        Assert.Same(state, same);
        Assert.NotNull(problem);
        var (next, none) = Dialogs.Alliances.CreateAllianceDialog.Apply(state, "");
        Assert.Null(none);
        Assert.Equal((Dialogs.Alliances.CreateStep.Language, "Europe/Amsterdam"), (next.Step, next.TimeZone));
    }
}
