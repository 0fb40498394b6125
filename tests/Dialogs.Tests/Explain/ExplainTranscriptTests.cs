using AllianceBot.Dialogs.Tests.Harness;
using AllianceBot.Dialogs.Views;

namespace AllianceBot.Dialogs.Tests.Explain;

/// <summary>Issue 17: the five questions a new member asked now get real answers, in English and Dutch.</summary>
public sealed class ExplainTranscriptTests : IDisposable
{
    private readonly DialogTestHost host = new();

    public void Dispose() => host.Dispose();

    private static string Text(CardView card) => string.Join('\n', card.Body.SelectMany(b => b switch
    {
        Paragraph p => [p.Text],
        BulletList l => [l.Title ?? "", .. l.Items],
        _ => Array.Empty<string>(),
    }));

    [Fact]
    public Task TheFiveQuestionsGetRealAnswersInEnglish() => host.Transcript(TranscriptUser.Anna)
        .Send("what is the NAV model?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("The NAV model in brief", c.Title);
            Assert.Contains("twenty alliance experts", Text(c), StringComparison.Ordinal);
            Assert.Contains("move further to the right", Text(c), StringComparison.Ordinal);
            Assert.Contains(c.Actions, a => a.Title == "Dell and Getronics");
        })
        .Send("what does calculative trust mean?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("Calculative trust", c.Title);
            Assert.Contains("reputation, certifications and diplomas", Text(c), StringComparison.Ordinal);
            Assert.Contains("contracts, safeguards", Text(c), StringComparison.Ordinal);
        })
        .Send("what is relational trust?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("Relational trust", c.Title);
            Assert.Contains("loyalty", Text(c), StringComparison.Ordinal);
        })
        .Send("which phases are there?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("The three phases", c.Title);
            var items = Assert.Single(c.Body.OfType<BulletList>()).Items;
            Assert.Equal(3, items.Count);
            Assert.StartsWith("1 Getting acquainted", items[0], StringComparison.Ordinal);
            Assert.StartsWith("2 Confirmation", items[1], StringComparison.Ordinal);
            Assert.StartsWith("3 Execution and closure", items[2], StringComparison.Ordinal);
            Assert.Contains("Why the emphasis moves", Text(c), StringComparison.Ordinal);
        })
        .Send("what happened with Dell and Getronics?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("The Dell/Getronics lesson", c.Title);
            Assert.Contains("going through the model's three phases again", Text(c), StringComparison.Ordinal);
            Assert.Contains("not had enough attention", Text(c), StringComparison.Ordinal);
        })
        .Send("glossary").ExpectCard(CardKind.Info, c => Assert.Contains(Assert.Single(c.Body.OfType<BulletList>()).Items, i => i.StartsWith("Balance", StringComparison.Ordinal)))
        .RunAsync();

    [Fact]
    public Task TheFiveQuestionsGetRealAnswersInDutch() => host.Transcript(TranscriptUser.Bram)
        .Send("wat is het NAV-model?").ExpectCard(CardKind.Info, c => Assert.Equal("Het NAV-model in het kort", c.Title))
        .Send("wat betekent calculatief vertrouwen?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("Calculatief vertrouwen", c.Title);
            Assert.Contains("reputatie, certificeringen en diploma's", Text(c), StringComparison.Ordinal);
        })
        .Send("wat is relationeel vertrouwen?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("Relationeel vertrouwen", c.Title);
            Assert.Contains("koffie drinken langs de snelweg", Text(c), StringComparison.Ordinal);
        })
        .Send("welke fasen zijn er?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("De drie fasen", c.Title);
            Assert.Equal(3, Assert.Single(c.Body.OfType<BulletList>()).Items.Count);
        })
        .Send("wat gebeurde er met Dell en Getronics?").ExpectCard(CardKind.Info, c =>
        {
            Assert.Equal("De les van Dell en Getronics", c.Title);
            Assert.Contains("doorlopen ze de drie fasen van het model opnieuw", Text(c), StringComparison.Ordinal);
        })
        .RunAsync();

    [Fact]
    public Task EnglishSpeakerAskingInDutchGetsDutchAndTheTopicsLinkToEachOther() => host.Transcript(TranscriptUser.Anna)
        .Send("wat is relationeel vertrouwen?").ExpectCard(CardKind.Info, c => Assert.Equal("Relationeel vertrouwen", c.Title))
        .ClickButton("De drie fasen").ExpectCard(CardKind.Info, c => Assert.Equal("De drie fasen", c.Title))
        .ClickButton("Woordenlijst").ExpectCard(CardKind.Info, c => Assert.Equal("Woordenlijst", c.Title))
        .RunAsync();

    [Fact]
    public Task ReachableFromHelpAndWelcomeAndAnsweredInAChannel() => host.Transcript(TranscriptUser.Anna)
        .Install().ExpectCard(CardKind.Welcome)
        .ClickButton("The model explained").ExpectCard(CardKind.Info, c => Assert.Equal("The NAV model in brief", c.Title))
        .Send("help").ExpectCard(CardKind.Help, c => Assert.Contains(c.Body.OfType<BulletList>(), b => b.Items.Any(i => i.StartsWith("explain the model", StringComparison.Ordinal))))
        .ClickButton("The model explained").ExpectCard(CardKind.Info)
        .As(TranscriptUser.Anna.InChannel()).Send("which phases are there?").ExpectCard(CardKind.Info, c => Assert.Equal("The three phases", c.Title))
        .RunAsync();
}
