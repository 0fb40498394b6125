using AllianceBot.Trust;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Dialogs.Localization;
using AllianceBot.Dialogs.Routing.Guided;
using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Routing;

public sealed class GuidedDialogTests : IDisposable
{
    private readonly DialogTestHost host = new(s => s.AddDialog<TinyCreateDialog>());

    public void Dispose() => host.Dispose();

    [Fact]
    public Task GuidedDialogTakesFreeTextAsItsAnswersUntilDone() => host.Transcript()
        .Send("create alliance").ExpectMessage("What is the alliance called?")
        .Send("Health Check Partners").ExpectCard(CardKind.Info, c => Assert.Equal("Partner?", c.Title))
        .Send("Getronics").ExpectCard(CardKind.Info, c => Assert.Equal("Health Check Partners with Getronics", Assert.IsType<Paragraph>(c.Body[0]).Text))
        .Then(() => Assert.Empty(host.States.All))
        .RunAsync();

    [Fact]
    public Task ADifferentCommandIsAnsweredAndTheDialogResumesAfter() => host.Transcript()
        .Send("create alliance Dell Getronics").ExpectCard(CardKind.Info, c => Assert.Equal("Partner?", c.Title))
        .Send("help").ExpectCard(CardKind.Help)
            .ExpectMessage("Let's continue where we were:")
            .ExpectCard(CardKind.Info, c => Assert.Equal("Who is the partner of Dell Getronics?", Assert.IsType<Paragraph>(c.Body[0]).Text))
        .Send("Getronics").ExpectCard(CardKind.Info, c => Assert.Equal("Created", c.Title))
        .RunAsync();

    [Fact]
    public Task CancelAndStopEndTheDialogWithoutSaving() => host.Transcript()
        .Send("create alliance").ExpectMessage("What is the alliance called?")
        .Send("cancel").ExpectMessage("OK, I stopped that. Nothing was saved.")
        .Then(() => Assert.Empty(host.States.All))
        .Send("Acme").ExpectCard(CardKind.Choice)
        .As(TranscriptUser.Bram).Send("nieuwe alliantie").ExpectMessage("What is the alliance called?")
        .Send("stop").ExpectMessage("Oké, ik ben ermee gestopt. Er is niets opgeslagen.")
        .RunAsync();

    [Fact]
    public Task WanderingOffForADayThenAnsweringResumes() => host.Transcript()
        .Send("create alliance").ExpectMessage("What is the alliance called?")
        .Then(() => host.Time.Advance(TimeSpan.FromDays(1)))
        .Send("Acme").ExpectCard(CardKind.Info, c => Assert.Equal("Partner?", c.Title))
        .ClickButton("Skip").ExpectCard(CardKind.Info, c => Assert.Equal("Acme with (none)", Assert.IsType<Paragraph>(c.Body[0]).Text))
        .RunAsync();

    [Fact]
    public Task AnExpiredDialogNoLongerCapturesTextAndItsButtonsSaySo() => host.Transcript()
        .Send("create alliance Acme").ExpectCard(CardKind.Info)
        .Then(() => host.Time.Advance(TimeSpan.FromDays(4)))
        .ClickButton("Skip").ExpectMessage("That conversation has expired. Please start again.")
        .Send("Getronics").ExpectCard(CardKind.Choice)
        .RunAsync();

    [Fact]
    public Task TheDialogBelongsToItsPersonAndConversation() => host.Transcript()
        .Send("create alliance").ExpectMessage("What is the alliance called?")
        .As(TranscriptUser.Bram).Send("Acme").ExpectCard(CardKind.Choice)
        .As(TranscriptUser.Anna.InChannel()).Send("Acme").ExpectCard(CardKind.Choice)
        .As(TranscriptUser.Anna).Send("Acme").ExpectCard(CardKind.Info, c => Assert.Equal("Partner?", c.Title))
        .RunAsync();

    [Fact]
    public void NextIsAPureFunctionOfStateAndInput()
    {
        var dialog = new TinyCreateDialog(host.States, host.Time);
        var texts = TextCatalog.LoadEmbedded().For(Language.En);

        var asked = dialog.Next(new TinyCreateDialog.State(null, null), new DialogInput(DialogInputKind.Begin, texts));
        var named = dialog.Next(asked.State!, new DialogInput(DialogInputKind.Text, texts, "  Acme "));
        var resumed = dialog.Next(named.State!, new DialogInput(DialogInputKind.Resume, texts));
        var done = dialog.Next(named.State!, new DialogInput(DialogInputKind.Text, texts, "Getronics"));

        Assert.Equal(new TinyCreateDialog.State("Acme", null), named.State);
        Assert.Equal(named.State, resumed.State);
        Assert.True(done.IsFinished);
        Assert.Empty(host.States.All);
    }

    [Fact]
    public async Task StateIsStoredAsJsonPerIdentityAndDialogWithExpiry()
    {
        await host.Transcript().Send("create alliance Acme").ExpectCard(CardKind.Info).RunAsync();

        var record = Assert.Single(host.States.All);
        Assert.Equal("test-create", record.DialogName);
        Assert.Equal("""{"name":"Acme","partner":null}""", record.StateJson);
        Assert.Equal("a:anna-1on1", record.ConversationId);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromDays(3), record.ExpiresAt);
    }

    [Fact]
    public void RecognizedIntentsDuringTheDialogAreOfferedToIt()
    {
        var fuzzy = new IntentMatch(Intent.WhereAreWe, MatchKind.Fuzzy, 0.8, null, IntentArguments.Empty);
        var command = fuzzy with { Kind = MatchKind.Command };
        var dialog = new TinyCreateDialog(host.States, host.Time);

        Assert.False(dialog.YieldsTo(fuzzy));
        Assert.True(dialog.YieldsTo(command));
    }
}
