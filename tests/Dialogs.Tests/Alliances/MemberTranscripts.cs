using AllianceBot.Data.Members;
using AllianceBot.Data.Responses;
using AllianceBot.Data.Rounds;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Alliances;

public sealed class MemberTranscripts
{
    [Fact]
    public async Task RemindersAndLanguageAreStoredPerMemberInBothLanguages()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        await host.Transcript(People.Dirk)
            .Send("stop reminders").ExpectMessage("OK, no more reminders for \"Acme–Globex\".")
            .As(People.Eva).Send("geen herinneringen").ExpectMessage("Goed, geen herinneringen meer")
            .As(People.Eva).Send("herinneringen aan").ExpectMessage("Herinneringen staan weer aan voor \"Acme–Globex\".")
            .As(People.Dirk).Send("language nl").ExpectMessage("Vanaf nu spreek ik Nederlands met je.")
            .Send("help").ExpectCard(CardKind.Help, c => Assert.Equal("nl", ((SubmitAction)c.Actions[0]).Data["lang"]))
            .Send("taal engels").ExpectMessage("From now on I speak English with you.")
            .Send("language").ExpectMessage("I speak English with you now.")
            .As(People.Olga).Send("language nl").ExpectMessage("Ik volg nu de taal van je app.")
            .RunAsync();

        var id = (await host.Database.ListMyAlliancesAsync(People.Dirk.Identity, default))[0].AllianceId;
        var dirk = (await host.Database.FindMembershipAsync(id, People.Dirk.Identity, default))!;
        Assert.Equal((false, "en"), (dirk.RemindersEnabled, dirk.LanguageOverride));
        Assert.True((await host.Database.FindMembershipAsync(id, People.Eva.Identity, default))!.RemindersEnabled);
    }

    [Fact]
    public async Task MyDataShowsWhatIsStoredAndCountsAnswersWithoutListingThem()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        await host.Transcript(People.Bram)
            .Send("mijn gegevens").ExpectCard(CardKind.Info, c =>
            {
                var text = People.Texts(c);
                Assert.Equal("Wat ik over je bewaar", c.Title);
                Assert.Contains("Kanaal: msteams", text, StringComparison.Ordinal);
                Assert.Contains("Tenant / werkruimte: tenant-b", text, StringComparison.Ordinal);
                Assert.Contains("Gebruikers-id: 29:bram", text, StringComparison.Ordinal);
                Assert.Contains("Organisatie: Globex", text, StringComparison.Ordinal);
                Assert.Contains("Rol: manager", text, StringComparison.Ordinal);
                Assert.Contains("Antwoorden gegeven: 0 in 0 ronde(s)", text, StringComparison.Ordinal);
            })
            .As(People.Chris).Send("my data").ExpectCard(CardKind.Info, c =>
            {
                Assert.Contains("Channel: slack", People.Texts(c), StringComparison.Ordinal);
                Assert.Contains("Locale: not known", People.Texts(c), StringComparison.Ordinal);
            })
            .As(People.Olga).Send("my data").ExpectMessage("I store nothing about you.")
            .RunAsync();
    }

    /// <summary>Issue 13: a "don't know" is one of my answers, and "my data" says how many of them were.</summary>
    [Fact]
    public async Task MyDataCountsDontKnowAnswersAmongMyAnswers()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        var id = (await host.Database.ListMyAlliancesAsync(People.Chris.Identity, default))[0].AllianceId;
        var chris = (await host.Database.FindMembershipAsync(id, People.Chris.Identity, default))!;
        var opened = DateTimeOffset.UtcNow.AddHours(-1);
        var round = (await host.Database.OpenRoundAsync(new NewRound(id, "dk-round", RoundKind.Regular,
            """["calc.agreements.safeguarded","rel.intentions.anchor"]""", opened, opened.AddDays(7)), default)).Round;
        await host.Database.RecordAnswersAsync(round.Id, chris.Id, new Dictionary<string, int>
        {
            ["calc.agreements.safeguarded"] = AnswerValue.DontKnow,
            ["rel.intentions.anchor"] = 4,
        }, opened.AddMinutes(5), default);

        await host.Transcript(People.Chris).Send("my data").ExpectCard(CardKind.Info, c =>
        {
            Assert.Contains("Answers given: 2 in 1 round(s)", People.Texts(c), StringComparison.Ordinal);
            Assert.Contains("Of these, \"Don't know / not applicable\": 1", People.Texts(c), StringComparison.Ordinal);
        }).RunAsync();
    }

    [Fact]
    public async Task LeaveAndForgetMeNeedTheirOwnConfirmation()
    {
        await using var host = await AllianceTestHost.StartAsync();
        await Scenario.FullAsync(host);
        CardView? forget = null;
        await host.Transcript(People.Dirk)
            .Send("forget me").ExpectCard(CardKind.Confirm, c =>
            {
                forget = c;
                Assert.Contains("stay as they are", People.Texts(c), StringComparison.Ordinal);
            })
            .RunAsync();
        var button = (SubmitAction)forget!.Actions[0];

        await host.Transcript(People.Eva)
            .Click(button.Verb, button.Data).ExpectMessage("That button was meant for someone else")
            .Send("alliantie verlaten").ExpectCard(CardKind.Confirm, c => Assert.Contains("\"vergeet mij\" wist ook die", People.Texts(c), StringComparison.Ordinal))
            .ClickButton("Verlaten").ExpectReplacedCard(CardKind.Info, c => Assert.Equal("Je bent vertrokken", c.Title))
            .As(People.Dirk).Click(button.Verb, button.Data).ExpectReplacedCard(CardKind.Info, c =>
                Assert.StartsWith("Done. I deleted 1 membership(s), 0 answer(s) and 0 comment(s)", People.Texts(c), StringComparison.Ordinal))
            .As(People.Dirk).Send("my data").ExpectMessage("I store nothing about you.")
            .As(People.Anna).Send("vergeet mij").ExpectCard(CardKind.Confirm, c => Assert.Contains("laatste manager van Acme", People.Texts(c), StringComparison.Ordinal))
            .RunAsync();

        Assert.Empty(await host.Database.ListMyAlliancesAsync(People.Eva.Identity, default));
        Assert.Null(await new ContactStore(host.Database).FindAsync(People.Dirk.Identity, default));
        Assert.NotNull(await new ContactStore(host.Database).FindAsync(People.Eva.Identity, default));
    }
}
