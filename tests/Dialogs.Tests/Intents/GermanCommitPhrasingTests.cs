using AllianceBot.Dialogs.Commitments;
using AllianceBot.Dialogs.Intents;
using AllianceBot.Trust;

namespace AllianceBot.Dialogs.Tests.Intents;

/// <summary>
/// Issue 17: "commit N for NAME by ROUND" in German — every German commit command with an owner and a due round is
/// recognised as a commitment, as German, and its details parse into the owner and the round.
/// </summary>
public sealed class GermanCommitPhrasingTests
{
    [Theory]
    [InlineData("verpflichten 2 für Anna bis 5", 2, "Anna", 5)]
    [InlineData("Verpflichten 2 für Anna Müller bis Runde 5", 2, "Anna Müller", 5)]
    [InlineData("verpflichten zwei für Bram bis zur Runde sechs", 2, "Bram", 6)]
    [InlineData("versprechen 3 für Bram spätestens Runde 7", 3, "Bram", 7)]
    [InlineData("wir versprechen 1 bis 4", 1, null, 4)]
    [InlineData("wir verpflichten uns zu 2 für Dana", 2, "Dana", null)]
    [InlineData("zusage für punkt 2 für Anna bis Runde 6", 2, "Anna", 6)]
    [InlineData("zusagen zu punkt 3 für Runde 8", 3, null, 8)]
    [InlineData("zusage geben 1 für Anna", 1, "Anna", null)]
    [InlineData("zusage 4 für Anna bis zum Ende der Runde 9", 4, "Anna", 9)]
    public void GermanCommitPhrasingIsACommitmentWithOwnerAndRound(string text, int item, string? owner, int? due)
    {
        var recognition = Recognizers.Default.Recognize(text);

        Assert.True(recognition.Match is not null, $"\"{text}\" not recognized; suggestions: {string.Join(", ", recognition.Suggestions)}");
        Assert.Equal(Intent.Commit, recognition.Match.Intent);
        Assert.Equal(item, recognition.Match.Arguments.Integer(Arg.Item));
        Assert.Equal(Language.De, recognition.Language);
        Assert.Equal(new CommitDetails(owner, due, null), CommitDetails.Parse(recognition.Match.Arguments.Text(Arg.Details)));
    }

    /// <summary>"zusagen" alone is the list (the plural noun); "zusage N …" (the singular) makes one.</summary>
    [Fact]
    public void ZusagenListsAndZusageWithANumberCommits()
    {
        Assert.Equal(Intent.Commitments, Recognizers.Default.Recognize("zusagen").Match?.Intent);
        var commit = Recognizers.Default.Recognize("Zusage 2 für Anna bis Runde 5").Match;
        Assert.Equal((Intent.Commit, (int?)2), (commit?.Intent, commit?.Arguments.Integer(Arg.Item)));
        Assert.Equal(new CommitDetails("Anna", 5, null), CommitDetails.Parse(commit!.Arguments.Text(Arg.Details)));
    }
}
