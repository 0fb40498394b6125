using AllianceBot.Dialogs.Help;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;
using AllianceBot.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace AllianceBot.Dialogs.Tests.Routing;

public sealed class RouterTranscriptTests : IDisposable
{
    private readonly DialogTestHost host = new(s => s.AddDialog<FailingDialog>().AddDialog<EchoDialog>());

    public void Dispose() => host.Dispose();

    [Fact]
    public Task HelpAndHulpAnswerWithTheHelpCardInTheirLanguage() => host.Transcript()
        .Send("help").ExpectCard(CardKind.Help, c =>
        {
            Assert.Equal("What I can do", c.Title);
            Assert.Contains(c.Body.OfType<BulletList>(), b => b.Title == "For everyone" && b.Items.Any(i => i.StartsWith("where are we?", StringComparison.Ordinal)));
            Assert.Contains(c.Body.OfType<BulletList>(), b => b.Title == "For alliance managers" && b.Items.Any(i => i.StartsWith("phase 1|2|3", StringComparison.Ordinal)));
            Assert.Contains(c.Actions, a => a.Title == "Where are we?");
        })
        .Send("hulp").ExpectCard(CardKind.Help, c =>
        {
            Assert.Equal("Wat ik kan", c.Title);
            Assert.Contains(c.Body.OfType<BulletList>(), b => b.Title == "Voor iedereen" && b.Items.Any(i => i.StartsWith("waar staan we?", StringComparison.Ordinal)));
        })
        .Send("hilfe").ExpectCard(CardKind.Help, c =>
        {
            Assert.Equal("Was ich kann", c.Title);
            Assert.Contains(c.Body.OfType<BulletList>(), b => b.Title == "Für alle" && b.Items.Any(i => i.StartsWith("wo stehen wir?", StringComparison.Ordinal)));
            Assert.Contains(c.Body.OfType<BulletList>(), b => b.Title == "Für Allianzmanager" && b.Items.Any(i => i.StartsWith("phase 1|2|3", StringComparison.Ordinal)));
            Assert.Contains(c.Actions, a => a.Title == "Wo stehen wir?");
        })
        .As(TranscriptUser.Bram).Send("help").ExpectCard(CardKind.Help, c => Assert.Equal("Wat ik kan", c.Title))
        .As(TranscriptUser.Greta).Send("help").ExpectCard(CardKind.Help, c => Assert.Equal("Was ich kann", c.Title))
        .As(TranscriptUser.Chris).Send("@AllianceBot help").ExpectCard(CardKind.Help, c => Assert.Equal("What I can do", c.Title))
        .RunAsync();

    [Fact]
    public Task InstallGreetsWithTheWelcomeCardAndUninstallIsSilent() => host.Transcript()
        .Install().ExpectCard(CardKind.Welcome, c =>
        {
            Assert.Equal("Welcome to AllianceBot", c.Title);
            Assert.StartsWith("Hello Anna!", Assert.IsType<Paragraph>(c.Body[0]).Text, StringComparison.Ordinal);
            Assert.Equal(["Where are we?", "Help", "The model explained"], c.Actions.Select(a => a.Title));
        })
        .ClickButton("Help").ExpectCard(CardKind.Help)
        .As(TranscriptUser.Bram).Install().ExpectCard(CardKind.Welcome, c => Assert.Equal("Welkom bij AllianceBot", c.Title))
        .Uninstall().ExpectNoReply()
        .As(TranscriptUser.Greta).Install().ExpectCard(CardKind.Welcome, c =>
        {
            Assert.Equal("Willkommen bei AllianceBot", c.Title);
            Assert.StartsWith("Hallo Greta!", Assert.IsType<Paragraph>(c.Body[0]).Text, StringComparison.Ordinal);
            Assert.Equal(["Wo stehen wir?", "Hilfe", "Das Modell erklärt"], c.Actions.Select(a => a.Title));
        })
        .ClickButton("Hilfe").ExpectCard(CardKind.Help, c => Assert.Equal("Was ich kann", c.Title))
        .RunAsync();

    [Fact]
    public Task UnknownTextGetsDidYouMeanWithTheClosestCommandsAsButtons() => host.Transcript()
        .Send("joinn ABCD-2345").ExpectCard(CardKind.Choice, c =>
        {
            Assert.Equal("Did you mean…", c.Title);
            Assert.Contains("\"joinn ABCD-2345\"", Assert.IsType<Paragraph>(c.Body[0]).Text, StringComparison.Ordinal);
            Assert.Equal(3, c.Actions.Count);
            Assert.Contains(c.Actions, a => a.Title == "Join");
        })
        .As(TranscriptUser.Bram).Send("👍").ExpectCard(CardKind.Choice, c =>
            Assert.Equal(["Waar staan we?", "Mijn pulse", "Hulp"], c.Actions.Select(a => a.Title)))
        .ClickButton("Hulp").ExpectCard(CardKind.Help, c => Assert.Equal("Wat ik kan", c.Title))
        .Send(new string('x', 10_000)).ExpectCard(CardKind.Choice, c =>
            Assert.True(Assert.IsType<Paragraph>(c.Body[0]).Text.Length < 200))
        .Send("").ExpectCard(CardKind.Choice)
        .RunAsync();

    [Fact]
    public Task ButtonOnADutchCardAnswersInDutchEvenForAnEnglishClient() => host.Transcript(TranscriptUser.Bram)
        .Send("blabla").ExpectCard(CardKind.Choice)
        .As(TranscriptUser.Anna).ClickButton("Hulp").ExpectCard(CardKind.Help, c => Assert.Equal("Wat ik kan", c.Title))
        .RunAsync();

    [Fact]
    public Task UnderstoodCommandWithoutADialogSaysSoInsteadOfStayingSilent() => host.Transcript()
        .Send("where are we?").ExpectCard(CardKind.Info, c =>
            Assert.Equal("I understood \"Where are we?\", but that isn't available here yet.", Assert.IsType<Paragraph>(c.Body[0]).Text))
        .RunAsync();

    [Fact]
    public Task FailingHandlerBecomesAnErrorCardNotAnException() => host.Transcript()
        .Send("demo").ExpectCard(CardKind.Error, c =>
        {
            Assert.Contains("Nothing was lost", Assert.IsType<Paragraph>(c.Body[0]).Text, StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{8}$", Assert.IsType<FactList>(c.Body[1]).Facts[0].Value);
        })
        .As(TranscriptUser.Bram).Send("demo").ExpectCard(CardKind.Error, c => Assert.Equal("Er ging iets mis", c.Title))
        .RunAsync();

    [Fact]
    public Task HandlersGetLanguageIntentAndParsedArguments() => host.Transcript()
        .Send("fase 2 contract getekend").ExpectMessage(m => Assert.Equal("nl|phase|phase=2;reason=contract getekend|", m.Text))
        .Send("phase 3").ExpectMessage(m => Assert.Equal("en|phase|phase=3|", m.Text))
        .Click(EchoDialog.Verb, new Dictionary<string, string> { ["x"] = "42", ["lang"] = "nl" })
        .ExpectMessage(m => Assert.Equal("nl|||42", m.Text))
        .Click("intent.run", new Dictionary<string, string> { ["intent"] = "phase", ["phase"] = "2" })
        .ExpectMessage(m => Assert.Equal("en|phase|phase=2|", m.Text))
        .RunAsync();

    [Fact]
    public Task UnknownVerbOrIntentKeyFromAnOldCardIsAnsweredNotIgnored() => host.Transcript()
        .Click("feature.that.was.removed").ExpectCard(CardKind.Choice)
        .Click("intent.run", new Dictionary<string, string> { ["intent"] = "no-such-intent" }).ExpectCard(CardKind.Choice)
        .RunAsync();

    [Fact]
    public Task CancelWithNothingActiveSaysSo() => host.Transcript()
        .Send("cancel").ExpectMessage("There is nothing to cancel.")
        .As(TranscriptUser.Bram).Send("annuleer").ExpectMessage("Er is niets om te annuleren.")
        .As(TranscriptUser.Greta).Send("abbrechen").ExpectMessage("Es gibt nichts abzubrechen.")
        .RunAsync();

    [Fact]
    public Task GermanGetsGermanDidYouMeanAndErrorCards() => host.Transcript(TranscriptUser.Greta)
        .Send("beitretten ABCD-2345").ExpectCard(CardKind.Choice, c =>
        {
            Assert.Equal("Meinten Sie …", c.Title);
            Assert.Contains("„beitretten ABCD-2345“", Assert.IsType<Paragraph>(c.Body[0]).Text, StringComparison.Ordinal);
            Assert.Contains(c.Actions, a => a.Title == "Beitreten");
        })
        .Send("demo").ExpectCard(CardKind.Error, c =>
        {
            Assert.Equal("Etwas ist schiefgegangen", c.Title);
            Assert.Contains("Es ist nichts verloren gegangen", Assert.IsType<Paragraph>(c.Body[0]).Text, StringComparison.Ordinal);
        })
        .RunAsync();

    [Fact]
    public async Task StoredLanguageSettingWinsAndAllianceDefaultFillsAMissingLocale()
    {
        using var dutchUser = new DialogTestHost(s => s.AddSingleton<ILanguagePreference>(new FixedLanguagePreference(Language.Nl, null)));
        await dutchUser.Transcript(TranscriptUser.Anna)
            .Send("help").ExpectCard(CardKind.Help, c => Assert.Equal("Wat ik kan", c.Title))
            .RunAsync();

        using var englishUser = new DialogTestHost(s => s.AddSingleton<ILanguagePreference>(new FixedLanguagePreference(Language.En, null)));
        await englishUser.Transcript(TranscriptUser.Bram)
            .Send("hulp").ExpectCard(CardKind.Help, c => Assert.Equal("What I can do", c.Title))
            .RunAsync();

        using var dutchAlliance = new DialogTestHost(s => s.AddSingleton<ILanguagePreference>(new FixedLanguagePreference(null, Language.Nl)));
        await dutchAlliance.Transcript(TranscriptUser.Chris)
            .Send("help").ExpectCard(CardKind.Help, c => Assert.Equal("Wat ik kan", c.Title))
            .As(TranscriptUser.Anna).Send("help").ExpectCard(CardKind.Help, c => Assert.Equal("What I can do", c.Title))
            .RunAsync();
    }

    [Fact]
    public void TwoDialogsClaimingTheSameIntentStopTheRouterAtStartUp()
    {
        using var conflicting = new DialogTestHost(s => s.AddDialog<SecondHelpDialog>());

        var error = Assert.Throws<InvalidOperationException>(() => conflicting.Router);
        Assert.Contains("SecondHelpDialog registers intent 'help', which HelpDialog already handles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpCardListsEveryCommandOfTheTableInEveryLanguage()
    {
        var catalog = TextCatalog.LoadEmbedded();
        foreach (var language in Languages.Supported)
        {
            var card = HelpCards.Help(catalog.For(language));
            var lines = card.Body.OfType<BulletList>().SelectMany(b => b.Items).ToList();
            foreach (var definition in IntentTable.All.Where(d => d.ShowInHelp))
            {
                Assert.Contains(lines, l => l.StartsWith(definition.Phrasing(language).Usage + " — ", StringComparison.Ordinal));
            }
        }
    }
}
